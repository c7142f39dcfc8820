// Which nodes a PING/PONG/MEET talks about (spec §6; clusterSendPing in
// cluster.c 7.0.15): wanted = max(3, floor(N/10)) capped at N − 2, picked
// at random (at most wanted × 3 draws); PFAIL nodes are appended after the
// random part; the target is not excluded; handshake and no-address nodes,
// and nodes with neither link nor slots, are never gossiped.

import { describe, expect, it } from 'vitest';
import {
  CLUSTERMSG_TYPE_MEET,
  CLUSTERMSG_TYPE_PING,
  CLUSTERMSG_TYPE_PONG,
  CLUSTER_NODE_HANDSHAKE,
  CLUSTER_NODE_MASTER,
  CLUSTER_NODE_MYSELF,
  CLUSTER_NODE_NOADDR,
  CLUSTER_NODE_PFAIL,
} from '../../../sim/cluster/constants.ts';
import { clusterSendPing } from '../../../sim/cluster/gossip.ts';
import type { ClusterNode } from '../../../sim/cluster/node.ts';
import { addNode, emptyState, type TestState } from '../fake-env.ts';
import { ScriptedRng, makeLink, sentMsgs } from './helpers.ts';

const hex = (i: number): string => i.toString(16).padStart(2, '0').repeat(20);

/** Myself (index 0) and n−1 masters with links; the rng draws 0, 1, 2, … in turn. */
function table(n: number, flagsOf: (i: number) => number = () => 0, linked: (i: number) => boolean = () => true): { t: TestState; nodes: ClusterNode[]; rng: ScriptedRng } {
  const t = emptyState({ clusterNodeTimeout: 3000 });
  const nodes: ClusterNode[] = [];
  for (let i = 0; i < n; i++) {
    const flags = (i === 0 ? CLUSTER_NODE_MYSELF : 0) | CLUSTER_NODE_MASTER | flagsOf(i);
    const nd = addNode(t, { name: hex(i), port: 7000 + i, flags });
    if (i > 0 && linked(i)) nd.link = makeLink(t, nd, false);
    nodes.push(nd);
  }
  const rng = new ScriptedRng(Array.from({ length: 1000 }, (_, i) => i));
  t.env.rng = rng;
  return { t, nodes, rng };
}

function gossipOf(t: TestState, to: ClusterNode, type = CLUSTERMSG_TYPE_PING): string[] {
  clusterSendPing(t.cs, to.link!, type);
  const msgs = sentMsgs(t, type);
  return msgs[msgs.length - 1]!.gossip!.entries(t.cs.ids).map((g) => g.nodename);
}

describe('how many entries', () => {
  it.each([
    [6, 3],
    [3, 1],
    [2, 0],
    [100, 10],
  ])('wanted for N=%i known nodes is %i (max(3, N/10), at most N−2)', (n, wanted) => {
    const { t, nodes } = table(n);
    expect(gossipOf(t, nodes[1]!)).toHaveLength(wanted);
  });

  it('gives up after wanted × 3 draws', () => {
    const { t, nodes } = table(6);
    const rng = new ScriptedRng(Array(100).fill(0)); // always myself
    t.env.rng = rng;
    expect(gossipOf(t, nodes[1]!)).toEqual([]);
    expect(rng.intDraws).toBe(9);
  });

  it('the same node is not added twice to one packet', () => {
    const { t, nodes } = table(6);
    t.env.rng = new ScriptedRng([1, 1, 1, 2, 2, 3]);
    expect(gossipOf(t, nodes[1]!)).toEqual([hex(1), hex(2), hex(3)]);
  });
});

describe('which nodes', () => {
  it('the target itself is not excluded', () => {
    const { t, nodes } = table(6);
    expect(gossipOf(t, nodes[1]!)).toContain(hex(1));
  });

  it('handshake, no-address and unlinked slotless nodes are skipped and use up the fresh-node budget', () => {
    // 1 handshake, 2 noaddr, 3 no link and no slots, 4 no link but slots, 5 fine.
    const { t, nodes } = table(6, (i) => (i === 1 ? CLUSTER_NODE_HANDSHAKE : i === 2 ? CLUSTER_NODE_NOADDR : 0), (i) => i !== 3 && i !== 4);
    t.cs.slots.setOwner(0, nodes[4]!);
    nodes[4]!.setSlotBit(0, true);
    // freshnodes = 4; the three skipped nodes spend 3 of it, node 4 the last: node 5 is never reached.
    expect(gossipOf(t, nodes[5]!)).toEqual([hex(4)]);
  });

  it('every PFAIL node is appended after the random part, as many as the last cron counted', () => {
    const pfail = (i: number): number => (i === 2 || i === 3 ? CLUSTER_NODE_PFAIL : 0);
    const { t, nodes } = table(6, pfail);
    t.cs.statsPfailNodes = 2;
    // Random part skips 2 and 3 without spending budget: 1, 4, 5. Then 2 and 3.
    expect(gossipOf(t, nodes[1]!)).toEqual([hex(1), hex(4), hex(5), hex(2), hex(3)]);
    t.cs.statsPfailNodes = 1;
    expect(gossipOf(t, nodes[1]!).slice(3)).toEqual([hex(2)]);
  });

  it('PFAIL nodes in handshake or without address are not appended', () => {
    const { t, nodes } = table(6, (i) => (i === 2 ? CLUSTER_NODE_PFAIL | CLUSTER_NODE_NOADDR : i === 3 ? CLUSTER_NODE_PFAIL : 0));
    t.cs.statsPfailNodes = 2;
    expect(gossipOf(t, nodes[1]!).slice(3)).toEqual([hex(3)]);
  });

  it('an entry carries my view: flags, address, ping/pong times in whole seconds', () => {
    const { t, nodes } = table(3);
    const n = nodes[2]!;
    n.pingSent = 1_767_225_601_999;
    n.pongReceived = 1_767_225_599_500;
    t.env.rng = new ScriptedRng([2]);
    clusterSendPing(t.cs, nodes[1]!.link!, CLUSTERMSG_TYPE_PING);
    expect(sentMsgs(t, CLUSTERMSG_TYPE_PING)[0]!.gossip!.entries(t.cs.ids)).toEqual([
      { nodename: n.name, pingSent: 1_767_225_601, pongReceived: 1_767_225_599, ip: '127.0.0.1', port: 7002, cport: 17002, flags: n.flags, pport: 0 },
    ]);
  });
});

describe('ping_sent', () => {
  it('a PING on the outbound link starts the clock; PONG and MEET do not', () => {
    const { t, nodes } = table(3);
    const n = nodes[1]!;
    clusterSendPing(t.cs, n.link!, CLUSTERMSG_TYPE_PONG);
    clusterSendPing(t.cs, n.link!, CLUSTERMSG_TYPE_MEET);
    expect(n.pingSent).toBe(0);
    clusterSendPing(t.cs, n.link!, CLUSTERMSG_TYPE_PING);
    expect(n.pingSent).toBe(t.env.now);
  });
});
