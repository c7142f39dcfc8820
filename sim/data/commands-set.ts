// Set commands (t_set.c): SADD, SREM, SMEMBERS, SISMEMBER, SMISMEMBER,
// SCARD, SMOVE, SUNION/SINTER/SDIFF and their …STORE forms. Multi-key forms
// are held to one slot by the router (CROSSSLOT) before they get here.
//
// Reply order: 7.0 keeps a set of at most 512 integers as an intset, which
// answers in ascending order, and any other set in a hash table, whose order
// is arbitrary. The simulator answers integer sets ascending and the others
// in insertion order, which is one of the orders a hash table could give.

import { array, bulk, int, type Reply } from '../core/reply.ts';
import { string2ll } from '../core/command-args.ts';
import { expectSet, type CommandContext } from './command-context.ts';

/** set-max-intset-entries (default 512). */
const INTSET_MAX_ENTRIES = 512;

const isReply = (x: unknown): x is Reply => typeof x === 'object' && x !== null && 'kind' in x;

function readSet(ctx: CommandContext, key: string): Set<string> | undefined | Reply {
  const v = ctx.lookupKey(key);
  return expectSet(v) ?? (v as Set<string> | undefined);
}

/** Members in the order Redis 7.0 would answer them (see the header). */
export function setMembers(s: ReadonlySet<string>): string[] {
  const members = [...s];
  if (members.length > INTSET_MAX_ENTRIES) return members;
  const ints: bigint[] = [];
  for (const m of members) {
    const n = string2ll(m);
    if (n === null || String(n) !== m) return members; // not an integer as an intset stores it
    ints.push(n);
  }
  ints.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return ints.map(String);
}

const membersReply = (s: ReadonlySet<string> | undefined): Reply => array(s === undefined ? [] : setMembers(s).map((m) => bulk(m)));

export function saddCommand(ctx: CommandContext): Reply {
  const key = ctx.argv[1]!;
  let s = readSet(ctx, key);
  if (isReply(s)) return s;
  if (s === undefined) {
    s = new Set<string>();
    ctx.ks.setKey(key, s);
  }
  let added = 0;
  for (let j = 2; j < ctx.argv.length; j++) {
    if (s.has(ctx.argv[j]!)) continue;
    s.add(ctx.argv[j]!);
    added++;
  }
  ctx.dirty += added;
  return int(added);
}

export function sremCommand(ctx: CommandContext): Reply {
  const key = ctx.argv[1]!;
  const s = readSet(ctx, key);
  if (isReply(s)) return s;
  if (s === undefined) return int(0);
  let removed = 0;
  for (let j = 2; j < ctx.argv.length; j++) {
    if (!s.delete(ctx.argv[j]!)) continue;
    removed++;
    if (s.size === 0) {
      ctx.ks.delete(key);
      break;
    }
  }
  ctx.dirty += removed;
  return int(removed);
}

export function smembersCommand(ctx: CommandContext): Reply {
  const s = readSet(ctx, ctx.argv[1]!);
  return isReply(s) ? s : membersReply(s);
}

export function sismemberCommand(ctx: CommandContext): Reply {
  const s = readSet(ctx, ctx.argv[1]!);
  return isReply(s) ? s : int(s?.has(ctx.argv[2]!) ? 1 : 0);
}

export function smismemberCommand(ctx: CommandContext): Reply {
  const s = readSet(ctx, ctx.argv[1]!);
  if (isReply(s)) return s;
  const items: Reply[] = [];
  for (let j = 2; j < ctx.argv.length; j++) items.push(int(s?.has(ctx.argv[j]!) ? 1 : 0));
  return array(items);
}

export function scardCommand(ctx: CommandContext): Reply {
  const s = readSet(ctx, ctx.argv[1]!);
  return isReply(s) ? s : int(s?.size ?? 0);
}

/** SMOVE source destination member: both types are checked before anything moves. */
export function smoveCommand(ctx: CommandContext): Reply {
  const [, srcKey, dstKey, member] = ctx.argv as [string, string, string, string];
  const src = readSet(ctx, srcKey);
  if (isReply(src)) return src;
  const dst = readSet(ctx, dstKey);
  if (isReply(dst)) return dst;
  if (src === undefined) return int(0);
  if (src === dst) return int(src.has(member) ? 1 : 0);
  if (!src.delete(member)) return int(0);
  if (src.size === 0) ctx.ks.delete(srcKey);
  if (dst === undefined) ctx.ks.setKey(dstKey, new Set([member]));
  else dst.add(member);
  ctx.dirty++;
  return int(1);
}

type SetOp = 'union' | 'inter' | 'diff';

/** The sets of argv[from…]; a missing key is an empty set. Every key's type is checked first, as 7.0 does. */
function sourceSets(ctx: CommandContext, from: number): (Set<string> | undefined)[] | Reply {
  const sets: (Set<string> | undefined)[] = [];
  for (let j = from; j < ctx.argv.length; j++) {
    const s = readSet(ctx, ctx.argv[j]!);
    if (isReply(s)) return s;
    sets.push(s);
  }
  return sets;
}

function combine(op: SetOp, sets: readonly (Set<string> | undefined)[]): Set<string> {
  const first = sets[0];
  if (op === 'inter') {
    if (sets.some((s) => s === undefined)) return new Set();
    return new Set([...first!].filter((m) => sets.every((s) => s!.has(m))));
  }
  if (op === 'diff') return new Set([...(first ?? [])].filter((m) => !sets.some((s, i) => i > 0 && s?.has(m))));
  const out = new Set<string>();
  for (const s of sets) for (const m of s ?? []) out.add(m);
  return out;
}

function setOpCommand(ctx: CommandContext, op: SetOp): Reply {
  const sets = sourceSets(ctx, 1);
  return isReply(sets) ? sets : membersReply(combine(op, sets));
}

/** SUNIONSTORE / SINTERSTORE / SDIFFSTORE: an empty result deletes the destination. */
function setOpStoreCommand(ctx: CommandContext, op: SetOp): Reply {
  const sets = sourceSets(ctx, 2);
  if (isReply(sets)) return sets;
  const result = combine(op, sets);
  const dst = ctx.argv[1]!;
  if (result.size === 0) {
    ctx.lookupKey(dst);
    if (ctx.ks.delete(dst)) ctx.dirty++;
    return int(0);
  }
  ctx.setKey(dst, result); // an existing destination is overwritten in place, its TTL dropped
  ctx.dirty++;
  return int(result.size);
}

export const sunionCommand = (ctx: CommandContext): Reply => setOpCommand(ctx, 'union');
export const sinterCommand = (ctx: CommandContext): Reply => setOpCommand(ctx, 'inter');
export const sdiffCommand = (ctx: CommandContext): Reply => setOpCommand(ctx, 'diff');
export const sunionstoreCommand = (ctx: CommandContext): Reply => setOpStoreCommand(ctx, 'union');
export const sinterstoreCommand = (ctx: CommandContext): Reply => setOpStoreCommand(ctx, 'inter');
export const sdiffstoreCommand = (ctx: CommandContext): Reply => setOpStoreCommand(ctx, 'diff');
