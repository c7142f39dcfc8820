// Records what every node would print for CLUSTER NODES, as the run goes, so
// that the page can show any node's view at any whole millisecond.
//
// A node's table changes in two ways. Structurally (flags, roles, masters,
// epochs, slots, addresses, entries added or removed), which is rare: then
// the whole text is rendered once as clusterGenNodesDescription would and
// kept as interned lines. And in ping_sent / pong_received, which change on
// almost every message, and the link state, which flips every 100 ms cron
// while a peer is down (the link is re-created, refused and freed again):
// those three fields are kept per (observer, node ID) as small series
// instead, so neither a PING nor a refused connect costs a snapshot.
//
// noteView() runs after every event a node handles, so it must stay cheap:
// it looks only at the entries whose printed fields were assigned since the
// last look (each one appends itself to ClusterState.viewDirty once) and
// compares those with a cache; entries added, removed or renamed
// (viewMembershipChanged) make it re-read the whole table. No allocation
// unless something changed.
//
// View times are rounded up to whole ms: a change at 17773.535 is visible
// from 17774 on, which makes the view at every whole millisecond exact (the
// state after every event at or before it, as `sim nodes --at` prints it).
// Lanes colour from the exact time of each snapshot instead (snapAt).

import { CLUSTER_NODE_MYSELF, CLUSTER_NODE_SLAVE } from '../../cluster/constants.ts';
import type { ClusterNode } from '../../cluster/node.ts';
import { clusterGenNodeDescription, clusterGenNodesSlotsInfo, type SlotRanges } from '../../cluster/nodes-format.ts';
import type { ClusterState } from '../../cluster/state.ts';
import { Interner } from '../../core/interner.ts';
import { UNIX_EPOCH_AT_ZERO_MS } from '../../core/time.ts';
import { Series, type SeriesKind } from './series.ts';

/** The last values noted for one entry of one node's table. */
interface Cached {
  name: string;
  flags: number;
  master: ClusterNode | null;
  epoch: number;
  /** 1 connected, 0 disconnected (as printed). */
  link: number;
  slots: unknown;
  numslots: number;
  ip: string;
  port: number;
  cport: number;
  hostname: string;
  /** Index of `name` in the ID table (keys the ping/pong series). */
  id: number;
  ping: number;
  pong: number;
}

/** One observer's record. Series are flat [t, value, t, value, …] with t in whole ms. */
export interface ObserverLog {
  snapT: number[];
  /** Exact time of the last change each snapshot holds (lanes colour from it; views use snapT). */
  snapAt: number[];
  /** Line indices in table order, or null while the process is not running. */
  snaps: (number[] | null)[];
  ping: Map<number, Series>;
  pong: Map<number, Series>;
  link: Map<number, Series>;
}

// Local copies: noteView runs after every event of every node, and an
// imported binding may cost a getter call per use under some loaders.
const MYSELF = CLUSTER_NODE_MYSELF;
const SLAVE = CLUSTER_NODE_SLAVE;

/** Shown epoch: a replica's line carries its master's configEpoch (as nodes-format does). */
function shownEpoch(n: ClusterNode): number {
  return (n.flags & SLAVE) !== 0 && n.slaveof ? n.slaveof.configEpoch : n.configEpoch;
}

/** Printed link state: "connected" means a link object exists (even one still connecting); myself always. */
function linkShown(n: ClusterNode): number {
  return n.link !== null || (n.flags & MYSELF) !== 0 ? 1 : 0;
}

function lastValue(series: Series | undefined): number | undefined {
  return series?.last();
}

export class ViewRecorder {
  readonly logs: ObserverLog[];
  /** Interned `<head>\t<tail>` lines and the ID index of each. */
  private readonly lineTable = new Interner();
  private readonly idTable = new Interner();
  readonly lines: readonly string[] = this.lineTable.values;
  readonly lineId: number[] = [];
  readonly ids: readonly string[] = this.idTable.values;
  /** Per observer: what was last noted of each table entry. */
  private readonly caches: Map<ClusterNode, Cached>[];
  private readonly migKeys: string[];
  /** Per observer: its slot table as ranges per node, kept until some entry's slots change. */
  private readonly slotInfos: (Map<ClusterNode, SlotRanges> | null)[];
  /** Structural snapshots taken (for reports and tests). */
  snapshotCount = 0;

  constructor(nodeCount: number) {
    this.logs = Array.from({ length: nodeCount }, () => ({ snapT: [], snapAt: [], snaps: [], ping: new Map(), pong: new Map(), link: new Map() }));
    this.caches = Array.from({ length: nodeCount }, () => new Map());
    this.migKeys = Array.from({ length: nodeCount }, () => '');
    this.slotInfos = Array.from({ length: nodeCount }, () => null);
  }

  /** After an event of node `k` at simulated `now`: note what changed in its table. */
  noteView(k: number, now: number, cs: ClusterState): void {
    const t = Math.ceil(now);
    const log = this.logs[k]!;
    let structural = cs.nodes.size !== this.caches[k]!.size || log.snaps.length === 0 || log.snaps[log.snaps.length - 1] === null;
    if (cs.viewDirty === null) {
      // First look at this table: from now on its entries report their own changes.
      const feed: ClusterNode[] = [];
      cs.viewDirty = feed;
      for (const n of cs.nodes.values()) n.viewFeed = feed;
      structural = true;
    }
    if (cs.viewMembershipChanged) structural = true;
    // Slots move only with a node's bitmap (clusterAddSlot/clusterDelSlot set both), so an
    // unchanged bitmap everywhere means the cached slot table still holds.
    let slotsMoved = structural;
    const dirty = cs.viewDirty;
    if (!structural) {
      const cache = this.caches[k]!;
      for (let j = 0; j < dirty.length; j++) {
        const n = dirty[j]!;
        n.viewStale = false;
        const c = cache.get(n);
        if (c === undefined) {
          structural = slotsMoved = true;
          break;
        }
        if (c.numslots !== n.numslots || c.slots !== n.slots) structural = slotsMoved = true;
        else if (
          c.flags !== n.flags ||
          c.name !== n.name ||
          c.master !== n.slaveof ||
          c.epoch !== shownEpoch(n) ||
          c.ip !== n.ip ||
          c.port !== n.port ||
          c.cport !== n.cport ||
          c.hostname !== n.hostname
        )
          structural = true;
        if (c.ping !== n.pingSent) this.series(log.ping, c.id, 'clock').put(t, (c.ping = n.pingSent));
        if (c.pong !== n.pongReceived) this.series(log.pong, c.id, 'clock').put(t, (c.pong = n.pongReceived));
        const link = linkShown(n);
        if (c.link !== link) this.series(log.link, c.id, 'plain').put(t, (c.link = link));
      }
    }
    // A snapshot re-reads every entry (and clears every stale mark) anyway.
    dirty.length = 0;
    // Open slots print on the myself line only; they are rare, so a text key is fine.
    if (cs.migratingSlotsTo.size > 0 || cs.importingSlotsFrom.size > 0 || this.migKeys[k] !== '') {
      const key = migrationKey(cs);
      if (key !== this.migKeys[k]) {
        this.migKeys[k] = key;
        structural = true;
      }
    }
    if (slotsMoved) this.slotInfos[k] = null;
    if (structural) this.snapshot(k, now, cs);
  }

  /** Node `k`'s process is gone (killed, exited): it prints nothing. */
  noteDown(k: number, now: number): void {
    this.caches[k] = new Map();
    this.migKeys[k] = '';
    this.slotInfos[k] = null;
    this.pushSnap(this.logs[k]!, now, null);
  }

  private series(m: Map<number, Series>, id: number, kind: SeriesKind): Series {
    let s = m.get(id);
    if (!s) m.set(id, (s = new Series(kind, UNIX_EPOCH_AT_ZERO_MS)));
    return s;
  }

  private snapshot(k: number, now: number, cs: ClusterState): void {
    const t = Math.ceil(now);
    const log = this.logs[k]!;
    const cache = new Map<ClusterNode, Cached>();
    cs.viewMembershipChanged = false;
    for (const n of cs.nodes.values()) {
      n.viewStale = false;
      const id = this.internId(n.name);
      const c: Cached = {
        name: n.name,
        flags: n.flags,
        master: n.slaveof,
        epoch: shownEpoch(n),
        link: linkShown(n),
        slots: n.slots,
        numslots: n.numslots,
        ip: n.ip,
        port: n.port,
        cport: n.cport,
        hostname: n.hostname,
        id,
        ping: n.pingSent,
        pong: n.pongReceived,
      };
      // The series continue across snapshots (and restarts): only a change is a point.
      if (lastValue(log.ping.get(id)) !== c.ping) this.series(log.ping, id, 'clock').put(t, c.ping);
      if (lastValue(log.pong.get(id)) !== c.pong) this.series(log.pong, id, 'clock').put(t, c.pong);
      if (lastValue(log.link.get(id)) !== c.link) this.series(log.link, id, 'plain').put(t, c.link);
      cache.set(n, c);
    }
    this.caches[k] = cache;
    // clusterGenNodesDescription, with the slot table (its costly part: a
    // 16384-slot scan) computed only when slots moved.
    let slotInfo = this.slotInfos[k];
    if (!slotInfo) slotInfo = this.slotInfos[k] = clusterGenNodesSlotsInfo(cs);
    const snap: number[] = [];
    for (const n of cs.nodes.values()) snap.push(this.internLine(clusterGenNodeDescription(cs, n, slotInfo.get(n))));
    this.pushSnap(log, now, snap);
  }

  /** A second snapshot in the same whole ms replaces the first (only the ms's end state is kept). */
  private pushSnap(log: ObserverLog, now: number, snap: number[] | null): void {
    const t = Math.ceil(now);
    const n = log.snaps.length;
    if (n > 0 && log.snapT[n - 1] === t) {
      log.snaps[n - 1] = snap;
      log.snapAt[n - 1] = now;
      if (n > 1 && sameSnap(log.snaps[n - 2]!, snap)) {
        log.snaps.pop();
        log.snapT.pop();
        log.snapAt.pop();
      }
      return;
    }
    if (n > 0 && sameSnap(log.snaps[n - 1]!, snap)) return;
    log.snapT.push(t);
    log.snapAt.push(now);
    log.snaps.push(snap);
    this.snapshotCount++;
  }

  private internId(id: string): number {
    return this.idTable.id(id);
  }

  /**
   * `<id> <addr> <flags> <master> <ping> <pong> <epoch> <link>[ <slots…>]` →
   * `<id> <addr> <flags> <master>\t<epoch>\t[ <slots…>]`: the series fields cut out.
   */
  private internLine(line: string): number {
    const sp: number[] = [];
    for (let i = line.indexOf(' '); i >= 0 && sp.length < 8; i = line.indexOf(' ', i + 1)) sp.push(i);
    // sp[3] ends the master field, sp[5] the pong, sp[6] the epoch; the link state runs to sp[7] or the end.
    const rest = sp.length > 7 ? line.slice(sp[7]) : '';
    const template = `${line.slice(0, sp[3])}\t${line.slice(sp[5]! + 1, sp[6])}\t${rest}`;
    const known = this.lineTable.size;
    const i = this.lineTable.id(template);
    if (i === known) this.lineId.push(this.internId(line.slice(0, line.indexOf(' '))));
    return i;
  }
}

function sameSnap(a: number[] | null, b: number[] | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function migrationKey(cs: ClusterState): string {
  let key = '';
  for (const [slot, n] of cs.migratingSlotsTo) key += `>${slot}:${n.name}`;
  for (const [slot, n] of cs.importingSlotsFrom) key += `<${slot}:${n.name}`;
  return key;
}
