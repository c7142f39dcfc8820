// Counting votes and winning (spec §7 G, §11.5, §11.6; the AUTH_ACK branch
// of clusterProcessPacket, clusterHandleSlaveFailover's quorum check and
// clusterFailoverReplaceYourMaster in cluster.c 7.0.15). 7.0 counts ACKs
// without remembering who sent them and without knowing which epoch they
// were granted for: kept on purpose, since the simulator reproduces 7.0.

import { describe, expect, it } from 'vitest';
import {
  CLUSTERMSG_TYPE_FAILOVER_AUTH_ACK,
  CLUSTERMSG_TYPE_PONG,
  CLUSTER_NODE_FAIL,
  CLUSTER_TODO_HANDLE_FAILOVER,
} from '../../../sim/cluster/constants.ts';
import { clusterBeforeSleep } from '../../../sim/cluster/cron.ts';
import { clusterHandleSlaveFailover } from '../../../sim/cluster/failover.ts';
import { nodeIsMaster } from '../../../sim/cluster/node.ts';
import { ID, THREE_BY_ONE, ScriptedRng, clearRecords, formed, freshReplication, logs, node, packet, recvIn, sent, sentMsgs, type Label, type TestState } from './helpers.ts';

/** A1's view: A FAIL, my request for epoch 4 already sent. */
function electing(): TestState {
  const layout = {
    masters: [...THREE_BY_ONE.masters, ['S', null, 0] as ['S', null, number]],
    replicas: [...THREE_BY_ONE.replicas, ['A2', 'A'] as ['A2', 'A']],
  };
  const t = formed('A1', { layout });
  freshReplication(t);
  node(t, 'A').flags |= CLUSTER_NODE_FAIL;
  node(t, 'A').failTime = t.env.now;
  t.env.rng = new ScriptedRng([], [0]);
  clusterHandleSlaveFailover(t.cs); // scheduled in 500 ms
  t.env.now = t.cs.failoverAuthTime;
  clusterHandleSlaveFailover(t.cs); // request for epoch 4
  expect(t.cs.failoverAuthEpoch).toBe(4);
  t.cs.todoBeforeSleep = 0;
  clearRecords(t);
  return t;
}

/** An ACK from `from`, whose header carries `epoch` as its currentEpoch. */
function ack(t: TestState, from: Label, epoch: number): void {
  const f = node(t, from);
  recvIn(t, f, packet(t, f, CLUSTERMSG_TYPE_FAILOVER_AUTH_ACK, { currentEpoch: epoch }));
}

const afterEvent = (t: TestState): void => clusterBeforeSleep(t.cs, () => {});

describe('which ACKs count', () => {
  it('an ACK from a master with slots, not behind the election epoch, counts and asks for a check', () => {
    const t = electing();
    ack(t, 'B', 4);
    expect(t.cs.failoverAuthCount).toBe(1);
    expect(t.cs.todoBeforeSleep & CLUSTER_TODO_HANDLE_FAILOVER).toBe(CLUSTER_TODO_HANDLE_FAILOVER);
  });

  it('ACKs from a replica, a slotless master or an older epoch do not count', () => {
    const t = electing();
    ack(t, 'B1', 4);
    ack(t, 'S', 4);
    ack(t, 'C', 3);
    expect(t.cs.failoverAuthCount).toBe(0);
  });

  it('no per-voter de-duplication: the same master’s ACK twice reaches the quorum of 2', () => {
    const t = electing();
    ack(t, 'B', 4);
    afterEvent(t);
    expect(nodeIsMaster(t.cs.myself)).toBe(false);
    ack(t, 'B', 4);
    afterEvent(t);
    expect(nodeIsMaster(t.cs.myself)).toBe(true);
  });

  it('a late grant from the expired attempt counts toward the next one', () => {
    const t = electing();
    const start = t.cs.failoverAuthTime;
    t.env.now = start + 12_001; // past auth_retry_time (4 × NT): a new attempt is scheduled, count reset
    clusterHandleSlaveFailover(t.cs);
    expect(t.cs.failoverAuthCount).toBe(0);
    ack(t, 'B', 4); // B's vote for epoch 4 arrives only now: 4 ≥ failover_auth_epoch (still 4)
    expect(t.cs.failoverAuthCount).toBe(1);
    t.env.now = t.cs.failoverAuthTime;
    clusterHandleSlaveFailover(t.cs); // request for epoch 5, count kept
    expect(t.cs.failoverAuthEpoch).toBe(5);
    ack(t, 'C', 5); // one real vote for epoch 5 is enough
    afterEvent(t);
    expect(nodeIsMaster(t.cs.myself)).toBe(true);
    expect(t.cs.myself.configEpoch).toBe(5);
  });
});

describe('winning', () => {
  it('the winner takes the election epoch, its master’s slots, stops replicating and PONGs everybody', () => {
    const t = electing();
    let unset = 0;
    t.server.replicationUnsetMaster = () => void unset++;
    ack(t, 'B', 4);
    ack(t, 'C', 4);
    afterEvent(t);
    const me = t.cs.myself;
    expect(logs(t, 'warning')).toEqual(["Failover election won: I'm the new master.", 'configEpoch set to 4 after successful failover']);
    expect(nodeIsMaster(me)).toBe(true);
    expect(me.slaveof).toBeNull();
    expect(node(t, 'A').slaves.map((s) => s.name)).toEqual([ID.A2]);
    expect(me.configEpoch).toBe(4);
    expect(me.numslots).toBe(5461);
    expect(node(t, 'A').numslots).toBe(0);
    expect(t.cs.slots.owner(0)).toBe(me);
    expect(unset).toBe(1);
    expect(sent(t).sort()).toEqual(['A', 'A2', 'B', 'B1', 'C', 'C1', 'S'].map((n) => `PONG->${n}`));
    const pong = sentMsgs(t, CLUSTERMSG_TYPE_PONG)[0]!;
    expect([pong.slaveof, pong.configEpoch, pong.myslots.count]).toEqual([null, 4, 5461]);
  });

  it('not enough votes: waiting, the count is kept', () => {
    const t = electing();
    ack(t, 'B', 4);
    afterEvent(t);
    expect(nodeIsMaster(t.cs.myself)).toBe(false);
    expect(t.cs.failoverAuthCount).toBe(1);
  });
});
