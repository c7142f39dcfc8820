// clusterNode: one entry of a node's table, i.e. what one Redis instance
// believes about one node (itself included). Every instance has its own
// table, so a 6-node cluster holds 36 of these. Field names follow Redis
// (cluster.h) in camelCase.

import {
  CLUSTER_NODE_MIGRATE_TO,
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_HANDSHAKE,
  CLUSTER_NODE_MASTER,
  CLUSTER_NODE_MYSELF,
  CLUSTER_NODE_NOADDR,
  CLUSTER_NODE_NOFAILOVER,
  CLUSTER_NODE_PFAIL,
  CLUSTER_NODE_SLAVE,
} from './constants.ts';
import type { ClusterLink } from './link.ts';
import {
  H_CPORT,
  H_DATA_RECEIVED,
  H_FLAGS,
  H_GID,
  H_IP,
  H_NUMSLOTS,
  H_PING_SENT,
  H_PONG_RECEIVED,
  H_PORT,
  H_PPORT,
  NO_NODES,
  NO_REPORTS,
  NodeStore,
} from './node-store.ts';
import { firstMissingSlot, lowestBit, popcount, SLOT_WORDS, SlotBitmap } from './slot-bitmap.ts';

/** clusterNodeFailReport: `node` said (in gossip) that the owner is failing, last at `time`. */
export interface FailReport {
  node: ClusterNode;
  time: number;
}

/**
 * One entry of a node table: a handle on row `i` of the table's NodeStore,
 * with Redis's field names. Fields that CLUSTER NODES prints report a change
 * to the view recorder (NodeStore.touch) when assigned a new value.
 */
export class ClusterNode {
  /** The store that holds this entry's fields, and its row there. */
  s: NodeStore;
  i: number;

  constructor(
    name: string,
    flags: number,
    /** Creation time (unix ms). */
    ctime: number,
    /** The table's store; a node made on its own gets one (it moves to a table's when added). */
    store?: NodeStore,
  ) {
    this.s = store ?? new NodeStore(undefined, 1);
    this.i = this.s.alloc(this, name, flags, ctime);
  }

  /** Mark this entry stale for the view recorder (once until it looks again). */
  touchView(): void {
    this.s.touch(this.i);
  }

  /** A printed field changed since the view recorder last looked (new entries start stale). */
  get viewStale(): boolean {
    return this.s.viewStale[this.i] !== 0;
  }
  set viewStale(v: boolean) {
    this.s.viewStale[this.i] = v ? 1 : 0;
  }

  /** Where this entry reports going stale: its store's feed (the table's viewDirty). */
  get viewFeed(): ClusterNode[] | null {
    return this.s.viewFeed;
  }
  set viewFeed(feed: ClusterNode[] | null) {
    this.s.viewFeed = feed;
  }

  get name(): string {
    const s = this.s;
    return s.ids.names[s.i32[(this.i << 4) + H_GID]!]!;
  }
  set name(v: string) {
    this.setInt(H_GID, this.s.ids.intern(v), true);
  }

  get ctime(): number {
    return this.s.ctime[this.i]!;
  }
  set ctime(v: number) {
    this.s.ctime[this.i] = v;
  }

  get flags(): number {
    return this.s.i32[(this.i << 4) + H_FLAGS]!;
  }
  set flags(v: number) {
    this.setInt(H_FLAGS, v, true);
  }

  get configEpoch(): number {
    return this.s.configEpoch[this.i]!;
  }
  set configEpoch(v: number) {
    const s = this.s;
    if (v !== s.configEpoch[this.i]) {
      s.configEpoch[this.i] = v;
      s.touch(this.i);
      // A replica's line prints its master's configEpoch.
      for (const r of s.slaves[this.i]!) r.touchView();
    }
  }

  get slaveof(): ClusterNode | null {
    return this.s.slaveof[this.i]!;
  }
  set slaveof(v: ClusterNode | null) {
    const s = this.s;
    if (v !== s.slaveof[this.i]) {
      s.slaveof[this.i] = v;
      s.version++;
      s.touch(this.i);
    }
  }

  /** Unix ms of our outstanding PING on the outbound link; 0 = none. */
  get pingSent(): number {
    return this.s.f64[(this.i << 3) + H_PING_SENT]!;
  }
  set pingSent(v: number) {
    this.setDouble(H_PING_SENT, v, true);
  }

  /** Unix ms of the last PONG on the outbound link (or a fresher gossip time). */
  get pongReceived(): number {
    return this.s.f64[(this.i << 3) + H_PONG_RECEIVED]!;
  }
  set pongReceived(v: number) {
    this.setDouble(H_PONG_RECEIVED, v, true);
  }

  get ip(): string {
    const s = this.s;
    return s.ids.ips[s.i32[(this.i << 4) + H_IP]!]!;
  }
  set ip(v: string) {
    this.setInt(H_IP, this.s.ids.internIp(v), true);
  }

  get port(): number {
    return this.s.i32[(this.i << 4) + H_PORT]!;
  }
  set port(v: number) {
    this.setInt(H_PORT, v, true);
  }

  get cport(): number {
    return this.s.i32[(this.i << 4) + H_CPORT]!;
  }
  set cport(v: number) {
    this.setInt(H_CPORT, v, true);
  }

  get pport(): number {
    return this.s.i32[(this.i << 4) + H_PPORT]!;
  }
  set pport(v: number) {
    this.setInt(H_PPORT, v, false);
  }

  get hostname(): string {
    return this.s.hostname[this.i]!;
  }
  set hostname(v: string) {
    const s = this.s;
    if (v !== s.hostname[this.i]) {
      s.hostname[this.i] = v;
      s.touch(this.i);
    }
  }

  get link(): ClusterLink | null {
    return this.s.link[this.i]!;
  }
  set link(v: ClusterLink | null) {
    const s = this.s;
    if (v !== s.link[this.i]) {
      s.setLink(this.i, v);
      s.touch(this.i);
    }
  }

  get inboundLink(): ClusterLink | null {
    return this.s.inboundLink[this.i]!;
  }
  set inboundLink(v: ClusterLink | null) {
    this.s.inboundLink[this.i] = v;
  }

  /** Unix ms of the last valid packet from this node on any link. */
  get dataReceived(): number {
    return this.s.f64[(this.i << 3) + H_DATA_RECEIVED]!;
  }
  set dataReceived(v: number) {
    this.s.f64[(this.i << 3) + H_DATA_RECEIVED] = v;
  }

  get failTime(): number {
    return this.s.failTime[this.i]!;
  }
  set failTime(v: number) {
    this.s.failTime[this.i] = v;
  }

  /** Last time we voted for a replica of this master. */
  get votedTime(): number {
    return this.s.votedTime[this.i]!;
  }
  set votedTime(v: number) {
    this.s.votedTime[this.i] = v;
  }

  get replOffsetTime(): number {
    return this.s.replOffsetTime[this.i]!;
  }
  set replOffsetTime(v: number) {
    this.s.replOffsetTime[this.i] = v;
  }

  get orphanedTime(): number {
    return this.s.orphanedTime[this.i]!;
  }
  set orphanedTime(v: number) {
    this.s.orphanedTime[this.i] = v;
  }

  get replOffset(): number {
    return this.s.replOffset[this.i]!;
  }
  set replOffset(v: number) {
    this.s.replOffset[this.i] = v;
  }

  /** Number of slots set (kept in step with the bitmap). */
  get numslots(): number {
    return this.s.i32[(this.i << 4) + H_NUMSLOTS]!;
  }


  /** Replicas of this master, as we know them (a list of its own once it has one). */
  get slaves(): ClusterNode[] {
    const s = this.s;
    let list = s.slaves[this.i]!;
    if (list === NO_NODES) s.slaves[this.i] = list = [];
    return list;
  }

  /** Failure reports about this node (a list of its own once asked for). */
  get failReports(): FailReport[] {
    const s = this.s;
    let list = s.failReports[this.i]!;
    if (list === NO_REPORTS) s.failReports[this.i] = list = [];
    return list;
  }
  set failReports(v: FailReport[]) {
    this.s.setFailReports(this.i, v);
  }

  /** Slots this node serves, as we know it (a shared immutable bitmap). */
  get slots(): SlotBitmap {
    const s = this.s;
    const edit = s.slotEdit[this.i]!;
    if (edit !== null) {
      s.slots[this.i] = edit.done();
      s.slotEdit[this.i] = null;
    }
    return s.slots[this.i]!;
  }

  set slots(b: SlotBitmap) {
    const s = this.s;
    s.slotEdit[this.i] = null;
    s.slots[this.i] = b;
    s.i32[(this.i << 4) + H_NUMSLOTS] = b.count;
    s.version++;
    s.touch(this.i);
  }

  /** clusterNodeGetSlotBit. */
  hasSlot(slot: number): boolean {
    const s = this.s;
    const edit = s.slotEdit[this.i]!;
    return edit !== null ? edit.has(slot) : s.slots[this.i]!.has(slot);
  }

  /** The first slot in [from, to] this node does not have, or -1 (pending edits included, none applied). */
  firstSlotMissing(from: number, to: number): number {
    const s = this.s;
    const edit = s.slotEdit[this.i]!;
    const b = edit ?? s.slots[this.i]!;
    return firstMissingSlot((w) => b.word(w), from, to);
  }

  /** The slots this node has now, ascending (pending edits included, none applied). */
  ownedSlots(): number[] {
    const s = this.s;
    const b = s.slotEdit[this.i] ?? s.slots[this.i]!;
    const out: number[] = [];
    for (let w = 0; w < SLOT_WORDS; w++) {
      let bits = b.word(w);
      while (bits !== 0) {
        out.push((w << 5) + lowestBit(bits));
        bits &= bits - 1;
      }
    }
    return out;
  }

  /** Set or clear one slot bit; returns the previous value. */
  setSlotBit(slot: number, on: boolean): boolean {
    const s = this.s;
    // One edit per batch of slot changes (not a bitmap per slot); looked up once per call.
    let edit = s.slotEdit[this.i]!;
    const old = edit !== null ? edit.has(slot) : s.slots[this.i]!.has(slot);
    if (old === on) return old;
    if (edit === null) s.slotEdit[this.i] = edit = s.slots[this.i]!.edit();
    edit.set(slot, on);
    s.i32[(this.i << 4) + H_NUMSLOTS]! += on ? 1 : -1;
    s.version++;
    s.touch(this.i);
    return old;
  }

  /**
   * Set or clear the slots of `mask` in word `w` (slots 32w .. 32w+31) at
   * once, as setSlotBit would one by one; returns how many changed.
   */
  setSlotWord(w: number, mask: number, on: boolean): number {
    const s = this.s;
    let edit = s.slotEdit[this.i]!;
    const cur = edit !== null ? edit.word(w) : s.slots[this.i]!.word(w);
    const change = on ? mask & ~cur : mask & cur;
    if (change === 0) return 0;
    if (edit === null) s.slotEdit[this.i] = edit = s.slots[this.i]!.edit();
    edit.setWord(w, on ? cur | change : cur & ~change);
    const n = popcount(change);
    s.i32[(this.i << 4) + H_NUMSLOTS]! += on ? n : -n;
    s.version++;
    s.touch(this.i);
    return n;
  }

  get numslaves(): number {
    return this.s.slaves[this.i]!.length;
  }

  /** Assign an integer field of the hot record; `printed` fields report a change to the view recorder. */
  private setInt(field: number, v: number, printed: boolean): void {
    const s = this.s;
    const at = (this.i << 4) + field;
    if (v === s.i32[at]) return;
    s.i32[at] = v;
    if (field === H_FLAGS) s.version++;
    if (printed) s.touch(this.i);
  }

  /** Assign a double field of the hot record (see setInt). */
  private setDouble(field: number, v: number, printed: boolean): void {
    const s = this.s;
    const at = (this.i << 3) + field;
    if (v === s.f64[at]) return;
    s.f64[at] = v;
    if (printed) s.touch(this.i);
  }
}

// The nodeIs*() macros of cluster.h.
export const nodeIsMaster = (n: ClusterNode): boolean => (n.flags & CLUSTER_NODE_MASTER) !== 0;
export const nodeIsSlave = (n: ClusterNode): boolean => (n.flags & CLUSTER_NODE_SLAVE) !== 0;
export const nodeInHandshake = (n: ClusterNode): boolean => (n.flags & CLUSTER_NODE_HANDSHAKE) !== 0;
export const nodeHasAddr = (n: ClusterNode): boolean => (n.flags & CLUSTER_NODE_NOADDR) === 0;
export const nodeWithoutAddr = (n: ClusterNode): boolean => (n.flags & CLUSTER_NODE_NOADDR) !== 0;
export const nodeTimedOut = (n: ClusterNode): boolean => (n.flags & CLUSTER_NODE_PFAIL) !== 0;
export const nodeFailed = (n: ClusterNode): boolean => (n.flags & CLUSTER_NODE_FAIL) !== 0;
export const nodeCantFailover = (n: ClusterNode): boolean => (n.flags & CLUSTER_NODE_NOFAILOVER) !== 0;
export const nodeIsMyself = (n: ClusterNode): boolean => (n.flags & CLUSTER_NODE_MYSELF) !== 0;

/** clusterNodeAddSlave: a master with a replica is a replica-migration target. */
export function clusterNodeAddSlave(master: ClusterNode, slave: ClusterNode): boolean {
  if (master.slaves.includes(slave)) return false;
  master.slaves.push(slave);
  master.s.version++;
  master.flags |= CLUSTER_NODE_MIGRATE_TO;
  return true;
}

/** clusterNodeRemoveSlave: the last replica leaving clears MIGRATE_TO. */
export function clusterNodeRemoveSlave(master: ClusterNode, slave: ClusterNode): boolean {
  const i = master.slaves.indexOf(slave);
  if (i < 0) return false;
  master.slaves.splice(i, 1);
  master.s.version++;
  if (master.slaves.length === 0) master.flags &= ~CLUSTER_NODE_MIGRATE_TO;
  return true;
}

/** clusterCountNonFailingSlaves. */
export function clusterCountNonFailingSlaves(n: ClusterNode): number {
  const st = n.s;
  const slaves = st.slaves[n.i]!;
  let ok = 0;
  for (let k = 0; k < slaves.length; k++) {
    const r = slaves[k]!;
    if ((r.s.i32[(r.i << 4) + H_FLAGS]! & CLUSTER_NODE_FAIL) === 0) ok++;
  }
  return ok;
}

/** The master whose slots a node's header carries: itself if master, else its master. */
export function clusterNodeGetMaster(n: ClusterNode): ClusterNode {
  return nodeIsSlave(n) && n.slaveof ? n.slaveof : n;
}
