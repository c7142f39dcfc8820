// PING / PONG / MEET and their gossip sections: clusterSendPing (which nodes
// a packet talks about), clusterBroadcastPong, and clusterProcessGossipSection
// (failure reports, pong-time refresh, address repair, learning new nodes).

import {
  CLUSTERMSG_TYPE_PING,
  CLUSTERMSG_TYPE_PONG,
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_HANDSHAKE,
  CLUSTER_NODE_MASTER,
  CLUSTER_NODE_NOADDR,
  CLUSTER_NODE_PFAIL,
} from './constants.ts';
import { markNodeAsFailingIfNeeded } from './failure-detection.ts';
import { clusterNodeAddFailureReport, clusterNodeDelFailureReport, clusterRowFailureReportsCount } from './failure-reports.ts';
import type { ClusterLink } from './link.ts';
import { GOSSIP_FIELDS, G_CPORT, G_FLAGS, G_IP, G_NODE, G_PING, G_PONG, G_PORT, G_PPORT, GossipSection, type ClusterMsg, type GossipEntry } from './messages.ts';
import { nodeInHandshake, nodeIsSlave, type ClusterNode } from './node.ts';
import {
  H_CPORT,
  H_FLAGS,
  H_GID,
  H_HAS_LINK,
  H_IP,
  H_NUMSLOTS,
  H_PING_SENT,
  H_PONG_RECEIVED,
  H_PORT,
  H_PPORT,
  H_REPORTS,
  type NodeStore,
} from './node-store.ts';
import {
  clusterAddNode,
  clusterBlacklistExists,
  clusterLookupNode,
  clusterLookupRow,
  createClusterNode,
  freeClusterLink,
} from './node-table.ts';
import { clusterBuildMessageHdr, clusterSendMessage } from './send.ts';
import type { ClusterState } from './state.ts';

// Module-local copies of the layout constants: this file's loops run for
// every gossip entry of every packet, and each read of an imported binding
// is a load and a check that a local constant is not.
const FIELDS = GOSSIP_FIELDS;
const PFAIL = CLUSTER_NODE_PFAIL;
const FAIL = CLUSTER_NODE_FAIL;
const HANDSHAKE_OR_NOADDR = CLUSTER_NODE_HANDSHAKE | CLUSTER_NODE_NOADDR;
const NOADDR = CLUSTER_NODE_NOADDR;
const MASTER = CLUSTER_NODE_MASTER;
const REC_PING = H_PING_SENT;
const REC_PONG = H_PONG_RECEIVED;
const REC_FLAGS = H_FLAGS;
const REC_LINK = H_HAS_LINK;
const REC_SLOTS = H_NUMSLOTS;
const REC_REPORTS = H_REPORTS;

/** Rows the random part of the next packet will look at (see touchAhead). */
const ahead = new Int32Array(160);
/** Where touchAhead leaves what it read, so that the reads are not optimised away. */
let touched = 0;

/**
 * Read, ahead of clusterSendPing's random loop, the record of each row its
 * next draws will pick. At 1000 nodes the tables of all nodes far exceed
 * the caches, so each pick is a memory miss; in the loop, where each pick
 * waits for the draw before it, they come one at a time; here they overlap.
 * Nothing is drawn: the loop makes the same draws after.
 */
function touchAhead(cs: ClusterState, count: number): void {
  const size = cs.nodeList.length;
  const n = Math.min(count, ahead.length);
  cs.env.rng.peekInts(size, n, ahead);
  const rows = cs.listRows;
  const i32 = cs.store.i32;
  let acc = 0;
  for (let k = 0; k < n; k++) acc ^= i32[(rows[ahead[k]!]! << 4) + REC_FLAGS]!;
  touched = acc;
}

/** The same for the entries of a received section: read each one's record before the loop needs it. */
function touchEntries(cs: ClusterState, sec: GossipSection): void {
  const d = sec.data;
  const i32 = cs.store.i32;
  const rowOfGid = cs.rowOfGid;
  let acc = 0;
  for (let k = 0; k < sec.count; k++) {
    const gid = d[k * FIELDS + G_NODE]!;
    if (gid < rowOfGid.length) acc ^= i32[(rowOfGid[gid]! << 4) + REC_FLAGS] ?? 0;
  }
  touched = acc;
}

/**
 * Redis's last_in_ping_gossip: rows already in the packet being built are
 * marked here with a number unique to the packet. One array for every
 * table (a packet is built at a time), so it stays in cache.
 */
let inThisPacket = new Int32Array(1024);
let packetMark = 0;

/** Write row `r` of the store as entry `k` of a section, as clusterSetGossipEntry fills an entry. */
function putGossipEntry(d: Uint32Array, k: number, st: NodeStore, r: number): void {
  const o = k * FIELDS;
  const f = r << 3;
  const n = r << 4;
  const i32 = st.i32;
  d[o + G_NODE] = i32[n + H_GID]!;
  d[o + G_PING] = Math.floor(st.f64[f + REC_PING]! / 1000);
  d[o + G_PONG] = Math.floor(st.f64[f + REC_PONG]! / 1000);
  d[o + G_IP] = i32[n + H_IP]!;
  d[o + G_PORT] = i32[n + H_PORT]!;
  d[o + G_CPORT] = i32[n + H_CPORT]!;
  d[o + G_FLAGS] = i32[n + REC_FLAGS]!;
  d[o + G_PPORT] = i32[n + H_PPORT]!;
}

/** clusterSendPing: a PING, PONG or MEET on `link`, with gossip about a few random nodes and every PFAIL node. */
export function clusterSendPing(cs: ClusterState, link: ClusterLink, type: number): void {
  cs.clusterPingsSent++;
  const size = cs.nodeList.length;
  let freshnodes = size - 2;
  let wanted = Math.floor(size / 10);
  if (wanted < 3) wanted = 3;
  if (wanted > freshnodes) wanted = freshnodes;
  let pfailWanted = cs.statsPfailNodes;

  // Only a PING on our outbound link starts the PFAIL clock. Fix: the
  // inbound case (the PING a master sends back on the MFSTART link) used to
  // set ping_sent too; cluster.c guards it with `!link->inbound`, since the
  // answer to that PING arrives on the inbound link and cannot clear it.
  if (!link.inbound && link.node && type === CLUSTERMSG_TYPE_PING) link.node.pingSent = cs.env.mstime();

  const gossip = new GossipSection(Math.max(0, wanted) + pfailWanted);
  const d = gossip.data;
  let count = 0;
  const st = cs.store;
  if (inThisPacket.length < st.size) inThisPacket = new Int32Array(st.size * 2);
  const seen = inThisPacket;
  const mark = ++packetMark;
  const rows = cs.listRows;
  const myRow = cs.myself.i;
  const rng = cs.env.rng;
  let maxiterations = wanted * 3;
  if (size > 256) touchAhead(cs, wanted + (wanted >> 3));
  while (freshnodes > 0 && count < wanted && maxiterations-- > 0) {
    const r = rows[rng.int(size)]!;
    if (r === myRow) continue;
    const n = r << 4;
    const flags = st.i32[n + REC_FLAGS]!;
    if (flags & PFAIL) continue; // added below
    if (flags & HANDSHAKE_OR_NOADDR || (st.i32[n + REC_LINK] === 0 && st.i32[n + REC_SLOTS] === 0)) {
      freshnodes--; // not quite right, as Redis says, but saves CPU
      continue;
    }
    if (seen[r] === mark) continue;
    putGossipEntry(d, count++, st, r);
    seen[r] = mark;
    freshnodes--;
  }

  if (pfailWanted > 0) {
    for (const n of cs.nodes.values()) {
      if (pfailWanted <= 0) break;
      const flags = st.i32[(n.i << 4) + REC_FLAGS]!;
      if (flags & HANDSHAKE_OR_NOADDR) continue;
      if (!(flags & PFAIL)) continue;
      putGossipEntry(d, count++, st, n.i);
      pfailWanted--;
    }
  }

  gossip.count = count;
  clusterSendMessage(cs, link, clusterBuildMessageHdr(cs, type, { gossip }));
}

/** clusterBroadcastPong: to every node with an outbound link, or only to my master's replicas (LOCAL_SLAVES). */
export function clusterBroadcastPong(cs: ClusterState, localSlavesOnly: boolean): void {
  const myself = cs.myself;
  for (const n of cs.nodes.values()) {
    if (!n.link) continue;
    if (n === myself || nodeInHandshake(n)) continue;
    if (localSlavesOnly) {
      const localSlave = nodeIsSlave(n) && n.slaveof !== null && (n.slaveof === myself || n.slaveof === myself.slaveof);
      if (!localSlave) continue;
    }
    clusterSendPing(cs, n.link, CLUSTERMSG_TYPE_PONG);
  }
}

/** clusterProcessGossipSection. */
export function clusterProcessGossipSection(cs: ClusterState, msg: ClusterMsg, link: ClusterLink): void {
  const sec = msg.gossip;
  if (!sec || sec.count === 0) return;
  const sender = link.node ?? clusterLookupNode(cs, msg.sender) ?? null;
  const now = cs.env.mstime();
  const st = cs.store;
  const d = sec.data;
  if (cs.nodeList.length > 256) touchEntries(cs, sec);
  for (let k = 0; k < sec.count; k++) {
    const o = k * FIELDS;
    const flags = d[o + G_FLAGS]!;
    const row = clusterLookupRow(cs, d[o + G_NODE]!);
    if (row >= 0) {
      const n = row << 4;
      // Failure reports count only from masters (in 7.0, any master, even slotless).
      // (A report to delete needs one to exist: most entries have none.)
      if (sender !== null && (st.i32[(sender.i << 4) + REC_FLAGS]! & MASTER) !== 0 && row !== cs.myself.i) {
        if (flags & (FAIL | PFAIL) || st.i32[n + REC_REPORTS] !== 0) gossipFailureReport(cs, st.handle[row]!, sender, flags, msg.type);
      }

      // A peer heard from the node more recently than we did: trust it, if we
      // are not waiting for a PONG ourselves and nobody reported it failing.
      const f = row << 3;
      if (!(flags & (FAIL | PFAIL)) && st.f64[f + REC_PING] === 0 && clusterRowFailureReportsCount(cs, row) === 0) {
        const pongtime = d[o + G_PONG]! * 1000;
        if (pongtime <= now + 500 && pongtime > st.f64[f + REC_PONG]!) {
          st.f64[f + REC_PONG] = pongtime;
          st.touch(row);
        }
      }

      // We cannot reach it but a peer can, at another address: try that one.
      if (st.i32[n + REC_FLAGS]! & (FAIL | PFAIL) && !(flags & NOADDR) && !(flags & (FAIL | PFAIL))) {
        gossipAddressUpdate(cs, st.handle[row]!, sec.entry(k, cs.ids));
      }
    } else if (sender && !(flags & NOADDR)) {
      gossipNewNode(cs, sec.entry(k, cs.ids));
    }
  }
}

/** A master's gossip says `node` is failing (PFAIL/FAIL in `flags`) or not. */
function gossipFailureReport(cs: ClusterState, node: ClusterNode, sender: ClusterNode, flags: number, msgType: number): void {
  if (flags & (CLUSTER_NODE_FAIL | CLUSTER_NODE_PFAIL)) {
    if (clusterNodeAddFailureReport(cs, node, sender, flags, msgType) && cs.env.logEnabled('verbose')) {
      cs.env.log('verbose', `Node ${sender.name} reported node ${node.name} as not reachable.`);
    }
    markNodeAsFailingIfNeeded(cs, node);
  } else if (clusterNodeDelFailureReport(cs, node, sender, msgType) && cs.env.logEnabled('verbose')) {
    cs.env.log('verbose', `Node ${sender.name} reported node ${node.name} is back online.`);
  }
}

/** We cannot reach `node` but the sender can: if at another address, try that one. */
function gossipAddressUpdate(cs: ClusterState, node: ClusterNode, g: GossipEntry): void {
  if (node.ip === g.ip && node.port === g.port && node.pport === g.pport && node.cport === g.cport) return;
  if (node.link) freeClusterLink(cs, node.link);
  node.ip = g.ip;
  node.port = g.port;
  node.pport = g.pport;
  node.cport = g.cport;
  node.flags &= ~CLUSTER_NODE_NOADDR;
}

/** Learned from a trusted peer: added with its real name and raw flags, no handshake. */
function gossipNewNode(cs: ClusterState, g: GossipEntry): void {
  if (clusterBlacklistExists(cs, g.nodename)) return;
  const n = createClusterNode(cs, g.nodename, g.flags);
  n.ip = g.ip;
  n.port = g.port;
  n.pport = g.pport;
  n.cport = g.cport;
  clusterAddNode(cs, n);
}
