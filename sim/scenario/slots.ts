// Hash-slot numbers and ranges as scenarios write them (`609`, `0-5460`, or a
// list of those), and the even split `redis-cli --cluster create` makes.

import type { SlotRange } from './types.ts';
import { describe, readList, scalarValue, wrongType, type ReadContext, type YNode } from './yaml-read.ts';

/** Number of hash slots in Redis Cluster. */
export const SLOT_COUNT = 16384;

const RANGE_RE = /^\s*(\d+)\s*-\s*(\d+)\s*$/;

/** One slot number, 0..16383. */
export function readSlot(ctx: ReadContext, node: YNode, what: string): number | undefined {
  const raw = scalarValue(ctx.deref(node));
  const v = typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof v !== 'number' || !Number.isInteger(v)) return wrongType(ctx, node, what, 'a slot number 0..16383');
  if (v < 0 || v >= SLOT_COUNT) return ctx.error(node, 'bad-range', `${what}: slot ${v} is out of range 0..16383`);
  return v;
}

/** `0-5460`, `609` or a list of those; ranges are inclusive and must not run backwards. */
export function readSlotRanges(ctx: ReadContext, node: YNode, what: string): SlotRange[] | undefined {
  const n = ctx.deref(node);
  const raw = scalarValue(n);
  if (raw === undefined) {
    const items = readList(ctx, n, what);
    if (!items) return undefined;
    if (items.length === 0) return wrongType(ctx, n, what, 'a slot or slot range');
    const out: SlotRange[] = [];
    let ok = true;
    for (const item of items) {
      if (scalarValue(item) === undefined) {
        ok = false;
        wrongType(ctx, item, what, 'a slot or a range like 0-5460');
        continue;
      }
      const r = readOneRange(ctx, item, what);
      if (r) out.push(r);
      else ok = false;
    }
    return ok ? out : undefined;
  }
  const r = readOneRange(ctx, n, what);
  return r ? [r] : undefined;
}

function readOneRange(ctx: ReadContext, node: YNode, what: string): SlotRange | undefined {
  const raw = scalarValue(node);
  if (typeof raw === 'number' || (typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw))) {
    const s = readSlot(ctx, node, what);
    return s === undefined ? undefined : { start: s, end: s };
  }
  const m = typeof raw === 'string' ? RANGE_RE.exec(raw) : null;
  if (!m) return ctx.error(node, 'bad-range', `${what}: expected a slot or a range like 0-5460, got ${describe(node)}`);
  const start = Number(m[1]);
  const end = Number(m[2]);
  if (start >= SLOT_COUNT || end >= SLOT_COUNT) {
    return ctx.error(node, 'bad-range', `${what}: slot ${Math.max(start, end)} is out of range 0..16383`);
  }
  if (start > end) return ctx.error(node, 'bad-range', `${what}: range ${start}-${end} starts after it ends`);
  return { start, end };
}

/** Do two lists of ranges share a slot? Returns the first shared slot, or undefined. */
export function firstOverlap(a: readonly SlotRange[], b: readonly SlotRange[]): number | undefined {
  let first: number | undefined;
  for (const x of a) {
    for (const y of b) {
      const lo = Math.max(x.start, y.start);
      if (lo <= Math.min(x.end, y.end) && (first === undefined || lo < first)) first = lo;
    }
  }
  return first;
}

/**
 * The layout `redis-cli --cluster create` gives `masters` masters: contiguous
 * runs in order, computed exactly as clusterManagerCommandCreate does, in C
 * `float` arithmetic (hence Math.fround) and lround, so that 3 masters get
 * 0-5460, 5461-10922, 10923-16383 like the real tool.
 */
export function evenSlotSplit(masters: number): SlotRange[][] {
  const out: SlotRange[][] = [];
  if (masters <= 0) return out;
  const f = Math.fround;
  const perNode = f(SLOT_COUNT / f(masters));
  let first = 0;
  let cursor = f(0);
  for (let i = 0; i < masters; i++) {
    let last = lround(f(f(cursor + perNode) - 1));
    if (last > SLOT_COUNT || i === masters - 1) last = SLOT_COUNT - 1;
    if (last < first) last = first;
    // More masters than slots: the tail masters get nothing (redis-cli refuses; the schema caps counts).
    out.push(first < SLOT_COUNT ? [{ start: first, end: last }] : []);
    first = last + 1;
    cursor = f(cursor + perNode);
  }
  return out;
}

/** C's lround: to nearest, halves away from zero. */
function lround(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}
