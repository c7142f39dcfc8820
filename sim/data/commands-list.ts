// List commands (t_list.c): RPUSH, LPUSH, LRANGE, LLEN, LPOP, RPOP,
// RPOPLPUSH, LMOVE. Lists are arrays with
// the head at index 0; pushes update the stored array in place (the append
// histories of workloads are RPUSH-heavy, and that stays O(1) per element).

import { NIL, array, bulk, error, int, type Reply } from '../core/reply.ts';
import { expectList, type CommandContext } from './command-context.ts';
import { NOT_AN_INTEGER, SYNTAX_ERROR, arityError, string2ll } from '../core/command-args.ts';

const NIL_ARRAY: Reply = Object.freeze({ kind: 'array', items: null }) as Reply;

function push(ctx: CommandContext, head: boolean): Reply {
  const { argv } = ctx;
  const key = argv[1]!;
  const v = ctx.lookupKey(key);
  const wrong = expectList(v);
  if (wrong) return wrong;
  let list = v as string[] | undefined;
  if (list === undefined) {
    list = [];
    ctx.ks.setKey(key, list);
  }
  for (let j = 2; j < argv.length; j++) {
    if (head) list.unshift(argv[j]!);
    else list.push(argv[j]!);
  }
  ctx.dirty += argv.length - 2;
  return int(list.length);
}

export const rpushCommand = (ctx: CommandContext): Reply => push(ctx, false);
export const lpushCommand = (ctx: CommandContext): Reply => push(ctx, true);

export function lrangeCommand(ctx: CommandContext): Reply {
  // Indexes are parsed before the key is looked at, so a bad index wins over WRONGTYPE.
  const start0 = string2ll(ctx.argv[2]!);
  const end0 = string2ll(ctx.argv[3]!);
  if (start0 === null || end0 === null) return NOT_AN_INTEGER;
  const v = ctx.lookupKey(ctx.argv[1]!);
  if (v === undefined) return array([]);
  const wrong = expectList(v);
  if (wrong) return wrong;
  const list = v as string[];
  // addListRangeReply(): negative indexes count from the tail; clamp; empty if start > end.
  const llen = BigInt(list.length);
  let start = start0 < 0n ? llen + start0 : start0;
  let end = end0 < 0n ? llen + end0 : end0;
  if (start < 0n) start = 0n;
  if (start > end || start >= llen) return array([]);
  if (end >= llen) end = llen - 1n;
  const items: Reply[] = [];
  for (let i = Number(start); i <= Number(end); i++) items.push(bulk(list[i]!));
  return array(items);
}

export function llenCommand(ctx: CommandContext): Reply {
  const v = ctx.lookupKey(ctx.argv[1]!);
  if (v === undefined) return int(0);
  return expectList(v) ?? int((v as string[]).length);
}

// ---- popping and moving: LPOP, RPOP, RPOPLPUSH, LMOVE -------------------------

const OUT_OF_RANGE_POSITIVE = error('ERR value is out of range, must be positive');

/** Take one element from the head or the tail; the key goes when the list empties. */
function popOne(ctx: CommandContext, key: string, list: string[], head: boolean): string {
  const v = head ? list.shift()! : list.pop()!;
  if (list.length === 0) ctx.ks.delete(key);
  return v;
}

/** LPOP/RPOP key [count]: the count is checked first; with a count the reply is an array (nil for no key). */
function popGeneric(ctx: CommandContext, head: boolean): Reply {
  const { argv } = ctx;
  if (argv.length > 3) return arityError(head ? 'lpop' : 'rpop');
  let count = -1n;
  if (argv.length === 3) {
    const n = string2ll(argv[2]!);
    if (n === null || n < 0n) return OUT_OF_RANGE_POSITIVE;
    count = n;
  }
  const key = argv[1]!;
  const v = ctx.lookupKey(key);
  if (v === undefined) return count >= 0n ? NIL_ARRAY : NIL;
  const wrong = expectList(v);
  if (wrong) return wrong;
  const list = v as string[];
  if (count === 0n) return array([]);
  ctx.dirty++;
  if (count < 0n) return bulk(popOne(ctx, key, list, head));
  const items: Reply[] = [];
  while (items.length < count && list.length > 0) items.push(bulk(popOne(ctx, key, list, head)));
  return array(items);
}

export const lpopCommand = (ctx: CommandContext): Reply => popGeneric(ctx, true);
export const rpopCommand = (ctx: CommandContext): Reply => popGeneric(ctx, false);

/** lmoveGenericCommand(): source type, then destination type, then the move; same key rotates. */
function lmoveGeneric(ctx: CommandContext, fromHead: boolean, toHead: boolean): Reply {
  const [, srcKey, dstKey] = ctx.argv as [string, string, string];
  const src = ctx.lookupKey(srcKey);
  if (src === undefined) return NIL;
  const wrong = expectList(src);
  if (wrong) return wrong;
  const dst = ctx.lookupKey(dstKey);
  const wrongDst = expectList(dst);
  if (wrongDst) return wrongDst;
  const list = src as string[];
  const value = fromHead ? list.shift()! : list.pop()!;
  let target = dst as string[] | undefined;
  if (target === undefined) {
    target = [];
    ctx.ks.setKey(dstKey, target);
  }
  if (toHead) target.unshift(value);
  else target.push(value);
  if (list.length === 0) ctx.ks.delete(srcKey);
  ctx.dirty++;
  return bulk(value);
}

export const rpoplpushCommand = (ctx: CommandContext): Reply => lmoveGeneric(ctx, false, true);

/** LMOVE source destination LEFT|RIGHT LEFT|RIGHT (directions checked before any key). */
export function lmoveCommand(ctx: CommandContext): Reply {
  const from = ctx.argv[3]!.toLowerCase();
  const to = ctx.argv[4]!.toLowerCase();
  const ok = (d: string): boolean => d === 'left' || d === 'right';
  if (!ok(from) || !ok(to)) return SYNTAX_ERROR;
  return lmoveGeneric(ctx, from === 'left', to === 'left');
}
