// The report folder of one run, as file names and contents: events.csv,
// log.txt, history.csv, summary.json, timeline.html (when recorded) and
// redis-cli.txt (when the tool ran). Writing them is the CLI's business.

import { eventsCsv, logTxt } from './files.ts';
import { formatHistoryCsv } from './history-csv.ts';
import { formatHistoryEdn } from './history-edn.ts';
import type { RunReport } from './run-report.ts';
import { buildSummary, type Summary } from './summary.ts';
import { buildTimelineData } from './timeline/build.ts';
import { timelineHtml } from './timeline/html.ts';

export interface ReportFile {
  readonly name: string;
  readonly text: string;
}

/** The names of the files a run's report folder holds, in the order they are listed. */
export function runFileNames(r: RunReport): string[] {
  return ['events.csv', 'log.txt', 'history.csv', ...(hasHistoryEdn(r) ? ['history.edn'] : []), 'summary.json', ...(r.timelineRecord ? ['timeline.html'] : []), ...(r.redisCliTranscript ? ['redis-cli.txt'] : [])];
}

/** history.edn is in the report of every run with a workload. */
function hasHistoryEdn(r: RunReport): boolean {
  return r.scenario.workloads.length > 0;
}

/** The files a run can write while it goes, by the sink that writes each (run/report-sinks.ts): then runFiles leaves them out. */
export const STREAMED = { events: 'events.csv', log: 'log.txt', history: 'history.csv', historyEdn: 'history.edn' } as const;
export const STREAMED_FILES: readonly string[] = Object.values(STREAMED);

/**
 * Every file of the report folder; `wallMs` (null: unknown) goes into
 * summary.json. Files named in `streamed` were written during the run and
 * are left out.
 */
export function runFiles(r: RunReport, wallMs: number | null, streamed: readonly string[] = []): { summary: Summary; files: ReportFile[] } {
  const summary = buildSummary(r, wallMs === null ? null : Math.round(wallMs));
  const all: { name: string; text: () => string }[] = [
    { name: 'events.csv', text: () => eventsCsv(r.events, r.names, r.logLevel) },
    { name: 'log.txt', text: () => logTxt(r.logs, r.names) },
    { name: 'history.csv', text: () => formatHistoryCsv(r.history) },
    ...(hasHistoryEdn(r) ? [{ name: 'history.edn', text: () => formatHistoryEdn(r.history, r.names) }] : []),
    { name: 'summary.json', text: () => JSON.stringify(summary, null, 2) + '\n' },
  ];
  const files: ReportFile[] = all.filter((f) => !streamed.includes(f.name)).map((f) => ({ name: f.name, text: f.text() }));
  if (r.timelineRecord) files.push({ name: 'timeline.html', text: timelineHtml(buildTimelineData(r, r.timelineRecord, summary)) });
  if (r.redisCliTranscript) files.push({ name: 'redis-cli.txt', text: r.redisCliTranscript });
  return { summary, files };
}
