// Writing what report/ renders: a report folder, whole or not at all
// (report-folder.ts), its files one by one with a look for SIGINT/SIGTERM
// between them (signals.ts), and the check that `--out` can take it, made
// before the run starts.

import type { ReportFile } from '../report/run-files.ts';
import type { CliIO } from './io.ts';
import { fsReason, openReportFolder, type ReportFolder, type Replaceable } from './report-folder.ts';
import { Interrupted, watchSignals } from './signals.ts';

/** The I/O writing a report takes. */
export type PresentIO = Pick<CliIO, 'out' | 'fs' | 'pid' | 'isRunning' | 'onSignal'>;

/** Files `sim run` and `sim sweep` write: an existing folder holding only these (and nothing else) may be replaced. */
export const REPORT_FILES: ReadonlySet<string> = new Set([
  'events.csv',
  'log.txt',
  'history.csv',
  'history.edn',
  'summary.json',
  'timeline.html',
  'redis-cli.txt',
  'metrics.csv',
  'sweep.html',
]);

export const isReportFile: Replaceable = (name) => REPORT_FILES.has(name);

/**
 * Check that `dir` can take a report (a usage error if not), leaving nothing
 * behind: the report is written once the run has finished.
 */
export function checkReportDir(io: PresentIO, dir: string, replaceable: Replaceable = isReportFile): void {
  openReportFolder(io, dir, replaceable).abort();
}

/** A failure to write, as the CLI reports it (exit 4). */
export function writeFailed(dir: string, e: unknown): Error {
  return new Error(`cannot write the report to ${dir}/: ${fsReason(e)} (nothing was left there)`);
}

/**
 * Write `files` into a fresh report folder (or one opened earlier, holding
 * what was streamed into it) and put it in place. A signal
 * between two files, or a failed write, removes what was written: the
 * folder is whole or absent.
 */
export async function writeReport(io: PresentIO, place: string | ReportFolder, files: readonly ReportFile[], replaceable: Replaceable = isReportFile): Promise<void> {
  // Heard from before the temporary folder exists, so that no signal can stop the process while it does.
  const watch = watchSignals(io);
  try {
    const folder = typeof place === 'string' ? openReportFolder(io, place, replaceable) : place;
    await writeFiles(folder, files, () => watch.checkpoint(`nothing written to ${folder.dir}/`));
  } finally {
    watch.close();
  }
}

/** Write and commit, aborting on any failure (an Interrupted from `checkpoint` included). */
export async function writeFiles(folder: ReportFolder, files: readonly ReportFile[], checkpoint: () => Promise<void>): Promise<void> {
  try {
    for (const f of files) {
      folder.write(f.name, f.text);
      await checkpoint();
    }
    folder.commit();
  } catch (e) {
    folder.abort();
    throw e instanceof Interrupted ? e : writeFailed(folder.dir, e);
  }
}
