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
  flags: number;
  configEpoch = 0;
  /** Number of slots set (kept in step with the bitmap). */
  numslots = 0;
  private slotBits: SlotBitmap = SlotBitmap.EMPTY;
  /** Pending edits: one copy per batch of slot changes, not one per slot. */
  private slotEdit: SlotBitmapEditor | null = null;
  slaves: ClusterNode[] = [];
  slaveof: ClusterNode | null = null;
  /** Unix ms of our outstanding PING on the outbound link; 0 = none. */
  pingSent = 0;
  /** Unix ms of the last PONG on the outbound link (or a fresher gossip time). */
  pongReceived = 0;
  /** Unix ms of the last valid packet from this node on any link. */
  dataReceived = 0;
  failTime = 0;
  /** Last time we voted for a replica of this master. */
  votedTime = 0;
  replOffsetTime = 0;
  orphanedTime = 0;
  replOffset = 0;
  ip = '';
  port = 0;
  pport = 0;
  cport = 0;
  hostname = '';
  link: ClusterLink | null = null;
  inboundLink: ClusterLink | null = null;
  failReports: FailReport[] = [];
  /** Dedup marker for gossip building (cluster_pings_sent of the last packet it went into). */
  lastInPingGossip = 0;
  /** Last gossip entry built about this node (reused while unchanged; see gossip.ts). */
  gossipCache: GossipEntry | null = null;
  /** Position in ClusterState.nodeList, for O(1) random picks and removal. */
  listIndex = -1;

  constructor(
    public name: string,
    flags: number,
    /** Creation time (unix ms). */
    public ctime: number,
  ) {
    this.flags = flags;
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
