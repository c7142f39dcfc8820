// `sim sweep FILE --seeds … [--workers N] [--shard I/N] [--out DIR]
// [--resume] [--worker-heap MB]`: choose the seeds, run them with a
// progress line, print and write the results. Its exit code is the worst any
// seed had. The simulator loads when it runs.
//
// The report folder is opened before the first seed (so a bad --out is found
// then) and each seed's row is appended to its metrics.csv as the seed
// finishes. SIGINT or SIGTERM stops the sweep: the seeds that finished are
// written as a whole report (marked incomplete), the command that runs the
// rest is printed, and the exit code is 130 / 143. A worker thread that dies
// fails its seed only (pool.ts).

import type { Command } from 'commander';
import { escapeControls } from '../core/printable.ts';
import type { SeedMetrics } from '../sweep/metrics.ts';
import type { PoolOptions } from '../sweep/pool.ts';
import { isReportFile, writeFailed, type PresentIO } from './present.ts';
import { asUsage, loadFileOrThrow, parseCount, stopwatch, type CliIO, type SetExit } from './io.ts';
import { isMilestone, formatWall, progressLine } from '../sweep/progress.ts';
import { describeSeeds, parseSeeds, parseShard, CommandUsageError, shardSeeds, type Shard } from '../sweep/seeds.ts';
import { openReportFolder, reportSlug, type ReportFolder } from './report-folder.ts';
import { Interrupted, watchSignals, type SignalWatch } from './signals.ts';
import { earlierRows, shellWord, textHash } from './sweep-resume.ts';

/** The CLI's I/O as long commands use it. */
export interface CommandIO extends PresentIO {
  err(text: string): void;
  progress?(line: string): void;
  readFile(path: string, maxBytes?: number): string;
}

/** Wall time since the command started; only the CLI can make one. */
export interface Stopwatch {
  elapsedMs(): number;
}

export interface SweepCommandOptions {
  file: string;
  text: string;
  /** The scenario's name, for the default report folder. */
  name: string;
  seeds: string;
  workers?: number;
  shard?: string;
  out?: string;
  /** Keep the rows an earlier sweep into the same folder left; run only the other seeds. */
  resume?: boolean;
  /** Heap limit of each worker thread, in MB. */
  workerHeap?: number;
  /** How worker threads are started (tests wrap the real one to make one die). */
  spawn?: PoolOptions['spawn'];
}

export { CommandUsageError };

/** Draws the progress line: redrawn in place on a terminal, a line per tenth otherwise. */
export function progressReporter(io: Pick<CommandIO, 'err' | 'progress'>, watch: Stopwatch, what: string): { update(done: number, total: number, failing: number): void; finish(): void } {
  return {
    update(done, total, failing) {
      const line = progressLine(done, total, failing, watch.elapsedMs(), what);
      if (io.progress) io.progress(line);
      else if (isMilestone(done, total)) io.err(line);
    },
    finish() {
      io.progress?.('');
    },
  };
}

type SweepFlags = Omit<SweepCommandOptions, 'file' | 'text' | 'name' | 'spawn' | 'seeds'> & { seeds?: string; merge?: string[] };

export function registerSweep(program: Command, io: CliIO, setExit: SetExit): void {
  program
    .command('sweep')
    .description('run a scenario over many seeds; per-seed metrics CSV and percentiles')
    .argument('[file]', 'scenario YAML file')
    .option('--seeds <range>', 'seeds, e.g. 1..1000, 1,5,9 or 1..10,20')
    .option('--merge <dirs...>', 'merge the report folders of earlier sweeps (e.g. shards) into one, as one sweep would have written it')
    .option('--workers <n>', 'worker threads (default: available cores - 1, at least 1; 0 = in this thread)', parseCount('--workers'))
    .option('--shard <i/n>', 'run only the seeds ≡ i (mod n), 1 <= i <= n')
    .option('--out <dir>', 'report folder (default reports/<name>-sweep/)')
    .option('--resume', 'keep the seeds an earlier (stopped) sweep into the same folder finished; run the rest')
    .option('--worker-heap <mb>', 'heap limit of each worker thread in MB; a seed that needs more fails (exit 4) and the sweep goes on', parseCount('--worker-heap'))
    .action(async (file: string | undefined, o: SweepFlags) => {
      if (o.merge !== undefined) {
        const dirs = o.merge;
        if (file !== undefined) dirs.unshift(file);
        setExit(await asUsage(async () => (await import('./sweep-merge.ts')).mergeCommand(io, dirs, o.out)));
        return;
      }
      if (file === undefined || o.seeds === undefined) {
        setExit(await asUsage(async () => {
          throw new CommandUsageError(file === undefined ? 'sweep: give a scenario file (or --merge DIR…)' : "sweep: required option '--seeds <range>' not specified");
        }));
        return;
      }
      const { scenario, text } = await loadFileOrThrow(io, file);
      const { merge: _, ...rest } = o;
      setExit(await asUsage(() => sweepCommand(io, { file, text, name: scenario.name, ...rest, seeds: o.seeds! }, stopwatch(io))));
    });
}

/** The seeds to run and how, checked before anything starts. */
async function plan(o: SweepCommandOptions) {
  const { defaultWorkers, maxWorkers } = await import('../sweep/sweep.ts');
  const shard: Shard | undefined = o.shard === undefined ? undefined : parseShard(o.shard);
  const seeds = shardSeeds(parseSeeds(o.seeds), shard);
  if (seeds.length === 0) throw new CommandUsageError(`--seeds ${o.seeds}${o.shard ? ` --shard ${o.shard}` : ''}: no seed to run`);
  const workers = o.workers ?? defaultWorkers();
  if (workers > maxWorkers()) {
    const cores = maxWorkers() / 2;
    throw new CommandUsageError(`--workers: ${workers} is more than ${maxWorkers()}, twice this machine's ${cores} core${cores === 1 ? '' : 's'} (seeds are CPU-bound: more threads never finish sooner, and each holds its own simulator)`);
  }
  if (o.workerHeap !== undefined && o.workerHeap < 16) throw new CommandUsageError('--worker-heap: at least 16 (MB)');
  const shardText = shard ? `${shard.index}/${shard.count}` : null;
  const dir = o.out ?? `reports/${reportSlug(o.name)}-sweep${shard ? `-shard${shard.index}of${shard.count}` : ''}`;
  const resume = ['npx sim sweep', o.file, '--seeds', o.seeds, ...(o.shard ? ['--shard', o.shard] : []), '--out', dir, '--resume'].map((w, i) => (i === 0 ? w : shellWord(w))).join(' ');
  return { seeds, workers, shardText, dir, resume };
}

export async function sweepCommand(io: CommandIO, o: SweepCommandOptions, watch: Stopwatch): Promise<number> {
  const p = await plan(o);
  const earlier = o.resume ? await earlierRows(io, p.dir, o.text, p.seeds) : [];
  const done = new Set(earlier.map((r) => r.seed));
  const todo = p.seeds.filter((s) => !done.has(s));
  const controller = new AbortController();
  const signals = watchSignals(io, () => controller.abort());
  try {
    const folder = openReportFolder(io, p.dir, isReportFile);
    try {
      return await sweepInto(io, o, watch, { ...p, earlier, todo, folder, signals, stop: controller.signal });
    } catch (e) {
      folder.abort();
      throw e;
    }
  } finally {
    signals.close();
  }
}

interface Running {
  seeds: number[];
  workers: number;
  shardText: string | null;
  dir: string;
  resume: string;
  earlier: SeedMetrics[];
  todo: number[];
  folder: ReportFolder;
  signals: SignalWatch;
  stop: AbortSignal;
}

/** The seeds run: what finished, what was left, and the error that ended the sweep early (a worker that cannot start), if one did. */
interface Ran {
  rows: SeedMetrics[];
  left: number[];
  error?: Error;
}

async function runSeeds(o: SweepCommandOptions, r: Running, onRow: (row: SeedMetrics, done: number) => void): Promise<Ran> {
  const { runSweep } = await import('../sweep/sweep.ts');
  const finished: SeedMetrics[] = [];
  try {
    const run = await runSweep({
      file: o.file,
      text: o.text,
      seeds: r.todo,
      workers: r.workers,
      signal: r.stop,
      between: () => new Promise<void>((resolve) => setImmediate(resolve)),
      ...(o.workerHeap !== undefined ? { workerHeapMb: o.workerHeap } : {}),
      ...(o.spawn ? { spawn: o.spawn } : {}),
      onSeed: (row, done) => {
        finished.push(row);
        onRow(row, done);
      },
    });
    return { rows: run.rows, left: run.left };
  } catch (e) {
    const done = new Set(finished.map((x) => x.seed));
    return { rows: finished.sort((a, b) => a.seed - b.seed), left: r.todo.filter((s) => !done.has(s)), error: e instanceof Error ? e : new Error(String(e)) };
  }
}

async function sweepInto(io: CommandIO, o: SweepCommandOptions, watch: Stopwatch, r: Running): Promise<number> {
  const [{ sweepFiles, sweepText }, { metricsCsvHeader, metricsCsvRows }] = await Promise.all([import('../sweep/present.ts'), import('../sweep/stats.ts')]);
  const kept = r.earlier.length > 0 ? `, ${r.earlier.length} kept from ${r.dir}/` : '';
  const threads = r.workers === 0 ? 'in this thread' : `${Math.min(r.workers, r.todo.length)} worker${r.workers === 1 ? '' : 's'}`;
  io.out(`sweep ${o.name}: ${r.seeds.length} seed${r.seeds.length === 1 ? '' : 's'} (${describeSeeds(r.seeds)})${r.shardText ? `, shard ${r.shardText}` : ''}${kept}, ${threads}`);
  const progress = progressReporter(io, watch, 'seeds');
  let failing = r.earlier.filter((x) => x.exit_code !== 0).length;
  const append = (text: string): void => {
    try {
      r.folder.append('metrics.csv', text);
    } catch (e) {
      throw writeFailed(r.dir, e);
    }
  };
  append(metricsCsvHeader() + metricsCsvRows(r.earlier));
  const run = await runSeeds(o, r, (row, done) => {
    append(metricsCsvRows([row]));
    if (row.exit_code !== 0) failing++;
    progress.update(r.earlier.length + done, r.seeds.length, failing);
  });
  progress.finish();
  const rows = [...r.earlier, ...run.rows];
  // A sweep that failed before any seed finished has nothing to keep (the folder is removed).
  if (run.error && rows.length === 0) throw run.error;
  const wallMs = watch.elapsedMs();
  const { summary, files } = sweepFiles({ scenario: { name: o.name, file: o.file }, rows, shard: r.shardText, wallMs, scenarioHash: textHash(o.text), left: { seeds: run.left, resume: r.resume } });
  try {
    for (const f of files) r.folder.write(f.name, f.text);
    r.folder.commit();
  } catch (e) {
    throw writeFailed(r.dir, e);
  }
  for (const l of sweepText(summary, r.dir)) io.out(escapeControls(l));
  const simMs = run.rows.reduce((a, x) => a + x.simulated_ms, 0);
  const perMin = wallMs > 0 && run.rows.length > 0 ? ` (${((run.rows.length / wallMs) * 60_000).toFixed(1)} seeds/min, ${Math.round(simMs / wallMs)}× real time)` : '';
  io.out(`Swept ${run.rows.length} seed${run.rows.length === 1 ? '' : 's'} in ${formatWall(wallMs)} wall${perMin}; exit ${summary.exit_code}`);
  const keptText = `kept ${rows.length} of ${r.seeds.length} seeds in ${r.dir}/; ${run.left.length === 0 ? 'every seed had finished' : `${run.left.length} did not run; resume with: ${r.resume}`}`;
  if (run.error) throw new Error(`${run.error.message}; ${keptText}`);
  if (r.signals.received) throw new Interrupted(r.signals.received, keptText);
  return summary.exit_code;
}
