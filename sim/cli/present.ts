// What `sim run` prints and writes: the narrated timeline, the ✓/✗ list,
// where the report is and how to reproduce the run; and the report folder.

import { describeExpectation } from '../check/describe.ts';
import { invariantSection } from '../check/invariants/report.ts';
import { eventsCsv, logTxt } from '../report/files.ts';
import { formatHistoryCsv } from '../report/history-csv.ts';
import { buildSummary, reproCommand, type Summary } from '../report/summary.ts';
import { buildTimelineData } from '../report/timeline/build.ts';
import { timelineHtml } from '../report/timeline/html.ts';
import { redisCliTranscript } from '../tools/redis-cli/hook.ts';
import { narrate } from '../report/narrate.ts';
import type { RunResult } from '../run/runner.ts';

export interface PresentIO {
  out(text: string): void;
  writeFile(path: string, text: string): void;
  mkdirp(path: string): void;
}

const join = (dir: string, f: string): string => `${dir.replace(/\/$/, '')}/${f}`;

export function writeReports(io: PresentIO, r: RunResult, dir: string, wallMs: number): Summary {
  const summary = buildSummary(r, Math.round(wallMs));
  io.mkdirp(dir);
  io.writeFile(join(dir, 'events.csv'), eventsCsv(r.world.recorder.events, r.world.recorder.names));
  io.writeFile(join(dir, 'log.txt'), logTxt(r.world.recorder.logs, r.world.recorder.names));
  io.writeFile(join(dir, 'history.csv'), formatHistoryCsv(r.data.workloads.history));
  io.writeFile(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  if (r.timelineRecord) io.writeFile(join(dir, 'timeline.html'), timelineHtml(buildTimelineData(r, r.timelineRecord, summary)));
  const cli = redisCliTranscript(r.world);
  if (cli) io.writeFile(join(dir, 'redis-cli.txt'), cli);
  return summary;
}

const where = (p: { file: string; line: number; col: number }): string => `${p.file}:${p.line}:${p.col}`;

export function printRun(io: PresentIO, r: RunResult, dir: string, wallMs: number, quiet: boolean): void {
  const s = r.scenario;
  if (!quiet) {
    io.out(`${s.name}${s.description ? `: ${s.description.trim().split('\n')[0]}` : ''}`);
    io.out('');
    io.out('Timeline (simulated time; the cluster was formed and steady at 0s)');
    for (const l of narrate(r.world.recorder.events, { names: r.world.recorder.names })) io.out(l);
    io.out('');
  }
  if (r.expectations.length > 0 || r.stepFailures.length > 0) io.out('Expectations');
  for (const x of r.expectations) {
    const mark = x.ok ? '✓' : '✗';
    const when = x.ok && x.decidedAt !== undefined && x.expectation.timing.kind === 'by' ? ` (held at ${(x.decidedAt / 1000).toFixed(3)}s)` : '';
    io.out(`  ${mark} ${describeExpectation(x.expectation)}${when}${x.ok ? '' : `\n      ${x.why}  [${where(x.expectation.pos)}]`}`);
  }
  for (const f of r.stepFailures) io.out(`  ✗ ${f.action} at ${(f.at / 1000).toFixed(3)}s: ${f.why}  [${where(f.pos)}]`);
  io.out('');
  for (const l of invariantSection(r.invariants, r.scenario.invariants.disabled, r.violation, reproCommand(s.file, r.seed), r.world.recorder.names)) io.out(l);
  const lost = r.data.lostWritesList();
  if (r.data.workloads.history.size > 0) {
    io.out(`Writes: ${r.data.ackedWrites} acknowledged, ${lost.length} lost`);
    for (const w of lost.slice(0, 5)) io.out(`  ${w.key} = ${w.value}: ${w.why}`);
    if (lost.length > 5) io.out(`  … and ${lost.length - 5} more (events.csv: write-lost)`);
    io.out('');
  }
  const files = ['events.csv', 'log.txt', 'history.csv', 'summary.json', ...(r.timelineRecord ? ['timeline.html'] : []), ...(redisCliTranscript(r.world) ? ['redis-cli.txt'] : [])];
  io.out(`Report: ${dir}/ (${files.join(', ')})`);
  io.out(`Repro:  ${reproCommand(s.file, r.seed)}`);
  // The speed counts the cluster's formation too: it was simulated in the same wall time.
  const simMs = r.endMs + r.warmupMs;
  const ratio = simMs / wallMs;
  const speed = wallMs > 0 ? ` (${ratio < 10 ? ratio.toFixed(1) : Math.round(ratio)}× real time)` : '';
  const forming = r.warmupMs > 0 ? ` (+${(r.warmupMs / 1000).toFixed(1)} s forming the cluster)` : '';
  io.out(`Simulated ${(r.endMs / 1000).toFixed(1)} s${forming} in ${(wallMs / 1000).toFixed(2)} s wall${speed}; exit ${r.exitCode}`);
}
