// The five "done when" benchmarks of issue 10, each run in a child process of
// its own (`node --import tsx test/bench/cases.ts NAME`) so that its peak RSS
// (`process.resourceUsage().maxRSS`) is its own. The child prints one line,
// `BENCH {json}`, which run.ts reads and prints as ratios.
//
//   cluster1000-kill    1000 nodes (500×1), default NT, 60 s, master A killed at 10 s
//   hour6               6 nodes, 1 h, 2 clients at 20 ops/s, CLUSTER FAILOVER every 10 min
//   sweep-master-crash  sim sweep scenarios/master-crash.yaml --seeds 1..5000 (default options)
//   reshard20           20 nodes (5×1 + 10 spares), 2,000 RPUSH/s for 60 s, five 100-slot reshards
//   hour100-rss         sim run of 100 nodes for 1 h, a fault a minute, clients; every report written

import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../sim/cli/main.ts';
import { nodeIO, type CliIO } from '../../sim/cli/io.ts';
import { loadScenario } from '../../sim/scenario/index.ts';
import { runScenario, type RunOptions } from '../../sim/run/runner.ts';
import { runScenario as libraryRun } from '../../sim/index.ts';

export interface CaseResult {
  name: string;
  /** Simulated seconds (warm-up included) and wall seconds of the run. */
  simS?: number;
  wallS: number;
  /** CPU seconds of this process (user + system) while it ran: steadier than wall time on a shared machine. */
  cpuS?: number;
  /** Scenario seconds (after t=0) per wall second: the headline ratio. */
  ratio?: number;
  seedsPerMin?: number;
  maxRssMb: number;
  heapMb: number;
  note: string;
}

const here = new URL('.', import.meta.url).pathname;
const scenarioFile = (name: string): string => join(here, 'scenarios', `${name}.yaml`);

function scenarioOf(name: string) {
  const loaded = loadScenario(`${name}.yaml`, readFileSync(scenarioFile(name), 'utf8'));
  if (!loaded.ok) throw new Error(`bench scenario ${name} does not load`);
  return loaded.scenario;
}

/** CPU seconds (user + system, every thread of this process, sweep workers included) since `c0`. */
function cpuSince(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

const rssMb = (): number => process.resourceUsage().maxRSS / 1024;
const heapMb = (): number => process.memoryUsage().heapUsed / 1e6;

/** A run that started at wall `t0` and CPU `c0` and has just ended, as a case result. */
function timedRun(name: string, t0: number, c0: NodeJS.CpuUsage, r: { endMs: number; warmupMs: number }, note: string): CaseResult {
  const wallS = (performance.now() - t0) / 1000;
  return { name, simS: (r.endMs + r.warmupMs) / 1000, wallS, cpuS: cpuSince(c0), ratio: r.endMs / 1000 / wallS, maxRssMb: rssMb(), heapMb: heapMb(), note };
}

/**
 * One run, timed: `library` as sim/index.ts's runScenario runs it by
 * default (no log lines, no timeline record), or with the recording
 * `sim run` does (verbose log, timeline) minus writing the files.
 */
function runCase(name: string, file: string, how: 'library' | Omit<RunOptions, 'seed'>): CaseResult {
  const scenario = scenarioOf(file);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = how === 'library' ? libraryRun(scenario, { seed: 1 }) : runScenario(scenario, { seed: 1, ...how });
  const events = r.world.sched.eventsRun;
  return timedRun(name, t0, c0, r, `exit ${r.exitCode}; ${events.toLocaleString('en-US')} events, ${r.world.net.stats.delivered.toLocaleString('en-US')} messages, ${r.events.length} sim events`);
}

/** The CLI with real files under a temporary folder (what `sim …` does, minus the terminal). */
function cliIO(out: string[]): CliIO {
  return { ...nodeIO(), out: (t) => void out.push(t), err: (t) => void out.push(t), progress: undefined, randomSeed: () => 1 };
}

async function sweepCase(): Promise<CaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sweep-'));
  const out: string[] = [];
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const code = await main(['sweep', 'scenarios/master-crash.yaml', '--seeds', '1..5000', '--out', dir], cliIO(out));
  const wallS = (performance.now() - t0) / 1000;
  const cpuS = cpuSince(c0);
  rmSync(dir, { recursive: true, force: true });
  return {
    name: 'sweep-master-crash',
    wallS,
    cpuS,
    seedsPerMin: (5000 / wallS) * 60,
    maxRssMb: rssMb(),
    heapMb: heapMb(),
    note: `exit ${code}; ${out.find((l) => l.startsWith('sweep ')) ?? ''}`,
  };
}

async function hour100Case(): Promise<CaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-hour100-'));
  const out: string[] = [];
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const code = await main(['run', scenarioFile('hour100'), '--out', dir, '--quiet'], cliIO(out));
  const wallS = (performance.now() - t0) / 1000;
  const cpuS = cpuSince(c0);
  const files = readdirSync(dir).map((f) => `${f} ${(statSync(join(dir, f)).size / 1e6).toFixed(1)} MB`);
  rmSync(dir, { recursive: true, force: true });
  return {
    name: 'hour100-rss',
    simS: 3615,
    wallS,
    cpuS,
    ratio: 3600 / wallS,
    maxRssMb: rssMb(),
    heapMb: heapMb(),
    note: `exit ${code}; ${files.join(', ')}`,
  };
}

/** What `sim run` records while it runs (its report files aside). */
const SIM_RUN: Omit<RunOptions, 'seed'> = { logLevel: 'verbose', timeline: true };

export const CASES: Record<string, () => CaseResult | Promise<CaseResult>> = {
  'cluster1000-kill': () => runCase('cluster1000-kill', 'cluster1000-kill', 'library'),
  hour6: () => runCase('hour6', 'hour6', 'library'),
  'sweep-master-crash': sweepCase,
  reshard20: () => runCase('reshard20', 'reshard20', 'library'),
  'hour100-rss': hour100Case,
};

/** Not in the default set: the same runs recording what sim run records. */
export const EXTRA_CASES: Record<string, () => CaseResult | Promise<CaseResult>> = {
  'cluster1000-kill-recorded': () => runCase('cluster1000-kill-recorded', 'cluster1000-kill', SIM_RUN),
  'hour6-recorded': () => runCase('hour6-recorded', 'hour6', SIM_RUN),
  'reshard20-recorded': () => runCase('reshard20-recorded', 'reshard20', SIM_RUN),
};

/** Any scenario file, for profiling: `cases.ts file PATH [timeline]`. */
function fileCase(path: string, timeline: boolean): CaseResult {
  const loaded = loadScenario(path, readFileSync(path, 'utf8'));
  if (!loaded.ok) throw new Error(`${path} does not load`);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = runScenario(loaded.scenario, { seed: loaded.scenario.seed ?? 1, logLevel: 'warning', timeline });
  return timedRun(path, t0, c0, r, `exit ${r.exitCode}; ${r.world.sched.eventsRun} events, ${r.world.net.stats.delivered} messages`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const name = process.argv[2] ?? '';
  if (name === 'file') {
    console.log(`BENCH ${JSON.stringify(fileCase(process.argv[3]!, process.argv[4] === 'timeline'))}`);
    process.exit(0);
  }
  const fn = CASES[name] ?? EXTRA_CASES[name];
  if (!fn) throw new Error(`unknown case ${name}; one of ${Object.keys(CASES).join(', ')}`);
  console.log(`BENCH ${JSON.stringify(await fn())}`);
}
