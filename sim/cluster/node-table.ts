// The node table and slot table of one instance: adding, renaming and
// deleting nodes, binding slots, links. Redis's createClusterNode,
// clusterAddNode, clusterDelNode, freeClusterNode, clusterRenameNode,
// clusterAddSlot, clusterDelSlot, clusterDelNodeSlots, clusterSetNodeAsMaster,
// freeClusterLink, the FORGET blacklist.

import {
  CLUSTER_BLACKLIST_TTL,
  CLUSTER_NODE_MASTER,
  CLUSTER_NODE_MIGRATE_TO,
  CLUSTER_NODE_SLAVE,
  CLUSTER_SLOTS,
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from './constants.ts';
import { clusterNodeDelFailureReport } from './failure-reports.ts';
import type { ClusterLink } from './link.ts';
import { ClusterNode, clusterNodeRemoveSlave, nodeIsMaster, nodeIsSlave } from './node.ts';
import { lowestBit } from './slot-bitmap.ts';
import type { ClusterState } from './state.ts';

/**
 * Module-local copy of CLUSTER_SLOTS: loops over all 16384 slots read it on
 * every step, and an imported binding costs a getter call per read under
 * vitest's module runner.
 */
const SLOTS = CLUSTER_SLOTS;

/** createClusterNode: a random name when none is given (handshake nodes, MEET senders). */
export function createClusterNode(cs: ClusterState, name: string | null, flags: number): ClusterNode {
  return new ClusterNode(name ?? cs.env.rng.hexId(40), flags, cs.env.mstime(), cs.store);
}

/** The table finds the node by its ID index from now on. */
function bindGid(cs: ClusterState, gid: number, row: number): void {
  if (gid >= cs.rowOfGid.length) {
    const bigger = new Int32Array(Math.max(gid + 1, cs.rowOfGid.length * 2)).fill(-1);
    bigger.set(cs.rowOfGid);
    cs.rowOfGid = bigger;
  }
  cs.rowOfGid[gid] = row;
}

export function clusterAddNode(cs: ClusterState, n: ClusterNode): void {
  cs.viewMembershipChanged = true;
  cs.store.version++;
  if (n.s !== cs.store) {
    // Made on its own (tests): its fields move into this table's store.
    n.i = cs.store.adopt(n.s, n.i);
    n.s = cs.store;
  }
  const pos = cs.nodeList.length;
  cs.store.listIndex[n.i] = pos;
  cs.nodeList.push(n);
  if (pos === cs.listRows.length) {
    const bigger = new Int32Array(pos * 2);
    bigger.set(cs.listRows);
    cs.listRows = bigger;
  }
  cs.listRows[pos] = n.i;
  cs.nodes.set(n.name, n);
  bindGid(cs, cs.store.gidOf(n.i), n.i);
}

function unlistNode(cs: ClusterState, n: ClusterNode): void {
  cs.viewMembershipChanged = true;
  cs.store.version++;
  cs.nodes.delete(n.name);
  cs.rowOfGid[cs.store.gidOf(n.i)] = -1;
  const listIndex = cs.store.listIndex;
  const i = listIndex[n.i]!;
  const last = cs.nodeList.pop()!;
  if (last !== n) {
    cs.nodeList[i] = last;
    cs.listRows[i] = last.i;
    listIndex[last.i] = i;
  }
  listIndex[n.i] = -1;
}

export function clusterLookupNode(cs: ClusterState, name: string): ClusterNode | undefined {
  return cs.nodes.get(name);
}

/** The row of the node with ID index `gid` in the table, or -1 (clusterLookupNode by the ID's index). */
export function clusterLookupRow(cs: ClusterState, gid: number): number {
  return gid < cs.rowOfGid.length ? cs.rowOfGid[gid]! : -1;
}

/** clusterRenameNode: a handshake node takes the name its first PONG revealed. */
export function clusterRenameNode(cs: ClusterState, n: ClusterNode, newName: string): void {
  cs.viewMembershipChanged = true;
  cs.nodes.delete(n.name);
  cs.rowOfGid[cs.store.gidOf(n.i)] = -1;
  cs.slots.version++; // the slots it owns now print another ID
  n.name = newName;
  cs.nodes.set(newName, n);
  bindGid(cs, cs.store.gidOf(n.i), n.i);
}

/** freeClusterNode: unlink from masters and replicas, drop links, remove from the table. */
export function freeClusterNode(cs: ClusterState, n: ClusterNode): void {
  for (const s of n.slaves) s.slaveof = null;
  if (nodeIsSlave(n) && n.slaveof) clusterNodeRemoveSlave(n.slaveof, n);
  unlistNode(cs, n);
  if (n.link) freeClusterLink(cs, n.link);
  if (n.inboundLink) freeClusterLink(cs, n.inboundLink);
}

/** clusterDelNode: also unbinds its slots and forgets the failure reports it made. */
export function clusterDelNode(cs: ClusterState, del: ClusterNode): void {
  for (const [slot, n] of cs.importingSlotsFrom) if (n === del) cs.importingSlotsFrom.delete(slot);
  for (const [slot, n] of cs.migratingSlotsTo) if (n === del) cs.migratingSlotsTo.delete(slot);
  if (del.numslots > 0) for (let j = 0; j < SLOTS; j++) if (cs.slots.owner(j) === del) clusterDelSlot(cs, j);
  for (const n of cs.nodeList) if (n !== del) clusterNodeDelFailureReport(cs, n, del);
  freeClusterNode(cs, del);
}

/** clusterMastersHaveSlaves: does any master have a replica? */
export function clusterMastersHaveSlaves(cs: ClusterState): boolean {
  for (const n of cs.nodeList) if (!nodeIsSlave(n) && n.slaves.length > 0) return true;
  return false;
}

/** clusterNodeSetSlotBit: a master getting its first slot becomes a migration target if anyone has replicas. */
export function clusterNodeSetSlotBit(cs: ClusterState, n: ClusterNode, slot: number): boolean {
  const old = n.setSlotBit(slot, true);
  if (!old && n.numslots === 1 && clusterMastersHaveSlaves(cs)) n.flags |= CLUSTER_NODE_MIGRATE_TO;
  return old;
}

/** clusterAddSlot: false if the slot already has an owner. */
export function clusterAddSlot(cs: ClusterState, n: ClusterNode, slot: number): boolean {
  if (cs.slots.rows[slot]! >= 0) return false;
  clusterNodeSetSlotBit(cs, n, slot);
  cs.slots.setOwner(slot, n);
  return true;
}

/** clusterDelSlot: false if the slot was unassigned. */
export function clusterDelSlot(cs: ClusterState, slot: number): boolean {
  const n = cs.slots.owner(slot);
  if (!n) return false;
  n.setSlotBit(slot, false);
  cs.slots.setOwner(slot, null);
  return true;
}

/**
 * clusterDelSlot + clusterAddSlot for the slots `take` of word `w` (slots
 * 32w .. 32w+31), a previous owner at a time: what slot-by-slot rebinding
 * does, for a failover or an UPDATE that moves thousands of slots.
 */
export function clusterRebindSlotWord(cs: ClusterState, w: number, take: number, to: ClusterNode): void {
  const rows = cs.slots.rows;
  for (let rest = take; rest !== 0; ) {
    const from = rows[(w << 5) + lowestBit(rest)]!;
    let same = 0;
    for (let b = rest; b !== 0; b &= b - 1) if (rows[(w << 5) + lowestBit(b)] === from) same |= b & -b;
    if (from >= 0) cs.slots.owner((w << 5) + lowestBit(same))!.setSlotWord(w, same, false);
    rest &= ~same;
  }
  addSlotWord(cs, w, take, to);
}

/** clusterAddSlot for each slot of start..stop: those already bound keep their owner. */
export function clusterAddSlotRange(cs: ClusterState, n: ClusterNode, start: number, stop: number): void {
  const rows = cs.slots.rows;
  for (let w = start >>> 5; w <= stop >>> 5; w++) {
    let free = 0;
    for (let j = Math.max(start, w << 5); j <= Math.min(stop, (w << 5) + 31); j++) if (rows[j]! < 0) free |= 1 << (j & 31);
    if (free !== 0) addSlotWord(cs, w, free, n);
  }
}

/** Bind the unbound slots `mask` of word `w` to `n` (clusterNodeSetSlotBit's rule included). */
function addSlotWord(cs: ClusterState, w: number, mask: number, n: ClusterNode): void {
  // clusterNodeSetSlotBit: a master getting its first slot becomes a migration target if anyone has replicas.
  const wasEmpty = n.numslots === 0;
  n.setSlotWord(w, mask, true);
  if (wasEmpty && clusterMastersHaveSlaves(cs)) n.flags |= CLUSTER_NODE_MIGRATE_TO;
  cs.slots.setOwnerWord(w, mask, n);
}

/** clusterDelNodeSlots: unbind every slot of a node; returns how many. */
export function clusterDelNodeSlots(cs: ClusterState, n: ClusterNode): number {
  if (n.numslots === 0) return 0;
  const owned = n.ownedSlots();
  for (const j of owned) clusterDelSlot(cs, j);
  return owned.length;
}

/** clusterSetNodeAsMaster: a node we knew as replica is now a master. */
export function clusterSetNodeAsMaster(cs: ClusterState, n: ClusterNode): void {
  if (nodeIsMaster(n)) return;
  if (n.slaveof) {
    clusterNodeRemoveSlave(n.slaveof, n);
    if (n !== cs.myself) n.flags |= CLUSTER_NODE_MIGRATE_TO;
  }
  n.flags &= ~CLUSTER_NODE_SLAVE;
  n.flags |= CLUSTER_NODE_MASTER;
  n.slaveof = null;
  cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE);
}

/** freeClusterLink: close the socket and detach the link from its node. */
export function freeClusterLink(cs: ClusterState, link: ClusterLink): void {
  if (link.freed) return;
  link.freed = true;
  if (link.conn !== undefined) cs.env.busClose(link.conn);
  const n = link.node;
  if (n) {
    if (n.link === link) n.link = null;
    else if (n.inboundLink === link) n.inboundLink = null;
  } else {
    cs.unboundLinks.delete(link);
  }
}

/** setClusterNodeToInboundClusterLink: a newer inbound link from the same node replaces the old one. */
export function setClusterNodeToInboundClusterLink(cs: ClusterState, n: ClusterNode, link: ClusterLink): void {
  if (n.inboundLink === link) return;
  if (n.inboundLink) freeClusterLink(cs, n.inboundLink);
  cs.unboundLinks.delete(link);
  n.inboundLink = link;
  link.node = n;
}

// ---- CLUSTER FORGET blacklist ------------------------------------------------

function nowSeconds(cs: ClusterState): number {
  return Math.floor(cs.env.mstime() / 1000);
}

export function clusterBlacklistCleanup(cs: ClusterState): void {
  const now = nowSeconds(cs);
  for (const [name, expire] of cs.nodesBlackList) if (expire < now) cs.nodesBlackList.delete(name);
}

export function clusterBlacklistAddNode(cs: ClusterState, n: ClusterNode): void {
  clusterBlacklistCleanup(cs);
  cs.nodesBlackList.set(n.name, nowSeconds(cs) + CLUSTER_BLACKLIST_TTL);
}

export function clusterBlacklistExists(cs: ClusterState, name: string): boolean {
  clusterBlacklistCleanup(cs);
  return cs.nodesBlackList.has(name);
}
