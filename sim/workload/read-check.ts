// Reads checked against the writes, per key, with register (GET) and list
// (LRANGE) semantics, and each bad read told with its story: which node
// answered, on which side of which partition, and the write it missed.
//
// A write w is *in effect by* K(w): its ack, or the end of the first read
// that returned it, whichever is earlier (an info write is in effect only
// once a read saw it). Values are unique, so a read names its write.
// - GET r returned w's value (or nil). r is *stale* when some other write
//   w' was in effect before r began (K(w') < r.invoke) and began after w
//   was in effect (w'.invoke > K(w); nil: any w'): then w < w' < r in every
//   linearization, and r cannot read w. This is the per-read condition of
//   linearizability; it flags only reads no order can explain.
// - LRANGE r returned a list. It is *stale* when it lacks an element whose
//   RPUSH was in effect before r began.
// - A stale read whose missed write was later lost (lost-writes.ts) is a
//   *lost* read: the answering node was not behind, the write vanished.
// - A read of a value no write that could have taken effect wrote (never
//   written, written only by failed ops, or by an op invoked after the
//   read ended) is a *phantom* read.

import { keyHashSlot } from '../core/keyslot.ts';
import type { Op } from './history.ts';
import type { LostWrite } from './lost-writes.ts';
import { formatSeconds } from './timeline-parts.ts';

export type ReadAnomalyKind = 'stale' | 'lost' | 'phantom';

export interface ReadAnomaly {
  readonly op: number;
  readonly process: string;
  readonly kind: ReadAnomalyKind;
  readonly f: 'get' | 'lrange';
  readonly key: string;
  readonly slot: number;
  /** What the read returned: a value, nil, or a list (as JSON). */
  readonly value: string;
  readonly invokedMs: number;
  readonly completedMs: number;
  /** The node that answered. */
  readonly node: string;
  /** The write the read should have seen (stale, lost), or '' (phantom). */
  readonly missed: string;
  /** One sentence: who answered from where, and what it missed or why the value cannot be. */
  readonly why: string;
}

/** Where a node stood at an instant: " (on the minority side of partition [A]|[B,C])", or ''. */
export interface NodeSides {
  side(node: string, tMs: number): string;
}

interface Write {
  readonly op: Op;
  /** In effect by (Infinity: never known to be). */
  known: number;
  /** How it became known: the acking node, or the node a read of it came from. */
  how: string;
}

export interface ReadVerdict {
  readonly checked: number;
  readonly anomalies: readonly ReadAnomaly[];
}

export function checkReads(ops: readonly Op[], lost: readonly LostWrite[], sides?: NodeSides): ReadVerdict {
  const byKey = new Map<string, Op[]>();
  for (const o of ops) {
    let list = byKey.get(o.key);
    if (!list) byKey.set(o.key, (list = []));
    list.push(o);
  }
  const lostOps = new Map(lost.map((w) => [w.op, w]));
  const out: ReadAnomaly[] = [];
  let checked = 0;
  for (const [key, keyOps] of byKey) {
    const reads = keyOps.filter((o) => (o.f === 'get' || o.f === 'lrange') && o.type === 'ok');
    if (reads.length === 0) continue;
    checked += reads.length;
    const ctx = { key, lostOps, sides, out };
    if (reads[0]!.f === 'get') checkRegister(keyOps, reads, ctx);
    else checkList(keyOps, reads, ctx);
  }
  out.sort((a, b) => a.completedMs - b.completedMs || a.op - b.op);
  return { checked, anomalies: out };
}

interface KeyContext {
  readonly key: string;
  readonly lostOps: ReadonlyMap<number, LostWrite>;
  readonly sides: NodeSides | undefined;
  readonly out: ReadAnomaly[];
}

const shown = (v: string | null): string => (v === null ? 'nil' : JSON.stringify(v));

function report(ctx: KeyContext, r: Op, kind: ReadAnomalyKind, value: string, missed: Write | undefined, why: string): void {
  const answered = `${r.f === 'get' ? 'GET' : 'LRANGE'} ${ctx.key} → ${value} from ${r.node} at ${formatSeconds(r.completeMs)}${ctx.sides?.side(r.node, r.completeMs) ?? ''}`;
  const lost = missed && ctx.lostOps.get(missed.op.id);
  const k: ReadAnomalyKind = kind === 'stale' && lost ? 'lost' : kind;
  const story = lost ? `${why}, a write that was lost: ${lost.why}` : why;
  ctx.out.push({
    op: r.id,
    process: r.process,
    kind: k,
    f: r.f as 'get' | 'lrange',
    key: ctx.key,
    slot: keyHashSlot(ctx.key),
    value,
    invokedMs: r.invokeMs,
    completedMs: r.completeMs,
    node: r.node,
    missed: missed?.op.value ?? '',
    why: `${answered}: ${story}`,
  });
}

/** Writes of a key with their in-effect times, sorted by them. */
function writesOf(keyOps: readonly Op[], reads: readonly Op[], f: 'set' | 'rpush'): { byValue: Map<string, Write>; failed: Set<string>; sorted: Write[] } {
  const byValue = new Map<string, Write>();
  const failed = new Set<string>();
  for (const o of keyOps) {
    if (o.f !== f || o.value === null) continue;
    if (o.type === 'fail') failed.add(o.value);
    else byValue.set(o.value, { op: o, known: o.type === 'ok' ? o.completeMs : Infinity, how: `acked by ${o.node}` });
  }
  for (const r of reads) {
    const values = r.f === 'get' ? (typeof r.result === 'string' ? [r.result] : []) : ((r.result as readonly string[] | null) ?? []);
    for (const v of values) {
      const w = byValue.get(v);
      if (w && r.completeMs < w.known) {
        w.known = r.completeMs;
        w.how = `read from ${r.node}`;
      }
    }
  }
  const sorted = [...byValue.values()].filter((w) => w.known < Infinity).sort((a, b) => a.known - b.known || a.op.id - b.op.id);
  return { byValue, failed, sorted };
}

function checkRegister(keyOps: readonly Op[], reads: readonly Op[], ctx: KeyContext): void {
  const { byValue, failed, sorted } = writesOf(keyOps, reads, 'set');
  // newest[i]: among sorted[0..i], the write invoked last (the latest write known by sorted[i].known).
  const newest: Write[] = [];
  for (const w of sorted) newest.push(newest.length > 0 && newest[newest.length - 1]!.op.invokeMs >= w.op.invokeMs ? newest[newest.length - 1]! : w);
  for (const r of reads) {
    const v = typeof r.result === 'string' ? r.result : null;
    const w = v === null ? undefined : byValue.get(v);
    if (v !== null && !w) {
      report(ctx, r, 'phantom', shown(v), undefined, failed.has(v) ? 'only a failed SET wrote that value' : 'no SET wrote that value');
      continue;
    }
    if (w && w.op.invokeMs > r.completeMs) {
      report(ctx, r, 'phantom', shown(v), undefined, `the SET that wrote it began at ${formatSeconds(w.op.invokeMs)}, after the read ended`);
      continue;
    }
    // The latest write in effect before r began.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]!.known < r.invokeMs) lo = mid + 1;
      else hi = mid;
    }
    const witness = lo > 0 ? newest[lo - 1]! : undefined;
    const since = w ? w.known : -Infinity;
    if (!witness || witness === w || witness.op.invokeMs <= since) continue;
    const ctxSide = ctx.sides?.side(witness.op.node, witness.known) ?? '';
    const how = witness.how.startsWith('acked') ? `${witness.how} at ${formatSeconds(witness.known)}${ctxSide}` : `${witness.how} at ${formatSeconds(witness.known)}`;
    report(ctx, r, 'stale', shown(v), witness, `${shown(witness.op.value)} had been ${how}, before this read began`);
  }
}

function checkList(keyOps: readonly Op[], reads: readonly Op[], ctx: KeyContext): void {
  const { byValue, failed, sorted } = writesOf(keyOps, reads, 'rpush');
  for (const r of reads) {
    const list = (r.result as readonly string[] | null) ?? [];
    const value = JSON.stringify(list);
    const bad = list.find((e) => !byValue.has(e) || byValue.get(e)!.op.invokeMs > r.completeMs);
    if (bad !== undefined) {
      const why = byValue.has(bad) ? `${shown(bad)} was appended only after the read ended` : failed.has(bad) ? `${shown(bad)} was appended only by a failed RPUSH` : `no RPUSH appended ${shown(bad)}`;
      report(ctx, r, 'phantom', value, undefined, why);
      continue;
    }
    const has = new Set(list);
    let missed: Write | undefined;
    for (const w of sorted) {
      if (w.known >= r.invokeMs) break;
      if (!has.has(w.op.value!)) missed = w;
    }
    if (!missed) continue;
    const side = ctx.sides?.side(missed.op.node, missed.known) ?? '';
    report(ctx, r, 'stale', value, missed, `it lacks ${shown(missed.op.value)}, ${missed.how} at ${formatSeconds(missed.known)}${missed.how.startsWith('acked') ? side : ''}, before this read began`);
  }
}
