// `sim run` writes events.csv, log.txt and history.csv while the run goes
// (run/report-sinks.ts), so a long run holds neither its log nor the text of
// those files in memory: each file is opened before the run and appended to
// as rows arrive. An I/O without writers (tests) gets each file whole at
// the end, with the same bytes.

import type { ReportSinks } from '../run/report-sinks.ts';
import type { CliIO } from './main.ts';

/** An open file being appended to. */
export interface FileWriter {
  write(text: string): void;
  close(): void;
}

const STREAMED = { events: 'events.csv', log: 'log.txt', history: 'history.csv' } as const;

/** Writers for the streamed report files of `dir`: the sinks to run with, their file names, and close(). */
export function openReportWriters(io: CliIO, dir: string): { sinks: ReportSinks; files: string[]; close(): void } {
  io.mkdirp(dir);
  const writers: FileWriter[] = [];
  const open = (name: string): ((text: string) => void) => {
    const path = `${dir.replace(/\/$/, '')}/${name}`;
    const w = io.openWriter?.(path) ?? bufferedWriter(io, path);
    writers.push(w);
    return (text) => w.write(text);
  };
  const sinks: ReportSinks = { events: open(STREAMED.events), log: open(STREAMED.log), history: open(STREAMED.history) };
  return {
    sinks,
    files: Object.values(STREAMED),
    close: () => {
      for (const w of writers) w.close();
    },
  };
}

/** The whole text kept and written at close, for an I/O that can only write whole files. */
function bufferedWriter(io: CliIO, path: string): FileWriter {
  const parts: string[] = [];
  return {
    write: (text) => void parts.push(text),
    close: () => io.writeFile(path, parts.join('')),
  };
}
