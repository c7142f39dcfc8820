// `sim sweep`: one scenario over many seeds, in parallel worker threads (or
// in this thread with workers = 0), reporting each completed seed as it
// lands so the CLI can draw a progress bar. Every seed's run is independent
// and deterministic, so the rows are the same whichever thread ran them.
//
// The calling thread waits synchronously (Atomics.wait on a shared counter,
// then receiveMessageOnPort), which keeps runSweep an ordinary function like
// runScenario: the CLI and tests call it without an event loop turn.

import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Scenario } from '../scenario/index.ts';
import type { SeedMetrics } from './metrics.ts';
import { claimSeeds, DONE, loadOrThrow, type SweepWorkerData, type WorkerMessage } from './worker.ts';

export interface SweepOptions {
  /** Scenario file name and text: workers load it themselves, exactly as `sim run FILE` would. */
  readonly file: string;
  readonly text: string;
  readonly seeds: readonly number[];
  /** Worker threads; 0 runs every seed in the calling thread. */
  readonly workers: number;
  /** Called after each seed, in completion order. */
  readonly onSeed?: (row: SeedMetrics, done: number, total: number) => void;
}

export interface SweepRun {
  readonly scenario: Scenario;
  /** One row per seed, in seed order. */
  readonly rows: SeedMetrics[];
}

/**
 * One worker per core: the calling thread only sleeps in Atomics.wait
 * between rows (it wakes once per seed to collect a row and draw the
 * progress line), so a core kept for it would idle.
 */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export function runSweep(opts: SweepOptions): SweepRun {
  const scenario = loadOrThrow(opts.file, opts.text);
  const rows: SeedMetrics[] = [];
  const total = opts.seeds.length;
  const collect = (row: SeedMetrics): void => {
    rows.push(row);
    opts.onSeed?.(row, rows.length, total);
  };
  const shared = new Int32Array(new SharedArrayBuffer(8));
  // More threads than seeds would only start idle isolates.
  const workers = Math.min(opts.workers, total);
  if (workers <= 0) claimSeeds(scenario, opts.seeds, shared, collect);
  else inWorkers(opts, workers, shared, collect);
  rows.sort((a, b) => a.seed - b.seed);
  return { scenario, rows };
}

function inWorkers(opts: SweepOptions, count: number, shared: Int32Array, collect: (row: SeedMetrics) => void): void {
  const ports: MessagePort[] = [];
  const threads: Worker[] = [];
  for (let i = 0; i < count; i++) {
    const { port1, port2 } = new MessageChannel();
    const data: Omit<SweepWorkerData, 'port'> & { port: MessagePort } = { file: opts.file, text: opts.text, seeds: [...opts.seeds], shared, port: port2 };
    threads.push(new Worker(new URL('./thread.js', import.meta.url), { workerData: data, transferList: [port2] }));
    ports.push(port1);
  }
  let received = 0;
  let fatal: string | undefined;
  try {
    while (received < opts.seeds.length && fatal === undefined) {
      const seen = Atomics.load(shared, DONE);
      for (const port of ports) {
        for (let m = receiveMessageOnPort(port); m !== undefined; m = receiveMessageOnPort(port)) {
          const msg = m.message as WorkerMessage;
          if (msg.kind === 'fatal') fatal ??= msg.message;
          else {
            received++;
            collect(msg.row);
          }
        }
      }
      if (received < opts.seeds.length && fatal === undefined) Atomics.wait(shared, DONE, seen);
    }
  } finally {
    for (const t of threads) void t.terminate();
    for (const p of ports) p.close();
  }
  if (fatal !== undefined) throw new Error(`sweep worker: ${fatal}`);
}
