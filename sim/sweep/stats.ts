// What a sweep adds up to: percentiles of the timing metrics over the seeds
// where they happened, the worst exit code, the failing seeds with the
// command that replays each; and metrics.csv, one row per seed (the columns
// of METRIC_COLUMNS, empty cells for metrics that never happened), written
// whole in seed order when a sweep ends and row by row in completion order
// while it runs, so that a sweep that is stopped keeps what finished; read
// back by `sim sweep --resume`. Text cells a spreadsheet would evaluate are
// neutralised (report/files.ts).

import { csvFormatBody, csvFormatRows, csvParse } from 'd3-dsv';
import { neutralise, unneutralise } from '../report/files.ts';
import { reproCommand } from '../report/summary.ts';
import { METRIC_COLUMNS, TIMING_METRICS, type SeedMetrics, type TimingMetric } from './metrics.ts';

export const PERCENTILES = [50, 90, 99] as const;

export interface Distribution {
  /** Seeds where the metric happened (the others are left out, and counted in `missing`). */
  n: number;
  missing: number;
  p50: number | null;
  p90: number | null;
  p99: number | null;
  max: number | null;
}

export interface SweepSummary {
  scenario: string;
  file: string;
  seeds: number;
  shard: string | null;
  exit_code: number;
  /** How many seeds ended with each exit code. */
  exit_codes: Record<string, number>;
  percentiles: Record<TimingMetric, Distribution>;
  winners: Record<string, number>;
  failing: { seed: number; exit_code: number; why: string; repro: string }[];
}

/**
 * Nearest-rank percentile: the smallest value with at least p% of the values
 * at or below it. Always one of the observed values (no interpolation), so a
 * p99 over 1000 seeds is a run that really happened and can be replayed.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function distribution(values: readonly (number | null)[]): Distribution {
  const xs = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  return {
    n: xs.length,
    missing: values.length - xs.length,
    p50: percentile(xs, 50),
    p90: percentile(xs, 90),
    p99: percentile(xs, 99),
    max: xs.length > 0 ? xs[xs.length - 1]! : null,
  };
}

/** Exit codes by severity: an internal error (4) outranks a violated invariant (3), then a failed expectation (1). */
const SEVERITY: Record<number, number> = { 0: 0, 1: 1, 3: 2, 2: 3, 4: 4 };

export function worstExitCode(rows: readonly SeedMetrics[]): number {
  return rows.reduce((w, r) => ((SEVERITY[r.exit_code] ?? 4) > (SEVERITY[w] ?? 4) ? r.exit_code : w), 0);
}

function why(r: SeedMetrics): string {
  if (r.exit_code === 4) return `internal error: ${r.error}`;
  if (r.invariants_violated) return `invariant violated: ${r.invariants_violated}`;
  return `${r.failed} expectation${r.failed === 1 ? '' : 's'} or step${r.failed === 1 ? '' : 's'} failed (${r.failed_where})`;
}

export function summarise(scenario: { name: string; file: string }, rows: readonly SeedMetrics[], shard: string | null): SweepSummary {
  const exitCodes: Record<string, number> = {};
  for (const r of rows) exitCodes[r.exit_code] = (exitCodes[r.exit_code] ?? 0) + 1;
  const winners: Record<string, number> = {};
  for (const r of [...rows].sort((a, b) => (a.winner < b.winner ? -1 : a.winner > b.winner ? 1 : 0))) {
    const w = r.winner || '(none)';
    winners[w] = (winners[w] ?? 0) + 1;
  }
  const percentiles = Object.fromEntries(TIMING_METRICS.map((m) => [m, distribution(rows.map((r) => r[m]))])) as Record<TimingMetric, Distribution>;
  return {
    scenario: scenario.name,
    file: scenario.file,
    seeds: rows.length,
    shard,
    exit_code: worstExitCode(rows),
    exit_codes: exitCodes,
    percentiles,
    winners,
    failing: rows.filter((r) => r.exit_code !== 0).map((r) => ({ seed: r.seed, exit_code: r.exit_code, why: why(r), repro: reproCommand(scenario.file, r.seed) })),
  };
}

/** The percentile table as printed after a sweep. */
export function formatPercentiles(s: SweepSummary): string[] {
  const cell = (v: number | null): string => (v === null ? '–' : String(Math.round(v))).padStart(8);
  const lines = [`  ${'metric (ms after the first fault)'.padEnd(34)}${['p50', 'p90', 'p99', 'max'].map((h) => h.padStart(8)).join('')}  seeds`];
  for (const m of TIMING_METRICS) {
    const d = s.percentiles[m];
    lines.push(`  ${m.padEnd(34)}${cell(d.p50)}${cell(d.p90)}${cell(d.p99)}${cell(d.max)}  ${d.n}${d.missing > 0 ? ` (${d.missing} without)` : ''}`);
  }
  return lines;
}

/** Columns that hold text; every other one is a number, or empty for null. */
const TEXT_COLUMNS: ReadonlySet<keyof SeedMetrics> = new Set(['failed_where', 'invariants_violated', 'winner', 'final_epochs', 'trace_hash', 'error']);

const plain = (r: SeedMetrics): Record<string, string> => Object.fromEntries(METRIC_COLUMNS.map((c) => [c, r[c] === null ? '' : neutralise(String(r[c]))]));

/** The header line. */
export function metricsCsvHeader(): string {
  return `${csvFormatRows([[...METRIC_COLUMNS]])}\n`;
}

/** Rows as lines, in the order given (no header). */
export function metricsCsvRows(rows: readonly SeedMetrics[]): string {
  return rows.length === 0 ? '' : `${csvFormatBody(rows.map(plain), [...METRIC_COLUMNS])}\n`;
}

/** The whole file, rows in seed order. */
export function metricsCsv(rows: readonly SeedMetrics[]): string {
  return metricsCsvHeader() + metricsCsvRows([...rows].sort((a, b) => a.seed - b.seed));
}

/** Rows of a metrics.csv that sim wrote; throws (with the reason) on anything else. */
export function parseMetricsCsv(text: string): SeedMetrics[] {
  const parsed = csvParse(text);
  if (parsed.columns.join(',') !== METRIC_COLUMNS.join(',')) throw new Error(`its columns are not ${METRIC_COLUMNS.join(',')}`);
  return parsed.map((raw, i) => {
    const row: Record<string, string | number | null> = {};
    for (const c of METRIC_COLUMNS) {
      const v = raw[c] ?? '';
      if (TEXT_COLUMNS.has(c)) row[c] = unneutralise(v);
      else if (v === '') row[c] = null;
      else if (Number.isFinite(Number(v))) row[c] = Number(v);
      else throw new Error(`row ${i + 2}: ${c} is not a number`);
    }
    if (typeof row.seed !== 'number' || !Number.isSafeInteger(row.seed)) throw new Error(`row ${i + 2}: no seed`);
    return row as unknown as SeedMetrics;
  });
}
