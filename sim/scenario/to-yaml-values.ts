// Small values as a scenario file writes them, for to-yaml: durations with
// units, latencies, slot ranges, node references and groups, comparisons.
// Each writer produces text that the loader reads back to exactly the same
// typed value (to-yaml.test.ts checks this on every scenario in the repo).

import { parseDurationMs } from '../core/time.ts';
import { formatComparison } from './comparison.ts';
import type { Comparison } from './types-conditions.ts';
import type { GroupMember, NodeGroup, NodeRef } from './types-timeline.ts';
import type { LatencyModel, SlotRange } from './types.ts';

/**
 * A collection to print in flow style (`{ node: A, for: 5s }`): how
 * hand-written scenarios put small values on one line. Everything else is
 * printed in block style.
 */
export class Flow {
  constructor(readonly value: unknown) {}
}

/** A plain value tree for the YAML printer: scalars, arrays, string-keyed objects, Flow. */
export type Plain = unknown;

/**
 * `90s`, `2m`, `250ms`, `1.5s`: the shortest unit form that parses back to
 * exactly `ms` (durations are quantised to microseconds by the loader, so a
 * round trip through text must land on the same double).
 */
export function fmtDuration(ms: number): string | number {
  const candidates: string[] = [];
  if (ms === 0) candidates.push('0s');
  if (ms >= 60_000 && ms % 60_000 === 0) candidates.push(`${ms / 60_000}m`);
  if (ms >= 1000) candidates.push(`${ms / 1000}s`);
  candidates.push(`${ms}ms`);
  for (const c of candidates) if (parseDurationMs(c) === ms) return c;
  // Not reachable for loaded durations; a plain number of milliseconds always parses.
  return ms;
}

/** `0.2ms..1ms` (uniform), `2ms` (constant), or the map form for normal/exponential. */
export function fmtLatency(l: LatencyModel): Plain {
  switch (l.distribution) {
    case 'constant':
      return fmtDuration(l.valueMs);
    case 'uniform':
      return `${fmtDuration(l.minMs)}..${fmtDuration(l.maxMs)}`;
    case 'normal':
      return new Flow({ distribution: 'normal', mean: fmtDuration(l.meanMs), stddev: fmtDuration(l.stddevMs), floor: fmtDuration(l.floorMs) });
    case 'exponential':
      return new Flow({ distribution: 'exponential', mean: fmtDuration(l.meanMs), floor: fmtDuration(l.floorMs) });
  }
}

/** `609`, `0-5460`, or a list of those. */
export function fmtSlots(ranges: readonly SlotRange[]): Plain {
  const one = (r: SlotRange): string | number => (r.start === r.end ? r.start : `${r.start}-${r.end}`);
  return ranges.length === 1 ? one(ranges[0]!) : new Flow(ranges.map(one));
}

/** A comparison: a plain number for equality, else `">=1"`. */
export function fmtComparison(c: Comparison): string | number {
  return c.op === '==' ? c.value : formatComparison(c);
}

/** A node name, or a selector map (`{ owner-of-slot: 0 }`, `{ replica-of: A, pick: random }`). */
export function fmtNodeRef(ref: NodeRef): Plain {
  switch (ref.kind) {
    case 'name':
      return ref.name;
    case 'owner-of-slot':
      return new Flow({ 'owner-of-slot': ref.slot });
    case 'replica-of':
      return new Flow({ 'replica-of': unflow(fmtNodeRef(ref.master)), ...(ref.pick === 'random' ? { pick: 'random' } : {}) });
  }
}

function fmtMember(m: GroupMember): Plain {
  return m.kind === 'workload' ? m.name : unflow(fmtNodeRef(m.node));
}

/** One side of a partition or link: `"*"`, `A`, or `[A, writers, "*"]`. */
export function fmtGroup(g: NodeGroup): Plain {
  const items = [...g.members.map(fmtMember), ...(g.rest ? ['*'] : [])];
  return items.length === 1 && typeof items[0] === 'string' ? items[0] : items;
}

/** Groups of a `partition:` or `between:`: each group is written as a list, as `[[A], "*"]` reads. */
export function fmtGroups(groups: readonly NodeGroup[]): Flow {
  return new Flow(groups.map((g) => (g.members.length === 0 && g.rest ? '*' : [...g.members.map(fmtMember), ...(g.rest ? ['*'] : [])])));
}

/** The plain value inside a Flow (a Flow nested in a Flow prints in flow style anyway). */
export function unflow(v: Plain): Plain {
  return v instanceof Flow ? v.value : v;
}
