// The replica's side of an election (spec §11.1–11.3, §11.7;
// clusterHandleSlaveFailover and clusterGetSlaveRank in cluster.c 7.0.15).

import { describe, expect, it } from 'vitest';
import {
  CLUSTERMSG_FLAG0_FORCEACK,
  CLUSTERMSG_TYPE_FAILOVER_AUTH_REQUEST,
  CLUSTERMSG_TYPE_PING,
  CLUSTER_CANT_FAILOVER_DATA_AGE,
  CLUSTER_MF_TIMEOUT,
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_MYSELF,
  CLUSTER_NODE_NOFAILOVER,
  CLUSTER_TODO_FSYNC_CONFIG,
  CLUSTER_TODO_HANDLE_FAILOVER,
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from '../../../sim/cluster/constants.ts';
import type { ServerConfig } from '../../../sim/config/index.ts';
import { clusterBeforeSleep } from '../../../sim/cluster/cron.ts';
import { clusterGetSlaveRank, clusterHandleSlaveFailover } from '../../../sim/cluster/failover.ts';
import { nodeIsSlave } from '../../../sim/cluster/node.ts';
import { clusterDelNodeSlots } from '../../../sim/cluster/node-table.ts';
import {
  NT,
  ScriptedRng,
  THREE_BY_ONE,
  clearRecords,
  events,
  formed,
  freshReplication,
  logs,
  node,
  packet,
  recvIn,
  sent,
  sentMsgs,
  type TestState,
} from './helpers.ts';

const WITH_SIBLINGS = { ...THREE_BY_ONE, replicas: [...THREE_BY_ONE.replicas, ['A2', 'A'], ['A3', 'A']] as typeof THREE_BY_ONE.replicas };

/** A1's view with A just marked FAIL; my offset 100, siblings' as given; random() % 500 = 234. */
function masterFailed(offsets: { A2?: number; A3?: number } = {}, config: Partial<ServerConfig> = {}): TestState {
  const t = formed('A1', { layout: WITH_SIBLINGS, config });
  freshReplication(t, 100);
  node(t, 'A2').replOffset = offsets.A2 ?? 90;
  node(t, 'A3').replOffset = offsets.A3 ?? 90;
  const a = node(t, 'A');
  a.flags |= CLUSTER_NODE_FAIL;
  a.failTime = t.env.now;
  t.env.rng = new ScriptedRng([], [1234]);
  return t;
}

const requests = (t: TestState) => sentMsgs(t, CLUSTERMSG_TYPE_FAILOVER_AUTH_REQUEST);

describe('scheduling', () => {
  it('the election starts 500 + random()%500 ms after the master is seen FAIL, and siblings hear my offset', () => {
    const t = masterFailed();
    clusterHandleSlaveFailover(t.cs);
    expect(t.cs.failoverAuthTime).toBe(t.env.now + 734);
    expect(logs(t, 'warning')).toEqual(['Start of election delayed for 734 milliseconds (rank #0, offset 100).']);
    expect(sent(t).sort()).toEqual(['PONG->A2', 'PONG->A3']); // LOCAL_SLAVES only
    expect(requests(t)).toEqual([]);
  });

  it('rank = siblings with a greater offset, NOFAILOVER siblings and equal offsets excluded; +1000 ms per rank', () => {
    const t = masterFailed({ A2: 150, A3: 300 });
    node(t, 'A3').flags |= CLUSTER_NODE_NOFAILOVER;
    clusterHandleSlaveFailover(t.cs);
    expect(logs(t, 'warning')).toEqual(['Start of election delayed for 1734 milliseconds (rank #1, offset 100).']);
    const tie = masterFailed({ A2: 100 });
    clusterHandleSlaveFailover(tie.cs);
    expect(tie.cs.failoverAuthRank).toBe(0);
  });

  it('a sibling’s NOFAILOVER comes from its own headers, and is dropped again when it stops announcing it', () => {
    const t = masterFailed({ A2: 150 });
    const a2 = node(t, 'A2');
    recvIn(t, a2, packet(t, a2, CLUSTERMSG_TYPE_PING, { flags: a2.flags | CLUSTER_NODE_MYSELF | CLUSTER_NODE_NOFAILOVER }));
    expect(clusterGetSlaveRank(t.cs)).toBe(0);
    recvIn(t, a2, packet(t, a2, CLUSTERMSG_TYPE_PING, { flags: a2.flags & ~CLUSTER_NODE_NOFAILOVER }));
    expect(clusterGetSlaveRank(t.cs)).toBe(1);
  });

  it('a sibling overtaking me before the request adds 1000 ms per rank; falling back never removes delay', () => {
    const t = masterFailed();
    clusterHandleSlaveFailover(t.cs);
    const at = t.cs.failoverAuthTime;
    node(t, 'A2').replOffset = 500;
    clusterHandleSlaveFailover(t.cs);
    expect(t.cs.failoverAuthTime).toBe(at + 1000);
    expect(logs(t, 'warning')).toContain('Replica rank updated to #1, added 1000 milliseconds of delay.');
    node(t, 'A2').replOffset = 0;
    clusterHandleSlaveFailover(t.cs);
    expect(t.cs.failoverAuthTime).toBe(at + 1000);
  });
});

describe('the request', () => {
  it('at the scheduled time: currentEpoch + 1, a broadcast AUTH_REQUEST without FORCEACK, then return (no counting)', () => {
    const t = masterFailed();
    clusterHandleSlaveFailover(t.cs);
    t.env.now = t.cs.failoverAuthTime - 1;
    clusterHandleSlaveFailover(t.cs);
    expect(requests(t)).toEqual([]);
    clearRecords(t);
    t.env.now += 1;
    t.cs.failoverAuthCount = 99; // even a (stale) count above quorum is not looked at in this call
    clusterHandleSlaveFailover(t.cs);
    expect(t.cs.currentEpoch).toBe(4);
    expect(t.cs.failoverAuthEpoch).toBe(4);
    expect(logs(t, 'warning')).toEqual(['Starting a failover election for epoch 4.']);
    expect(sent(t).sort()).toEqual(['A', 'A2', 'A3', 'B', 'B1', 'C', 'C1'].map((n) => `FAILOVER_AUTH_REQUEST->${n}`));
    expect(requests(t)[0]!.mflags & CLUSTERMSG_FLAG0_FORCEACK).toBe(0);
    expect(t.cs.todoBeforeSleep & (CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_FSYNC_CONFIG)).toBe(
      CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_FSYNC_CONFIG,
    );
    expect(nodeIsSlave(t.cs.myself)).toBe(true);
  });

  it.each([
    [3000, 6000],
    [500, 2000],
  ])('NT=%i: the attempt expires after auth_timeout = max(2NT, 2000) = %i ms and is retried after twice that', (nt, timeout) => {
    const t = masterFailed({}, { clusterNodeTimeout: nt });
    clusterHandleSlaveFailover(t.cs);
    const start = t.cs.failoverAuthTime;
    t.env.now = start;
    clusterHandleSlaveFailover(t.cs); // request sent
    t.env.now = start + timeout;
    clusterHandleSlaveFailover(t.cs);
    expect(events(t, 'election-expired')).toEqual([]);
    t.env.now = start + timeout + 1;
    clusterHandleSlaveFailover(t.cs);
    expect(events(t, 'election-expired')).toHaveLength(1);
    clearRecords(t);
    t.env.now = start + 2 * timeout;
    clusterHandleSlaveFailover(t.cs);
    expect(logs(t, 'warning').filter((l) => l.startsWith('Start of election'))).toEqual([]);
    t.env.now = start + 2 * timeout + 1;
    clusterHandleSlaveFailover(t.cs);
    expect(logs(t, 'warning').filter((l) => l.startsWith('Start of election'))).toHaveLength(1);
  });

  it('a manual failover: no delay, rank 0 whatever the offsets, and FORCEACK in the request', () => {
    const t = masterFailed({ A2: 500 });
    node(t, 'A').flags &= ~CLUSTER_NODE_FAIL; // the master is up
    t.cs.mfEnd = t.env.now + CLUSTER_MF_TIMEOUT;
    t.cs.mfCanStart = true;
    clusterHandleSlaveFailover(t.cs);
    expect(logs(t, 'warning')).toEqual(['Start of election delayed for 0 milliseconds (rank #0, offset 100).']);
    expect(t.cs.todoBeforeSleep & CLUSTER_TODO_HANDLE_FAILOVER).toBe(CLUSTER_TODO_HANDLE_FAILOVER);
    clusterBeforeSleep(t.cs, () => {}); // same event-loop iteration
    expect(t.cs.currentEpoch).toBe(4);
    expect(requests(t)[0]!.mflags & CLUSTERMSG_FLAG0_FORCEACK).toBe(CLUSTERMSG_FLAG0_FORCEACK);
  });

  it('a manual failover armed but not yet allowed to start does nothing while the master is up', () => {
    const t = masterFailed();
    node(t, 'A').flags &= ~CLUSTER_NODE_FAIL;
    t.cs.mfEnd = t.env.now + CLUSTER_MF_TIMEOUT;
    clusterHandleSlaveFailover(t.cs);
    expect(logs(t)).toEqual([]);
  });
});

describe('who may not start an election', () => {
  it('data older than repl-ping-replica-period + NT × validity-factor (after subtracting NT) refuses, unless manual', () => {
    // NT 3000, factor 10, period 10 s: limit 40 000 ms; data_age 43 s − NT = 40 000 is still fine.
    const ok = masterFailed();
    ok.server.masterLastInteraction = () => Math.floor(ok.env.now / 1000) - 43;
    clusterHandleSlaveFailover(ok.cs);
    expect(ok.cs.failoverAuthTime).toBeGreaterThan(0);

    const old = masterFailed();
    old.server.masterLastInteraction = () => Math.floor(old.env.now / 1000) - 44;
    clusterHandleSlaveFailover(old.cs);
    expect(old.cs.failoverAuthTime).toBe(0);
    expect(old.cs.cantFailoverReason).toBe(CLUSTER_CANT_FAILOVER_DATA_AGE);
    expect(logs(old)).toEqual([]); // quiet for NT + 5 s after the master's FAIL
    node(old, 'A').failTime = old.env.now - NT - 5001;
    old.cs.cantFailoverReason = 0;
    clusterHandleSlaveFailover(old.cs);
    expect(logs(old, 'warning')).toEqual([
      "Currently unable to failover: Disconnected from master for longer than allowed. Please check the 'cluster-replica-validity-factor' configuration option.",
    ]);

    const noFactor = masterFailed({}, { clusterReplicaValidityFactor: 0 });
    noFactor.server.masterLastInteraction = () => 0;
    clusterHandleSlaveFailover(noFactor.cs);
    expect(noFactor.cs.failoverAuthTime).toBeGreaterThan(0);
  });

  it('cluster-replica-no-failover: no automatic election, but a manual one still runs', () => {
    const t = masterFailed({}, { clusterReplicaNoFailover: true });
    clusterHandleSlaveFailover(t.cs);
    expect(t.cs.failoverAuthTime).toBe(0);
    t.cs.mfEnd = t.env.now + CLUSTER_MF_TIMEOUT;
    t.cs.mfCanStart = true;
    clusterHandleSlaveFailover(t.cs);
    expect(t.cs.failoverAuthTime).toBe(t.env.now);
  });

  it('a replica of a master without slots never starts one', () => {
    const t = masterFailed();
    clusterDelNodeSlots(t.cs, node(t, 'A'));
    clusterHandleSlaveFailover(t.cs);
    expect(t.cs.failoverAuthTime).toBe(0);
  });
});
