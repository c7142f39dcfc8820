// `history: consistent` (scenario-format.md §2): every list equals its
// acknowledged appends in order, without loss or duplication; appends whose
// outcome is unknown (info, or unfinished) may or may not appear.
//
// Checked on list keys: keys with RPUSH ops and no non-failed SET (a SET
// replaces a list, after which its appends are legitimately gone; those keys
// are lost-write territory). For each such key and its final list:
// - lost: an acked append's element is missing;
// - duplicated: an element appears more than once (e.g. a client retried an
//   append that had been applied before its connection died);
// - unexpected: an element no non-failed append of this key wrote (a failed
//   append that took effect anyway, or another key's value);
// - reordered: x appears before y although y was acknowledged before x was
//   invoked (real-time order, Jepsen's list-append rule for one key).

import type { Op } from './history.ts';
import type { FinalState } from './lost-writes.ts';

export type ListAnomalyKind = 'lost' | 'duplicated' | 'unexpected' | 'reordered' | 'not-a-list';

export interface ListAnomaly {
  readonly key: string;
  readonly kind: ListAnomalyKind;
  readonly element: string;
  readonly detail: string;
}

export interface ListVerdict {
  readonly ok: boolean;
  /** '' when ok; else the first anomalies, one line. */
  readonly why: string;
  readonly anomalies: readonly ListAnomaly[];
  readonly keysChecked: number;
}

const s = (ms: number): string => `${Math.round(ms) / 1000} s`;

export function checkListHistories(ops: readonly Op[], final: FinalState): ListVerdict {
  const byKey = new Map<string, Op[]>();
  const overwritten = new Set<string>();
  for (const o of ops) {
    if (o.type === 'fail') continue;
    if (o.f === 'set') overwritten.add(o.key);
    if (o.f !== 'rpush') continue;
    let list = byKey.get(o.key);
    if (!list) byKey.set(o.key, (list = []));
    list.push(o);
  }
  const anomalies: ListAnomaly[] = [];
  let keysChecked = 0;
  for (const [key, appends] of byKey) {
    if (overwritten.has(key)) continue;
    keysChecked++;
    const v = final.read(key);
    if (typeof v === 'string') {
      anomalies.push({ key, kind: 'not-a-list', element: '', detail: `${key} holds a string at the end` });
      continue;
    }
    checkOneList(key, appends, v ?? [], anomalies);
  }
  const why = anomalies
    .slice(0, 3)
    .map((a) => a.detail)
    .join('; ');
  return { ok: anomalies.length === 0, why: anomalies.length > 3 ? `${why}; and ${anomalies.length - 3} more` : why, anomalies, keysChecked };
}

function checkOneList(key: string, appends: readonly Op[], list: readonly string[], out: ListAnomaly[]): void {
  const byElement = new Map<string, Op>(appends.map((o) => [o.value!, o]));
  const seen = new Map<string, number>();
  // Scan in list order, remembering the latest-invoked op seen so far: an
  // element whose op was acked before that invoke is out of real-time order.
  let latest: Op | undefined;
  for (const e of list) {
    const n = (seen.get(e) ?? 0) + 1;
    seen.set(e, n);
    const op = byElement.get(e);
    if (n === 2) {
      const acked = op?.type === 'ok' ? `acked once at ${s(op.completeMs)}` : 'its outcome unknown to the client';
      out.push({ key, kind: 'duplicated', element: e, detail: `${key}: ${e} appears more than once (RPUSH ${acked})` });
    }
    if (n > 1) continue;
    if (!op) {
      out.push({ key, kind: 'unexpected', element: e, detail: `${key}: ${e} was never appended by a non-failed RPUSH` });
      continue;
    }
    if (latest && op.type === 'ok' && op.completeMs < latest.invokeMs) {
      out.push({
        key,
        kind: 'reordered',
        element: e,
        detail: `${key}: ${e} (acked at ${s(op.completeMs)}) comes after ${latest.value} (invoked at ${s(latest.invokeMs)})`,
      });
    }
    if (!latest || op.invokeMs > latest.invokeMs) latest = op;
  }
  for (const o of appends) {
    if (o.type === 'ok' && !seen.has(o.value!)) {
      out.push({ key, kind: 'lost', element: o.value!, detail: `${key}: ${o.value} acked by ${o.node} at ${s(o.completeMs)} is missing` });
    }
  }
}
