// Receiving a gossip section (spec §6.2; clusterProcessGossipSection in
// cluster.c 7.0.15) beyond failure reports: the pong-time refresh that keeps
// healthy nodes from being pinged, learning new nodes from trusted peers, and
// the address repair for nodes we cannot reach.

import { describe, expect, it } from 'vitest';
import {
  CLUSTERMSG_TYPE_PING,
  CLUSTER_NODE_MASTER,
  CLUSTER_NODE_NOADDR,
  CLUSTER_NODE_PFAIL,
  CLUSTER_NODE_SLAVE,
} from '../../../sim/cluster/constants.ts';
import type { GossipEntry } from '../../../sim/cluster/messages.ts';
import { clusterBlacklistAddNode } from '../../../sim/cluster/node-table.ts';
import { ClusterNode } from '../../../sim/cluster/node.ts';
import { formed, gossip, node, packet, recvIn, type Label, type TestState } from './helpers.ts';

const T0 = 1_767_225_600_000; // FakeEnv's start, a whole second

function fromC(t: TestState, ...entries: GossipEntry[]): void {
  const c = node(t, 'C');
  recvIn(t, c, packet(t, c, CLUSTERMSG_TYPE_PING, { gossip: entries }));
}

/** Seen from `me` at T0 + 10.7 s; A last answered at T0. */
function later(me: Label = 'B', nowMs = T0 + 10_700): TestState {
  const t = formed(me);
  t.env.now = nowMs;
  return t;
}

describe('pong_received learned from gossip', () => {
  it('a fresher pong time from a peer replaces ours, in whole seconds', () => {
    const t = later();
    const a = node(t, 'A');
    fromC(t, gossip(a, undefined, T0 / 1000 + 10));
    expect(a.pongReceived).toBe(T0 + 10_000);
  });

  it('a time up to 500 ms in our future is accepted, later ones are not', () => {
    const t = later('B', T0 + 10_500);
    const a = node(t, 'A');
    fromC(t, gossip(a, undefined, T0 / 1000 + 11)); // = now + 500
    expect(a.pongReceived).toBe(T0 + 11_000);
    const u = later('B', T0 + 10_499);
    fromC(u, gossip(node(u, 'A'), undefined, T0 / 1000 + 11)); // = now + 501
    expect(node(u, 'A').pongReceived).toBe(T0);
  });

  it('never moves our time back', () => {
    const t = later();
    const a = node(t, 'A');
    a.pongReceived = T0 + 9_999;
    fromC(t, gossip(a, undefined, T0 / 1000 + 9));
    expect(a.pongReceived).toBe(T0 + 9_999);
  });

  it('not while we wait for a PONG of our own', () => {
    const t = later();
    const a = node(t, 'A');
    a.pingSent = T0 + 5_000;
    fromC(t, gossip(a, undefined, T0 / 1000 + 10));
    expect(a.pongReceived).toBe(T0);
  });

  it('not while another master reports the node failing', () => {
    const t = later('C1');
    const a = node(t, 'A');
    const b = node(t, 'B');
    recvIn(t, b, packet(t, b, CLUSTERMSG_TYPE_PING, { gossip: [gossip(a, CLUSTER_NODE_MASTER | CLUSTER_NODE_PFAIL)] }));
    fromC(t, gossip(a, undefined, T0 / 1000 + 10));
    expect(a.pongReceived).toBe(T0);
  });

  it('not from an entry that itself says PFAIL', () => {
    const t = later('C1');
    const a = node(t, 'A');
    fromC(t, gossip(a, CLUSTER_NODE_MASTER | CLUSTER_NODE_PFAIL, T0 / 1000 + 10));
    expect(a.pongReceived).toBe(T0);
  });

  it('applies to myself as well (7.0): CLUSTER NODES shows a whole-second pong on the myself line', () => {
    const t = later();
    const me = t.cs.myself;
    me.pongReceived = 0;
    fromC(t, gossip(me, undefined, T0 / 1000 + 10));
    expect(me.pongReceived).toBe(T0 + 10_000);
  });
});

describe('new nodes from gossip', () => {
  const X = 'e'.repeat(40);
  const entryX = (flags: number): GossipEntry => {
    const x = new ClusterNode(X, flags, 0);
    x.ip = '10.0.0.9';
    x.port = 7100;
    x.cport = 17100;
    return gossip(x, flags);
  };

  it('a known sender introduces a node: real name, raw flags, its address, no handshake', () => {
    const t = later();
    fromC(t, entryX(CLUSTER_NODE_SLAVE | CLUSTER_NODE_PFAIL));
    const x = t.cs.nodes.get(X)!;
    expect(x.flags).toBe(CLUSTER_NODE_SLAVE | CLUSTER_NODE_PFAIL);
    expect([x.ip, x.port, x.cport, x.pingSent, x.pongReceived]).toEqual(['10.0.0.9', 7100, 17100, 0, 0]);
  });

  it('not when the entry has no address', () => {
    const t = later();
    fromC(t, entryX(CLUSTER_NODE_MASTER | CLUSTER_NODE_NOADDR));
    expect(t.cs.nodes.has(X)).toBe(false);
  });

  it('not while the name is blacklisted by CLUSTER FORGET', () => {
    const t = later();
    clusterBlacklistAddNode(t.cs, new ClusterNode(X, 0, 0));
    fromC(t, entryX(CLUSTER_NODE_MASTER));
    expect(t.cs.nodes.has(X)).toBe(false);
  });
});

describe('address repair', () => {
  it('a node we cannot reach, seen healthy elsewhere at another address, gets that address and a new link', () => {
    const t = later();
    const a = node(t, 'A');
    a.flags |= CLUSTER_NODE_PFAIL;
    const oldLink = a.link;
    fromC(t, { ...gossip(a), ip: '10.0.0.1', port: 7500, cport: 17500 });
    expect([a.ip, a.port, a.cport]).toEqual(['10.0.0.1', 7500, 17500]);
    expect(a.link).toBeNull();
    expect(t.env.closed).toEqual([oldLink!.conn]);
  });

  it('not from an entry that also says the node is failing, nor for a node we reach', () => {
    const t = later();
    const a = node(t, 'A');
    a.flags |= CLUSTER_NODE_PFAIL;
    fromC(t, { ...gossip(a, CLUSTER_NODE_MASTER | CLUSTER_NODE_PFAIL), ip: '10.0.0.1' });
    expect(a.ip).toBe('127.0.0.1');
    const b1 = node(t, 'B1');
    fromC(t, { ...gossip(b1), ip: '10.0.0.1' });
    expect(b1.ip).toBe('127.0.0.1');
  });
});
