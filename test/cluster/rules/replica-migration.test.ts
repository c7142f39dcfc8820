// Replica migration (spec §14, §8 steps 5a and 8; clusterCron and
// clusterHandleSlaveMigration in cluster.c 7.0.15): a replica of the master
// with the most working replicas moves to an orphaned master (slots,
// MIGRATE_TO, no working replica) once it has been orphaned for more than
// 5 s, if its own master keeps more than cluster-migration-barrier replicas
// and it has the smallest ID among the candidates.

import { describe, expect, it } from 'vitest';
import {
  CLUSTER_FAIL,
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_MIGRATE_TO,
  CLUSTER_NODE_PFAIL,
  CLUSTER_OK,
  CLUSTER_SLAVE_MIGRATION_DELAY,
} from '../../../sim/cluster/constants.ts';
import type { ServerConfig } from '../../../sim/config/index.ts';
import { clusterCron } from '../../../sim/cluster/cron.ts';
import { clusterDelSlot } from '../../../sim/cluster/node-table.ts';
import { ID, THREE_BY_ONE, events, formed, logs, node, type Label, type TestState } from './helpers.ts';

/** A has A1 and A2; B's only replica B1 just failed: B is orphaned. */
function orphan(me: Label, config: Partial<ServerConfig> = {}): TestState {
  const layout = { ...THREE_BY_ONE, replicas: [...THREE_BY_ONE.replicas, ['A2', 'A']] as typeof THREE_BY_ONE.replicas };
  const t = formed(me, { layout, config });
  node(t, 'B1').flags |= CLUSTER_NODE_FAIL;
  return t;
}

/** Run the cron every 100 ms until `ms` later (fresh pongs: no timeouts interfere). */
function runFor(t: TestState, ms: number): void {
  const end = t.env.now + ms;
  while (t.env.now < end) {
    t.env.now += 100;
    for (const n of t.cs.nodes.values()) if (n !== t.cs.myself) [n.pongReceived, n.dataReceived, n.pingSent] = [t.env.now, t.env.now, 0];
    clusterCron(t.cs);
  }
}

describe('replica migration', () => {
  it('the candidate moves to the orphaned master after it has been orphaned for more than 5 s', () => {
    const t = orphan('A1');
    runFor(t, 100);
    const since = node(t, 'B').orphanedTime;
    expect(since).toBe(t.env.now);
    runFor(t, CLUSTER_SLAVE_MIGRATION_DELAY);
    expect(t.cs.myself.slaveof).toBe(node(t, 'A')); // exactly 5000 ms: not yet
    runFor(t, 100);
    expect(t.cs.myself.slaveof).toBe(node(t, 'B'));
    expect(logs(t, 'warning')).toEqual([`Migrating to orphaned master ${ID.B}`]);
    expect(events(t, 'replica-migrated')).toEqual(['A1 from=A to=B']);
  });

  it('only the replica with the smallest ID among the best-served masters moves', () => {
    const t = orphan('A2'); // a1a1… < a2a2…
    runFor(t, 6000);
    expect(t.cs.myself.slaveof).toBe(node(t, 'A'));
  });

  it('not if my master would keep no more than cluster-migration-barrier working replicas', () => {
    const t = orphan('A1', { clusterMigrationBarrier: 2 });
    runFor(t, 6000);
    expect(t.cs.myself.slaveof).toBe(node(t, 'A'));
  });

  it('a PFAIL sibling does not count as working for the barrier', () => {
    const t = orphan('A1');
    runFor(t, 100);
    node(t, 'A2').flags |= CLUSTER_NODE_PFAIL; // stays: only a PONG on the outbound link clears it
    runFor(t, 6000);
    expect(t.cs.state).toBe(CLUSTER_OK); // 3 of 3 slot owners reachable: not blocked by the state rule
    expect(t.cs.myself.slaveof).toBe(node(t, 'A'));
  });

  it('not while cluster_state is fail', () => {
    const t = orphan('A1');
    clusterDelSlot(t.cs, 16383); // an uncovered slot keeps the state fail …
    t.cs.state = CLUSTER_FAIL; // … once evaluated (the cron re-evaluates a failing state every run)
    runFor(t, 6000);
    expect(t.cs.state).toBe(CLUSTER_FAIL);
    expect(t.cs.myself.slaveof).toBe(node(t, 'A'));
  });

  it('not with cluster-allow-replica-migration no', () => {
    const t = orphan('A1', { clusterAllowReplicaMigration: false });
    runFor(t, 6000);
    expect(t.cs.myself.slaveof).toBe(node(t, 'A'));
  });

  it('a master that never had a replica (no MIGRATE_TO) is not orphaned', () => {
    const t = orphan('A1');
    node(t, 'B').flags &= ~CLUSTER_NODE_MIGRATE_TO;
    runFor(t, 6000);
    expect(t.cs.myself.slaveof).toBe(node(t, 'A'));
  });
});
