// Joining and the handshake (spec §4.2, §4.5; clusterStartHandshake,
// clusterLinkConnectHandler and the handshake branch of clusterProcessPacket
// in cluster.c 7.0.15).

import { describe, expect, it } from 'vitest';
import {
  CLUSTERMSG_TYPE_MEET,
  CLUSTERMSG_TYPE_PING,
  CLUSTERMSG_TYPE_PONG,
  CLUSTER_NODE_HANDSHAKE,
  CLUSTER_NODE_MASTER,
  CLUSTER_NODE_MEET,
  CLUSTER_NODE_MYSELF,
  CLUSTER_NODE_NOADDR,
  CLUSTER_NODE_SLAVE,
} from '../../../sim/cluster/constants.ts';
import { clusterCron } from '../../../sim/cluster/cron.ts';
import { ClusterLink } from '../../../sim/cluster/link.ts';
import { clusterLinkConnectHandler } from '../../../sim/cluster/links-io.ts';
import { ClusterNode, nodeInHandshake } from '../../../sim/cluster/node.ts';
import { clusterAddNode, createClusterNode } from '../../../sim/cluster/node-table.ts';
import { clusterProcessPacket } from '../../../sim/cluster/process-packet.ts';
import { cluster } from '../commands/helpers.ts';
import { ID, formed, gossip, logs, makeLink, node, packet, sent, type TestState } from './helpers.ts';

const X = 'e'.repeat(40); // a node nobody knows yet
const stranger = (port = 7100): ClusterNode => Object.assign(new ClusterNode(X, CLUSTER_NODE_MASTER, 0), { ip: '127.0.0.1', port, cport: port + 10000 });

function unboundInbound(t: TestState): ClusterLink {
  return new ClusterLink(t.env.now, null, true, 'in:?');
}

const handshakeNodes = (t: TestState): ClusterNode[] => [...t.cs.nodes.values()].filter(nodeInHandshake);

describe('receiving MEET and PING from unknown nodes', () => {
  it('a MEET from an unknown sender creates a handshake node at the socket address and is answered with a PONG', () => {
    const t = formed('B');
    t.cs.myself.ip = '';
    clusterProcessPacket(t.cs, unboundInbound(t), packet(t, stranger(), CLUSTERMSG_TYPE_MEET));
    const [h] = handshakeNodes(t);
    expect(h!.flags).toBe(CLUSTER_NODE_HANDSHAKE); // no MEET flag: we do not MEET back
    expect(h!.name).not.toBe(X); // a random name until its PONG tells the real one
    expect([h!.ip, h!.port, h!.cport]).toEqual(['127.0.0.1', 7100, 17100]);
    expect(sent(t)).toEqual(['PONG->?(in)']);
    expect(logs(t, 'warning')).toEqual(['IP address for this node updated to 127.0.0.1']);
  });

  it('its gossip is trusted only to refresh known nodes: no node is learned from an unknown sender', () => {
    const t = formed('B');
    t.env.now += 10_700;
    const a = node(t, 'A');
    const other = Object.assign(new ClusterNode('d'.repeat(40), CLUSTER_NODE_MASTER, 0), { ip: '127.0.0.1', port: 7200, cport: 17200 });
    const entries = [gossip(a, undefined, Math.floor(t.env.now / 1000)), gossip(other)];
    clusterProcessPacket(t.cs, unboundInbound(t), packet(t, stranger(), CLUSTERMSG_TYPE_MEET, { gossip: entries }));
    expect(a.pongReceived).toBe(Math.floor(t.env.now / 1000) * 1000);
    expect(t.cs.nodes.has(other.name)).toBe(false);
  });

  it('a PING from an unknown sender is answered but adds nobody', () => {
    const t = formed('B');
    const before = t.cs.nodes.size;
    clusterProcessPacket(t.cs, unboundInbound(t), packet(t, stranger(), CLUSTERMSG_TYPE_PING));
    expect(t.cs.nodes.size).toBe(before);
    expect(sent(t)).toEqual(['PONG->?(in)']);
  });
});

describe('CLUSTER MEET and the outbound handshake', () => {
  it('CLUSTER MEET adds a HANDSHAKE|MEET node; the connect handler sends MEET once, without starting the PFAIL clock', () => {
    const t = formed('B');
    expect(cluster(t, 'MEET', '127.0.0.1', '7100')).toBe('OK');
    const [h] = handshakeNodes(t);
    expect(h!.flags).toBe(CLUSTER_NODE_HANDSHAKE | CLUSTER_NODE_MEET);
    clusterCron(t.cs);
    expect(h!.link).not.toBeNull();
    clusterLinkConnectHandler(t.cs, h!.link!);
    expect(t.env.sent.map((s) => s.label)).toContain('MEET');
    expect(h!.flags & CLUSTER_NODE_MEET).toBe(0);
    expect(h!.pingSent).toBe(0);
  });

  it('the first PONG renames the handshake node, copies its role, and nothing else from that packet', () => {
    const t = formed('B');
    const h = createClusterNode(t.cs, null, CLUSTER_NODE_HANDSHAKE);
    Object.assign(h, { ip: '127.0.0.1', port: 7100, cport: 17100, pingSent: t.env.now - 5 });
    clusterAddNode(t.cs, h);
    h.link = new ClusterLink(t.env.now, h, false, 'out:?');
    h.link.connected = true;
    const other = Object.assign(new ClusterNode('d'.repeat(40), CLUSTER_NODE_MASTER, 0), { ip: '127.0.0.1', port: 7200, cport: 17200 });
    const pong = packet(t, stranger(), CLUSTERMSG_TYPE_PONG, {
      flags: CLUSTER_NODE_MYSELF | CLUSTER_NODE_SLAVE,
      slaveof: ID.A,
      gossip: [gossip(other)],
    });
    clusterProcessPacket(t.cs, h.link, pong);
    expect(t.cs.nodes.get(X)).toBe(h);
    expect(h.flags).toBe(CLUSTER_NODE_SLAVE);
    expect([h.pongReceived, h.pingSent]).toEqual([t.env.now, 0]);
    expect(h.slaveof).toBeNull(); // the role details wait for the next packet
    expect(t.cs.nodes.has(other.name)).toBe(false);
  });

  it('a handshake that reaches a node we already know is dropped with its link', () => {
    const t = formed('B');
    const a = node(t, 'A');
    const h = createClusterNode(t.cs, null, CLUSTER_NODE_HANDSHAKE);
    Object.assign(h, { ip: a.ip, port: a.port, cport: a.cport });
    clusterAddNode(t.cs, h);
    h.link = new ClusterLink(t.env.now, h, false, 'out:?');
    const kept = clusterProcessPacket(t.cs, h.link, packet(t, a, CLUSTERMSG_TYPE_PONG));
    expect(kept).toBe(false);
    expect(t.cs.nodes.has(h.name)).toBe(false);
    expect(t.env.closed).toEqual(['out:?']);
    expect(logs(t, 'verbose')).toEqual([`Handshake: we already know node ${ID.A}, updating the address if needed.`]);
  });

  it('a known node whose address now answers with another ID loses its address (NOADDR) and its link', () => {
    const t = formed('B');
    const a = node(t, 'A');
    const kept = clusterProcessPacket(t.cs, a.link!, packet(t, stranger(a.port), CLUSTERMSG_TYPE_PONG));
    expect(kept).toBe(false);
    expect(a.flags & CLUSTER_NODE_NOADDR).toBe(CLUSTER_NODE_NOADDR);
    expect([a.ip, a.port, a.pport, a.cport]).toEqual(['', 0, 0, 0]);
    expect(a.link).toBeNull();
    expect(t.env.closed).toEqual(['out:A']);
  });
});

describe('handshake timeout', () => {
  it.each([
    [500, 1000],
    [3000, 3000],
  ])('with NT=%i a handshake node is deleted by the cron after max(NT, 1000)=%i ms', (nt, timeout) => {
    const t = formed('B', { config: { clusterNodeTimeout: nt } });
    const h = createClusterNode(t.cs, null, CLUSTER_NODE_HANDSHAKE);
    Object.assign(h, { ip: '127.0.0.1', port: 7100, cport: 17100 });
    clusterAddNode(t.cs, h);
    h.link = makeLink(t, h, false);
    t.env.now = h.ctime + timeout;
    clusterCron(t.cs);
    expect(t.cs.nodes.has(h.name)).toBe(true);
    t.env.now = h.ctime + timeout + 1;
    clusterCron(t.cs);
    expect(t.cs.nodes.has(h.name)).toBe(false);
  });
});
