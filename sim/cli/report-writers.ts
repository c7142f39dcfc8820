// `sim run` writes events.csv, log.txt, history.csv and history.edn while the run goes
// (run/report-sinks.ts), so a long run holds neither its log nor the text of
// those files in memory. They go into the report folder's temporary sibling
// (report-folder.ts) like every other file, so the folder is still whole or
// absent: appended to in blocks of about 64 KB, one write per block rather
// than one per row.

import type { ReportSinks } from '../run/report-sinks.ts';
import { writeFailed } from './present.ts';
import type { ReportFolder } from './report-folder.ts';

const BLOCK_CHARS = 65_536;

/**
 * Sinks appending to `folder`, each to its file in `files` (report/run-files.ts
 * STREAMED, passed in so that this file loads no report module at startup);
 * flush() writes what is still held (call it before the folder is committed).
 */
export function folderSinks(folder: ReportFolder, files: Readonly<Record<keyof ReportSinks, string>>): { sinks: ReportSinks; flush(): void } {
  const flushes: (() => void)[] = [];
  const sink = (name: string): ((text: string) => void) => {
    let parts: string[] = [];
    let size = 0;
    const flush = (): void => {
      try {
        if (parts.length > 0) folder.append(name, parts.join(''));
      } catch (e) {
        throw writeFailed(folder.dir, e); // a full disk is the report's failure (exit 4 with the reason), not the simulator's
      }
      parts = [];
      size = 0;
    };
    flushes.push(flush);
    return (text) => {
      parts.push(text);
      size += text.length;
      if (size >= BLOCK_CHARS) flush();
    };
  };
  return {
    sinks: { events: sink(files.events), log: sink(files.log), history: sink(files.history), historyEdn: sink(files.historyEdn) },
    flush: () => {
      for (const f of flushes) f();
    },
  };
}
