// What `sim sweep` prints and writes: the percentile table, how the winners
// and exit codes split, the failing seeds each with the command that replays
// it, and the report folder (metrics.csv, summary.json), as lines and files.

import type { ReportFile } from '../report/run-files.ts';
import { formatPercentiles, metricsCsv, summarise, type SweepSummary } from './stats.ts';
import type { SweepRun } from './sweep.ts';

/** Failing seeds printed in full; the rest are in summary.json. */
const MAX_LISTED = 10;

export type SweepReport = SweepSummary & { wall_ms: number | null };

/** The summary and the report folder's files: metrics.csv and summary.json. */
export function sweepFiles(run: SweepRun, shard: string | null, wallMs: number | null): { summary: SweepReport; files: ReportFile[] } {
  const summary: SweepReport = { ...summarise(run.scenario, run.rows, shard), wall_ms: wallMs === null ? null : Math.round(wallMs) };
  return {
    summary,
    files: [
      { name: 'metrics.csv', text: metricsCsv(run.rows) },
      { name: 'summary.json', text: JSON.stringify(summary, null, 2) + '\n' },
    ],
  };
}

const times = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([k, n]) => `${k} ×${n}`)
    .join(', ');

/** What `sim sweep` prints once every seed has run. */
export function sweepText(s: SweepSummary, dir: string): string[] {
  const out: string[] = [];
  out.push(`Seeds: ${s.seeds}${s.shard ? ` (shard ${s.shard})` : ''}; exit codes: ${times(s.exit_codes)}`);
  out.push('');
  for (const l of formatPercentiles(s)) out.push(l);
  out.push('');
  out.push(`Winners: ${times(s.winners)}`);
  if (s.failing.length > 0) {
    out.push('');
    out.push(`Failing seeds (${s.failing.length}):`);
    for (const f of s.failing.slice(0, MAX_LISTED)) {
      out.push(`  seed ${f.seed}: exit ${f.exit_code}, ${f.why}`);
      out.push(`    ${f.repro}`);
    }
    if (s.failing.length > MAX_LISTED) out.push(`  … and ${s.failing.length - MAX_LISTED} more (summary.json: failing)`);
  }
  out.push('');
  out.push(`Report: ${dir}/ (metrics.csv, summary.json)`);
  return out;
}
