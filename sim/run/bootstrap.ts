// A cluster as `redis-cli --cluster create` leaves it: all nodes known,
// slots assigned, replicas attached, configEpochs 1..N in index order
// (redis-cli sets them with SET-CONFIG-EPOCH before joining the nodes),
// currentEpoch N everywhere.
//
// Two equivalent forms: the nodes.conf text each node would hold
// (formedNodesConf, loaded through clusterLoadConfig like any restart), and
// a direct construction of the same table (formClusterState), which skips
// writing and parsing N files of N lines: at 1000 nodes that is a million
// lines before the first event.

import { CLUSTER_NODE_MASTER, CLUSTER_NODE_MYSELF, CLUSTER_NODE_SLAVE } from '../cluster/constants.ts';
import { clusterNodeAddSlave, type ClusterNode } from '../cluster/node.ts';
import { clusterAddNode, createClusterNode } from '../cluster/node-table.ts';
import { SlotBitmap } from '../cluster/slot-bitmap.ts';
import type { ClusterState } from '../cluster/state.ts';
import { clusterAdoptLink } from '../cluster/links-io.ts';
import { unixMs } from '../core/time.ts';
import type { EndpointHandler } from '../net/connection.ts';
import type { RedisServer } from '../server/server.ts';
import type { World } from './world.ts';
import type { SimProcess } from './process.ts';

export interface FormedNode {
  proc: SimProcess;
  /** Master's process for a replica; undefined for masters and spares. */
  master?: SimProcess;
  slots: readonly (readonly [number, number])[];
}

function slotText(ranges: readonly (readonly [number, number])[]): string {
  return ranges.map(([a, b]) => (a === b ? ` ${a}` : ` ${a}-${b}`)).join('');
}

/** nodes.conf text of `self` in a formed cluster of `nodes`. */
export function formedNodesConf(nodes: readonly FormedNode[], self: FormedNode): string {
  const epochOf = new Map(nodes.map((n, i) => [n.proc, i + 1]));
  const lines = nodes.map((n) => {
    const p = n.proc;
    const role = n.master ? 'slave' : 'master';
    const flags = n === self ? `myself,${role}` : role;
    // A replica's line carries its master's configEpoch (what its headers announce).
    const epoch = epochOf.get(n.master ?? p)!;
    const masterId = n.master ? n.master.nodeId : '-';
    return `${p.nodeId} ${p.ip}:${p.port}@${p.cport} ${flags} ${masterId} 0 0 ${epoch} connected${slotText(n.slots)}`;
  });
  return `${lines.join('\n')}\nvars currentEpoch ${nodes.length} lastVoteEpoch 0\n`;
}

/** One bitmap per master, shared by every node's table (bitmaps are immutable). */
const bitmapCache = new WeakMap<readonly FormedNode[], Map<FormedNode, SlotBitmap>>();

function bitmapsOf(nodes: readonly FormedNode[]): Map<FormedNode, SlotBitmap> {
  let m = bitmapCache.get(nodes);
  if (!m) {
    m = new Map(nodes.filter((n) => n.slots.length > 0).map((n) => [n, SlotBitmap.of(n.slots)]));
    bitmapCache.set(nodes, m);
  }
  return m;
}

/**
 * Build `self`'s table directly, exactly as loading formedNodesConf would:
 * ping/pong 0, replicas' configEpoch 0 (their lines carry their master's),
 * currentEpoch N, lastVoteEpoch 0.
 */
export function formClusterState(cs: ClusterState, nodes: readonly FormedNode[], self: FormedNode): void {
  const bitmaps = bitmapsOf(nodes);
  const entry = new Map<FormedNode, ClusterNode>();
  nodes.forEach((f, i) => {
    const role = f.master ? CLUSTER_NODE_SLAVE : CLUSTER_NODE_MASTER;
    const n = createClusterNode(cs, f.proc.nodeId, f === self ? role | CLUSTER_NODE_MYSELF : role);
    n.ip = f.proc.ip;
    n.port = f.proc.port;
    n.cport = f.proc.cport;
    n.configEpoch = f.master ? 0 : i + 1;
    clusterAddNode(cs, n);
    if (f === self) cs.myself = n;
    entry.set(f, n);
    const bits = bitmaps.get(f);
    if (bits) {
      n.slots = bits;
      for (const [a, b] of f.slots) cs.slots.setOwnerRange(a, b, n);
    }
  });
  const byProc = new Map<SimProcess, ClusterNode>();
  for (const [f, n] of entry) byProc.set(f.proc, n);
  for (const f of nodes) {
    if (!f.master) continue;
    const n = entry.get(f)!;
    n.slaveof = byProc.get(f.master)!;
    clusterNodeAddSlave(n.slaveof, n);
  }
  cs.currentEpoch = nodes.length;
  cs.lastVoteEpoch = 0;
  if (cs.env.logEnabled('notice')) cs.env.log('notice', `Node configuration loaded, I'm ${cs.myself.name}`);
}

/**
 * The links of a cluster that has been running for a while: every node has
 * an outbound link to every other (and so an inbound link from each), all
 * established, and its last PONG from each peer is spread over the past
 * NT/2 as the half-timeout pings leave them. Without this, t=0 would follow
 * a restart of the whole cluster: N² connects and as many PINGs at once.
 */
export function connectFormedCluster(world: World, nodes: readonly FormedNode[]): void {
  const rng = world.rng.fork('formed-links');
  const now = unixMs(world.now);
  const none: EndpointHandler = { onOpen() {}, onData() {}, onClose() {} };
  for (const x of nodes) {
    const sx = x.proc.server!;
    for (const y of nodes) {
      if (x === y) continue;
      const sy = y.proc.server!;
      const yInX = sx.cs.nodes.get(y.proc.nodeId)!;
      const xInY = sy.cs.nodes.get(x.proc.nodeId)!;
      const conn = world.net.preconnect(x.proc.pid, y.proc.pid, 'bus', none, none);
      conn.handler0 = clusterAdoptLink(sx.cs, yInX, conn, false);
      conn.handler1 = clusterAdoptLink(sy.cs, xInY, conn, true);
      yInX.pongReceived = now - rng.int(Math.floor(sx.cs.nodeTimeout / 2));
      yInX.dataReceived = now;
    }
  }
}

/**
 * After loading, restore what a reload forgets but a created cluster has:
 * a replica's own configEpoch (SET-CONFIG-EPOCH gave every node one).
 */
export function restoreOwnEpoch(server: RedisServer, nodes: readonly FormedNode[], self: FormedNode): void {
  server.cs.myself.configEpoch = nodes.indexOf(self) + 1;
}
