// SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] (db.c
// scanGenericCommand) over this node's keyspace; in a cluster each node scans
// only its own keys, as in Redis.
//
// Redis's cursor walks hash-table buckets in reverse-binary order, which is
// what gives SCAN its guarantee: a key present from the first call to the
// last is returned at least once, whatever else is added or removed. The
// simulator keeps the guarantee with a simpler walk: keys are visited in the
// order of a 32-bit hash of their name, a page ends only between two hash
// values, and the cursor is the hash value where the next page starts (0 when
// the walk is over). Keys added meanwhile may or may not be returned; nothing
// is returned twice unless it was deleted and added again, as in Redis.

import { array, bulk, error, type Reply } from '../core/reply.ts';
import { NOT_AN_INTEGER, SYNTAX_ERROR, string2ll } from '../core/command-args.ts';
import { stringMatch } from '../core/glob.ts';
import type { CommandContext } from './command-context.ts';
import { typeOf } from './keyspace.ts';

const INVALID_CURSOR = error('ERR invalid cursor');
const ULONG_MAX = 18446744073709551615n;
const BUCKETS = 2 ** 32;

/** FNV-1a over the key's UTF-16 code units: stable across runs and machines. */
export function scanHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** parseScanCursorOrReply(): strtoul, so "-1" wraps to the largest cursor. */
function parseCursor(s: string): bigint | null {
  if (!/^\s*[+-]?\d+$/.test(s)) return null;
  let v = BigInt(s.trim());
  if (v < 0n) v = ULONG_MAX + 1n + v;
  return v < 0n || v > ULONG_MAX ? null : v;
}

interface ScanOptions {
  count: number;
  match: Uint8Array | null;
  type: string | null;
}

function parseOptions(argv: readonly string[]): ScanOptions | Reply {
  const opts: ScanOptions = { count: 10, match: null, type: null };
  for (let i = 2; i < argv.length; i += 2) {
    const opt = argv[i]!.toLowerCase();
    const val = argv[i + 1];
    if (val === undefined) return SYNTAX_ERROR;
    if (opt === 'count') {
      const n = string2ll(val);
      if (n === null) return NOT_AN_INTEGER;
      if (n < 1n) return SYNTAX_ERROR;
      opts.count = Number(n);
    } else if (opt === 'match') opts.match = new TextEncoder().encode(val);
    else if (opt === 'type') opts.type = val.toLowerCase();
    else return SYNTAX_ERROR;
  }
  return opts;
}

export function scanCommand(ctx: CommandContext): Reply {
  const cursor = parseCursor(ctx.argv[1]!);
  if (cursor === null) return INVALID_CURSOR;
  const opts = parseOptions(ctx.argv);
  if ('kind' in opts) return opts;
  if (cursor >= BigInt(BUCKETS)) return array([bulk('0'), array([])]);

  const start = Number(cursor);
  const page: { key: string; h: number }[] = [];
  for (const key of ctx.ks.keys()) {
    const h = scanHash(key);
    if (h >= start) page.push({ key, h });
  }
  page.sort((a, b) => a.h - b.h || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // Take `count` keys, then the rest of the last hash value: a page never splits one.
  let end = Math.min(opts.count, page.length);
  while (end < page.length && end > 0 && page[end]!.h === page[end - 1]!.h) end++;
  const next = end < page.length ? page[end]!.h : 0;

  const items: Reply[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < end; i++) {
    const key = page[i]!.key;
    const v = ctx.lookupKey(key); // expired keys are dropped (and deleted on a master), as scanGenericCommand does
    if (v === undefined) continue;
    if (opts.match !== null && !stringMatch(opts.match, encoder.encode(key))) continue;
    if (opts.type !== null && typeOf(v) !== opts.type) continue;
    items.push(bulk(key));
  }
  return array([bulk(String(next)), array(items)]);
}
