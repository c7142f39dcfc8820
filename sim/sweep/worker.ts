// The loop a sweep runs in each worker thread (and, with no workers, in the
// calling thread): take the next seed index from a shared counter, run the
// scenario with that seed, hand the metrics row back. Seeds are claimed one
// at a time rather than dealt out in advance, so a worker that draws slow
// seeds does not hold up the others; results do not depend on who ran what.

import { loadScenario, formatScenarioError, type Scenario } from '../scenario/index.ts';
import { runScenario, type RunOptions } from '../run/runner.ts';
import { crashedSeed, seedMetrics, type SeedMetrics } from './metrics.ts';

/** Slots of the shared Int32Array: completed-seed counter (waited on) and next seed index. */
export const DONE = 0;
export const NEXT = 1;

/** What a worker thread is started with. */
export interface SweepWorkerData {
  file: string;
  text: string;
  seeds: number[];
  shared: Int32Array;
  port: { postMessage(m: WorkerMessage): void };
}

export type WorkerMessage = { kind: 'row'; row: SeedMetrics } | { kind: 'fatal'; message: string };

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

/**
 * One seed. A run that throws is a row with exit code 4 (as `sim run` would
 * exit), except a scenario the simulator cannot run at all, which no seed
 * can change: that ends the sweep.
 */
export function runSeed(scenario: Scenario, seed: number): SeedMetrics {
  try {
    return seedMetrics(runScenario(scenario, quickRunOptions(seed)));
  } catch (e) {
    return crashedSeed(seed, e instanceof Error ? e.message : String(e));
  }
}

/** Claim seeds until none are left, reporting each row as it completes. */
export function claimSeeds(scenario: Scenario, seeds: readonly number[], shared: Int32Array, report: (row: SeedMetrics) => void): void {
  for (let i = Atomics.add(shared, NEXT, 1); i < seeds.length; i = Atomics.add(shared, NEXT, 1)) {
    report(runSeed(scenario, seeds[i]!));
  }
}

/** Worker-thread body: rows and any fatal error go back through the port, each followed by a wake-up. */
export function sweepWorker(d: SweepWorkerData): void {
  const wake = (): void => {
    Atomics.add(d.shared, DONE, 1);
    Atomics.notify(d.shared, DONE);
  };
  try {
    const scenario = loadOrThrow(d.file, d.text);
    claimSeeds(scenario, d.seeds, d.shared, (row) => {
      d.port.postMessage({ kind: 'row', row });
      wake();
    });
  } catch (e) {
    d.port.postMessage({ kind: 'fatal', message: e instanceof Error ? e.message : String(e) });
    wake();
  }
}
