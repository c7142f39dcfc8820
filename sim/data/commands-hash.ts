// Hash commands (t_hash.c): HSET/HMSET, HSETNX, HGET, HMGET, HGETALL, HKEYS,
// HVALS, HLEN, HEXISTS, HSTRLEN, HDEL, HINCRBY. A hash is a Map in insertion
// order, which is the order 7.0 answers in for the small hashes (listpack)
// scenarios make; a field deleted and set again moves to the end, as there.
// The command that removes the last field deletes the key.

import { NIL, OK, array, bulk, error, int, type Reply } from '../core/reply.ts';
import { INCR_OVERFLOW, NOT_AN_INTEGER, addInt64, arityError, string2ll } from '../core/command-args.ts';
import { expectHash, type CommandContext } from './command-context.ts';

const NOT_AN_INTEGER_HASH = error('ERR hash value is not an integer');

/** lookupKeyRead + checkType: the hash, undefined if there is none, or the WRONGTYPE reply. */
function readHash(ctx: CommandContext, key: string): Map<string, string> | undefined | Reply {
  const v = ctx.lookupKey(key);
  return expectHash(v) ?? (v as Map<string, string> | undefined);
}

/** hashTypeLookupWriteOrCreate(): the hash to write into (created, not yet stored, if missing), or WRONGTYPE. */
function writeHash(ctx: CommandContext, key: string): Map<string, string> | Reply {
  const v = ctx.lookupKey(key);
  const wrong = expectHash(v);
  if (wrong) return wrong;
  if (v !== undefined) return v as Map<string, string>;
  const h = new Map<string, string>();
  ctx.ks.setKey(key, h);
  return h;
}

const isReply = (x: unknown): x is Reply => typeof x === 'object' && x !== null && 'kind' in x;

/** HSET key field value [field value …]: how many fields were created. HMSET answers OK instead. */
function hsetGeneric(ctx: CommandContext, name: string): Reply {
  const { argv } = ctx;
  if (argv.length % 2 === 1) return arityError(name);
  const h = writeHash(ctx, argv[1]!);
  if (isReply(h)) return h;
  let created = 0;
  for (let j = 2; j < argv.length; j += 2) {
    if (!h.has(argv[j]!)) created++;
    h.set(argv[j]!, argv[j + 1]!);
  }
  ctx.dirty += (argv.length - 2) / 2;
  return name === 'hmset' ? OK : int(created);
}

export const hsetCommand = (ctx: CommandContext): Reply => hsetGeneric(ctx, 'hset');
export const hmsetCommand = (ctx: CommandContext): Reply => hsetGeneric(ctx, 'hmset');

export function hsetnxCommand(ctx: CommandContext): Reply {
  const h = writeHash(ctx, ctx.argv[1]!);
  if (isReply(h)) return h;
  if (h.has(ctx.argv[2]!)) return int(0);
  h.set(ctx.argv[2]!, ctx.argv[3]!);
  ctx.dirty++;
  return int(1);
}

export function hgetCommand(ctx: CommandContext): Reply {
  const h = readHash(ctx, ctx.argv[1]!);
  if (isReply(h)) return h;
  const v = h?.get(ctx.argv[2]!);
  return v === undefined ? NIL : bulk(v);
}

export function hmgetCommand(ctx: CommandContext): Reply {
  const h = readHash(ctx, ctx.argv[1]!);
  if (isReply(h)) return h;
  const items: Reply[] = [];
  for (let j = 2; j < ctx.argv.length; j++) {
    const v = h?.get(ctx.argv[j]!);
    items.push(v === undefined ? NIL : bulk(v));
  }
  return array(items);
}

/** HGETALL / HKEYS / HVALS. */
function hgetallGeneric(ctx: CommandContext, fields: boolean, values: boolean): Reply {
  const h = readHash(ctx, ctx.argv[1]!);
  if (isReply(h)) return h;
  const items: Reply[] = [];
  for (const [f, v] of h ?? []) {
    if (fields) items.push(bulk(f));
    if (values) items.push(bulk(v));
  }
  return array(items);
}

export const hgetallCommand = (ctx: CommandContext): Reply => hgetallGeneric(ctx, true, true);
export const hkeysCommand = (ctx: CommandContext): Reply => hgetallGeneric(ctx, true, false);
export const hvalsCommand = (ctx: CommandContext): Reply => hgetallGeneric(ctx, false, true);

export function hlenCommand(ctx: CommandContext): Reply {
  const h = readHash(ctx, ctx.argv[1]!);
  return isReply(h) ? h : int(h?.size ?? 0);
}

export function hexistsCommand(ctx: CommandContext): Reply {
  const h = readHash(ctx, ctx.argv[1]!);
  return isReply(h) ? h : int(h?.has(ctx.argv[2]!) ? 1 : 0);
}

export function hstrlenCommand(ctx: CommandContext): Reply {
  const h = readHash(ctx, ctx.argv[1]!);
  if (isReply(h)) return h;
  const v = h?.get(ctx.argv[2]!);
  return int(v === undefined ? 0 : Buffer.byteLength(v, 'utf8'));
}

export function hdelCommand(ctx: CommandContext): Reply {
  const key = ctx.argv[1]!;
  const h = readHash(ctx, key);
  if (isReply(h)) return h;
  if (h === undefined) return int(0);
  let deleted = 0;
  for (let j = 2; j < ctx.argv.length; j++) {
    if (!h.delete(ctx.argv[j]!)) continue;
    deleted++;
    if (h.size === 0) {
      ctx.ks.delete(key);
      break;
    }
  }
  ctx.dirty += deleted;
  return int(deleted);
}

/** HINCRBY key field increment: the increment is parsed first, then the key's type, then the field's value. */
export function hincrbyCommand(ctx: CommandContext): Reply {
  const incr = string2ll(ctx.argv[3]!);
  if (incr === null) return NOT_AN_INTEGER;
  const h = writeHash(ctx, ctx.argv[1]!);
  if (isReply(h)) return h;
  const field = ctx.argv[2]!;
  const old = h.get(field);
  const current = old === undefined ? 0n : string2ll(old);
  if (current === null) return NOT_AN_INTEGER_HASH; // the field exists, so the hash is not a fresh empty one
  const next = addInt64(current, incr);
  if (next === null) return INCR_OVERFLOW;
  h.set(field, String(next));
  ctx.dirty++;
  return int(Number(next));
}
