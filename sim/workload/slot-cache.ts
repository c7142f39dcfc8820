// A cluster client's map from hash slot to master, as smart clients keep it
// (redis-py NodesManager.slots_cache, Jedis JedisClusterInfoCache): filled
// from CLUSTER SLOTS, patched by MOVED. Addresses are interned once; the map
// itself is a flat Int16Array so routing an operation allocates nothing.

import { CLUSTER_SLOTS } from '../core/keyslot.ts';
import type { Reply } from '../core/reply.ts';
import type { NodeAddress, WorkloadHost } from './env.ts';

/**
 * Module-local copy of CLUSTER_SLOTS: loops over all 16384 slots read it on
 * every step, and an imported binding costs a getter call per read under
 * vitest's module runner.
 */
const SLOTS = CLUSTER_SLOTS;

/** One node the client has heard of. */
export interface KnownNode extends NodeAddress {
  /** Network id of the process at that address, if any. */
  readonly pid: number | undefined;
  /** Scenario name (or ip:port when nothing listens there). */
  readonly name: string;
}

/** One CLUSTER SLOTS entry, reduced to what routing needs. */
export interface SlotsEntry {
  readonly start: number;
  readonly end: number;
  readonly master: NodeAddress;
}

/**
 * Parse a Redis 7.0 CLUSTER SLOTS reply: an array of
 * `[start, end, [endpoint, port, id, {meta}], replica...]`. The endpoint
 * follows cluster-preferred-endpoint-type: with `ip` it is the address;
 * otherwise the metadata carries the `ip`, which is used (standing in for the
 * DNS lookup a real client would make of a hostname). A null endpoint with no
 * metadata means "the node you asked", as redis-py reads it (`askedIp`).
 * Returns null when the reply is not of that shape (an error, a stub).
 */
export function parseClusterSlots(reply: Reply, askedIp: string): SlotsEntry[] | null {
  if (reply.kind !== 'array' || reply.items === null) return null;
  const out: SlotsEntry[] = [];
  for (const e of reply.items) {
    if (e.kind !== 'array' || e.items === null || e.items.length < 3) return null;
    const [s, t, node] = e.items as [Reply, Reply, Reply];
    if (s.kind !== 'int' || t.kind !== 'int' || node.kind !== 'array' || node.items === null) return null;
    const [host, port, , meta] = node.items as [Reply | undefined, Reply | undefined, Reply | undefined, Reply | undefined];
    if (!host || !port || host.kind !== 'bulk' || port.kind !== 'int') return null;
    const ip = metaIp(meta) ?? (host.value === null || host.value === '' ? askedIp : host.value);
    if (ip === '?') continue;
    out.push({ start: s.value, end: t.value, master: { ip, port: port.value } });
  }
  return out;
}

/** The `ip` entry of a node's networking metadata (a flat key/value array). */
function metaIp(meta: Reply | undefined): string | undefined {
  if (!meta || meta.kind !== 'array' || meta.items === null) return undefined;
  for (let i = 0; i + 1 < meta.items.length; i += 2) {
    const k = meta.items[i]!;
    const v = meta.items[i + 1]!;
    if (k.kind === 'bulk' && k.value === 'ip' && v.kind === 'bulk' && v.value) return v.value;
  }
  return undefined;
}

/** Slots an entry list covers (overlaps counted once). */
export function coveredSlots(entries: readonly SlotsEntry[]): number {
  const seen = new Uint8Array(SLOTS);
  let n = 0;
  for (const e of entries) {
    for (let s = Math.max(0, e.start); s <= Math.min(SLOTS - 1, e.end); s++) {
      if (seen[s] === 0) {
        seen[s] = 1;
        n++;
      }
    }
  }
  return n;
}

export class SlotCache {
  /** Slot → index into `nodes`, or -1 when the client knows no owner. */
  private readonly owners = new Int16Array(SLOTS).fill(-1);
  readonly nodes: KnownNode[] = [];
  private readonly byAddress = new Map<string, number>();

  constructor(private readonly host: WorkloadHost) {}

  /** Index of a node address, interned on first sight. */
  nodeIndex(ip: string, port: number): number {
    const key = `${ip}:${port}`;
    let i = this.byAddress.get(key);
    if (i === undefined) {
      i = this.nodes.length;
      const pid = this.host.resolve(ip, port, 'client');
      const name = (pid === undefined ? undefined : this.host.processByPid(pid)?.name) ?? key;
      this.nodes.push({ ip, port, pid, name });
      this.byAddress.set(key, i);
    }
    return i;
  }

  /** The master this client would send a command for `slot` to, or -1. */
  owner(slot: number): number {
    return this.owners[slot]!;
  }

  /** MOVED: this one slot now lives at `node` (the rest of the map is left alone). */
  setOwner(slot: number, node: number): void {
    this.owners[slot] = node;
  }

  /**
   * A whole-map refresh replaces the map, as redis-py's initialize() and
   * Jedis's renewSlotCache() do: slots the reply does not cover become unknown.
   */
  replace(entries: readonly SlotsEntry[]): void {
    this.owners.fill(-1);
    for (const e of entries) {
      const n = this.nodeIndex(e.master.ip, e.master.port);
      for (let s = Math.max(0, e.start); s <= Math.min(SLOTS - 1, e.end); s++) this.owners[s] = n;
    }
  }

  /** Slots with a known owner. */
  get covered(): number {
    let n = 0;
    for (let s = 0; s < SLOTS; s++) if (this.owners[s]! >= 0) n++;
    return n;
  }
}

/** A redirection reply, parsed. */
export interface Redirect {
  readonly kind: 'MOVED' | 'ASK';
  readonly slot: number;
  readonly ip: string;
  readonly port: number;
}

/**
 * `MOVED 3300 127.0.0.1:7001` / `ASK 3300 127.0.0.1:7001` (error text without
 * the '-'). The endpoint splits at the last ':' (IPv6 endpoints contain ':');
 * an empty endpoint (unknown-endpoint) means "the node you asked".
 */
export function parseRedirect(text: string, askedIp: string): Redirect | null {
  const kind = text.startsWith('MOVED ') ? 'MOVED' : text.startsWith('ASK ') ? 'ASK' : null;
  if (kind === null) return null;
  const sp = text.indexOf(' ', kind.length + 1);
  const colon = text.lastIndexOf(':');
  if (sp < 0 || colon < sp) return null;
  const slot = Number(text.slice(kind.length + 1, sp));
  const port = Number(text.slice(colon + 1));
  if (!Number.isInteger(slot) || !Number.isInteger(port)) return null;
  const ip = colon === sp + 1 ? askedIp : text.slice(sp + 1, colon);
  return { kind, slot, ip, port };
}
