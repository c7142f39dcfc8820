// What a sweep runs in each worker thread (and, with no workers, in the
// calling thread): load the scenario once, then run each seed it is handed
// and hand back the metrics row. The calling thread (pool.ts) deals out the
// seeds one at a time, so results do not depend on who ran what.

import { loadScenario, formatScenarioError, type Scenario } from '../scenario/index.ts';
import { runScenario, type RunOptions } from '../run/runner.ts';
import { crashedSeed, seedMetrics, type SeedMetrics } from './metrics.ts';

/** What a worker thread is started with. */
export interface SweepWorkerData {
  file: string;
  text: string;
}

/** Thread → pool: ready for seeds, a seed's row, or a failure no seed can change (the scenario does not load). */
export type WorkerMessage = { kind: 'ready' } | { kind: 'row'; row: SeedMetrics } | { kind: 'fatal'; message: string };

/** Pool → thread. */
export type PoolMessage = { kind: 'seed'; seed: number };

export function loadOrThrow(file: string, text: string): Scenario {
  const r = loadScenario(file, text);
  if (!r.ok) throw new Error(r.errors.map(formatScenarioError).join('\n'));
  return r.scenario;
}

/**
 * Options for runs whose reports are metrics only: no log (no node formats
 * a line) and no timeline.html record. Neither changes the run or its trace
 * hash, so `sim run FILE --seed N` replays the same run.
 */
export function quickRunOptions(seed: number): RunOptions {
  return { seed, logLevel: 'nothing', timeline: false };
}

/** One seed. A run that throws is a row with exit code 4 (as `sim run` would exit). */
export function runSeed(scenario: Scenario, seed: number): SeedMetrics {
  try {
    return seedMetrics(runScenario(scenario, quickRunOptions(seed)));
  } catch (e) {
    return crashedSeed(seed, e instanceof Error ? e.message : String(e));
  }
}

/** Where a worker thread talks to the pool (its parentPort). */
export interface WorkerPort {
  postMessage(m: WorkerMessage): void;
  on(event: 'message', f: (m: PoolMessage) => void): unknown;
}

/** Worker-thread body: load, say ready, then run each seed the pool sends. */
export function sweepWorker(d: SweepWorkerData, port: WorkerPort): void {
  let scenario: Scenario;
  try {
    scenario = loadOrThrow(d.file, d.text);
  } catch (e) {
    port.postMessage({ kind: 'fatal', message: e instanceof Error ? e.message : String(e) });
    return;
  }
  port.on('message', (m) => port.postMessage({ kind: 'row', row: runSeed(scenario, m.seed) }));
  port.postMessage({ kind: 'ready' });
}
