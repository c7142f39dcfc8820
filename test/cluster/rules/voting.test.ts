// The voter's side (spec §11.4; clusterSendFailoverAuthIfNeeded in cluster.c
// 7.0.15): each refusal, checked in order, with its exact log line; a grant
// records the epoch and the master's voted_time and answers on my outbound
// link to the requester.

import { describe, expect, it } from 'vitest';
import {
  CLUSTERMSG_FLAG0_FORCEACK,
  CLUSTERMSG_TYPE_FAILOVER_AUTH_REQUEST,
  CLUSTER_NODE_FAIL,
  CLUSTER_TODO_FSYNC_CONFIG,
  CLUSTER_TODO_SAVE_CONFIG,
} from '../../../sim/cluster/constants.ts';
import type { ClusterMsg } from '../../../sim/cluster/messages.ts';
import { clusterNodeRemoveSlave } from '../../../sim/cluster/node.ts';
import { clusterAddSlot, clusterDelSlot } from '../../../sim/cluster/node-table.ts';
import { ID, NT, THREE_BY_ONE, formed, logs, node, packet, recvIn, sent, type Label, type TestState } from './helpers.ts';

/** Seen from `me`: A is FAIL; requests from A1 carry currentEpoch 4 (mine is 3). */
function voter(me: Label = 'B'): TestState {
  const layout = { ...THREE_BY_ONE, masters: [...THREE_BY_ONE.masters, ['S', null, 0] as ['S', null, number]] };
  const t = formed(me, { layout });
  node(t, 'A').flags |= CLUSTER_NODE_FAIL;
  return t;
}

function ask(t: TestState, from: Label = 'A1', over: Partial<ClusterMsg> = {}): void {
  const f = node(t, from);
  recvIn(t, f, packet(t, f, CLUSTERMSG_TYPE_FAILOVER_AUTH_REQUEST, { currentEpoch: 4, ...over }));
}

const denied = (t: TestState): string[] => logs(t, 'warning').filter((l) => l.startsWith('Failover auth denied'));

describe('granting', () => {
  it('a master with slots grants: lastVoteEpoch, voted_time, an ACK on my outbound link, a warning line', () => {
    const t = voter();
    ask(t);
    expect(t.cs.currentEpoch).toBe(4); // raised by the request's header before voting
    expect(t.cs.lastVoteEpoch).toBe(4);
    expect(node(t, 'A').votedTime).toBe(t.env.now);
    expect(sent(t)).toEqual(['FAILOVER_AUTH_ACK->A1']);
    expect(logs(t, 'warning')).toEqual([`Failover auth granted to ${ID.A1} for epoch 4`]);
    expect(t.cs.todoBeforeSleep & (CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_FSYNC_CONFIG)).toBe(
      CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_FSYNC_CONFIG,
    );
  });

  it('without an outbound link to the requester the vote is spent but the ACK is dropped', () => {
    const t = voter();
    node(t, 'A1').link = null;
    ask(t);
    expect(t.cs.lastVoteEpoch).toBe(4);
    expect(sent(t)).toEqual([]);
  });

  it('the failing master itself votes too (its own vote is not excluded)', () => {
    const t = voter('A');
    t.cs.myself.flags &= ~CLUSTER_NODE_FAIL;
    ask(t, 'A1', { mflags: CLUSTERMSG_FLAG0_FORCEACK });
    expect(sent(t)).toEqual(['FAILOVER_AUTH_ACK->A1']);
  });
});

describe('refusals, in order', () => {
  it('1. a replica or a master without slots stays silent', () => {
    for (const me of ['B1', 'S'] as const) {
      const t = voter(me);
      ask(t);
      expect(logs(t)).toEqual([]);
      expect(sent(t)).toEqual([]);
    }
  });

  it('2. a request epoch below my currentEpoch (checked before "already voted")', () => {
    const t = voter();
    t.cs.currentEpoch = 6;
    t.cs.lastVoteEpoch = 6;
    ask(t, 'A1', { currentEpoch: 5 });
    expect(denied(t)).toEqual([`Failover auth denied to ${ID.A1}: reqEpoch (5) < curEpoch(6)`]);
  });

  it('3. one vote per epoch (checked before the requester’s role)', () => {
    const t = voter();
    t.cs.lastVoteEpoch = 4;
    ask(t, 'C');
    expect(denied(t)).toEqual([`Failover auth denied to ${ID.C}: already voted for epoch 4`]);
  });

  it('4. the requester is a master / its master is unknown / its master is up without FORCEACK', () => {
    const t = voter();
    ask(t, 'C');
    expect(denied(t)).toEqual([`Failover auth denied to ${ID.C}: it is a master node`]);

    const u = voter();
    const a1 = node(u, 'A1');
    clusterNodeRemoveSlave(node(u, 'A'), a1);
    a1.slaveof = null;
    ask(u);
    expect(denied(u)).toEqual([`Failover auth denied to ${ID.A1}: I don't know its master`]);

    const up = voter();
    node(up, 'A').flags &= ~CLUSTER_NODE_FAIL;
    ask(up);
    expect(denied(up)).toEqual([`Failover auth denied to ${ID.A1}: its master is up`]);
    ask(up, 'A1', { currentEpoch: 5, mflags: CLUSTERMSG_FLAG0_FORCEACK });
    expect(up.cs.lastVoteEpoch).toBe(5);
  });

  it('5. at most one vote about the same master per NT × 2', () => {
    const t = voter();
    node(t, 'A').votedTime = t.env.now - 1000;
    ask(t);
    expect(denied(t)).toEqual([`Failover auth denied to ${ID.A1}: can't vote about this master before ${2 * NT - 1000} milliseconds`]);
    t.env.now = node(t, 'A').votedTime + 2 * NT - 1;
    ask(t);
    expect(denied(t)[1]).toBe(`Failover auth denied to ${ID.A1}: can't vote about this master before 1 milliseconds`);
    t.env.now += 1;
    ask(t, 'A1', { currentEpoch: 5 });
    expect(t.cs.lastVoteEpoch).toBe(5);
  });

  it('5b. after a grant, a retry by the same shard in a later epoch waits out NT × 2', () => {
    const t = voter();
    ask(t);
    t.env.now += 10;
    ask(t, 'A1', { currentEpoch: 5 });
    expect(denied(t)).toEqual([`Failover auth denied to ${ID.A1}: can't vote about this master before ${2 * NT - 10} milliseconds`]);
  });

  it('6. a claimed slot that a newer owner holds in my table (first such slot is named)', () => {
    const t = voter();
    clusterDelSlot(t.cs, 100);
    clusterAddSlot(t.cs, node(t, 'C'), 100); // C (epoch 3) took slot 100 of A's
    ask(t, 'A1', { configEpoch: 1, myslots: node(t, 'A').slots.with(100, true) });
    expect(denied(t)).toEqual([`Failover auth denied to ${ID.A1}: slot 100 epoch (3) > reqEpoch (1)`]);
  });

  it('6b. a slot whose owner stopped claiming it does not count against the requester', () => {
    const t = voter();
    clusterDelSlot(t.cs, 100);
    clusterAddSlot(t.cs, node(t, 'C'), 100);
    t.cs.ownerNotClaimingSlot.add(100);
    ask(t, 'A1', { configEpoch: 1, myslots: node(t, 'A').slots.with(100, true) });
    expect(denied(t)).toEqual([]);
    expect(t.cs.lastVoteEpoch).toBe(4);
  });
});
