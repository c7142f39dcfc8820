// `sim fuzz [--cluster 3x1] [--runs N] [--seed N] [--out DIR]`, behind the
// CLI's argument parsing: run the fuzzer with a progress line; on a failure,
// write the shrunk scenario (and the unshrunk original) with a comment header
// saying how it was found, replay the written file once to prove it fails
// the same way, and print the command that replays it.

import { judgeScenario } from '../fuzz/property.ts';
import { checkExpectYaml, fuzzScenario } from '../fuzz/scenario.ts';
import { parseShape, shapeText } from '../fuzz/schedule.ts';
import { fuzz, scenarioSpec, type FuzzFailure, type FuzzSettings, type JudgedSchedule } from '../fuzz/fuzz.ts';
import { reproCommand } from '../report/summary.ts';
import { formatWall } from '../sweep/progress.ts';
import { progressReporter, CommandUsageError, type CommandIO, type Stopwatch } from './sweep.ts';

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

const join = (dir: string, f: string): string => `${dir.replace(/\/$/, '')}/${f}`;

/** The comment block on top of a written scenario. */
function header(cmd: string, f: FuzzFailure, which: JudgedSchedule, runs: number, path: string, seed: number): string[] {
  const lines = [`Found by \`${cmd}\`: schedule ${f.found} of ${runs} failed.`];
  if (which === f.shrunk) {
    lines.push(`fast-check shrank it in ${f.shrinkSteps} steps and the polish pass kept ${f.polished} change${f.polished === 1 ? '' : 's'}: ${f.original.faults} faults -> ${f.shrunk.faults}.`);
  } else lines.push(`This is the schedule as generated, before shrinking (${f.original.faults} faults).`);
  lines.push(`Violated: ${which.verdict.why}`, `Replay: ${reproCommand(path, seed)}`, '');
  return lines;
}

/** Returns the exit code: 0 when every schedule held, else the failure's own (3 invariant, 1 liveness/expectation, 4 crash). */
export function fuzzCommand(io: CommandIO, o: FuzzCommandOptions, watch: Stopwatch): number {
  const shape = parseShape(o.cluster);
  if (!shape) throw new CommandUsageError(`--cluster: expected MASTERSxREPLICAS like 3x1 (1-26 masters, 0-9 replicas), got "${o.cluster}"`);
  const runs = o.runs ?? DEFAULT_RUNS;
  if (runs < 1) throw new CommandUsageError('--runs: at least 1');
  const extra = o.expect ? checkExpectYaml(o.expect.text, shape) : undefined;
  if (extra && !extra.ok) throw new CommandUsageError(`--expect ${o.expect!.file}: ${extra.errors.join('; ')}`);
  const dir = o.out ?? `reports/fuzz-${o.seed}`;
  const flags = `${o.messageDrops ? ' --message-drops' : ''}${o.expect ? ` --expect ${o.expect.file}` : ''}`;
  const cmd = `sim fuzz --cluster ${shapeText(shape)} --runs ${runs} --seed ${o.seed}${flags}`;
  io.out(`fuzz ${shapeText(shape)}: ${runs} schedules, seed ${o.seed} (fast-check and simulation)`);
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
  const result = fuzz(settings);
  progress.finish();
  const wall = watch.elapsedMs();
  const rate = wall > 0 ? ` (${((result.simulations / wall) * 60_000).toFixed(1)} runs/min)` : '';
  const took = `${result.simulations} simulations in ${formatWall(wall)} wall${rate}`;
  const f = result.failure;
  if (!f) {
    io.out(`No failure in ${result.tried} schedules; ${took}`);
    return 0;
  }
  const spec = scenarioSpec(settings);
  const name = `fuzz-${shapeText(shape)}-seed${o.seed}`;
  const path = join(dir, `${name}.yaml`);
  const originalPath = join(dir, `${name}-original.yaml`);
  const shrunk = fuzzScenario(spec, f.shrunk.schedule, path, header(cmd, f, f.shrunk, runs, path, o.seed));
  const original = fuzzScenario(spec, f.original.schedule, originalPath, header(cmd, f, f.original, runs, originalPath, o.seed));
  io.mkdirp(dir);
  io.writeFile(path, shrunk.text);
  io.writeFile(originalPath, original.text);
  io.out(`Schedule ${f.found} of ${runs} failed: ${f.original.verdict.why}`);
  io.out(`Shrunk from ${f.original.faults} faults to ${f.shrunk.faults} (${f.shrinkSteps} fast-check steps, ${f.polished} polish changes):`);
  io.out('');
  for (const l of shrunk.text.slice(shrunk.text.indexOf('\ntimeline:') + 1).trimEnd().split('\n')) io.out(`  ${l}`);
  io.out('');
  // The written file, loaded as `sim run` will load it, must fail the same way.
  const replay = judgeScenario(shrunk.scenario, o.seed);
  const same = !replay.ok && replay.key === f.shrunk.verdict.key && replay.traceHash === f.shrunk.verdict.traceHash;
  io.out(same ? `Replay checked: the written file fails the same way (trace ${replay.traceHash}).` : `Warning: replaying the written file did not reproduce the failure.`);
  io.out(`Scenario: ${path} (unshrunk: ${originalPath})`);
  io.out(`Repro:    ${reproCommand(path, o.seed)}`);
  io.out(`${took}; exit ${f.shrunk.verdict.exitCode}`);
  return f.shrunk.verdict.exitCode;
}
