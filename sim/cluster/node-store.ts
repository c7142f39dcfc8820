// The fields of one instance's node table, stored by row: row i holds what
// this instance believes about one node. A 1000-node cluster holds a million
// entries; as objects they were a million scattered allocations with their
// times boxed, and clusterCron (which reads every entry ten times a second)
// and gossip (which reads and writes a hundred random entries per packet)
// spent their time waiting for memory.
//
// The fields gossip and the cron read for every entry share one 64-byte
// record per row (`hot`, viewed as doubles and as 32-bit integers), so an
// entry costs one cache line; the rest are plain columns by row. Each row
// also has a ClusterNode (node.ts): a small handle with Redis's field names
// as accessors, which the rest of the code passes around. Rows are never
// reused, so a handle kept after its node was deleted reads the values it
// had, as the object did before.

import type { ClusterLink } from './link.ts';
import type { ClusterNode, FailReport } from './node.ts';
import { NodeIds } from './node-ids.ts';
import { SlotBitmap, type SlotBitmapEditor } from './slot-bitmap.ts';

/** Shared empty lists: most entries have no replicas and no failure reports. */
export const NO_NODES: ClusterNode[] = Object.freeze([]) as unknown as ClusterNode[];
export const NO_REPORTS: FailReport[] = Object.freeze([]) as unknown as FailReport[];

// The hot record of row r, 64 bytes: three doubles at f64[r * 8 + k] (k < 3),
// then ten integers at i32[r * 16 + k] (6 <= k < 16), in the same bytes.
/** Unix ms of our outstanding PING on the outbound link; 0 = none. */
export const H_PING_SENT = 0;
/** Unix ms of the last PONG on the outbound link (or a fresher gossip time). */
export const H_PONG_RECEIVED = 1;
/** Unix ms of the last valid packet from the node on any link. */
export const H_DATA_RECEIVED = 2;
/** 1 while the entry has an outbound link (mirrors the `link` column). */
export const H_HAS_LINK = 6;
/** Failure reports about the node (mirrors the length of its `failReports` list). */
export const H_REPORTS = 7;
export const H_FLAGS = 8;
export const H_NUMSLOTS = 9;
// 10 is free.
/** The node ID, as its index in `ids`. */
export const H_GID = 11;
/** The IP address, as its index in `ids.ips`. */
export const H_IP = 12;
export const H_PORT = 13;
export const H_CPORT = 14;
export const H_PPORT = 15;
const HOT_BYTES = 64;

const COLD = ['failTime', 'votedTime', 'replOffsetTime', 'orphanedTime', 'replOffset', 'ctime', 'configEpoch'] as const;

export class NodeStore {
  /** Rows in use (0 … size − 1). */
  size = 0;
  /**
   * Bumped whenever what replica migration counts may have changed: an
   * entry's flags, slots or master, a master's replicas, the table's
   * membership. clusterCron keeps its orphan count until it moves.
   */
  version = 0;
  private capacity = 0;
  /** Hot records as doubles (8 per row) and as integers (16 per row), one buffer. */
  f64 = new Float64Array(0);
  i32 = new Int32Array(0);

  // Cold fields by row.
  failTime = new Float64Array(0);
  /** Last time we voted for a replica of this master. */
  votedTime = new Float64Array(0);
  replOffsetTime = new Float64Array(0);
  orphanedTime = new Float64Array(0);
  replOffset = new Float64Array(0);
  /** Creation time (unix ms). */
  ctime = new Float64Array(0);
  configEpoch = new Float64Array(0);
  /** Position in ClusterState.nodeList, -1 while not listed. */
  listIndex = new Int32Array(0);
  /** 1 while a printed field changed since the view recorder last looked (new rows start stale). */
  viewStale = new Uint8Array(0);

  // References.
  readonly handle: ClusterNode[] = [];
  readonly hostname: string[] = [];
  readonly link: (ClusterLink | null)[] = [];
  readonly inboundLink: (ClusterLink | null)[] = [];
  readonly slaveof: (ClusterNode | null)[] = [];
  readonly slots: SlotBitmap[] = [];
  /** NO_NODES until the first replica; a row's own array after. */
  readonly slaves: ClusterNode[][] = [];
  /** NO_REPORTS until the first report; a row's own array after. */
  readonly failReports: FailReport[][] = [];
  /** Pending slot edits of a row (one copy per batch of slot changes, not one per slot), or null. */
  readonly slotEdit: (SlotBitmapEditor | null)[] = [];
  /** Where a row that goes stale reports itself (ClusterState.viewDirty), or null while nothing records views. */
  viewFeed: ClusterNode[] | null = null;

  constructor(
    /** The run's node IDs (a store of its own for a node made outside any table). */
    readonly ids: NodeIds = new NodeIds(),
    capacity = 8,
  ) {
    this.resize(capacity);
  }

  /** A new row for `handle` (its fields zero, no address, no slots); returns the row. */
  alloc(handle: ClusterNode, name: string, flags: number, ctime: number): number {
    if (this.size === this.capacity) this.resize(this.capacity * 2);
    const i = this.size++;
    const o = i << 4;
    this.i32[o + H_FLAGS] = flags;
    this.i32[o + H_GID] = this.ids.intern(name);
    this.i32[o + H_IP] = this.ids.internIp('');
    this.ctime[i] = ctime;
    this.listIndex[i] = -1;
    this.viewStale[i] = 1;
    this.handle.push(handle);
    this.hostname.push('');
    this.link.push(null);
    this.inboundLink.push(null);
    this.slaveof.push(null);
    this.slots.push(SlotBitmap.EMPTY);
    this.slotEdit.push(null);
    this.slaves.push(NO_NODES);
    this.failReports.push(NO_REPORTS);
    return i;
  }

  /** Row `i` changed a printed field: report it once until the view recorder looks again. */
  touch(i: number): void {
    if (this.viewStale[i] !== 0) return;
    this.viewStale[i] = 1;
    if (this.viewFeed !== null) this.viewFeed.push(this.handle[i]!);
  }

  /** The node ID index of row `i`. */
  gidOf(i: number): number {
    return this.i32[(i << 4) + H_GID]!;
  }

  /** Set the outbound link of row `i` (and its mirror in the hot record). */
  setLink(i: number, link: ClusterLink | null): void {
    this.link[i] = link;
    this.i32[(i << 4) + H_HAS_LINK] = link === null ? 0 : 1;
  }

  /** Set the failure reports of row `i` (and their count in the hot record). */
  setFailReports(i: number, reports: FailReport[]): void {
    this.failReports[i] = reports;
    this.i32[(i << 4) + H_REPORTS] = reports.length;
  }

  /** The failure report list of row `i` changed in place: keep the count in step. */
  reportsChanged(i: number): void {
    this.i32[(i << 4) + H_REPORTS] = this.failReports[i]!.length;
  }

  /** Copy row `i` of `from` into a new row here (a node made on its own joins a table). */
  adopt(from: NodeStore, i: number): number {
    const h = from.handle[i]!;
    const j = this.alloc(h, from.ids.names[from.i32[(i << 4) + H_GID]!]!, 0, 0);
    this.f64.set(from.f64.subarray(i << 3, (i + 1) << 3), j << 3);
    const ip = from.ids.ips[from.i32[(i << 4) + H_IP]!]!;
    this.i32[(j << 4) + H_GID] = this.ids.intern(from.ids.names[from.i32[(i << 4) + H_GID]!]!);
    this.i32[(j << 4) + H_IP] = this.ids.internIp(ip);
    for (const c of COLD) this[c][j] = from[c][i]!;
    this.viewStale[j] = from.viewStale[i]!;
    this.hostname[j] = from.hostname[i]!;
    this.link[j] = from.link[i]!;
    this.inboundLink[j] = from.inboundLink[i]!;
    this.slaveof[j] = from.slaveof[i]!;
    this.slots[j] = from.slots[i]!;
    this.slaves[j] = from.slaves[i]!;
    this.failReports[j] = from.failReports[i]!;
    this.slotEdit[j] = from.slotEdit[i]!;
    return j;
  }

  private resize(capacity: number): void {
    this.capacity = capacity;
    const buf = new ArrayBuffer(capacity * HOT_BYTES);
    const f64 = new Float64Array(buf);
    f64.set(this.f64);
    this.f64 = f64;
    this.i32 = new Int32Array(buf);
    for (const c of COLD) {
      const a = new Float64Array(capacity);
      a.set(this[c]);
      this[c] = a;
    }
    const li = new Int32Array(capacity);
    li.set(this.listIndex);
    this.listIndex = li;
    const v = new Uint8Array(capacity);
    v.set(this.viewStale);
    this.viewStale = v;
  }
}
