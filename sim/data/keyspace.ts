// One node's keyspace (Redis DB 0; cluster mode has no other DB): strings,
// lists, hashes and sets, key TTLs, and the per-slot index of keys.
//
// The keyspace stores; it does not decide. Whether a logically expired key is
// deleted, hidden or still visible depends on the node's role and on who sent
// the command (see lookupKey in command-context.ts), so here expiry is only
// data (`expireAt`) plus `isExpired(key, now)`. Time is always the simulated
// `now` passed in.
//
// Iteration order is deterministic: insertion order of the key (a key that is
// deleted and created again moves to the end); overwriting a value keeps the
// key's place, as Redis's dbOverwrite keeps the dict entry.

import { keyHashSlot } from '../core/keyslot.ts';
import { SlotToKeys, type SlotLinked } from './slot-index.ts';

/**
 * A string; a list (index 0 is the head; RPUSH appends at the end); a hash
 * (field → value, in insertion order as 7.0's listpack keeps small hashes);
 * a set. Commands update lists, hashes and sets in place; none is ever empty
 * (the command that empties one deletes the key, as Redis does).
 */
export type Value = string | string[] | Map<string, string> | Set<string>;
export type ValueType = 'string' | 'list' | 'hash' | 'set';

export function typeOf(v: Value): ValueType {
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'list';
  return v instanceof Map ? 'hash' : 'set';
}

/** A copy that shares nothing mutable with `v`. */
export function copyValue(v: Value): Value {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.slice();
  return v instanceof Map ? new Map(v) : new Set(v);
}

/** What readers see of a key. A list's array is the stored one: commands update it in place. */
export interface KeyView {
  readonly key: string;
  readonly value: Value;
  /** Absolute expire time in simulated ms, or -1 for no TTL. */
  readonly expireAt: number;
  readonly slot: number;
}

interface Entry extends SlotLinked, KeyView {
  value: Value;
  expireAt: number;
}

export type RestoreResult = 'ok' | 'busykey' | 'bad-payload';

export class Keyspace {
  private readonly dict = new Map<string, Entry>();
  private readonly bySlot = new SlotToKeys();
  /** Keys with a TTL, in the order active expiry visits them (see activeExpireCycle). */
  private readonly expires = new Set<Entry>();

  /** DBSIZE: every key, including logically expired ones not yet deleted. */
  get size(): number {
    return this.dict.size;
  }

  /** The key as stored, expired or not. */
  peek(key: string): KeyView | undefined {
    return this.dict.get(key);
  }

  /** keyIsExpired(): Redis treats a key as expired once now > expireAt. */
  isExpired(key: string, nowMs: number): boolean {
    const e = this.dict.get(key);
    return e !== undefined && e.expireAt >= 0 && nowMs > e.expireAt;
  }

  /**
   * setKey(): create or overwrite. Overwriting drops the TTL unless keepTtl
   * (SET ... KEEPTTL, and the in-place updates INCR and APPEND do).
   */
  setKey(key: string, value: Value, keepTtl = false): void {
    const e = this.dict.get(key);
    if (e === undefined) {
      const created: Entry = { key, value, expireAt: -1, slot: keyHashSlot(key), prevInSlot: null, nextInSlot: null };
      this.dict.set(key, created);
      this.bySlot.add(created);
      return;
    }
    e.value = value;
    if (!keepTtl) this.clearExpire(e);
  }

  delete(key: string): boolean {
    const e = this.dict.get(key);
    if (e === undefined) return false;
    this.dict.delete(key);
    this.bySlot.remove(e);
    this.expires.delete(e);
    return true;
  }

  /** Set the absolute expire time of an existing key; false if there is no such key. */
  setExpire(key: string, expireAtMs: number): boolean {
    const e = this.dict.get(key);
    if (e === undefined) return false;
    e.expireAt = expireAtMs;
    this.expires.add(e);
    return true;
  }

  /** The absolute expire time, or -1 (no TTL, or no key). */
  getExpire(key: string): number {
    return this.dict.get(key)?.expireAt ?? -1;
  }

  /** PERSIST: true if a TTL was removed. */
  removeExpire(key: string): boolean {
    const e = this.dict.get(key);
    if (e === undefined || e.expireAt < 0) return false;
    this.clearExpire(e);
    return true;
  }

  private clearExpire(e: Entry): void {
    if (e.expireAt < 0) return;
    e.expireAt = -1;
    this.expires.delete(e);
  }

  /** FLUSHALL: remove every key; returns how many there were. */
  flush(): number {
    const n = this.dict.size;
    this.dict.clear();
    this.expires.clear();
    this.bySlot.clear();
    return n;
  }

  countKeysInSlot(slot: number): number {
    return this.bySlot.count(slot);
  }

  /** Up to `count` keys of the slot, newest first, as CLUSTER GETKEYSINSLOT. */
  getKeysInSlot(slot: number, count = Infinity): string[] {
    return this.bySlot.keys(slot, count);
  }

  /** delKeysInSlot(): drop every key of the slot (a node that lost the slot); returns how many. */
  delKeysInSlot(slot: number): number {
    const keys = this.bySlot.keys(slot);
    for (const k of keys) this.delete(k);
    return keys.length;
  }

  /** Slots holding at least one key, ascending. */
  slotsWithKeys(): number[] {
    return this.bySlot.nonEmptySlots();
  }

  keys(): IterableIterator<string> {
    return this.dict.keys();
  }

  entries(): IterableIterator<KeyView> {
    return this.dict.values();
  }

  /**
   * A deterministic stand-in for Redis's activeExpireCycle (which samples
   * keys with a TTL at random): look at up to `maxChecks` keys with a TTL in
   * round-robin order, delete those expired at `nowMs`, and return them so a
   * master can propagate a DEL for each. Only masters run this; replicas wait
   * for the master's DELs.
   */
  activeExpireCycle(nowMs: number, maxChecks = 20): string[] {
    const batch: Entry[] = [];
    for (const e of this.expires) {
      if (batch.length >= maxChecks) break;
      batch.push(e);
    }
    const expired: string[] = [];
    for (const e of batch) {
      if (nowMs > e.expireAt) {
        this.delete(e.key);
        expired.push(e.key);
      } else {
        this.expires.delete(e); // to the back of the round
        this.expires.add(e);
      }
    }
    return expired;
  }

  /** A deep copy (a replica's full sync), with the same iteration and slot-list order. */
  clone(): Keyspace {
    const copy = new Keyspace();
    for (const e of this.dict.values()) {
      copy.setKey(e.key, copyValue(e.value));
    }
    for (const e of this.expires) copy.setExpire(e.key, e.expireAt);
    return copy;
  }

  /** Same keys, values and expire times. With `nowMs`, keys expired at that time count as absent. */
  equals(other: Keyspace, nowMs?: number): boolean {
    return this.firstDifference(other, nowMs) === null;
  }

  /** A one-line description of the first difference found, or null if equal. */
  firstDifference(other: Keyspace, nowMs?: number): string | null {
    const live = (e: Entry): boolean => nowMs === undefined || e.expireAt < 0 || nowMs <= e.expireAt;
    for (const e of this.dict.values()) {
      if (!live(e)) continue;
      const o = other.dict.get(e.key);
      if (o === undefined || !live(o)) return `key ${JSON.stringify(e.key)} missing on the other side`;
      if (!sameValue(e.value, o.value)) return `key ${JSON.stringify(e.key)} differs: ${JSON.stringify(e.value)} vs ${JSON.stringify(o.value)}`;
      if (e.expireAt !== o.expireAt) return `key ${JSON.stringify(e.key)} expire time differs: ${e.expireAt} vs ${o.expireAt}`;
    }
    for (const o of other.dict.values()) {
      if (!live(o)) continue;
      const e = this.dict.get(o.key);
      if (e === undefined || !live(e)) return `key ${JSON.stringify(o.key)} only on the other side`;
    }
    return null;
  }

  /** DUMP: the key's value as a payload (no TTL, no key name), or null if there is no key. */
  dump(key: string): string | null {
    const e = this.dict.get(key);
    return e === undefined ? null : createDumpPayload(e.value);
  }

  /** RESTORE without the command's option parsing: value from a payload, optional absolute TTL. */
  restore(key: string, payload: string, expireAtMs = -1, replace = false): RestoreResult {
    const value = parseDumpPayload(payload);
    if (value === null) return 'bad-payload';
    if (!replace && this.dict.has(key)) return 'busykey';
    this.delete(key);
    this.setKey(key, value);
    if (expireAtMs >= 0) this.setExpire(key, expireAtMs);
    return 'ok';
  }
}

function sameValue(a: Value, b: Value): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (a.size !== b.size || a instanceof Map !== b instanceof Map) return false;
  if (a instanceof Map) {
    for (const [f, v] of a) if ((b as Map<string, string>).get(f) !== v) return false;
    return true;
  }
  for (const m of a) if (!(b as Set<string>).has(m)) return false;
  return true;
}

// The DUMP payload: what DUMP returns and RESTORE / RESTORE-ASKING (and so
// MIGRATE) carry. Real Redis sends an RDB-encoded value with an RDB version
// and a CRC64 footer; the simulator only needs a self-describing string that
// round-trips a value and that RESTORE can reject when it is not one of ours
// ("DUMP payload version or checksum are wrong"). Like Redis's payload it
// carries the value only, never the key name or its TTL.

const DUMP_PREFIX = 'sim-dump-v1:';

export function createDumpPayload(value: Value): string {
  if (typeof value === 'string' || Array.isArray(value)) return DUMP_PREFIX + JSON.stringify(value);
  // Hashes and sets are tagged objects: {"hash":[f,v,f,v…]} / {"set":[m…]}.
  const tagged = value instanceof Map ? { hash: [...value].flat() } : { set: [...value] };
  return DUMP_PREFIX + JSON.stringify(tagged);
}

/** The value in a payload, or null if the payload is not a valid sim dump. */
export function parseDumpPayload(payload: string): Value | null {
  if (!payload.startsWith(DUMP_PREFIX)) return null;
  let v: unknown;
  try {
    v = JSON.parse(payload.slice(DUMP_PREFIX.length));
  } catch {
    return null;
  }
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return nonEmptyStrings(v) ? (v as string[]) : null; // an empty list cannot exist in Redis, so it cannot be dumped either
  if (typeof v !== 'object' || v === null) return null;
  const o = v as { hash?: unknown; set?: unknown };
  if (nonEmptyStrings(o.hash) && o.hash.length % 2 === 0) {
    const h = new Map<string, string>();
    for (let i = 0; i < o.hash.length; i += 2) h.set(o.hash[i]!, o.hash[i + 1]!);
    return h;
  }
  if (nonEmptyStrings(o.set)) return new Set(o.set);
  return null;
}

function nonEmptyStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string');
}
