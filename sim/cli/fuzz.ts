// `sim fuzz [--cluster 3x1] [--runs N] [--seed N] [--out DIR]`: run the
// fuzzer with a progress line; on a failure, write the shrunk scenario (and
// the unshrunk original) with a comment header saying how it was found,
// replay the written file once to prove it fails the same way, and print the
// command that replays it. fast-check and the simulator load when it runs.

import type { Command } from 'commander';
import type { FuzzFailure, FuzzSettings, JudgedSchedule } from '../fuzz/fuzz.ts';
import { formatWall } from '../sweep/progress.ts';
import { asUsage, parseCount, parseSeed, readOrThrow, stopwatch, type CliIO, type SetExit } from './io.ts';
import { progressReporter, CommandUsageError, type CommandIO, type Stopwatch } from './sweep.ts';
import { checkReportDir, writeReport } from './present.ts';

/** What a fuzz folder holds: the scenario files it writes (an earlier one of the same name may be replaced). */
const isFuzzFile = (name: string): boolean => /^fuzz-.*\.yaml$/.test(name);

export interface FuzzCommandOptions {
  cluster: string;
  runs?: number;
  seed: number;
  out?: string;
  messageDrops?: boolean;
  /** `--expect FILE`: the file's name and text, a YAML list of extra expectations. */
  expect?: { file: string; text: string };
}

export const DEFAULT_RUNS = 100;

interface FuzzFlags {
  cluster: string;
  runs?: number;
  seed?: number;
  out?: string;
  messageDrops?: boolean;
  expect?: string;
}

export function registerFuzz(program: Command, io: CliIO, setExit: SetExit): void {
  program
    .command('fuzz')
    .description('generated fault schedules against the safety invariants; failures shrink to a scenario YAML')
    .option('--cluster <shape>', 'masters x replicas, e.g. 3x1', '3x1')
    .option('--runs <n>', 'number of schedules (default 100)', parseCount('--runs'))
    .option('--seed <n>', 'fast-check seed and simulation seed (default: a random one, printed first)', parseSeed)
    .option('--out <dir>', 'where a failing scenario is written (default reports/fuzz-<seed>/)')
    .option('--message-drops', 'also generate message-level drops (stronger than TCP allows)')
    .option('--expect <file>', 'a YAML list of extra expectations every generated scenario must meet (your own property)')
    .action(async (o: FuzzFlags) => {
      // A drawn seed is printed in fuzzCommand's first line, once the options are known to be good.
      const seed = o.seed ?? io.randomSeed();
      const expect = o.expect === undefined ? undefined : { file: o.expect, text: readOrThrow(io, o.expect) };
      setExit(await asUsage(() => fuzzCommand(io, { ...o, seed, expect }, stopwatch(io))));
    });
}

const join = (dir: string, f: string): string => `${dir.replace(/\/$/, '')}/${f}`;

/** The library modules fuzz needs, loaded when it runs (fast-check and the simulator are the CLI's heaviest). */
async function loadFuzz() {
  const [{ judgeScenario }, { checkExpectYaml, fuzzScenario }, { parseShape, shapeText }, { fuzz, scenarioSpec }, { reproCommand }] = await Promise.all([
    import('../fuzz/property.ts'),
    import('../fuzz/scenario.ts'),
    import('../fuzz/schedule.ts'),
    import('../fuzz/fuzz.ts'),
    import('../report/summary.ts'),
  ]);
  return { judgeScenario, checkExpectYaml, fuzzScenario, parseShape, shapeText, fuzz, scenarioSpec, reproCommand };
}

type FuzzLib = Awaited<ReturnType<typeof loadFuzz>>;

/** The comment block on top of a written scenario. */
function header(cmd: string, f: FuzzFailure, which: JudgedSchedule, runs: number, repro: string): string[] {
  const lines = [`Found by \`${cmd}\`: schedule ${f.found} of ${runs} failed.`];
  if (which === f.shrunk) {
    lines.push(`fast-check shrank it in ${f.shrinkSteps} steps and the polish pass kept ${f.polished} change${f.polished === 1 ? '' : 's'}: ${f.original.faults} faults -> ${f.shrunk.faults}.`);
  } else lines.push(`This is the schedule as generated, before shrinking (${f.original.faults} faults).`);
  lines.push(`Violated: ${which.verdict.why}`, `Replay: ${repro}`, '');
  return lines;
}

/** Returns the exit code: 0 when every schedule held, else the failure's own (3 invariant, 1 liveness/expectation, 4 crash). */
export async function fuzzCommand(io: CommandIO, o: FuzzCommandOptions, watch: Stopwatch): Promise<number> {
  const lib = await loadFuzz();
  const shape = lib.parseShape(o.cluster);
  if (!shape) throw new CommandUsageError(`--cluster: expected MASTERSxREPLICAS like 3x1 (1-26 masters, 0-9 replicas), got "${o.cluster}"`);
  const runs = o.runs ?? DEFAULT_RUNS;
  if (runs < 1) throw new CommandUsageError('--runs: at least 1');
  const extra = o.expect ? lib.checkExpectYaml(o.expect.text, shape) : undefined;
  if (extra && !extra.ok) throw new CommandUsageError(`--expect ${o.expect!.file}: ${extra.errors.join('; ')}`);
  const dir = o.out ?? `reports/fuzz-${o.seed}`;
  checkReportDir(io, dir, isFuzzFile);
  const flags = `${o.messageDrops ? ' --message-drops' : ''}${o.expect ? ` --expect ${o.expect.file}` : ''}`;
  const cmd = `sim fuzz --cluster ${lib.shapeText(shape)} --runs ${runs} --seed ${o.seed}${flags}`;
  io.out(`fuzz ${lib.shapeText(shape)}: ${runs} schedules, seed ${o.seed} (fast-check and simulation)`);
  const progress = progressReporter(io, watch, 'schedules');
  const settings: FuzzSettings = {
    shape,
    seed: o.seed,
    runs,
    messageDrops: o.messageDrops === true,
    ...(o.expect && extra?.ok ? { expectYaml: o.expect.text, expectHorizonMs: extra.horizonMs } : {}),
    onProgress: (p) => {
      if (p.phase === 'search') progress.update(p.tried, runs, 0);
      else {
        const line = `${p.phase === 'shrink' ? 'shrinking' : 'polishing'}: ${p.simulations - p.tried} simulations, ${formatWall(watch.elapsedMs())}`;
        // A log without a live line still hears from a long shrink now and then.
        if (io.progress) io.progress(line);
        else if ((p.simulations - p.tried) % 25 === 0) io.err(line);
      }
    },
  };
  const result = lib.fuzz(settings);
  progress.finish();
  const wall = watch.elapsedMs();
  const rate = wall > 0 ? ` (${((result.simulations / wall) * 60_000).toFixed(1)} runs/min)` : '';
  const took = `${result.simulations} simulations in ${formatWall(wall)} wall${rate}`;
  if (!result.failure) {
    io.out(`No failure in ${result.tried} schedules; ${took}`);
    return 0;
  }
  return writeFailure(io, lib, { settings, failure: result.failure, cmd, dir, took });
}

interface Found {
  settings: FuzzSettings;
  failure: FuzzFailure;
  /** The `sim fuzz` command line that found it, for the file header. */
  cmd: string;
  dir: string;
  /** "N simulations in … wall", for the last line. */
  took: string;
}

/** Write the shrunk and the original schedule as scenario files, replay the shrunk one, print how to run it. */
async function writeFailure(io: CommandIO, lib: FuzzLib, { settings, failure: f, cmd, dir, took }: Found): Promise<number> {
  const { shape, seed, runs } = settings;
  const spec = lib.scenarioSpec(settings);
  const name = `fuzz-${lib.shapeText(shape)}-seed${seed}`;
  const path = join(dir, `${name}.yaml`);
  const originalPath = join(dir, `${name}-original.yaml`);
  const shrunk = lib.fuzzScenario(spec, f.shrunk.schedule, path, header(cmd, f, f.shrunk, runs, lib.reproCommand(path, seed)));
  const original = lib.fuzzScenario(spec, f.original.schedule, originalPath, header(cmd, f, f.original, runs, lib.reproCommand(originalPath, seed)));
  await writeReport(io, dir, [
    { name: `${name}.yaml`, text: shrunk.text },
    { name: `${name}-original.yaml`, text: original.text },
  ], isFuzzFile);
  io.out(`Schedule ${f.found} of ${runs} failed: ${f.original.verdict.why}`);
  io.out(`Shrunk from ${f.original.faults} faults to ${f.shrunk.faults} (${f.shrinkSteps} fast-check steps, ${f.polished} polish changes):`);
  io.out('');
  for (const l of shrunk.text.slice(shrunk.text.indexOf('\ntimeline:') + 1).trimEnd().split('\n')) io.out(`  ${l}`);
  io.out('');
  // The written file, loaded as `sim run` will load it, must fail the same way.
  const replay = lib.judgeScenario(shrunk.scenario, seed);
  const same = !replay.ok && replay.key === f.shrunk.verdict.key && replay.traceHash === f.shrunk.verdict.traceHash;
  io.out(same ? `Replay checked: the written file fails the same way (trace ${replay.traceHash}).` : `Warning: replaying the written file did not reproduce the failure.`);
  io.out(`Scenario: ${path} (unshrunk: ${originalPath})`);
  io.out(`Repro:    ${lib.reproCommand(path, seed)}`);
  io.out(`${took}; exit ${f.shrunk.verdict.exitCode}`);
  return f.shrunk.verdict.exitCode;
}
