// Lost-write accounting: after the run, every acknowledged write is checked
// against the final converged state, and each one missing is reported with
// who acknowledged it, when, and why it is gone (ownership-timeline.ts).
//
// Precedence is real time: write w is *strictly before* s when w was
// acknowledged before s was invoked. An info (or unfinished) op may take
// effect at any time after its invoke, so it is never strictly before
// anything. A failed op never took effect.
//
// The rules, per key (the workload never deletes, and its values are unique):
// - SET s (value x) survives when the final value is x, or is the value of
//   another non-failed SET not strictly before s (it may legitimately have
//   overwritten s). Anything else (another value, an integer, a list, no
//   key) means s is lost. An INCR cannot have overwritten s: INCR of a
//   non-integer string fails.
// - RPUSH s (element e) survives when the final list holds e, or when a
//   non-failed SET not strictly before s may have replaced the list.
// - INCR is checked on counter keys only (no non-failed SET/RPUSH on the
//   key): every INCR adds exactly one, so each counter value 1..final came
//   from exactly one INCR. An acked INCR that returned n is lost when the
//   final counter is below n, or when another acked INCR also returned n
//   (both cannot be in the final lineage; the one the timeline cannot
//   explain away, else the first acked, is kept).

import { keyHashSlot } from '../core/keyslot.ts';
import type { Op } from './history.ts';
import type { LossCause, OwnershipTimeline } from './ownership-timeline.ts';

/** The converged final state, read-only: the value of a key on its slot's final owner. */
export interface FinalState {
  read(key: string): string | readonly string[] | undefined;
}

export interface LostWrite {
  readonly op: number;
  readonly process: string;
  readonly f: 'set' | 'rpush' | 'incr';
  readonly key: string;
  readonly slot: number;
  /** What was written (set, rpush), or the counter value the INCR returned. */
  readonly value: string;
  readonly invokedMs: number;
  readonly ackedMs: number;
  /** The node whose OK the client got. */
  readonly node: string;
  readonly cause: LossCause;
  /** One sentence: the timeline's story, then what the final state holds instead. */
  readonly why: string;
}

/** End of w for precedence: ack time of an ok op, else never (it may apply any time). */
function endOf(w: Op): number {
  return w.type === 'ok' ? w.completeMs : Infinity;
}

function describeFinal(v: string | readonly string[] | undefined): string {
  if (v === undefined) return 'the key is missing at the end';
  if (typeof v === 'string') return `the final value is ${JSON.stringify(v)}`;
  return `the final list (${v.length} elements) does not hold it`;
}

export function findLostWrites(ops: readonly Op[], final: FinalState, timeline?: OwnershipTimeline): LostWrite[] {
  const byKey = new Map<string, Op[]>();
  for (const o of ops) {
    if (o.f === 'get' || o.type === 'fail') continue;
    let list = byKey.get(o.key);
    if (!list) byKey.set(o.key, (list = []));
    list.push(o);
  }
  const lost: LostWrite[] = [];
  const report = (o: Op, value: string, finalText: string): void => {
    const slot = keyHashSlot(o.key);
    const story = timeline?.explain(o.node, slot, o.completeMs, o.offset);
    lost.push({
      op: o.id,
      process: o.process,
      f: o.f as LostWrite['f'],
      key: o.key,
      slot,
      value,
      invokedMs: o.invokeMs,
      ackedMs: o.completeMs,
      node: o.node,
      cause: story?.cause ?? 'unexplained',
      why: story ? `${story.text}; ${finalText}` : `acked by ${o.node}; ${finalText}`,
    });
  };

  for (const [key, writes] of byKey) {
    if (!writes.some((w) => w.type === 'ok')) continue;
    const v = final.read(key);
    const sets = writes.filter((w) => w.f === 'set');
    const setByValue = new Map<string, Op>(sets.map((w) => [w.value!, w]));
    // Latest end among SETs, and the runner-up (to ask "a SET other than s").
    let top: Op | undefined;
    let second = -Infinity;
    for (const w of sets) {
      if (!top || endOf(w) > endOf(top)) {
        if (top) second = Math.max(second, endOf(top));
        top = w;
      } else second = Math.max(second, endOf(w));
    }
    const laterSetThan = (s: Op): boolean => {
      if (!top) return false;
      const end = top === s ? second : endOf(top);
      return end >= s.invokeMs;
    };
    const listHas = Array.isArray(v) ? new Set(v as readonly string[]) : undefined;

    for (const s of writes) {
      if (s.type !== 'ok') continue;
      if (s.f === 'set') {
        if (v === s.value) continue;
        const w = typeof v === 'string' ? setByValue.get(v) : undefined;
        if (w && w !== s && endOf(w) >= s.invokeMs) continue;
        report(s, s.value!, describeFinal(v));
      } else if (s.f === 'rpush') {
        if (listHas?.has(s.value!) || laterSetThan(s)) continue;
        report(s, s.value!, describeFinal(v));
      }
    }
    if (writes.every((w) => w.f === 'incr')) checkCounter(writes, v, timeline, report);
  }
  lost.sort((a, b) => a.ackedMs - b.ackedMs || a.op - b.op);
  return lost;
}

function checkCounter(
  incrs: readonly Op[],
  v: string | readonly string[] | undefined,
  timeline: OwnershipTimeline | undefined,
  report: (o: Op, value: string, finalText: string) => void,
): void {
  const counter = v === undefined ? 0 : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN;
  const byResult = new Map<number, Op[]>();
  for (const o of incrs) {
    if (o.type !== 'ok' || typeof o.result !== 'number') continue;
    if (Number.isNaN(counter) || o.result > counter) {
      report(o, String(o.result), Number.isNaN(counter) ? describeFinal(v) : `the final counter is ${counter} < ${o.result}`);
      continue;
    }
    let same = byResult.get(o.result);
    if (!same) byResult.set(o.result, (same = []));
    same.push(o);
  }
  for (const [n, same] of byResult) {
    if (same.length < 2) continue;
    const explained = (o: Op): boolean => (timeline?.explain(o.node, keyHashSlot(o.key), o.completeMs).cause ?? 'unexplained') !== 'unexplained';
    const keep = same.find((o) => !explained(o)) ?? same[0]!;
    for (const o of same) {
      if (o !== keep) report(o, String(n), `another acked INCR (by ${keep.node} at ${keep.completeMs / 1000} s) also returned ${n}`);
    }
  }
}
