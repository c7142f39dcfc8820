// Fixtures for the rule tests: a formed cluster seen from one node, packets
// built as a peer would build them, delivery on a chosen link (outbound or
// inbound matters: only a PONG on the outbound link proves a node answers),
// and readable views of what the node sent, logged and emitted.

import { clusterUpdateState } from '../../../sim/cluster/cluster-state.ts';
import type { ServerConfig } from '../../../sim/config/index.ts';
import {
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_MASTER,
  CLUSTER_NODE_MYSELF,
  CLUSTER_NODE_PFAIL,
  CLUSTER_NODE_SLAVE,
} from '../../../sim/cluster/constants.ts';
import { ClusterLink } from '../../../sim/cluster/link.ts';
import { GossipSection, messageLength, type ClusterMsg, type GossipEntry } from '../../../sim/cluster/messages.ts';
import { nodeIsSlave, type ClusterNode } from '../../../sim/cluster/node.ts';
import { clusterProcessPacket } from '../../../sim/cluster/process-packet.ts';
import { Prng } from '../../../sim/core/prng.ts';
import { addNode, emptyState, nodeId, type TestState } from '../fake-env.ts';

export type { TestState };
export const NT = 3000;

export const LABELS = ['A', 'B', 'C', 'A1', 'B1', 'C1', 'A2', 'A3', 'S'] as const;
export type Label = (typeof LABELS)[number];
/** Node IDs read as their label: A = aaaa…, A1 = a1a1…, S = 5555… (hex only). */
export const ID: Record<Label, string> = Object.fromEntries(
  LABELS.map((l) => [l, nodeId(l === 'S' ? '5' : l.toLowerCase())]),
) as Record<Label, string>;
const LABEL_OF = new Map<string, string>(LABELS.map((l) => [ID[l], l]));
export const label = (id: string): string => LABEL_OF.get(id) ?? id.slice(0, 8);

export interface Layout {
  masters: [Label, [number, number] | null, number][];
  replicas: [Label, Label][];
}

/** redis-cli's 3×1 layout: A 0-5460 e1, B 5461-10922 e2, C 10923-16383 e3. */
export const THREE_BY_ONE: Layout = {
  masters: [
    ['A', [0, 5460], 1],
    ['B', [5461, 10922], 2],
    ['C', [10923, 16383], 3],
  ],
  replicas: [
    ['A1', 'A'],
    ['B1', 'B'],
    ['C1', 'C'],
  ],
};

/**
 * A steady cluster seen from `me`: every peer has a connected outbound link
 * and an inbound link, answered its last PING just now; state is already
 * evaluated (ok, size = masters with slots). Logs and events start empty.
 */
export function formed(me: Label, opts: { layout?: Layout; config?: Partial<ServerConfig> } = {}): TestState {
  const t = emptyState({ clusterNodeTimeout: NT, ...opts.config });
  const layout = opts.layout ?? THREE_BY_ONE;
  const mine = (l: Label): number => (l === me ? CLUSTER_NODE_MYSELF : 0);
  let maxEpoch = 0;
  for (const [l, slots, epoch] of layout.masters) {
    addNode(t, { name: ID[l], port: 7000 + LABELS.indexOf(l), flags: CLUSTER_NODE_MASTER | mine(l), epoch, slots: slots ? [slots] : [] });
    maxEpoch = Math.max(maxEpoch, epoch);
  }
  for (const [l, m] of layout.replicas) {
    addNode(t, { name: ID[l], port: 7000 + LABELS.indexOf(l), flags: CLUSTER_NODE_SLAVE | mine(l), replicaOf: ID[m] });
  }
  for (const n of t.cs.nodes.values()) {
    if (n === t.cs.myself) continue;
    n.link = makeLink(t, n, false);
    n.inboundLink = makeLink(t, n, true);
    n.pongReceived = t.env.now;
    n.dataReceived = t.env.now;
    // A replica's entry carries its master's epoch (learned from its headers).
    if (nodeIsSlave(n) && n.slaveof) n.configEpoch = n.slaveof.configEpoch;
  }
  t.cs.currentEpoch = maxEpoch;
  t.cs.firstCallTime = t.env.now - 10_000; // past the 2 s writable delay
  clusterUpdateState(t.cs);
  t.cs.todoBeforeSleep = 0;
  clearRecords(t);
  return t;
}

export function clearRecords(t: TestState): void {
  t.env.logs.length = 0;
  t.env.clearEvents();
  t.env.sent.length = 0;
  t.env.closed.length = 0;
}

/** A connected link whose handle names the peer: `out:A` or `in:A`. */
export function makeLink(t: TestState, n: ClusterNode, inbound: boolean): ClusterLink {
  const link = new ClusterLink(t.env.now, n, inbound, `${inbound ? 'in' : 'out'}:${label(n.name)}`);
  link.connected = true;
  return link;
}

export const node = (t: TestState, l: Label): ClusterNode => {
  const n = t.cs.nodes.get(ID[l]);
  if (!n) throw new Error(`${l} is not in the table`);
  return n;
};

/** A gossip entry about `n` with the given flags (default: its role only), times in seconds. */
export function gossip(n: ClusterNode, flags?: number, pongSec = Math.floor(n.pongReceived / 1000)): GossipEntry {
  return {
    nodename: n.name,
    pingSent: 0,
    pongReceived: pongSec,
    ip: n.ip,
    port: n.port,
    cport: n.cport,
    flags: flags ?? n.flags & (CLUSTER_NODE_MASTER | CLUSTER_NODE_SLAVE),
    pport: 0,
  };
}

/** Packet fields to override; gossip may be written as plain entries. */
export type PacketFields = Partial<Omit<ClusterMsg, 'gossip'>> & { gossip?: GossipEntry[] | GossipSection };

/** The header `from` would send, as my table knows it (its master's slots and epoch if a replica). */
export function packet(t: TestState, from: ClusterNode, type: number, fields: PacketFields = {}): ClusterMsg {
  const { gossip: entries, ...over } = fields;
  const gossip = entries instanceof GossipSection ? entries : GossipSection.of(entries ?? [], t.cs.ids);
  const master = nodeIsSlave(from) && from.slaveof ? from.slaveof : from;
  const msg: ClusterMsg = {
    type,
    totlen: 0,
    port: from.port,
    currentEpoch: t.cs.currentEpoch,
    configEpoch: master.configEpoch,
    offset: from.replOffset,
    sender: from.name,
    myslots: master.slots,
    slaveof: nodeIsSlave(from) && from.slaveof ? from.slaveof.name : null,
    myip: '',
    pport: 0,
    cport: from.cport,
    flags: (from.flags & ~(CLUSTER_NODE_PFAIL | CLUSTER_NODE_FAIL)) | CLUSTER_NODE_MYSELF,
    state: 0,
    mflags: 0,
    gossip,
    ...over,
  };
  msg.totlen = messageLength(type, msg.gossip?.count ?? 0, msg.hostname);
  return msg;
}

/** Deliver on my outbound link to `from` (where its PONGs to my PINGs arrive). */
export function recvOut(t: TestState, from: ClusterNode, msg: ClusterMsg): boolean {
  if (!from.link) throw new Error(`no outbound link to ${label(from.name)}`);
  return clusterProcessPacket(t.cs, from.link, msg);
}

/** Deliver on the link `from` opened to me (its PINGs and broadcasts arrive here). */
export function recvIn(t: TestState, from: ClusterNode, msg: ClusterMsg): boolean {
  if (!from.inboundLink) from.inboundLink = makeLink(t, from, true);
  return clusterProcessPacket(t.cs, from.inboundLink, msg);
}

/** What was sent, as `TYPE->A` (outbound link) or `TYPE->A(in)`. */
export function sent(t: TestState): string[] {
  return t.env.sent.map((s) => {
    const [dir, who] = String(s.conn).split(':');
    return `${s.label}->${who}${dir === 'in' ? '(in)' : ''}`;
  });
}

export const sentMsgs = (t: TestState, type: number): ClusterMsg[] => t.env.sent.filter((s) => s.msg.type === type).map((s) => s.msg);

export const logs = (t: TestState, level?: string): string[] =>
  t.env.logs.filter((l) => level === undefined || l.level === level).map((l) => l.text);

/** Events of one name, as `subject detail` with labels for IDs. */
export const events = (t: TestState, name: string): string[] =>
  t.env.events.filter((e) => e.event === name).map((e) => `${label(e.subject)} ${e.detail.replace(/\b[0-9a-f]{40}\b/g, label)}`.trim());

/**
 * A Prng whose int() and random() answer from scripts first, then from a
 * seeded stream: tests pin exactly the draws a rule depends on.
 */
export class ScriptedRng extends Prng {
  intDraws = 0;
  constructor(
    private readonly ints: number[] = [],
    private readonly randoms: number[] = [],
  ) {
    super('scripted');
  }
  override int(n: number): number {
    this.intDraws++;
    const v = this.ints.shift();
    return v === undefined ? super.int(n) : v % n;
  }
  override random(): number {
    return this.randoms.shift() ?? super.random();
  }
}

/** Let the replica's data look fresh: master link up, last interaction now. */
export function freshReplication(t: TestState, offset = 100): void {
  t.server.masterLinkUpFlag = true;
  t.server.slaveOffset = offset;
  t.server.masterLastInteraction = () => Math.floor(t.env.now / 1000);
}
