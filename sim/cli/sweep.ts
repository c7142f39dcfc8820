// `sim sweep FILE --seeds … [--workers N] [--shard I/N] [--out DIR]`: choose
// the seeds, run them with a progress line, print and write the results. Its
// exit code is the worst any seed had. The simulator loads when it runs.

import type { Command } from 'commander';
import { checkReportDir, writeReport, type PresentIO } from './present.ts';
import { reportSlug } from './report-folder.ts';
import { asUsage, loadFileOrThrow, parseCount, stopwatch, type CliIO, type SetExit } from './io.ts';
import { isMilestone, formatWall, progressLine } from '../sweep/progress.ts';
import { describeSeeds, parseSeeds, parseShard, CommandUsageError, shardSeeds } from '../sweep/seeds.ts';

/** The CLI's I/O as long commands use it. */
export interface CommandIO extends PresentIO {
  err(text: string): void;
  progress?(line: string): void;
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
}

export { CommandUsageError };

/** Draws the progress line: redrawn in place on a terminal, a line per tenth otherwise. */
export function progressReporter(io: CommandIO, watch: Stopwatch, what: string): { update(done: number, total: number, failing: number): void; finish(): void } {
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

interface SweepFlags {
  seeds: string;
  workers?: number;
  shard?: string;
  out?: string;
}

export function registerSweep(program: Command, io: CliIO, setExit: SetExit): void {
  program
    .command('sweep')
    .description('run a scenario over many seeds; per-seed metrics CSV and percentiles')
    .argument('<file>', 'scenario YAML file')
    .requiredOption('--seeds <range>', 'seeds, e.g. 1..1000, 1,5,9 or 1..10,20')
    .option('--workers <n>', 'worker threads (default: available cores - 1, at least 1; 0 = in this thread)', parseCount('--workers'))
    .option('--shard <i/n>', 'run only the seeds ≡ i (mod n), 1 <= i <= n')
    .option('--out <dir>', 'report folder (default reports/<name>-sweep/)')
    .action(async (file: string, o: SweepFlags) => {
      const { scenario, text } = await loadFileOrThrow(io, file);
      setExit(await asUsage(() => sweepCommand(io, { file, text, name: scenario.name, ...o }, stopwatch(io))));
    });
}

export async function sweepCommand(io: CommandIO, o: SweepCommandOptions, watch: Stopwatch): Promise<number> {
  const [{ defaultWorkers, maxWorkers, runSweep }, { sweepFiles, sweepText }] = await Promise.all([import('../sweep/sweep.ts'), import('../sweep/present.ts')]);
  const shard = o.shard === undefined ? undefined : parseShard(o.shard);
  const seeds = shardSeeds(parseSeeds(o.seeds), shard);
  if (seeds.length === 0) throw new CommandUsageError(`--seeds ${o.seeds}${o.shard ? ` --shard ${o.shard}` : ''}: no seed to run`);
  const workers = o.workers ?? defaultWorkers();
  if (workers > maxWorkers()) {
    const cores = maxWorkers() / 2;
    throw new CommandUsageError(`--workers: ${workers} is more than ${maxWorkers()}, twice this machine's ${cores} core${cores === 1 ? '' : 's'} (seeds are CPU-bound: more threads never finish sooner, and each holds its own simulator)`);
  }
  const shardText = shard ? `${shard.index}/${shard.count}` : null;
  const dir = o.out ?? `reports/${reportSlug(o.name)}-sweep${shard ? `-shard${shard.index}of${shard.count}` : ''}`;
  checkReportDir(io, dir);
  io.out(`sweep ${o.name}: ${seeds.length} seed${seeds.length === 1 ? '' : 's'} (${describeSeeds(seeds)})${shardText ? `, shard ${shardText}` : ''}, ${workers === 0 ? 'in this thread' : `${Math.min(workers, seeds.length)} worker${workers === 1 ? '' : 's'}`}`);
  const progress = progressReporter(io, watch, 'seeds');
  let failing = 0;
  const run = runSweep({
    file: o.file,
    text: o.text,
    seeds,
    workers,
    onSeed: (row, done, total) => {
      if (row.exit_code !== 0) failing++;
      progress.update(done, total, failing);
    },
  });
  progress.finish();
  const wallMs = watch.elapsedMs();
  const { summary, files } = sweepFiles(run, shardText, wallMs);
  await writeReport(io, dir, files);
  for (const l of sweepText(summary, dir)) io.out(l);
  const simMs = run.rows.reduce((a, r) => a + r.simulated_ms, 0);
  const perMin = wallMs > 0 ? ` (${((seeds.length / wallMs) * 60_000).toFixed(1)} seeds/min, ${Math.round(simMs / wallMs)}× real time)` : '';
  io.out(`Swept ${seeds.length} seeds in ${formatWall(wallMs)} wall${perMin}; exit ${summary.exit_code}`);
  return summary.exit_code;
}
