// List commands (t_list.c): RPUSH, LPUSH, LRANGE, LLEN. Lists are arrays with
// the head at index 0; pushes update the stored array in place (the append
// histories of workloads are RPUSH-heavy, and that stays O(1) per element).

import { array, bulk, int, type Reply } from '../core/reply.ts';
import { expectList, type CommandContext } from './command-context.ts';
import { NOT_AN_INTEGER, string2ll } from '../core/command-args.ts';

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
