// The text reports of a run: events.csv and log.txt (byte-identical for the
// same scenario and seed), rendered from the event stream and the log
// records; CSV written with d3-dsv so quoting follows RFC 4180, and cells a
// spreadsheet would evaluate neutralised (the rule every CSV report shares,
// at the end of this file).

import { csvFormat, csvFormatBody, csvFormatRows } from 'd3-dsv';
import { formatRedisLogDate } from '../core/time.ts';
import type { NodeNames } from '../events/names.ts';
import type { LogLevel, LogRecord, LogThreshold } from '../events/recorder.ts';
import type { SimEvent } from '../events/types.ts';
import { eventRow, eventWritten } from '../events/vocabulary.ts';

const EVENT_COLUMNS = ['t_ms', 'node', 'event', 'subject', 'detail'];

function eventCsvRow(e: SimEvent, names: NodeNames): Record<string, string> {
  const r = eventRow(e, names);
  return { t_ms: formatMs(r.t), node: neutralise(r.node), event: r.event, subject: neutralise(r.subject), detail: neutralise(r.detail) };
}

/** events.csv: `t_ms,node,event,subject,detail`, one row per event the run's log level writes (vocabulary.ts eventWritten). */
export function eventsCsv(events: readonly SimEvent[], names: NodeNames, level: LogThreshold = 'verbose'): string {
  return csvFormat(events.filter((e) => eventWritten(e, level)).map((e) => eventCsvRow(e, names)), EVENT_COLUMNS) + '\n';
}

/** events.csv as it is written while the run goes: the header line, then one line per event (together, eventsCsv). */
export function eventsCsvHeader(): string {
  return `${csvFormatRows([EVENT_COLUMNS])}\n`;
}

export function eventsCsvLine(e: SimEvent, names: NodeNames): string {
  return `${csvFormatBody([eventCsvRow(e, names)], EVENT_COLUMNS)}\n`;
}

/** Times with sub-millisecond parts keep three decimals; whole ms stay integers. */
export function formatMs(t: number): string {
  return Number.isInteger(t) ? String(t) : t.toFixed(3);
}

const LEVEL_CHAR: Record<LogLevel, string> = { debug: '.', verbose: '-', notice: '*', warning: '#' };

/** One line of log.txt: the process's name, then Redis's own log line format. */
export function logLine(l: LogRecord, names: NodeNames): string {
  return `${names.name(l.node)} ${l.pid}:${l.role} ${formatRedisLogDate(l.t)} ${LEVEL_CHAR[l.level]} ${l.text}`;
}

/** log.txt: every node's Redis-style log lines in simulated-time order. */
export function logTxt(logs: readonly LogRecord[], names: NodeNames): string {
  let out = '';
  for (const l of logs) out += logLine(l, names) + '\n';
  return out;
}

// Cells of the CSV reports (events.csv, history.csv, metrics.csv) that a
// spreadsheet would evaluate instead of show. A key pattern, a workload name
// in a value, an error message or an event detail can start with `=`, `+`,
// `-` or `@` (or a tab or carriage return, which some spreadsheets skip
// before looking): opened in Excel, LibreOffice or Google Sheets such a cell
// is a formula, and `=HYPERLINK(…)` or `=cmd|…` does what it says (OWASP's
// "CSV injection"). Such a cell is written with a `'` in front, as OWASP
// advises; a spreadsheet shows the text and hides the quote.
//
// Numbers stay as they are (a negative time like -15000 is a number to a
// spreadsheet, not a formula), and so does every other cell. A cell that
// itself starts with `'` gets one more, so that reading is exact: to get the
// value back, drop one leading `'` from a cell that has one.

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** The cell as the CSV files write it. */
export function neutralise(cell: string): string {
  return cell.startsWith("'") || (FORMULA_START.test(cell) && !NUMBER.test(cell)) ? `'${cell}` : cell;
}

/** The value of a cell neutralise() wrote. */
export function unneutralise(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}
