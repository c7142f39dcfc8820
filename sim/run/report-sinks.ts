// The report files a run can write while it goes, so that a long run keeps
// neither its log lines nor the rows of its files in memory: events.csv
// (events stay in memory too: conditions, invariants and the narration read
// them), log.txt (records are not kept), history.csv and history.edn (the
// history keeps its columns for the analysis; only the text is streamed). Each sink gets
// the file's text in order, header first; together the pieces are exactly
// what runFiles would have rendered at the end. Writing them is the
// caller's business (the CLI appends to files).

import { eventWritten } from '../events/vocabulary.ts';
import { eventsCsvHeader, eventsCsvLine, logLine } from '../report/files.ts';
import { historyCsvHeader, historyCsvLine } from '../report/history-csv.ts';
import { HistoryEdnWriter } from '../report/history-edn.ts';
import type { RunData } from './run-data.ts';
import type { World } from './world.ts';

/** Receives the next piece of a file's text. */
export type TextSink = (text: string) => void;

export interface ReportSinks {
  readonly events?: TextSink;
  readonly log?: TextSink;
  readonly history?: TextSink;
  /** history.edn: written only when the scenario has workloads. */
  readonly historyEdn?: TextSink;
}

/** From now on, and for what was recorded so far, write to `sinks`. */
export function streamReports(world: World, data: RunData, sinks: ReportSinks): void {
  const recorder = world.recorder;
  const names = recorder.names;
  const events = sinks.events;
  if (events) {
    events(eventsCsvHeader());
    const level = recorder.logLevel;
    for (const e of recorder.events) if (eventWritten(e, level)) events(eventsCsvLine(e, names));
    recorder.onEvent((e) => {
      if (eventWritten(e, level)) events(eventsCsvLine(e, names));
    });
  }
  const log = sinks.log;
  if (log) {
    for (const l of recorder.logs) log(`${logLine(l, names)}\n`);
    recorder.logs.length = 0;
    recorder.logSink = (l) => log(`${logLine(l, names)}\n`);
  }
  const h = data.workloads.history;
  const listeners: ((i: number) => void)[] = [];
  const history = sinks.history;
  if (history) {
    history(historyCsvHeader());
    for (let i = 0; i < h.recordCount; i++) history(historyCsvLine(h.row(i)));
    listeners.push((i) => history(historyCsvLine(h.row(i))));
  }
  const edn = sinks.historyEdn;
  if (edn && h.processCount > 0) {
    const writer = new HistoryEdnWriter(h, names);
    const drain = (): void => {
      const text = writer.drain();
      if (text !== '') edn(text);
    };
    drain();
    listeners.push(drain);
    h.onNemesis = drain;
  }
  if (listeners.length === 1) h.onRecord = listeners[0];
  else if (listeners.length > 1) h.onRecord = (i) => listeners.forEach((l) => l(i));
}
