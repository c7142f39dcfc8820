// The exact linearizability test for one register whose writes wrote unique
// values (Gibbons and Korach, "Testing shared memories", 1997): group each
// write with the reads that returned its value (nil reads with a virtual
// initial write at −∞). A group's *zone* runs from its earliest completion
// to its latest invocation; it is *forward* when that is an interval of
// positive length, else *backward*. The history is linearizable iff no two
// forward zones overlap and no backward zone lies inside a forward one.
// read-check.ts flags single reads first; this catches what takes two reads
// to see (x read, then y, then x again by reads that do not overlap).

import type { Op } from './history.ts';

export interface RegisterGroup {
  /** The write (undefined: the initial nil). An info write is in a group only when a read returned it. */
  readonly write: Op | undefined;
  readonly reads: readonly Op[];
}

interface Zone {
  readonly g: RegisterGroup;
  /** Earliest completion. */
  readonly minFinish: number;
  /** Latest invocation. */
  readonly maxStart: number;
}

/** A read that no order explains, and the group whose value it should have been overtaken by. */
export interface ZoneConflict {
  readonly read: Op;
  readonly other: RegisterGroup;
}

function zoneOf(g: RegisterGroup): Zone {
  let minFinish = g.write ? (g.write.type === 'ok' ? g.write.completeMs : Infinity) : -Infinity;
  let maxStart = g.write ? g.write.invokeMs : -Infinity;
  for (const r of g.reads) {
    minFinish = Math.min(minFinish, r.completeMs);
    maxStart = Math.max(maxStart, r.invokeMs);
  }
  return { g, minFinish, maxStart };
}

/** The read of a group that began last (its latest invocation). */
function lastRead(z: Zone): Op | undefined {
  let last: Op | undefined;
  for (const r of z.g.reads) if (!last || r.invokeMs > last.invokeMs) last = r;
  return last;
}

/** The first conflict between zones, or undefined when the key's history is linearizable. */
export function firstZoneConflict(groups: readonly RegisterGroup[]): ZoneConflict | undefined {
  const zones = groups.filter((g) => g.reads.length > 0 || g.write?.type === 'ok').map(zoneOf);
  const forward = zones.filter((z) => z.minFinish < z.maxStart).sort((a, b) => a.minFinish - b.minFinish);
  for (let i = 1; i < forward.length; i++) {
    const [a, b] = [forward[i - 1]!, forward[i]!];
    if (b.minFinish >= a.maxStart) continue;
    // Each group's last read began after the other group was in effect: blame the later one.
    const [late, other] = a.maxStart > b.maxStart ? [a, b] : [b, a];
    const read = lastRead(late);
    if (read) return { read, other: other.g };
  }
  for (const z of zones) {
    if (z.minFinish < z.maxStart) continue;
    // The forward zone that starts last before this backward zone does.
    let lo = 0;
    let hi = forward.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (forward[mid]!.minFinish < z.maxStart) lo = mid + 1;
      else hi = mid;
    }
    const f = lo > 0 ? forward[lo - 1]! : undefined;
    if (!f || !(z.minFinish < f.maxStart)) continue;
    const read = lastRead(f);
    if (read) return { read, other: z.g };
  }
  return undefined;
}
