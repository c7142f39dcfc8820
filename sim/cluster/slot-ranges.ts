// Slot lists as text: `0-5460,5462` for events and narration, and the
// parser for the same notation in commands and scenario files.

/** Ascending ranges of a sorted or unsorted slot list. */
export function slotRanges(slots: Iterable<number>): [number, number][] {
  const sorted = [...slots].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s === last[1] + 1) last[1] = s;
    else if (!last || s > last[1]) out.push([s, s]);
  }
  return out;
}

/** A sorted slot list as flat pairs [first, last, first, last, …] (an event's SlotRanges). */
export function flatSlotRanges(sorted: readonly number[]): number[] {
  const out: number[] = [];
  for (const s of sorted) {
    const n = out.length;
    if (n > 0 && s === out[n - 1]! + 1) out[n - 1] = s;
    else if (n === 0 || s > out[n - 1]!) out.push(s, s);
  }
  return out;
}

/** `0-5460,5462` (single slots without a dash). */
export function rangesText(slots: Iterable<number> | [number, number][]): string {
  const arr = [...slots] as (number | [number, number])[];
  const ranges = arr.length > 0 && Array.isArray(arr[0]) ? (arr as [number, number][]) : slotRanges(arr as number[]);
  return ranges.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(',');
}
