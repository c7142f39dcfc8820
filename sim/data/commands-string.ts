// String commands (t_string.c): GET, SET, INCR/INCRBY/DECR/DECRBY, APPEND,
// MSET, MGET. Each follows the order of checks of the C implementation, since
// that order decides which error a bad call gets.

import { NIL, OK, array, bulk, int, type Reply } from '../core/reply.ts';
import { expectString, type CommandContext } from './command-context.ts';
import {
  DECR_OVERFLOW, INCR_OVERFLOW, LLONG_MAX, LLONG_MIN, NOT_AN_INTEGER, SYNTAX_ERROR, addInt64, arityError, invalidExpireTime, string2ll,
} from '../core/command-args.ts';
import { utf8Length } from './replication-stream.ts';

export function getCommand(ctx: CommandContext): Reply {
  const v = ctx.lookupKey(ctx.argv[1]!);
  return expectString(v) ?? (v === undefined ? NIL : bulk(v as string));
}

// SET option flags (OBJ_* in t_string.c).
const NX = 1;
const XX = 2;
const EX = 4;
const PX = 8;
const KEEPTTL = 16;
const GET = 32;
const EXAT = 64;
const PXAT = 128;
const ANY_EXPIRE = EX | PX | EXAT | PXAT;

/**
 * getExpireMillisecondsOrReply(): the absolute expire time in ms, or the
 * error reply. BigInt so that the C overflow checks land where they do in C.
 */
export function expireMilliseconds(ctx: CommandContext, arg: string, relative: boolean, seconds: boolean): bigint | Reply {
  const v = string2ll(arg);
  if (v === null) return NOT_AN_INTEGER;
  const name = ctx.argv[0]!.toLowerCase();
  if (v <= 0n || (seconds && v > LLONG_MAX / 1000n)) return invalidExpireTime(name);
  let ms = seconds ? v * 1000n : v;
  if (relative) ms += BigInt(ctx.nowMs);
  if (ms <= 0n || ms > LLONG_MAX) return invalidExpireTime(name); // C overflow shows up as <= 0
  return ms;
}

/** SET key value [NX|XX] [GET] [EX s|PX ms|EXAT ts|PXAT ms-ts|KEEPTTL] */
export function setCommand(ctx: CommandContext): Reply {
  const { argv } = ctx;
  let flags = 0;
  let expireArg: string | undefined;
  // parseExtendedStringArgumentsOrReply(): each option may repeat, conflicting ones are a syntax error.
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j]!.toLowerCase();
    const hasNext = j < argv.length - 1;
    if (opt === 'nx' && !(flags & XX)) flags |= NX;
    else if (opt === 'xx' && !(flags & NX)) flags |= XX;
    else if (opt === 'get') flags |= GET;
    else if (opt === 'keepttl' && !(flags & ANY_EXPIRE)) flags |= KEEPTTL;
    else if ((opt === 'ex' || opt === 'px' || opt === 'exat' || opt === 'pxat') && hasNext) {
      const bit = opt === 'ex' ? EX : opt === 'px' ? PX : opt === 'exat' ? EXAT : PXAT;
      if (flags & KEEPTTL || flags & (ANY_EXPIRE & ~bit)) return SYNTAX_ERROR;
      flags |= bit;
      expireArg = argv[++j];
    } else return SYNTAX_ERROR;
  }

  let expireAt: bigint | undefined;
  if (expireArg !== undefined) {
    const r = expireMilliseconds(ctx, expireArg, (flags & (EX | PX)) !== 0, (flags & (EX | EXAT)) !== 0);
    if (typeof r !== 'bigint') return r;
    expireAt = r;
  }

  const key = argv[1]!;
  let getReply: Reply | undefined;
  if (flags & GET) {
    getReply = getCommand(ctx);
    if (getReply.kind === 'error') return getReply;
  }
  const found = ctx.lookupKey(key) !== undefined;
  if ((flags & NX && found) || (flags & XX && !found)) return getReply ?? NIL;

  ctx.ks.setKey(key, argv[2]!, (flags & KEEPTTL) !== 0);
  ctx.dirty++;
  if (expireAt !== undefined) {
    ctx.ks.setExpire(key, Number(expireAt));
    // Propagated as SET key value PXAT <ms>, so replicas expire it at the same instant.
    ctx.rewritten = ['SET', key, argv[2]!, 'PXAT', String(expireAt)];
  } else if (flags & GET) {
    // Propagated without GET (a replica has nobody to answer).
    ctx.rewritten = argv.filter((a, j) => j < 3 || a.toLowerCase() !== 'get');
  }
  return getReply ?? OK;
}

function incrDecr(ctx: CommandContext, incr: bigint): Reply {
  const key = ctx.argv[1]!;
  const v = ctx.lookupKey(key);
  const wrong = expectString(v);
  if (wrong) return wrong;
  const old = v === undefined ? 0n : string2ll(v as string);
  if (old === null) return NOT_AN_INTEGER;
  const value = addInt64(old, incr);
  if (value === null) return INCR_OVERFLOW;
  ctx.ks.setKey(key, String(value), true); // an update in place keeps the TTL
  ctx.dirty++;
  return int(Number(value));
}

export const incrCommand = (ctx: CommandContext): Reply => incrDecr(ctx, 1n);
export const decrCommand = (ctx: CommandContext): Reply => incrDecr(ctx, -1n);

export function incrbyCommand(ctx: CommandContext): Reply {
  const incr = string2ll(ctx.argv[2]!);
  return incr === null ? NOT_AN_INTEGER : incrDecr(ctx, incr);
}

export function decrbyCommand(ctx: CommandContext): Reply {
  const decr = string2ll(ctx.argv[2]!);
  if (decr === null) return NOT_AN_INTEGER;
  if (decr === LLONG_MIN) return DECR_OVERFLOW;
  return incrDecr(ctx, -decr);
}

export function appendCommand(ctx: CommandContext): Reply {
  const key = ctx.argv[1]!;
  const add = ctx.argv[2]!;
  const v = ctx.lookupKey(key);
  const wrong = expectString(v);
  if (wrong) return wrong;
  const value = v === undefined ? add : (v as string) + add;
  ctx.ks.setKey(key, value, true);
  ctx.dirty++;
  return int(utf8Length(value));
}

export function msetCommand(ctx: CommandContext): Reply {
  const { argv } = ctx;
  if (argv.length % 2 === 0) return arityError('mset');
  for (let j = 1; j < argv.length; j += 2) ctx.setKey(argv[j]!, argv[j + 1]!);
  ctx.dirty += (argv.length - 1) / 2;
  return OK;
}

export function mgetCommand(ctx: CommandContext): Reply {
  const items: Reply[] = [];
  for (let j = 1; j < ctx.argv.length; j++) {
    const v = ctx.lookupKey(ctx.argv[j]!);
    items.push(typeof v === 'string' ? bulk(v) : NIL); // MGET answers nil for other types, not WRONGTYPE
  }
  return array(items);
}
