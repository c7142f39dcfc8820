// `sim run FILE [--seed N] [--out DIR] [--json] [--quiet] [--log-level L]`:
// run one scenario, narrate it, check its expectations, write the report
// folder. The simulator and the report renderers load when the command runs.

import type { Command } from 'commander';
import type { LogLevel } from '../events/recorder.ts';
import { escapeControls } from '../core/printable.ts';
import { LOG_LEVELS, loadOrThrow, parseSeed, pickSeed, type CliIO, type SetExit } from './io.ts';
import { isReportFile, writeFiles } from './present.ts';
import { driveRun } from './run-slices.ts';
import { watchSignals } from './signals.ts';
import { folderSinks } from './report-writers.ts';
import { openReportFolder, reportSlug } from './report-folder.ts';

interface RunFlags {
  seed?: number;
  out?: string;
  json?: boolean;
  quiet?: boolean;
  logLevel: LogLevel;
}

export function registerRun(program: Command, io: CliIO, setExit: SetExit): void {
  const run = program.command('run');
  run
    .description('run one scenario: narrate it, check its expectations, write the report folder')
    .argument('<file>', 'scenario YAML file')
    .option('--seed <n>', 'seed (default: the file\'s seed:, else a random one, printed first)', parseSeed)
    .option('--out <dir>', 'report folder (default reports/<name>-seed<seed>/)')
    .option('--json', 'print summary.json instead of the narration')
    .option('--quiet', 'print only what failed (and errors) and a one-line result')
    .addOption(run.createOption('--log-level <level>', 'lowest level written to log.txt').choices(LOG_LEVELS).default('verbose'))
    .action(async (file: string, o: RunFlags) => setExit(await runCommand(io, file, o)));
}

async function runCommand(io: CliIO, file: string, o: RunFlags): Promise<number> {
  const scenario = await loadOrThrow(io, file);
  const [{ runSteps }, { runFiles, STREAMED, STREAMED_FILES }, { runText }, { baseName }] = await Promise.all([
    import('../run/runner.ts'),
    import('../report/run-files.ts'),
    import('../report/run-text.ts'),
    import('../scenario/index.ts'),
  ]);
  const seed = pickSeed(io, o.seed, scenario);
  const dir = o.out ?? `reports/${reportSlug(scenario.name, baseName(file))}-seed${seed}`;
  // Heard from before the report folder exists, and all through the run: a
  // signal stops it at the next slice and removes what was streamed so far.
  const watch = watchSignals(io);
  const stopped = `nothing written to ${dir}/`;
  let result, wallMs, summary;
  try {
    // Opened before the run (this is also the check of --out): events.csv, log.txt and history.csv go into it as they are produced.
    const folder = openReportFolder(io, dir, isReportFile);
    try {
      // --quiet prints only what failed and the result line (which names the seed).
      if (!o.json && !o.quiet) io.out(`seed ${seed}`);
      const streamed = folderSinks(folder, STREAMED);
      const wall0 = io.wallMs();
      result = await driveRun(io, runSteps(scenario, { seed, logLevel: o.logLevel, timeline: true, sinks: streamed.sinks }), scenario.durationMs, () => watch.checkpoint(stopped));
      wallMs = io.wallMs() - wall0;
      streamed.flush();
    } catch (e) {
      folder.abort();
      throw e;
    }
    const report = runFiles(result, wallMs, STREAMED_FILES);
    summary = report.summary;
    await writeFiles(folder, report.files, () => watch.checkpoint(stopped));
  } finally {
    watch.close();
  }
  if (o.json) io.out(JSON.stringify(summary, null, 2));
  // The narration quotes the scenario (commands, replies, keys): what a terminal would act on is escaped.
  else for (const l of runText(result, dir, wallMs, o.quiet === true)) io.out(escapeControls(l));
  return result.exitCode;
}
