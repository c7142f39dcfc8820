// FAIL, the agreed failure (spec §9.3–9.5, §7 D; markNodeAsFailingIfNeeded,
// clearNodeFailureIfNeeded and the FAIL branch of clusterProcessPacket in
// cluster.c 7.0.15).

import { describe, expect, it } from 'vitest';
import {
  CLUSTERMSG_TYPE_FAIL,
  CLUSTERMSG_TYPE_PING,
  CLUSTERMSG_TYPE_PONG,
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_MASTER,
  CLUSTER_NODE_PFAIL,
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from '../../../sim/cluster/constants.ts';
import { clusterCron } from '../../../sim/cluster/cron.ts';
import { ClusterLink } from '../../../sim/cluster/link.ts';
import { nodeFailed, nodeTimedOut } from '../../../sim/cluster/node.ts';
import { clusterProcessPacket } from '../../../sim/cluster/process-packet.ts';
import {
  ID,
  NT,
  THREE_BY_ONE,
  clearRecords,
  events,
  formed,
  gossip,
  logs,
  node,
  packet,
  recvIn,
  recvOut,
  sent,
  type Label,
  type Layout,
  type TestState,
} from './helpers.ts';

/** Seen from `me`, A is PFAIL locally. */
function suspecting(me: Label, layout = THREE_BY_ONE): TestState {
  const t = formed(me, { layout });
  node(t, 'A').flags |= CLUSTER_NODE_PFAIL;
  return t;
}

function reportA(t: TestState, from: Label): void {
  const f = node(t, from);
  recvIn(t, f, packet(t, f, CLUSTERMSG_TYPE_PING, { gossip: [gossip(node(t, 'A'), CLUSTER_NODE_MASTER | CLUSTER_NODE_PFAIL)] }));
}

describe('PFAIL → FAIL by quorum', () => {
  it('a master needs floor(size/2)+1 voices and counts itself: with 3 masters, one other report is enough', () => {
    const t = suspecting('B');
    reportA(t, 'C');
    const a = node(t, 'A');
    expect(nodeFailed(a)).toBe(true);
    expect(nodeTimedOut(a)).toBe(false);
    expect(a.failTime).toBe(t.env.now);
    expect(logs(t, 'notice')).toEqual([`Marking node ${ID.A} as failing (quorum reached).`]);
    // Broadcast to every node with an outbound link, the failed node included.
    expect(sent(t).filter((s) => s.startsWith('FAIL')).sort()).toEqual(['FAIL->A', 'FAIL->A1', 'FAIL->B1', 'FAIL->C', 'FAIL->C1']);
    expect(t.env.sent.find((s) => s.label === 'FAIL')!.msg.failNodeName).toBe(ID.A);
    expect(t.cs.todoBeforeSleep & (CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_SAVE_CONFIG)).toBe(
      CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_SAVE_CONFIG,
    );
  });

  it('a replica does not count itself: it needs two master reports', () => {
    const t = suspecting('B1');
    reportA(t, 'C');
    expect(nodeFailed(node(t, 'A'))).toBe(false);
    reportA(t, 'B');
    expect(nodeFailed(node(t, 'A'))).toBe(true);
    expect(events(t, 'fail')).toEqual([`A reporters=C,B needed=2`]);
  });

  it('a master without slots counts itself too (7.0)', () => {
    const layout = { ...THREE_BY_ONE, masters: [...THREE_BY_ONE.masters, ['S', null, 0] as ['S', null, number]] };
    const t = suspecting('S', layout);
    expect(t.cs.size).toBe(3);
    reportA(t, 'C');
    expect(nodeFailed(node(t, 'A'))).toBe(true);
  });

  it('the quorum uses cluster->size as last computed by clusterUpdateState', () => {
    const t = suspecting('B');
    t.cs.size = 5; // stale value: quorum 3
    reportA(t, 'C');
    expect(nodeFailed(node(t, 'A'))).toBe(false);
    reportA(t, 'A1'); // replica: no report
    expect(nodeFailed(node(t, 'A'))).toBe(false);
    node(t, 'A1').flags = (node(t, 'A1').flags & ~0x2) | CLUSTER_NODE_MASTER; // pretend A1 is a master now
    reportA(t, 'A1');
    expect(nodeFailed(node(t, 'A'))).toBe(true);
  });

  it('reports without a local PFAIL never make FAIL', () => {
    const t = formed('B1');
    reportA(t, 'C');
    reportA(t, 'B');
    expect(node(t, 'A').flags & (CLUSTER_NODE_FAIL | CLUSTER_NODE_PFAIL)).toBe(0);
  });

  it('only gossip processing promotes: the cron setting PFAIL on an already-reported node does not', () => {
    const t = formed('B1');
    reportA(t, 'C');
    reportA(t, 'B');
    const a = node(t, 'A');
    a.pingSent = t.env.now;
    // Within the reports' 2 × NT validity: PFAIL at NT + 1, then more crons.
    for (const dt of [NT + 1, NT + 100, NT + 200, NT + 300]) {
      t.env.now = a.pingSent + dt;
      clusterCron(t.cs);
    }
    expect(nodeTimedOut(a)).toBe(true);
    expect(nodeFailed(a)).toBe(false);
    reportA(t, 'C'); // the next report-carrying packet from a master
    expect(nodeFailed(a)).toBe(true);
  });
});

describe('FAIL messages', () => {
  it('a FAIL message from a known node sets FAIL at once, without quorum and without relaying it', () => {
    const t = formed('B1');
    const c1 = node(t, 'C1'); // even a replica's word is enough
    recvIn(t, c1, packet(t, c1, CLUSTERMSG_TYPE_FAIL, { failNodeName: ID.A }));
    const a = node(t, 'A');
    expect(nodeFailed(a)).toBe(true);
    expect(a.failTime).toBe(t.env.now);
    expect(logs(t, 'notice')).toEqual([`FAIL message received from ${ID.C1} about ${ID.A}`]);
    expect(sent(t)).toEqual([]);
  });

  it('a PFAIL node turns FAIL (not both)', () => {
    const t = suspecting('B');
    const c = node(t, 'C');
    recvIn(t, c, packet(t, c, CLUSTERMSG_TYPE_FAIL, { failNodeName: ID.A }));
    expect(node(t, 'A').flags & (CLUSTER_NODE_FAIL | CLUSTER_NODE_PFAIL)).toBe(CLUSTER_NODE_FAIL);
  });

  it('a FAIL message from an unknown sender is ignored and logged', () => {
    const t = formed('B');
    const c = node(t, 'C');
    const stranger = 'f'.repeat(40);
    // An inbound link no known sender has spoken on yet (a bound link names its sender).
    const unbound = new ClusterLink(t.env.now, null, true, 'in:?');
    clusterProcessPacket(t.cs, unbound, packet(t, c, CLUSTERMSG_TYPE_FAIL, { failNodeName: ID.A, sender: stranger }));
    expect(nodeFailed(node(t, 'A'))).toBe(false);
    expect(logs(t, 'notice')).toEqual([`Ignoring FAIL message from unknown node ${stranger} about ${ID.A}`]);
  });

  it('a FAIL message about myself, or about a node already FAIL, changes nothing', () => {
    const t = formed('B');
    const c = node(t, 'C');
    node(t, 'A').flags |= CLUSTER_NODE_FAIL;
    node(t, 'A').failTime = 1;
    recvIn(t, c, packet(t, c, CLUSTERMSG_TYPE_FAIL, { failNodeName: ID.A }));
    recvIn(t, c, packet(t, c, CLUSTERMSG_TYPE_FAIL, { failNodeName: ID.B }));
    expect(node(t, 'A').failTime).toBe(1);
    expect(nodeFailed(t.cs.myself)).toBe(false);
    expect(logs(t)).toEqual([]);
  });
});

describe('clearing FAIL when the node answers (PONG on the outbound link)', () => {
  function failedSince(me: Label, who: Label, failTime: number): TestState {
    const t = formed(me);
    const n = node(t, who);
    n.flags |= CLUSTER_NODE_FAIL;
    n.failTime = failTime;
    clearRecords(t);
    return t;
  }

  it('a replica is cleared at once', () => {
    const t = failedSince('B', 'A1', 0);
    t.env.now += 1;
    const a1 = node(t, 'A1');
    recvOut(t, a1, packet(t, a1, CLUSTERMSG_TYPE_PONG));
    expect(nodeFailed(a1)).toBe(false);
    expect(logs(t, 'notice')).toEqual([`Clear FAIL state for node ${ID.A1}: replica is reachable again.`]);
  });

  it('a master without slots is cleared at once', () => {
    const layout: Layout = {
      masters: [['A', null, 1], ['B', [0, 8191], 2], ['C', [8192, 16383], 3]],
      replicas: [],
    };
    const t = formed('B', { layout });
    const a = node(t, 'A');
    a.flags |= CLUSTER_NODE_FAIL;
    a.failTime = t.env.now;
    recvOut(t, a, packet(t, a, CLUSTERMSG_TYPE_PONG));
    expect(nodeFailed(a)).toBe(false);
    expect(logs(t, 'notice')).toEqual([`Clear FAIL state for node ${ID.A}: master without slots is reachable again.`]);
  });

  it('a master that still owns slots is cleared only when FAIL is older than NT × 2', () => {
    const t = failedSince('B', 'A', 0);
    const a = node(t, 'A');
    a.failTime = t.env.now;
    t.env.now = a.failTime + 2 * NT;
    recvOut(t, a, packet(t, a, CLUSTERMSG_TYPE_PONG));
    expect(nodeFailed(a)).toBe(true);
    t.env.now = a.failTime + 2 * NT + 1;
    recvOut(t, a, packet(t, a, CLUSTERMSG_TYPE_PONG));
    expect(nodeFailed(a)).toBe(false);
    expect(logs(t, 'notice')).toEqual([
      `Clear FAIL state for node ${ID.A}: is reachable again and nobody is serving its slots after some time.`,
    ]);
  });

  it('a PONG on the inbound link never clears FAIL', () => {
    const t = failedSince('B', 'A1', 0);
    const a1 = node(t, 'A1');
    recvIn(t, a1, packet(t, a1, CLUSTERMSG_TYPE_PONG));
    expect(nodeFailed(a1)).toBe(true);
  });

  it('the decision uses the role known before the packet: a slot owner now claiming to be a replica stays FAIL', () => {
    const t = failedSince('B', 'A', 0);
    const a = node(t, 'A');
    a.failTime = t.env.now;
    recvOut(t, a, packet(t, a, CLUSTERMSG_TYPE_PONG, { slaveof: ID.A1 }));
    expect(nodeFailed(a)).toBe(true);
    expect(a.numslots).toBe(0); // the role switch that followed dropped its slots
  });
});
