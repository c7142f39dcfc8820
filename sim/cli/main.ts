// The `sim` command line. Thin: parse arguments (commander), call into the
// library, print, write report files. All I/O goes through CliIO so tests can
// run the CLI in-process. This is the only file under sim/ that may read the
// wall clock (to show wall time) or draw an unseeded number (to pick a seed).

import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { keyslotCommand } from '../data/keyslot-command.ts';
import { checkFiles, formatScenarioError, loadScenario, type Scenario } from '../scenario/index.ts';
import { runScenario } from '../run/runner.ts';
import { runFiles } from '../report/run-files.ts';
import { runText } from '../report/run-text.ts';
import { writeFolder } from './present.ts';
import { openReportWriters, type FileWriter } from './report-writers.ts';
import { viewAt } from '../run/view-at.ts';
import { parseDurationMs } from '../core/time.ts';
import { CommandUsageError, sweepCommand } from './sweep.ts';
import { fuzzCommand } from './fuzz.ts';
import type { LogLevel } from '../cluster/config.ts';

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  /** Open a file to append to piece by piece (report files written while a run goes); optional. */
  openWriter?(path: string): FileWriter;
  mkdirp(path: string): void;
  stdin(): string;
  wallMs(): number;
  randomSeed(): number;
  /**
   * Redraw the one-line progress display of a long command (sweep, fuzz) on
   * stderr; '' clears it. Optional: without it, progress goes to err() at milestones.
   */
  progress?(line: string): void;
}

/** Bad input or usage: one line, exit 2. */
class UsageError extends Error {}

const LOG_LEVELS = ['debug', 'verbose', 'notice', 'warning'];

function parseSeed(v: string): number {
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`--seed: expected a non-negative integer, got "${v}"`);
  return Number(v);
}

function parseCount(flag: string): (v: string) => number {
  return (v) => {
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`${flag}: expected a non-negative integer, got "${v}"`);
    return Number(v);
  };
}

function readOrThrow(io: CliIO, file: string): string {
  try {
    return io.readFile(file);
  } catch {
    throw new UsageError(`${file}: cannot read file`);
  }
}

function loadOrThrow(io: CliIO, file: string): Scenario {
  const text = readOrThrow(io, file);
  const r = loadScenario(file, text);
  if (!r.ok) throw new UsageError(r.errors.map(formatScenarioError).join('\n'));
  return r.scenario;
}

/** Bad option values found past commander's parsing are usage errors too (exit 2). */
function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw e instanceof CommandUsageError ? new UsageError(e.message) : e;
  }
}

/** Wall time since now, for progress lines and "took N s" (the only clock long commands see). */
function stopwatch(io: CliIO): { elapsedMs(): number } {
  const t0 = io.wallMs();
  return { elapsedMs: () => io.wallMs() - t0 };
}

function pickSeed(io: CliIO, flag: number | undefined, s: Scenario): number {
  return flag ?? s.seed ?? io.randomSeed();
}

export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('sim');
  program
    .description('Deterministic discrete-event simulator of Redis 7.0 Cluster')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) })
    .showHelpAfterError(false);

  program
    .command('run')
    .description('run one scenario: narrate it, check its expectations, write the report folder')
    .argument('<file>', 'scenario YAML file')
    .option('--seed <n>', 'seed (default: the file\'s seed:, else a random one, printed first)', parseSeed)
    .option('--out <dir>', 'report folder (default reports/<name>-seed<seed>/)')
    .option('--json', 'print summary.json instead of the narration')
    .option('--quiet', 'print only the summary lines')
    .addOption(new Option('--log-level <level>', 'lowest level written to log.txt').choices(LOG_LEVELS).default('verbose'))
    .action((file: string, o: { seed?: number; out?: string; json?: boolean; quiet?: boolean; logLevel: LogLevel }) => {
      const scenario = loadOrThrow(io, file);
      const seed = pickSeed(io, o.seed, scenario);
      if (!o.json) io.out(`seed ${seed}`);
      const dir = o.out ?? `reports/${scenario.name}-seed${seed}`;
      const streamed = openReportWriters(io, dir);
      const wall0 = io.wallMs();
      let result;
      try {
        result = runScenario(scenario, { seed, logLevel: o.logLevel, timeline: true, sinks: streamed.sinks });
      } finally {
        streamed.close();
      }
      const wallMs = io.wallMs() - wall0;
      const { summary, files } = runFiles(result, wallMs, streamed.files);
      writeFolder(io, dir, files);
      if (o.json) io.out(JSON.stringify(summary, null, 2));
      else for (const l of runText(result, dir, wallMs, o.quiet === true)) io.out(l);
      setExit(result.exitCode);
    });

  program
    .command('check')
    .description('validate scenario files (errors as FILE:LINE:COL; exit 2 on any)')
    .argument('<files...>', 'scenario YAML files')
    .action((files: string[]) => {
      const r = checkFiles(files, (p) => io.readFile(p));
      for (const l of r.lines) (r.ok ? io.out : io.err)(l);
      if (r.ok) io.out(`${files.length} file${files.length === 1 ? '' : 's'} OK`);
      setExit(r.ok ? 0 : 2);
    });

  for (const [name, what] of [
    ['nodes', 'CLUSTER NODES'],
    ['info', 'CLUSTER INFO'],
  ] as const) {
    program
      .command(name)
      .description(`print ${what} exactly as a node would at a simulated instant`)
      .argument('<file>', 'scenario YAML file')
      .requiredOption('--at <time>', 'simulated time, e.g. 30s')
      .requiredOption('--node <name>', 'node whose view to print, e.g. B')
      .option('--seed <n>', 'seed', parseSeed)
      .action((file: string, o: { at: string; node: string; seed?: number }) => {
        const at = parseDurationMs(o.at);
        if (at === undefined || at < 0) throw new UsageError(`--at: expected a time like 10s or 2500ms, got "${o.at}"`);
        const scenario = loadOrThrow(io, file);
        if (!scenario.nodes.some((n) => n.name === o.node))
          throw new UsageError(`--node: no node "${o.node}" in ${file} (nodes: ${scenario.nodes.map((n) => n.name).join(', ')})`);
        const text = viewAt(scenario, pickSeed(io, o.seed, scenario), at, o.node, name);
        io.out(text.replace(/\r?\n$/, ''));
        setExit(0);
      });
  }

  program
    .command('keyslot')
    .description('hash slot of each KEY (like CLUSTER KEYSLOT); with no KEY, one key per line from stdin')
    .argument('[keys...]', 'keys')
    .action((keys: string[]) => {
      const lines = keyslotCommand(keys, keys.length === 0 ? io.stdin() : '');
      if (lines.length) io.out(lines.join('\n'));
      setExit(0);
    });

  program
    .command('sweep')
    .description('run a scenario over many seeds; per-seed metrics CSV and percentiles')
    .argument('<file>', 'scenario YAML file')
    .requiredOption('--seeds <range>', 'seeds, e.g. 1..1000, 1,5,9 or 1..10,20')
    .option('--workers <n>', 'worker threads (default: one per core; 0 = in this thread)', parseCount('--workers'))
    .option('--shard <i/n>', 'run only the seeds ≡ i (mod n), 1 <= i <= n')
    .option('--out <dir>', 'report folder (default reports/<name>-sweep/)')
    .action((file: string, o: { seeds: string; workers?: number; shard?: string; out?: string }) => {
      const scenario = loadOrThrow(io, file);
      setExit(asUsage(() => sweepCommand(io, { file, text: io.readFile(file), name: scenario.name, ...o }, stopwatch(io))));
    });

  program
    .command('fuzz')
    .description('generated fault schedules against the safety invariants; failures shrink to a scenario YAML')
    .option('--cluster <shape>', 'masters x replicas, e.g. 3x1', '3x1')
    .option('--runs <n>', 'number of schedules (default 100)', parseCount('--runs'))
    .option('--seed <n>', 'fast-check seed and simulation seed (default: a random one, printed first)', parseSeed)
    .option('--out <dir>', 'where a failing scenario is written (default reports/fuzz-<seed>/)')
    .option('--message-drops', 'also generate message-level drops (stronger than TCP allows)')
    .option('--expect <file>', 'a YAML list of extra expectations every generated scenario must meet (your own property)')
    .action((o: { cluster: string; runs?: number; seed?: number; out?: string; messageDrops?: boolean; expect?: string }) => {
      // A drawn seed is printed in fuzzCommand's first line, once the options are known to be good.
      const seed = o.seed ?? io.randomSeed();
      const expect = o.expect === undefined ? undefined : { file: o.expect, text: readOrThrow(io, o.expect) };
      setExit(asUsage(() => fuzzCommand(io, { ...o, seed, expect }, stopwatch(io))));
    });

  return program;
}

/** Run the CLI; resolves to the process exit code. */
export function main(argv: readonly string[], io: CliIO): number {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    program.parse([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version print and exit 0; every other commander error is usage.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version') return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(e.message);
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`internal error: ${msg}`);
    if (process.env.SIM_DEBUG && e instanceof Error && e.stack) io.err(e.stack);
    return 4;
  }
}

/** A file appended to in blocks of about 64 KB (one write per row would be a system call per row). */
function fileWriter(path: string): FileWriter {
  const fd = openSync(path, 'w');
  let parts: string[] = [];
  let size = 0;
  const flush = (): void => {
    if (parts.length > 0) writeSync(fd, parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write: (text) => {
      parts.push(text);
      size += text.length;
      if (size >= 65536) flush();
    },
    close: () => {
      flush();
      closeSync(fd);
    },
  };
}

/** Real I/O: files, stdout/stderr, stdin, the wall clock (display only) and an unseeded seed when none is given. */
export function nodeIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t + '\n'),
    err: (t) => process.stderr.write(t + '\n'),
    readFile: (p) => readFileSync(p, 'utf8'),
    writeFile: (p, t) => writeFileSync(p, t),
    openWriter: (p) => fileWriter(p),
    mkdirp: (p) => mkdirSync(p, { recursive: true }),
    stdin: () => readFileSync(0, 'utf8'),
    wallMs: () => performance.now(),
    randomSeed: () => Math.floor(Math.random() * 1_000_000),
    progress: process.stderr.isTTY ? (line) => void process.stderr.write(`\r${line}\x1b[K`) : undefined,
  };
}
