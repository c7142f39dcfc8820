// The client lane: completed operations per time bucket, by outcome (ok,
// fail, info = indeterminate), and acknowledged writes that were later lost,
// by the time they were acknowledged. Buckets are fine enough that the page
// can re-aggregate them per pixel at any zoom a reader needs, and coarse
// enough that an hour at 500 ops/s stays a few thousand numbers.

import type { Op } from '../../workload/history.ts';
import type { LostWrite } from '../../workload/lost-writes.ts';
import type { ClientData } from './model.ts';

/** At most this many buckets over the run (a wide screen is ~2500 px). */
export const MAX_BUCKETS = 8000;

/** A readable bucket width: 1, 2 or 5 × a power of ten ms, at least 1 ms. */
export function bucketWidth(spanMs: number, maxBuckets = MAX_BUCKETS): number {
  const raw = Math.max(1, spanMs / maxBuckets);
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/** `ops`: each op's outcome and completion time (an Op has them; History.outcomes() gives them without making Ops). */
export function clientLane(
  ops: Iterable<Pick<Op, 'type' | 'completeMs'>>,
  lost: readonly LostWrite[],
  workloads: readonly string[],
  startMs: number,
  endMs: number,
): ClientData | null {
  let any = false;
  const bucketMs = bucketWidth(endMs - startMs);
  const n = Math.max(1, Math.ceil((endMs - startMs) / bucketMs) + 1);
  const ok = new Array<number>(n).fill(0);
  const fail = new Array<number>(n).fill(0);
  const info = new Array<number>(n).fill(0);
  const lostB = new Array<number>(n).fill(0);
  const totals = { ok: 0, fail: 0, info: 0, lost: lost.length };
  const bucket = (t: number): number => Math.min(n - 1, Math.max(0, Math.floor((t - startMs) / bucketMs)));
  for (const o of ops) {
    any = true;
    if (o.type === undefined) continue;
    const b = bucket(o.completeMs);
    if (o.type === 'ok') (ok[b]!++, totals.ok++);
    else if (o.type === 'fail') (fail[b]!++, totals.fail++);
    else (info[b]!++, totals.info++);
  }
  if (!any) return null;
  for (const w of lost) lostB[bucket(w.ackedMs)]!++;
  return { bucketMs, startMs, ok: trim(ok), fail: trim(fail), info: trim(info), lost: trim(lostB), totals, workloads: [...workloads] };
}

/** Trailing zeros say nothing (the page reads a missing bucket as 0). */
function trim(a: number[]): number[] {
  let n = a.length;
  while (n > 0 && a[n - 1] === 0) n--;
  a.length = n;
  return a;
}
