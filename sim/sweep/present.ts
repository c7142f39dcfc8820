// What `sim sweep` prints and writes: the percentile table, how the winners
// and exit codes split, the failing seeds each with the command that replays
// it, and the report folder (metrics.csv, summary.json).

import type { PresentIO } from '../cli/present.ts';
import { formatPercentiles, metricsCsv, summarise, type SweepSummary } from './stats.ts';
import type { SweepRun } from './sweep.ts';

/** Failing seeds printed in full; the rest are in summary.json. */
const MAX_LISTED = 10;

const join = (dir: string, f: string): string => `${dir.replace(/\/$/, '')}/${f}`;

export type SweepReport = SweepSummary & { wall_ms: number | null };

/** Write metrics.csv and summary.json into `dir`; returns the summary. */
export function writeSweepReports(io: PresentIO, run: SweepRun, dir: string, shard: string | null, wallMs: number | null): SweepReport {
  const summary: SweepReport = { ...summarise(run.scenario, run.rows, shard), wall_ms: wallMs === null ? null : Math.round(wallMs) };
  io.mkdirp(dir);
  io.writeFile(join(dir, 'metrics.csv'), metricsCsv(run.rows));
  io.writeFile(join(dir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  return summary;
}

const times = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([k, n]) => `${k} ×${n}`)
    .join(', ');

export function printSweep(io: PresentIO, s: SweepSummary, dir: string): void {
  io.out(`Seeds: ${s.seeds}${s.shard ? ` (shard ${s.shard})` : ''}; exit codes: ${times(s.exit_codes)}`);
  io.out('');
  for (const l of formatPercentiles(s)) io.out(l);
  io.out('');
  io.out(`Winners: ${times(s.winners)}`);
  if (s.failing.length > 0) {
    io.out('');
    io.out(`Failing seeds (${s.failing.length}):`);
    for (const f of s.failing.slice(0, MAX_LISTED)) {
      io.out(`  seed ${f.seed}: exit ${f.exit_code}, ${f.why}`);
      io.out(`    ${f.repro}`);
    }
    if (s.failing.length > MAX_LISTED) io.out(`  … and ${s.failing.length - MAX_LISTED} more (summary.json: failing)`);
  }
  io.out('');
  io.out(`Report: ${dir}/ (metrics.csv, summary.json)`);
}
