// `sim fuzz [--cluster MxR] [--runs N] [--time-limit 90s] [--seed N]
// [--out DIR] [--message-drops] [--expect FILE]` and `sim fuzz --replay FILE`.
// Without --cluster each run draws its own cluster, configuration, network,
// workload and fault mix (swarm testing). On a failure the shrunk scenario is
// written as minimal.yaml (and the unshrunk one as original.yaml) with a
// comment header that lists every drawn parameter, the violated property and
// the fast-check path; the written file is replayed once to prove it fails
// the same way. fast-check and the simulator load when it runs.

import type { Command } from 'commander';
import type { FuzzFailure, FuzzSettings, JudgedSchedule } from '../fuzz/fuzz.ts';
import { formatWall } from '../sweep/progress.ts';
import { asUsage, parseCount, parseSeed, readOrThrow, stopwatch, type CliIO, type SetExit } from './io.ts';
import { progressReporter, CommandUsageError, type CommandIO, type Stopwatch } from './sweep.ts';
import { checkReportDir, writeReport } from './present.ts';

/** What a fuzz folder holds: the scenario files it writes (an earlier one of the same name may be replaced). */
const isFuzzFile = (name: string): boolean => name === 'minimal.yaml' || name === 'original.yaml';

export interface FuzzCommandOptions {
  /** A fixed shape `MxR`; absent: swarm testing. */
  cluster?: string;
  runs?: number;
  /** Stop searching after this much wall time (ms). */
  timeLimitMs?: number;
  seed: number;
  out?: string;
  messageDrops?: boolean;
  /** Report the known Redis 7.0 flaws instead of expecting them. */
  knownFlaws?: boolean;
  /** `--expect FILE`: the file's name and text, a YAML list of extra expectations. */
  expect?: { file: string; text: string };
}

export const DEFAULT_RUNS = 2000;
export const DEFAULT_TIME_LIMIT_MS = 75_000;
/** Shrinking a failure found late may go on this much past the time limit (then the smallest so far is kept). */
export const SHRINK_GRACE_MS = 35_000;

interface FuzzFlags {
  cluster?: string;
  runs?: number;
  timeLimit?: string;
  seed?: number;
  out?: string;
  messageDrops?: boolean;
  knownFlaws?: boolean;
  expect?: string;
  replay?: string;
}

/** `90s`, `2m`, `1500ms` or a number of seconds. */
export function parseTimeLimit(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) throw new CommandUsageError(`--time-limit: expected a duration like 90s or 2m, got "${text}"`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's']!;
  return Number(m[1]) * unit;
}

export function registerFuzz(program: Command, io: CliIO, setExit: SetExit): void {
  program
    .command('fuzz')
    .description('generated clusters and fault schedules against the safety invariants and properties; failures shrink to minimal.yaml')
    .option('--cluster <shape>', 'a fixed shape, masters x replicas (e.g. 3x1); default: each run draws its own (swarm)')
    .option('--runs <n>', `number of schedules (default ${DEFAULT_RUNS})`, parseCount('--runs'))
    .option('--time-limit <duration>', `stop searching after this wall time, shrinking ${SHRINK_GRACE_MS / 1000}s later (default ${DEFAULT_TIME_LIMIT_MS / 1000}s; 0 = none)`)
    .option('--seed <n>', 'fast-check seed and simulation seed (default: a random one, printed first)', parseSeed)
    .option('--out <dir>', 'where a failing scenario is written (default reports/fuzz-<seed>/)')
    .option('--message-drops', 'also generate message-level drops (stronger than TCP allows)')
    .option('--known-flaws', 'report the known Redis 7.0 flaws too (by default swarm scenarios expect them: known-flaws under invariants:)')
    .option('--expect <file>', 'a YAML list of extra expectations every generated scenario must meet (your own property)')
    .option('--replay <file>', 'judge one scenario file (e.g. a minimal.yaml) as the fuzzer does, properties included')
    .action(async (o: FuzzFlags) => {
      if (o.replay !== undefined) {
        const file = o.replay;
        setExit(await asUsage(() => replayCommand(io, file, readOrThrow(io, file), o.seed)));
        return;
      }
      // A drawn seed is printed in fuzzCommand's first line, once the options are known to be good.
      const seed = o.seed ?? io.randomSeed();
      const expect = o.expect === undefined ? undefined : { file: o.expect, text: readOrThrow(io, o.expect) };
      setExit(
        await asUsage(() => {
          const timeLimitMs = o.timeLimit === undefined ? DEFAULT_TIME_LIMIT_MS : parseTimeLimit(o.timeLimit);
          const { timeLimit: _, replay: __, ...rest } = o;
          return fuzzCommand(io, { ...rest, seed, expect, timeLimitMs }, stopwatch(io));
        }),
      );
    });
}

const join = (dir: string, f: string): string => `${dir.replace(/\/$/, '')}/${f}`;

/** The library modules fuzz needs, loaded when it runs (fast-check and the simulator are the CLI's heaviest). */
async function loadFuzz() {
  const [{ judgeScenario }, { checkExpectYaml }, { parseShape, shapeText }, fuzzLib, { reproCommand }, { swarmDescription }, { loadScenario, formatScenarioError }] = await Promise.all([
    import('../fuzz/property.ts'),
    import('../fuzz/scenario.ts'),
    import('../fuzz/schedule.ts'),
    import('../fuzz/fuzz.ts'),
    import('../report/summary.ts'),
    import('../fuzz/swarm.ts'),
    import('../scenario/index.ts'),
  ]);
  return { judgeScenario, checkExpectYaml, parseShape, shapeText, ...fuzzLib, reproCommand, swarmDescription, loadScenario, formatScenarioError };
}

type FuzzLib = Awaited<ReturnType<typeof loadFuzz>>;

/** `sim fuzz --replay FILE`: the fuzzer's verdict on one file (exit 0 when it holds, else the failure's code). */
async function replayCommand(io: CommandIO, file: string, text: string, seedFlag: number | undefined): Promise<number> {
  const lib = await loadFuzz();
  const r = lib.loadScenario(file, text);
  if (!r.ok) throw new CommandUsageError(r.errors.map(lib.formatScenarioError).join('\n'));
  const seed = seedFlag ?? r.scenario.seed ?? 1;
  const v = lib.judgeScenario(r.scenario, seed);
  if (v.ok) {
    io.out(`${file} seed ${seed}: every invariant, property and expectation held (trace ${v.traceHash})`);
    return 0;
  }
  io.out(`${file} seed ${seed}: ${v.why}`);
  io.out(`trace ${v.traceHash}; exit ${v.exitCode}`);
  return v.exitCode;
}

/** The comment block on top of a written scenario. */
function header(lib: FuzzLib, cmd: string, f: FuzzFailure, which: JudgedSchedule, repro: string): string[] {
  const lines = [`Found by \`${cmd}\`: schedule ${f.found} failed.`];
  if (which === f.shrunk) {
    lines.push(`fast-check shrank it in ${f.shrinkSteps} steps and the polish pass kept ${f.polished} change${f.polished === 1 ? '' : 's'}: ${f.original.faults} faults -> ${f.shrunk.faults}.`);
  } else lines.push(`This is the schedule as generated, before shrinking (${f.original.faults} faults).`);
  if (which.swarm) lines.push('Drawn parameters (all of them are in the file below):', ...lib.swarmDescription(which.swarm).map((l) => `  ${l}`));
  lines.push(`Violated: ${which.verdict.why}`, `Expect: ${expectationOf(which.verdict.key)}`, `fast-check path: ${f.path} (fc.assert(..., { seed, path }) replays it)`);
  lines.push(`Replay: ${repro}   (or: npx sim fuzz --replay FILE)`, '');
  return lines;
}

/** How the violated property reads as an expectation of this file. */
function expectationOf(key: string): string {
  if (key.startsWith('invariant:')) return `${key.slice('invariant:'.length)} holds (it is enabled under invariants:; sim run exits 3 when it breaks)`;
  if (key.startsWith('property:')) return `${key.slice('property:'.length)} holds (judged by sim fuzz --replay)`;
  if (key.startsWith('expect:')) return key.slice('expect:'.length);
  if (key.startsWith('step:')) return `the ${key.slice('step:'.length)} step succeeds`;
  return 'the run ends without an internal error';
}

function plan(lib: FuzzLib, o: FuzzCommandOptions) {
  const shape = o.cluster === undefined ? undefined : lib.parseShape(o.cluster);
  if (o.cluster !== undefined && !shape) throw new CommandUsageError(`--cluster: expected MASTERSxREPLICAS like 3x1 (1-26 masters, 0-9 replicas), got "${o.cluster}"`);
  const runs = o.runs ?? DEFAULT_RUNS;
  if (runs < 1) throw new CommandUsageError('--runs: at least 1');
  const extra = o.expect ? lib.checkExpectYaml(o.expect.text, shape ?? { masters: 3, replicas: 1 }) : undefined;
  if (extra && !extra.ok) throw new CommandUsageError(`--expect ${o.expect!.file}: ${extra.errors.join('; ')}`);
  const flags = `${shape ? ` --cluster ${lib.shapeText(shape)}` : ''}${o.messageDrops ? ' --message-drops' : ''}${o.knownFlaws ? ' --known-flaws' : ''}${o.expect ? ` --expect ${o.expect.file}` : ''}`;
  return { shape, runs, extra, flags };
}

/** Returns the exit code: 0 when every schedule held, else the failure's own (3 invariant, 1 liveness/expectation/data, 4 crash). */
export async function fuzzCommand(io: CommandIO, o: FuzzCommandOptions, watch: Stopwatch): Promise<number> {
  const lib = await loadFuzz();
  const { shape, runs, extra, flags } = plan(lib, o);
  const dir = o.out ?? `reports/fuzz-${o.seed}`;
  checkReportDir(io, dir, isFuzzFile);
  const limit = o.timeLimitMs ?? 0;
  io.out(`fuzz ${shape ? lib.shapeText(shape) : 'swarm (each run draws its cluster, configuration, network, workload and faults)'}: up to ${runs} schedules${limit > 0 ? ` or ${formatWall(limit)}` : ''}, seed ${o.seed}`);
  const progress = progressReporter(io, watch, 'schedules');
  const settings: FuzzSettings = {
    ...(shape ? { shape } : {}),
    seed: o.seed,
    runs,
    messageDrops: o.messageDrops === true,
    reportKnownFlaws: o.knownFlaws === true,
    ...(o.expect && extra?.ok ? { expectYaml: o.expect.text, expectHorizonMs: extra.horizonMs } : {}),
    ...(limit > 0 ? { shouldStop: (phase: 'search' | 'shrink') => watch.elapsedMs() > limit + (phase === 'shrink' ? SHRINK_GRACE_MS : 0) } : {}),
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
  // A time limit makes the number of schedules depend on the machine: --runs N repeats exactly what ran.
  const cmd = `sim fuzz --runs ${result.failure ? result.failure.found : result.tried} --seed ${o.seed}${flags}`;
  if (!result.failure) {
    io.out(`No failure in ${result.tried} schedules${result.stopped ? ` (time limit reached; \`npx ${cmd} --time-limit 0\` repeats them)` : ''}; ${took}`);
    return 0;
  }
  return writeFailure(io, lib, { settings, failure: result.failure, cmd, dir, took });
}

interface Found {
  settings: FuzzSettings;
  failure: FuzzFailure;
  /** The `sim fuzz` command line that finds it again. */
  cmd: string;
  dir: string;
  /** "N simulations in … wall", for the last line. */
  took: string;
}

/** Write the shrunk and the original schedule as scenario files, replay the shrunk one, print how to run it. */
async function writeFailure(io: CommandIO, lib: FuzzLib, { settings, failure: f, cmd, dir, took }: Found): Promise<number> {
  const { seed } = settings;
  const path = join(dir, 'minimal.yaml');
  const originalPath = join(dir, 'original.yaml');
  const shrunk = lib.caseScenario(settings, f.shrunk, path, header(lib, cmd, f, f.shrunk, lib.reproCommand(path, seed)));
  const original = lib.caseScenario(settings, f.original, originalPath, header(lib, cmd, f, f.original, lib.reproCommand(originalPath, seed)));
  await writeReport(io, dir, [
    { name: 'minimal.yaml', text: shrunk.text },
    { name: 'original.yaml', text: original.text },
  ], isFuzzFile);
  io.out(`Schedule ${f.found} failed: ${f.original.verdict.why}`);
  if (f.shrunk.swarm) for (const l of lib.swarmDescription(f.shrunk.swarm)) io.out(`  ${l}`);
  io.out(`Shrunk from ${f.original.faults} faults to ${f.shrunk.faults} (${f.shrinkSteps} fast-check steps, ${f.polished} polish changes); fast-check path ${f.path}:`);
  io.out('');
  for (const l of shrunk.text.slice(shrunk.text.indexOf('\ntimeline:') + 1).trimEnd().split('\n')) io.out(`  ${l}`);
  io.out('');
  // The written file, loaded as `sim run` will load it, must fail the same way.
  const replay = lib.judgeScenario(shrunk.scenario, seed);
  const same = !replay.ok && replay.key === f.shrunk.verdict.key && replay.traceHash === f.shrunk.verdict.traceHash;
  io.out(same ? `Replay checked: the written file fails the same way (trace ${replay.traceHash}).` : `Warning: replaying the written file did not reproduce the failure.`);
  io.out(`Violated: ${f.shrunk.verdict.why}`);
  io.out(`Scenario: ${path} (unshrunk: ${originalPath})`);
  io.out(`Repro:    ${lib.reproCommand(path, seed)}   (or: npx sim fuzz --replay ${path})`);
  io.out(`Again:    npx ${cmd}`);
  io.out(`${took}; exit ${f.shrunk.verdict.exitCode}`);
  return f.shrunk.verdict.exitCode;
}
