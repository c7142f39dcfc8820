// What `sim sweep` prints and writes: the percentile table, how the winners
// and exit codes split, the failing seeds each with the command that replays
// it, and the report folder (metrics.csv, summary.json), as lines and files.

import type { ReportFile } from '../report/run-files.ts';
import { formatPercentiles, metricsCsv, summarise, type SweepSummary } from './stats.ts';
import type { SeedMetrics } from './metrics.ts';
import { sweepHtml } from './html.ts';

/** Failing seeds printed in full; the rest are in summary.json. */
const MAX_LISTED = 10;

export type SweepReport = SweepSummary & {
  wall_ms: number | null;
  /** Fingerprint of the scenario's text, so that `--resume` adds rows of the same scenario only. */
  scenario_sha256?: string;
  /** False when the sweep was stopped: the rows are the seeds that finished. */
  complete: boolean;
  /** Seeds that did not run (a stopped sweep), and the command that runs them. */
  left?: { seeds: number; resume: string };
};

export interface SweepReportInput {
  readonly scenario: { name: string; file: string };
  readonly rows: readonly SeedMetrics[];
  readonly shard: string | null;
  readonly wallMs: number | null;
  readonly scenarioHash?: string;
  /** Seeds that did not run, and the command that runs them (a stopped sweep). */
  readonly left?: { readonly seeds: readonly number[]; readonly resume: string };
}

/** The summary and the report folder's files: metrics.csv and summary.json. */
export function sweepFiles(o: SweepReportInput): { summary: SweepReport; files: ReportFile[] } {
  const stopped = o.left !== undefined && o.left.seeds.length > 0;
  const summary: SweepReport = {
    ...summarise(o.scenario, o.rows, o.shard),
    wall_ms: o.wallMs === null ? null : Math.round(o.wallMs),
    ...(o.scenarioHash !== undefined ? { scenario_sha256: o.scenarioHash } : {}),
    complete: !stopped,
    ...(stopped ? { left: { seeds: o.left!.seeds.length, resume: o.left!.resume } } : {}),
  };
  return {
    summary,
    files: [
      { name: 'metrics.csv', text: metricsCsv(o.rows) },
      { name: 'summary.json', text: JSON.stringify(summary, null, 2) + '\n' },
      { name: 'sweep.html', text: sweepHtml(summary, o.rows) },
    ],
  };
}

const times = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([k, n]) => `${k} ×${n}`)
    .join(', ');

/** What `sim sweep` prints once every seed has run. */
export function sweepText(s: SweepReport, dir: string): string[] {
  const out: string[] = [];
  out.push(`Seeds: ${s.seeds}${s.shard ? ` (shard ${s.shard})` : ''}; exit codes: ${times(s.exit_codes)}`);
  if (s.left) out.push(`Stopped early: ${s.left.seeds} seed${s.left.seeds === 1 ? '' : 's'} did not run.`);
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
  out.push(`Report: ${dir}/ (metrics.csv, summary.json, sweep.html)`);
  return out;
}
