// CLUSTER FAILOVER [FORCE|TAKEOVER] (spec §13). Error texts: "You should
// send ..." and "syntax error" were checked on a real 7.0.15 (see
// real-replies); the replica-side ones are cluster.c 7.0.15's.

import { describe, expect, it } from 'vitest';
import { CLUSTER_MF_TIMEOUT, CLUSTER_NODE_FAIL } from '../../../sim/cluster/constants.ts';
import { nodeIsMaster } from '../../../sim/cluster/node.ts';
import { A, A1, B, B1, C, cluster, events, logs, sentLabels, threeShards } from './helpers.ts';

describe('CLUSTER FAILOVER', () => {
  it('FAILOVER on a master is refused', () => {
    const t = threeShards(A);
    for (const mode of [[], ['FORCE'], ['TAKEOVER']]) {
      expect(cluster(t, 'FAILOVER', ...mode)).toBe('-ERR You should send CLUSTER FAILOVER to a replica');
    }
    expect(t.cs.mfEnd).toBe(0);
  });

  it('a bad option is a syntax error, checked before the role', () => {
    expect(cluster(threeShards(A), 'FAILOVER', 'now')).toBe('-ERR syntax error');
    expect(cluster(threeShards(A1), 'failover', 'forced')).toBe('-ERR syntax error');
  });

  it('a replica that does not know its master refuses every mode', () => {
    const t = threeShards(A1);
    t.cs.myself.slaveof = null;
    expect(cluster(t, 'FAILOVER', 'TAKEOVER')).toBe("-ERR I'm a replica but my master is unknown to me");
  });

  it('the default mode needs a master that is not failed and has a link', () => {
    const failed = threeShards(A1);
    failed.cs.nodes.get(A)!.flags |= CLUSTER_NODE_FAIL;
    expect(cluster(failed, 'FAILOVER')).toBe('-ERR Master is down or failed, please use CLUSTER FAILOVER FORCE');
    expect(cluster(failed, 'FAILOVER', 'FORCE')).toBe('OK');

    const unlinked = threeShards(A1);
    unlinked.cs.nodes.get(A)!.link = null;
    expect(cluster(unlinked, 'FAILOVER')).toBe('-ERR Master is down or failed, please use CLUSTER FAILOVER FORCE');
    expect(unlinked.cs.mfEnd).toBe(0);
  });

  it('the default mode sends MFSTART to the master and arms a 5 s manual failover', () => {
    const t = threeShards(A1);
    expect(cluster(t, 'failover')).toBe('OK');
    expect(t.cs.mfEnd).toBe(t.env.now + CLUSTER_MF_TIMEOUT);
    expect(t.cs.mfCanStart).toBe(false);
    expect(sentLabels(t)).toEqual([`MFSTART->${A.slice(0, 4)}`]);
    expect(logs(t, 'warning')).toEqual(['Manual failover user request accepted.']);
    expect(events(t, 'manual-failover')).toEqual([`${A1} step=accepted mode=default master=${A} end=${t.env.now + 5000}`]);
  });

  it('FORCE lets the election start without asking the master', () => {
    const t = threeShards(A1);
    expect(cluster(t, 'FAILOVER', 'force')).toBe('OK');
    expect(t.cs.mfCanStart).toBe(true);
    expect(t.cs.mfEnd).toBe(t.env.now + 5000);
    expect(t.env.sent).toEqual([]);
    expect(logs(t, 'warning')).toEqual(['Forced failover user request accepted.']);
  });

  it('a new request resets the manual failover in progress', () => {
    const t = threeShards(A1);
    cluster(t, 'FAILOVER', 'FORCE');
    t.cs.mfMasterOffset = 42;
    t.env.now += 1000;
    expect(cluster(t, 'FAILOVER')).toBe('OK');
    expect(t.cs.mfCanStart).toBe(false);
    expect(t.cs.mfMasterOffset).toBe(-1);
    expect(t.cs.mfEnd).toBe(t.env.now + 5000);
  });

  it('TAKEOVER bumps the epoch only if mine is not already the highest', () => {
    // A replica's own configEpoch is 0 here: always bumped, to currentEpoch + 1.
    const t = threeShards(A1);
    expect(cluster(t, 'FAILOVER', 'TAKEOVER')).toBe('OK');
    expect(t.cs.currentEpoch).toBe(4);
    expect(t.cs.myself.configEpoch).toBe(4);
    expect(logs(t, 'warning').slice(0, 2)).toEqual(['Taking over the master (user request).', 'New configEpoch set to 4']);

    // Already the highest epoch known (and not 0): kept, no log.
    const u = threeShards(A1);
    u.cs.myself.configEpoch = 5;
    u.cs.currentEpoch = 5;
    expect(cluster(u, 'FAILOVER', 'TAKEOVER')).toBe('OK');
    expect(u.cs.currentEpoch).toBe(5);
    expect(u.cs.myself.configEpoch).toBe(5);
    expect(logs(u, 'warning')).not.toContain('New configEpoch set to 6');
    expect(nodeIsMaster(u.cs.myself)).toBe(true);
  });

  it("TAKEOVER takes the master's slots at once and tells every node", () => {
    const t = threeShards(A1);
    cluster(t, 'FAILOVER', 'TAKEOVER');
    const me = t.cs.myself;
    expect(nodeIsMaster(me)).toBe(true);
    expect(me.slaveof).toBeNull();
    expect(me.numslots).toBe(100);
    expect(t.cs.slots.owner(0)).toBe(me);
    expect(t.cs.nodes.get(A)!.numslots).toBe(0);
    // No election: no vote request, a PONG to every other node with a link.
    const labels = sentLabels(t);
    expect(labels.filter((l) => l.startsWith('FAILOVER_AUTH'))).toEqual([]);
    expect(labels.sort()).toEqual([A, B, C, B1].map((n) => `PONG->${n.slice(0, 4)}`).sort());
    // The manual failover is over as soon as it started.
    expect(t.cs.mfEnd).toBe(0);
    expect(events(t, 'role')).toEqual([`${A1} role=master was-replica-of=${A} offset=0`]);
  });
});
