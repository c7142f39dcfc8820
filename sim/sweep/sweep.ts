// `sim sweep`: one scenario over many seeds, in parallel worker threads
// (pool.ts) or in this thread with workers = 0, reporting each completed
// seed as it lands so the CLI can draw a progress bar and append the row to
// its report. Every seed's run is independent and deterministic, so the rows
// are the same whichever thread ran them.
//
// runSweep returns a promise: the calling thread waits for events, never
// blocks, so a dead worker is noticed (its seed fails, the sweep goes on)
// and a caller can stop the sweep (`signal`) and keep what finished.

import { availableParallelism } from 'node:os';
import type { Scenario } from '../scenario/index.ts';
import type { SeedMetrics } from './metrics.ts';
import { runPool, type PoolOptions } from './pool.ts';
import { loadOrThrow, runSeed } from './worker.ts';

export interface SweepOptions {
  /** Scenario file name and text: workers load it themselves, exactly as `sim run FILE` would. */
  readonly file: string;
  readonly text: string;
  readonly seeds: readonly number[];
  /** Worker threads; 0 runs every seed in the calling thread. */
  readonly workers: number;
  /** Called after each seed, in completion order. */
  readonly onSeed?: (row: SeedMetrics, done: number, total: number) => void;
  /** Stop: seeds not finished are left out of the rows and listed in `left`. */
  readonly signal?: AbortSignal;
  /** Heap limit of each worker thread in MB: a seed that needs more fails (exit 4, out of memory). */
  readonly workerHeapMb?: number;
  /** In the calling thread (workers 0), awaited between seeds, so that the caller can hear a signal. */
  readonly between?: () => Promise<void>;
  /** How worker threads are started (tests wrap the real one to kill it). */
  readonly spawn?: PoolOptions['spawn'];
}

export interface SweepRun {
  readonly scenario: Scenario;
  /** One row per finished seed, in seed order. */
  readonly rows: SeedMetrics[];
  /** Seeds that did not finish because the sweep was stopped, in order (empty for a whole sweep). */
  readonly left: number[];
}

/**
 * One worker per core: the calling thread only sleeps in Atomics.wait
 * between rows (it wakes once per seed to collect a row and draw the
 * progress line), so a core kept for it would idle.
 */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The most worker threads a sweep may start: twice the cores. Seeds are
 * CPU-bound, so more threads than cores never finish sooner, and each thread
 * holds its own copy of the simulator (tens of MB, far more for big clusters).
 */
export function maxWorkers(): number {
  return 2 * Math.max(1, availableParallelism());
}

export async function runSweep(opts: SweepOptions): Promise<SweepRun> {
  const scenario = loadOrThrow(opts.file, opts.text);
  const rows: SeedMetrics[] = [];
  const total = opts.seeds.length;
  const collect = (row: SeedMetrics): void => {
    rows.push(row);
    opts.onSeed?.(row, rows.length, total);
  };
  // More threads than seeds would only start idle isolates.
  const workers = Math.min(opts.workers, total);
  const { left } =
    workers <= 0
      ? await inThisThread(scenario, opts, collect)
      : await runPool({
          file: opts.file,
          text: opts.text,
          seeds: opts.seeds,
          workers,
          onRow: collect,
          ...(opts.signal ? { signal: opts.signal } : {}),
          ...(opts.workerHeapMb !== undefined ? { heapMb: opts.workerHeapMb } : {}),
          ...(opts.spawn ? { spawn: opts.spawn } : {}),
        });
  rows.sort((a, b) => a.seed - b.seed);
  return { scenario, rows, left };
}

async function inThisThread(scenario: Scenario, opts: SweepOptions, collect: (row: SeedMetrics) => void): Promise<{ left: number[] }> {
  for (let i = 0; i < opts.seeds.length; i++) {
    if (opts.signal?.aborted) return { left: opts.seeds.slice(i).sort((a, b) => a - b) };
    collect(runSeed(scenario, opts.seeds[i]!));
    await opts.between?.();
  }
  return { left: [] };
}
