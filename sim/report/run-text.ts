// What `sim run` prints: the narrated timeline, the ✓/✗ list of
// expectations and safety invariants, the lost writes with their stories,
// where the report is, how to reproduce the run, and how fast it went.

import { describeExpectation } from '../scenario/describe.ts';
import { formatViolation, invariantSection } from './invariants-text.ts';
import { narrate } from './narrate.ts';
import { runFileNames } from './run-files.ts';
import type { RunReport } from './run-report.ts';
import { reproCommand } from './summary.ts';

const where = (p: { file: string; line: number; col: number }): string => `${p.file}:${p.line}:${p.col}`;

/**
 * The story and the outcome. `quiet`: only what failed (expectations,
 * steps, invariants) and the one-line result.
 */
export function runText(r: RunReport, dir: string, wallMs: number, quiet: boolean): string[] {
  if (quiet) return quietText(r, dir);
  const s = r.scenario;
  const out: string[] = [];
  out.push(`${s.name}${s.description ? `: ${s.description.trim().split('\n')[0]}` : ''}`, '');
  out.push('Timeline (simulated time; the cluster was formed and steady at 0s)');
  out.push(...narrate(r.events, { names: r.names }), '');
  if (r.expectations.length > 0 || r.stepFailures.length > 0) out.push('Expectations');
  out.push(...expectationLines(r, false), '');
  out.push(...invariantSection(r.invariants, r.scenario.invariants.disabled, r.violation, reproCommand(s.file, r.seed), r.names));
  if (r.history.size > 0) {
    const lost = r.lostWrites;
    out.push(`Writes: ${r.ackedWrites} acknowledged, ${lost.length} lost`);
    for (const w of lost.slice(0, 5)) out.push(`  ${w.key} = ${w.value}: ${w.why}`);
    if (lost.length > 5) out.push(`  … and ${lost.length - 5} more (events.csv: write-lost)`);
    out.push('');
    out.push(...readLines(r));
  }
  out.push(`Report: ${dir}/ (${runFileNames(r).join(', ')})`);
  out.push(`Repro:  ${reproCommand(s.file, r.seed)}`);
  out.push(speedLine(r, wallMs));
  return out;
}

/** One ✓/✗ line per expectation and one per failed step; with `failedOnly`, the ✗ ones. */
function expectationLines(r: RunReport, failedOnly: boolean): string[] {
  const out: string[] = [];
  for (const x of r.expectations) {
    if (failedOnly && x.ok) continue;
    const mark = x.ok ? '✓' : '✗';
    const when = x.ok && x.decidedAt !== undefined && x.expectation.timing.kind === 'by' ? ` (held at ${(x.decidedAt / 1000).toFixed(3)}s)` : '';
    out.push(`  ${mark} ${describeExpectation(x.expectation)}${when}${x.ok ? '' : `\n      ${x.why}  [${where(x.expectation.pos)}]`}`);
  }
  for (const f of r.stepFailures) out.push(`  ✗ ${f.action} at ${(f.at / 1000).toFixed(3)}s: ${f.why}  [${where(f.pos)}]`);
  return out;
}

/** `--quiet`: what failed, then one line with the outcome. */
function quietText(r: RunReport, dir: string): string[] {
  const out = expectationLines(r, true);
  for (const i of r.invariants) if (!i.ok) out.push(`  ✗ ${i.name} at ${((i.atMs ?? 0) / 1000).toFixed(3)}s: ${i.why}`);
  // A violation is told in full (offending event, context, repro): it is the run's error.
  if (r.violation) out.push(...formatViolation(r.violation, reproCommand(r.scenario.file, r.seed), r.names));
  out.push(resultLine(r, dir));
  return out;
}

/**
 * The run in one line: `split-brain seed 1: passed (5 expectations, 8
 * invariants); writes 13769 acked, 883 lost; reads 1519, 5 stale; report
 * reports/split-brain-seed1/; exit 0`.
 */
export function resultLine(r: RunReport, dir: string): string {
  const failedX = r.expectations.filter((x) => !x.ok).length + r.stepFailures.length;
  const failedI = r.invariants.filter((i) => !i.ok).length;
  const verdict = r.violation ? `VIOLATED ${r.violation.invariant}` : failedX > 0 ? `FAILED (${failedX} of ${r.expectations.length + r.stepFailures.length} checks)` : 'passed';
  const parts = [`${r.scenario.name} seed ${r.seed}: ${verdict} (${r.expectations.length} expectations, ${r.invariants.length - failedI} of ${r.invariants.length} invariants held)`];
  if (r.history.size > 0) {
    parts.push(`writes ${r.ackedWrites} acked, ${r.lostWrites.length} lost`);
    if (r.reads.checked > 0) {
      const bad = (k: string): number => r.reads.anomalies.filter((a) => a.kind === k).length;
      parts.push(`reads ${r.reads.checked}, ${bad('stale')} stale, ${bad('lost')} lost, ${bad('phantom')} phantom`);
    }
  }
  parts.push(`report ${dir}/`, `exit ${r.exitCode}`);
  return parts.join('; ');
}

/** `Reads: N checked, …` and the first five bad reads with their stories (nothing when the workloads read nothing). */
function readLines(r: RunReport): string[] {
  const { checked, anomalies } = r.reads;
  if (checked === 0) return [];
  const count = (k: string): number => anomalies.filter((a) => a.kind === k).length;
  const out = [`Reads: ${checked} checked, ${count('stale')} stale, ${count('lost')} lost, ${count('phantom')} phantom`];
  for (const a of anomalies.slice(0, 5)) out.push(`  ${a.kind}: ${a.why}`);
  if (anomalies.length > 5) out.push(`  … and ${anomalies.length - 5} more (summary.json: reads)`);
  out.push('');
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
