// A violation as `sim run` prints it: what broke, the event that broke it
// (state checks have none: the instant is given instead), the last events
// of the nodes involved, and the command that replays the run.

import type { NodeNames } from '../events/names.ts';
import type { SimEvent } from '../events/types.ts';
import { eventRow } from '../events/vocabulary.ts';
import type { ViolationReport } from '../check/invariants/monitor.ts';
import { sec } from '../check/invariants/types.ts';

/** One event as a fixed-width line: time, node, event, subject, detail. */
export function eventLine(e: SimEvent, names: NodeNames): string {
  const r = eventRow(e, names);
  const node = r.node === '*' ? '' : r.node;
  return `${sec(e.t).padStart(10)}  ${node.padEnd(4)} ${r.event}${r.subject ? ` ${r.subject}` : ''}${r.detail ? `  ${r.detail}` : ''}`;
}

export function formatViolation(v: ViolationReport, repro: string, names: NodeNames): string[] {
  const out = [`Safety invariant violated: ${v.invariant} at ${sec(v.atMs)}`, `  ${v.why}`];
  if (v.event) out.push('  Offending event:', `  ${eventLine(v.event, names)}`);
  else out.push(`  Seen in the nodes' state when the last event of ${sec(v.atMs)} had run (no single event did it).`);
  const nodes = [...new Set(v.nodes)].filter((n) => n !== '');
  if (v.context.length > 0) {
    out.push(`  Last events of ${nodes.join(', ') || 'the cluster'} (and faults):`);
    for (const e of v.context) out.push(`  ${eventLine(e, names)}${e === v.event ? '   ◀' : ''}`);
  }
  out.push(`  Repro: ${repro}`);
  return out;
}

export interface InvariantLine {
  name: string;
  ok: boolean;
  why: string;
  atMs: number | null;
}

/**
 * The block `sim run` prints after the expectations: one ✓/✗ per enabled
 * invariant (disabled ones named once), then the violation in full.
 */
export function invariantSection(
  results: readonly InvariantLine[],
  disabled: readonly string[],
  v: ViolationReport | undefined,
  repro: string,
  names: NodeNames,
): string[] {
  const out = ['Safety invariants'];
  for (const r of results) {
    if (r.ok) out.push(`  ✓ ${r.name}${r.why ? `  (${r.why})` : ''}`);
    else out.push(`  ✗ ${r.name} at ${sec(r.atMs ?? 0)}`, `      ${r.why}`);
  }
  if (disabled.length > 0) out.push(`  – disabled by the scenario: ${disabled.join(', ')}`);
  out.push('');
  if (v) out.push(...formatViolation(v, repro, names), '');
  return out;
}
