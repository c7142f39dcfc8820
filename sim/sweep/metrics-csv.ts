// metrics.csv: one row per seed, the columns of METRIC_COLUMNS, empty cells
// for metrics that never happened. Written whole in seed order when a sweep
// ends, and row by row (in completion order) while it runs, so that a sweep
// that is stopped keeps what finished; read back by `sim sweep --resume`.
// Text cells a spreadsheet would evaluate are neutralised (csv-cells.ts).

import { csvFormatBody, csvFormatRows, csvParse } from 'd3-dsv';
import { neutralise, unneutralise } from '../report/csv-cells.ts';
import { METRIC_COLUMNS, type SeedMetrics } from './metrics.ts';

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
