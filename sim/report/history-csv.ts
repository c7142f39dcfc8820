// history.csv: every client operation record, Jepsen vocabulary
// (scenario-format.md §4): `process,type,f,key,value,t_ms`, one row per
// invoke and one per completion (ok/fail/info), in the order they happened.
//
// Byte-stable: rows come in simulation order, quoting is d3-dsv's (and a
// cell a spreadsheet would evaluate gets a leading ', files.ts), and
// times are simulated ms rounded to the microsecond (latencies are drawn
// in µs; rounding removes float noise such as 12.300000000000001).
// Written in chunks so that an hour at 500 ops/s (3.6 M rows) never
// builds one array of row objects.

import { closeSync, openSync, writeSync } from 'node:fs';
import { csvFormatBody, csvFormatRows } from 'd3-dsv';
import type { History, HistoryRow } from '../workload/history.ts';
import { neutralise } from './files.ts';

export const HISTORY_COLUMNS = ['process', 'type', 'f', 'key', 'value', 't_ms'] as const;

const CHUNK_ROWS = 10_000;

/** Simulated ms as printed: at most 3 decimals, no trailing zeros, no exponent. */
export function formatMs(t: number): string {
  const r = Math.round(t * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
}

interface CsvRow {
  process: string;
  type: string;
  f: string;
  key: string;
  value: string;
  t_ms: string;
}

function toCsvRow(r: HistoryRow): CsvRow {
  return { process: neutralise(r.process), type: r.type, f: r.f, key: neutralise(r.key), value: neutralise(r.value), t_ms: formatMs(r.t_ms) };
}

/** The file, in pieces: the header line, then blocks of rows; each piece ends with a newline. */
export function* historyCsvChunks(history: History): Generator<string> {
  yield `${csvFormatRows([[...HISTORY_COLUMNS]])}\n`;
  let batch: CsvRow[] = [];
  for (const row of history.rows()) {
    batch.push(toCsvRow(row));
    if (batch.length === CHUNK_ROWS) {
      yield `${csvFormatBody(batch, [...HISTORY_COLUMNS])}\n`;
      batch = [];
    }
  }
  if (batch.length > 0) yield `${csvFormatBody(batch, [...HISTORY_COLUMNS])}\n`;
}

/** history.csv as it is written while the run goes: the header, then one line per record (together, formatHistoryCsv). */
export function historyCsvHeader(): string {
  return `${csvFormatRows([[...HISTORY_COLUMNS]])}\n`;
}

export function historyCsvLine(row: HistoryRow): string {
  return `${csvFormatBody([toCsvRow(row)], [...HISTORY_COLUMNS])}\n`;
}

/** The whole file as one string (tests, small runs). */
export function formatHistoryCsv(history: History): string {
  let out = '';
  for (const chunk of historyCsvChunks(history)) out += chunk;
  return out;
}

/** Write history.csv to `path`. */
export function writeHistoryCsv(history: History, path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (const chunk of historyCsvChunks(history)) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}
