// Type-agnostic keyspace commands (db.c, expire.c, cluster.c): DEL, EXISTS,
// TYPE, KEYS, DBSIZE, FLUSHALL, the EXPIRE family, TTL/PTTL, PERSIST, and
// DUMP/RESTORE (what MIGRATE is made of).

import { NIL, OK, array, bulk, error, int, status, type Reply } from '../core/reply.ts';
import type { CommandContext } from './command-context.ts';
import {
  BAD_DUMP_PAYLOAD, BUSYKEY, INVALID_TTL, LLONG_MAX, LLONG_MIN, NOT_AN_INTEGER, SYNTAX_ERROR, invalidExpireTime, string2ll,
} from '../core/command-args.ts';
import { stringMatch } from '../core/glob.ts';
import { createDumpPayload, parseDumpPayload, typeOf } from './keyspace.ts';

export function delCommand(ctx: CommandContext): Reply {
  let deleted = 0;
  for (let j = 1; j < ctx.argv.length; j++) {
    const key = ctx.argv[j]!;
    ctx.lookupKey(key); // expireIfNeeded(): an expired key goes (with its own DEL) and does not count
    if (ctx.ks.delete(key)) {
      ctx.dirty++;
      deleted++;
    }
  }
  return int(deleted);
}

export function existsCommand(ctx: CommandContext): Reply {
  let count = 0; // a key named twice counts twice, as in Redis
  for (let j = 1; j < ctx.argv.length; j++) if (ctx.lookupKey(ctx.argv[j]!) !== undefined) count++;
  return int(count);
}

export function typeCommand(ctx: CommandContext): Reply {
  const v = ctx.lookupKey(ctx.argv[1]!);
  return status(v === undefined ? 'none' : typeOf(v));
}

const encoder = new TextEncoder();

export function keysCommand(ctx: CommandContext): Reply {
  const pattern = ctx.argv[1]!;
  const allKeys = pattern === '*';
  const patternBytes = allKeys ? undefined : encoder.encode(pattern);
  const items: Reply[] = [];
  for (const e of ctx.ks.entries()) {
    // keyIsExpired() only: KEYS hides expired keys but does not delete them.
    if (e.expireAt >= 0 && ctx.nowMs > e.expireAt) continue;
    if (allKeys || stringMatch(patternBytes!, encoder.encode(e.key))) items.push(bulk(e.key));
  }
  return array(items);
}

export const dbsizeCommand = (ctx: CommandContext): Reply => int(ctx.ks.size);

export function flushallCommand(ctx: CommandContext): Reply {
  const { argv } = ctx;
  const mode = argv.length === 2 ? argv[1]!.toLowerCase() : '';
  if (argv.length > 2 || (argv.length === 2 && mode !== 'sync' && mode !== 'async')) return SYNTAX_ERROR;
  ctx.dirty += ctx.ks.flush();
  ctx.forcePropagation = true; // replicated even when there was nothing to flush
  return OK;
}

/** expireGenericCommand(): EXPIRE, PEXPIRE (basetime now), EXPIREAT, PEXPIREAT (basetime 0). */
function expireGeneric(ctx: CommandContext, basetime: number, seconds: boolean): Reply {
  const { argv } = ctx;
  let nx = false, xx = false, gt = false, lt = false;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j]!.toLowerCase();
    if (opt === 'nx') nx = true;
    else if (opt === 'xx') xx = true;
    else if (opt === 'gt') gt = true;
    else if (opt === 'lt') lt = true;
    else return error(`ERR Unsupported option ${argv[j]}`);
  }
  if (nx && (xx || gt || lt)) return error('ERR NX and XX, GT or LT options at the same time are not compatible');
  if (gt && lt) return error('ERR GT and LT options at the same time are not compatible');

  let when = string2ll(argv[2]!);
  if (when === null) return NOT_AN_INTEGER;
  const name = argv[0]!.toLowerCase();
  if (seconds) {
    if (when > LLONG_MAX / 1000n || when < LLONG_MIN / 1000n) return invalidExpireTime(name);
    when *= 1000n;
  }
  if (when > LLONG_MAX - BigInt(basetime)) return invalidExpireTime(name);
  when += BigInt(basetime);

  const key = argv[1]!;
  if (ctx.lookupKey(key) === undefined) return int(0);
  const current = ctx.ks.getExpire(key);
  if (nx && current !== -1) return int(0);
  if (xx && current === -1) return int(0);
  if (gt && (current === -1 || when <= BigInt(current))) return int(0); // no TTL counts as infinite
  if (lt && current !== -1 && when >= BigInt(current)) return int(0);

  if (ctx.alreadyExpired(Number(when))) {
    ctx.ks.delete(key);
    ctx.dirty++;
    ctx.rewritten = ['DEL', key];
    return int(1);
  }
  ctx.ks.setExpire(key, Number(when));
  ctx.dirty++;
  // Propagated as PEXPIREAT <absolute ms> so a replica's clock does not matter.
  const rewritten = argv.slice();
  if (name !== 'pexpireat') rewritten[0] = 'PEXPIREAT';
  if (basetime !== 0 || seconds) rewritten[2] = String(when);
  ctx.rewritten = rewritten;
  return int(1);
}

export const expireCommand = (ctx: CommandContext): Reply => expireGeneric(ctx, ctx.nowMs, true);
export const pexpireCommand = (ctx: CommandContext): Reply => expireGeneric(ctx, ctx.nowMs, false);
export const expireatCommand = (ctx: CommandContext): Reply => expireGeneric(ctx, 0, true);
export const pexpireatCommand = (ctx: CommandContext): Reply => expireGeneric(ctx, 0, false);

function ttlGeneric(ctx: CommandContext, ms: boolean): Reply {
  const key = ctx.argv[1]!;
  if (ctx.lookupKey(key) === undefined) return int(-2);
  const expire = ctx.ks.getExpire(key);
  if (expire === -1) return int(-1);
  const ttl = Math.max(0, expire - ctx.nowMs);
  return int(ms ? ttl : Math.floor((ttl + 500) / 1000)); // TTL rounds to the nearest second
}

export const ttlCommand = (ctx: CommandContext): Reply => ttlGeneric(ctx, false);
export const pttlCommand = (ctx: CommandContext): Reply => ttlGeneric(ctx, true);

export function persistCommand(ctx: CommandContext): Reply {
  const key = ctx.argv[1]!;
  if (ctx.lookupKey(key) === undefined || !ctx.ks.removeExpire(key)) return int(0);
  ctx.dirty++;
  return int(1);
}

export function dumpCommand(ctx: CommandContext): Reply {
  const v = ctx.lookupKey(ctx.argv[1]!);
  return v === undefined ? NIL : bulk(createDumpPayload(v));
}

/** RESTORE / RESTORE-ASKING key ttl payload [REPLACE] [ABSTTL] [IDLETIME s] [FREQ f] */
export function restoreCommand(ctx: CommandContext): Reply {
  const { argv } = ctx;
  let replace = false, absttl = false, idle = false, freq = false;
  for (let j = 4; j < argv.length; j++) {
    const opt = argv[j]!.toLowerCase();
    const more = argv.length - j - 1;
    if (opt === 'replace') replace = true;
    else if (opt === 'absttl') absttl = true;
    else if (opt === 'idletime' && more >= 1 && !freq) {
      const v = string2ll(argv[++j]!); // LRU idle time: parsed and checked, no effect in the simulator
      if (v === null) return NOT_AN_INTEGER;
      if (v < 0n) return error('ERR Invalid IDLETIME value, must be >= 0');
      idle = true;
    } else if (opt === 'freq' && more >= 1 && !idle) {
      const v = string2ll(argv[++j]!);
      if (v === null) return NOT_AN_INTEGER;
      if (v < 0n || v > 255n) return error('ERR Invalid FREQ value, must be >= 0 and <= 255');
      freq = true;
    } else return SYNTAX_ERROR;
  }

  const key = argv[1]!;
  if (!replace && ctx.lookupKey(key) !== undefined) return BUSYKEY;
  const ttl0 = string2ll(argv[2]!);
  if (ttl0 === null) return NOT_AN_INTEGER;
  if (ttl0 < 0n) return INVALID_TTL;
  const value = parseDumpPayload(argv[3]!);
  if (value === null) return BAD_DUMP_PAYLOAD;

  const deleted = replace && ctx.ks.delete(key);
  const ttl = ttl0 !== 0n && !absttl ? ttl0 + BigInt(ctx.nowMs) : ttl0;
  if (ttl !== 0n && ctx.alreadyExpired(Number(ttl))) {
    if (deleted) {
      ctx.rewritten = ['DEL', key];
      ctx.dirty++;
    }
    return OK;
  }
  ctx.ks.setKey(key, value);
  if (ttl !== 0n) {
    ctx.ks.setExpire(key, Number(ttl));
    if (!absttl) ctx.rewritten = [...argv.slice(0, 2), String(ttl), ...argv.slice(3), 'ABSTTL'];
  }
  ctx.dirty++;
  return OK;
}
