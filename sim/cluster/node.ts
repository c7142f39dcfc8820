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
import type { GossipEntry } from './messages.ts';
import { SlotBitmap, type SlotBitmapEditor } from './slot-bitmap.ts';

/** clusterNodeFailReport: `node` said (in gossip) that the owner is failing, last at `time`. */
export interface FailReport {
  node: ClusterNode;
  time: number;
}

export class ClusterNode {
  // What CLUSTER NODES prints of this entry lives behind accessors that set
  // `viewStale` when a value changes (simulator-only: the timeline's view
  // recorder re-reads only stale entries after each event, instead of every
  // field of every entry; at 1000 nodes that scan was the run's largest cost).
  private nameValue: string;
  private flagsValue: number;
  private configEpochValue = 0;
  private slaveofValue: ClusterNode | null = null;
  private pingSentValue = 0;
  private pongReceivedValue = 0;
  private ipValue = '';
  private portValue = 0;
  private cportValue = 0;
  private hostnameValue = '';
  private linkValue: ClusterLink | null = null;
  /** A printed field changed since the view recorder last looked (new entries start stale). */
  viewStale = true;
  /**
   * The owning table's list of stale entries (ClusterState.viewDirty), or
   * null when nothing records views: an entry going stale appends itself.
   */
  viewFeed: ClusterNode[] | null = null;

  /** Number of slots set (kept in step with the bitmap). */
  numslots = 0;
  private slotBits: SlotBitmap = SlotBitmap.EMPTY;
  /** Pending edits: one copy per batch of slot changes, not one per slot. */
  private slotEdit: SlotBitmapEditor | null = null;
  slaves: ClusterNode[] = [];
  /** Unix ms of the last valid packet from this node on any link. */
  dataReceived = 0;
  failTime = 0;
  /** Last time we voted for a replica of this master. */
  votedTime = 0;
  replOffsetTime = 0;
  orphanedTime = 0;
  replOffset = 0;
  pport = 0;
  inboundLink: ClusterLink | null = null;
  failReports: FailReport[] = [];
  /** Dedup marker for gossip building (cluster_pings_sent of the last packet it went into). */
  lastInPingGossip = 0;
  /** Last gossip entry built about this node (reused while unchanged; see gossip.ts). */
  gossipCache: GossipEntry | null = null;
  /** Position in ClusterState.nodeList, for O(1) random picks and removal. */
  listIndex = -1;

  constructor(
    name: string,
    flags: number,
    /** Creation time (unix ms). */
    public ctime: number,
  ) {
    this.nameValue = name;
    this.flagsValue = flags;
  }

  /** Mark this entry stale for the view recorder (once until it looks again). */
  touchView(): void {
    if (this.viewStale) return;
    this.viewStale = true;
    if (this.viewFeed !== null) this.viewFeed.push(this);
  }

  get name(): string {
    return this.nameValue;
  }
  set name(v: string) {
    if (v !== this.nameValue) {
      this.nameValue = v;
      this.touchView();
    }
  }

  get flags(): number {
    return this.flagsValue;
  }
  set flags(v: number) {
    if (v !== this.flagsValue) {
      this.flagsValue = v;
      this.touchView();
    }
  }

  get configEpoch(): number {
    return this.configEpochValue;
  }
  set configEpoch(v: number) {
    if (v !== this.configEpochValue) {
      this.configEpochValue = v;
      this.touchView();
      // A replica's line prints its master's configEpoch.
      for (const s of this.slaves) s.touchView();
    }
  }

  get slaveof(): ClusterNode | null {
    return this.slaveofValue;
  }
  set slaveof(v: ClusterNode | null) {
    if (v !== this.slaveofValue) {
      this.slaveofValue = v;
      this.touchView();
    }
  }

  /** Unix ms of our outstanding PING on the outbound link; 0 = none. */
  get pingSent(): number {
    return this.pingSentValue;
  }
  set pingSent(v: number) {
    if (v !== this.pingSentValue) {
      this.pingSentValue = v;
      this.touchView();
    }
  }

  /** Unix ms of the last PONG on the outbound link (or a fresher gossip time). */
  get pongReceived(): number {
    return this.pongReceivedValue;
  }
  set pongReceived(v: number) {
    if (v !== this.pongReceivedValue) {
      this.pongReceivedValue = v;
      this.touchView();
    }
  }

  get ip(): string {
    return this.ipValue;
  }
  set ip(v: string) {
    if (v !== this.ipValue) {
      this.ipValue = v;
      this.touchView();
    }
  }

  get port(): number {
    return this.portValue;
  }
  set port(v: number) {
    if (v !== this.portValue) {
      this.portValue = v;
      this.touchView();
    }
  }

  get cport(): number {
    return this.cportValue;
  }
  set cport(v: number) {
    if (v !== this.cportValue) {
      this.cportValue = v;
      this.touchView();
    }
  }

  get hostname(): string {
    return this.hostnameValue;
  }
  set hostname(v: string) {
    if (v !== this.hostnameValue) {
      this.hostnameValue = v;
      this.touchView();
    }
  }

  get link(): ClusterLink | null {
    return this.linkValue;
  }
  set link(v: ClusterLink | null) {
    if (v !== this.linkValue) {
      this.linkValue = v;
      this.touchView();
    }
  }

  /** Slots this node serves, as we know it (a shared immutable bitmap). */
  get slots(): SlotBitmap {
    if (this.slotEdit) {
      this.slotBits = this.slotEdit.done();
      this.slotEdit = null;
    }
    return this.slotBits;
  }

  set slots(b: SlotBitmap) {
    this.slotEdit = null;
    this.slotBits = b;
    this.numslots = b.count;
    this.touchView();
  }

  /** clusterNodeGetSlotBit. */
  hasSlot(slot: number): boolean {
    return this.slotEdit ? this.slotEdit.has(slot) : this.slotBits.has(slot);
  }

  /** Set or clear one slot bit; returns the previous value. */
  setSlotBit(slot: number, on: boolean): boolean {
    const old = this.hasSlot(slot);
    if (old === on) return old;
    if (!this.slotEdit) this.slotEdit = this.slotBits.edit();
    this.slotEdit.set(slot, on);
    this.numslots += on ? 1 : -1;
    this.touchView();
    return old;
  }

  get numslaves(): number {
    return this.slaves.length;
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
  master.flags |= CLUSTER_NODE_MIGRATE_TO;
  return true;
}

/** clusterNodeRemoveSlave: the last replica leaving clears MIGRATE_TO. */
export function clusterNodeRemoveSlave(master: ClusterNode, slave: ClusterNode): boolean {
  const i = master.slaves.indexOf(slave);
  if (i < 0) return false;
  master.slaves.splice(i, 1);
  if (master.slaves.length === 0) master.flags &= ~CLUSTER_NODE_MIGRATE_TO;
  return true;
}

/** clusterCountNonFailingSlaves. */
export function clusterCountNonFailingSlaves(n: ClusterNode): number {
  let ok = 0;
  for (const s of n.slaves) if (!nodeFailed(s)) ok++;
  return ok;
}

/** The master whose slots a node's header carries: itself if master, else its master. */
export function clusterNodeGetMaster(n: ClusterNode): ClusterNode {
  return nodeIsSlave(n) && n.slaveof ? n.slaveof : n;
}
