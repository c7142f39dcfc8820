// What `sim run` prints: the narrated timeline, the ✓/✗ list of
// expectations and safety invariants, the lost writes with their stories,
// where the report is, how to reproduce the run, and how fast it went.

import { describeExpectation } from '../scenario/describe.ts';
import { invariantSection } from './invariants-text.ts';
import { narrate } from './narrate.ts';
import { runFileNames } from './run-files.ts';
import type { RunReport } from './run-report.ts';
import { reproCommand } from './summary.ts';

const where = (p: { file: string; line: number; col: number }): string => `${p.file}:${p.line}:${p.col}`;

/** The story and the outcome; `quiet` leaves out the narrated timeline. */
export function runText(r: RunReport, dir: string, wallMs: number, quiet: boolean): string[] {
  const s = r.scenario;
  const out: string[] = [];
  if (!quiet) {
    out.push(`${s.name}${s.description ? `: ${s.description.trim().split('\n')[0]}` : ''}`, '');
    out.push('Timeline (simulated time; the cluster was formed and steady at 0s)');
    out.push(...narrate(r.events, { names: r.names }), '');
  }
  if (r.expectations.length > 0 || r.stepFailures.length > 0) out.push('Expectations');
  for (const x of r.expectations) {
    const mark = x.ok ? '✓' : '✗';
    const when = x.ok && x.decidedAt !== undefined && x.expectation.timing.kind === 'by' ? ` (held at ${(x.decidedAt / 1000).toFixed(3)}s)` : '';
    out.push(`  ${mark} ${describeExpectation(x.expectation)}${when}${x.ok ? '' : `\n      ${x.why}  [${where(x.expectation.pos)}]`}`);
  }
  for (const f of r.stepFailures) out.push(`  ✗ ${f.action} at ${(f.at / 1000).toFixed(3)}s: ${f.why}  [${where(f.pos)}]`);
  out.push('');
  out.push(...invariantSection(r.invariants, r.scenario.invariants.disabled, r.violation, reproCommand(s.file, r.seed), r.names));
  if (r.history.size > 0) {
    const lost = r.lostWrites;
    out.push(`Writes: ${r.ackedWrites} acknowledged, ${lost.length} lost`);
    for (const w of lost.slice(0, 5)) out.push(`  ${w.key} = ${w.value}: ${w.why}`);
    if (lost.length > 5) out.push(`  … and ${lost.length - 5} more (events.csv: write-lost)`);
    out.push('');
  }
  out.push(`Report: ${dir}/ (${runFileNames(r).join(', ')})`);
  out.push(`Repro:  ${reproCommand(s.file, r.seed)}`);
  out.push(speedLine(r, wallMs));
  return out;
}

/** How much was simulated in how much wall time; the formation counts too, it ran in the same wall time. */
function speedLine(r: RunReport, wallMs: number): string {
  const simMs = r.endMs + r.warmupMs;
  const ratio = simMs / wallMs;
  const speed = wallMs > 0 ? ` (${ratio < 10 ? ratio.toFixed(1) : Math.round(ratio)}× real time)` : '';
  const forming = r.warmupMs > 0 ? ` (+${(r.warmupMs / 1000).toFixed(1)} s forming the cluster)` : '';
  return `Simulated ${(r.endMs / 1000).toFixed(1)} s${forming} in ${(wallMs / 1000).toFixed(2)} s wall${speed}; exit ${r.exitCode}`;
}
