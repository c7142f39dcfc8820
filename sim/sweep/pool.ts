// The worker threads of a sweep. Each thread loads the scenario once, says
// it is ready, and then runs the seeds it is handed one at a time, posting
// each seed's row back; the calling thread hands out the next seed as a
// thread finishes one, so a thread that draws slow seeds holds up no one.
//
// A thread that dies while running a seed (out of memory, killed, an error
// nothing caught) costs that seed, not the sweep: the seed's row is a
// failure (exit 4) saying why, a new thread takes the place of the dead one,
// and the sweep goes on. A thread that cannot even start (the scenario does
// not load there) ends the sweep: no seed could run.
//
// Everything arrives as events (messages, `error`, `exit`), so the calling
// thread stays free: a signal can stop the sweep between two events, and
// the seeds that had not finished are reported as left.

import { Worker } from 'node:worker_threads';
import { crashedSeed, type SeedMetrics } from './metrics.ts';
import type { SweepWorkerData, WorkerMessage } from './worker.ts';

/** What the pool needs of a thread (node's Worker; tests wrap it to kill one). */
export interface WorkerLike {
  postMessage(m: { kind: 'seed'; seed: number }): void;
  on(event: 'message', f: (m: WorkerMessage) => void): unknown;
  on(event: 'error', f: (e: Error) => void): unknown;
  on(event: 'exit', f: (code: number) => void): unknown;
  terminate(): unknown;
}

export interface PoolOptions {
  readonly file: string;
  readonly text: string;
  readonly seeds: readonly number[];
  readonly workers: number;
  /** Heap limit of each thread, in MB (node's resourceLimits.maxOldGenerationSizeMb); default: node's. */
  readonly heapMb?: number;
  readonly onRow: (row: SeedMetrics) => void;
  /** Stop handing out seeds and stop the threads; the seeds not finished are returned as left. */
  readonly signal?: AbortSignal;
  /** How a thread is started (tests wrap the real one). */
  readonly spawn?: (data: SweepWorkerData, heapMb: number | undefined) => WorkerLike;
}

/**
 * The thread's entry: compiled, thread.js beside this file; from the .ts
 * sources (tests, tsx), thread-tsx.js, which gives the new thread the
 * TypeScript loader it does not inherit.
 */
const THREAD_ENTRY = new URL(import.meta.url.endsWith('.ts') ? './thread-tsx.js' : './thread.js', import.meta.url);

export function spawnWorker(data: SweepWorkerData, heapMb: number | undefined): WorkerLike {
  return new Worker(THREAD_ENTRY, { workerData: data, ...(heapMb !== undefined ? { resourceLimits: { maxOldGenerationSizeMb: heapMb } } : {}) });
}

/** Why a thread died, in words for the seed's row. */
function deathReason(error: Error | undefined, code: number): string {
  const c = (error as { code?: string } | undefined)?.code;
  if (c === 'ERR_WORKER_OUT_OF_MEMORY') return 'the worker thread running it ran out of memory (ERR_WORKER_OUT_OF_MEMORY)';
  if (error) return `the worker thread running it died: ${error.message.split('\n')[0]}`;
  return `the worker thread running it stopped (exit code ${code}) before the seed finished`;
}

interface Slot {
  readonly worker: WorkerLike;
  seed: number | undefined;
  ready: boolean;
  error: Error | undefined;
}

/** Run every seed on the threads; resolves to the seeds left unfinished (none unless stopped). */
export function runPool(o: PoolOptions): Promise<{ left: number[] }> {
  const spawn = o.spawn ?? spawnWorker;
  const queue = [...o.seeds];
  const left: number[] = [];
  const live = new Set<Slot>();
  let settled = false;
  return new Promise((resolve, reject) => {
    const stopped = (): boolean => o.signal?.aborted === true;
    const finish = (e?: Error): void => {
      if (settled) return;
      if (e === undefined && live.size > 0) return;
      settled = true;
      for (const s of live) void s.worker.terminate();
      if (e) reject(e);
      else resolve({ left: [...left, ...(stopped() ? queue.splice(0) : [])].sort((a, b) => a - b) });
    };
    const next = (slot: Slot): void => {
      if (stopped() || queue.length === 0) return void slot.worker.terminate();
      slot.seed = queue.shift()!;
      slot.worker.postMessage({ kind: 'seed', seed: slot.seed });
    };
    const start = (): void => {
      const slot: Slot = { worker: spawn({ file: o.file, text: o.text }, o.heapMb), seed: undefined, ready: false, error: undefined };
      live.add(slot);
      slot.worker.on('message', (m) => {
        if (m.kind === 'fatal') return finish(new Error(`sweep worker: ${m.message}`));
        if (m.kind === 'row') {
          slot.seed = undefined;
          o.onRow(m.row);
        } else slot.ready = true;
        next(slot);
      });
      slot.worker.on('error', (e) => void (slot.error ??= e));
      slot.worker.on('exit', (code) => {
        live.delete(slot);
        if (slot.seed !== undefined) {
          const seed = slot.seed;
          slot.seed = undefined;
          if (stopped()) left.push(seed);
          else {
            o.onRow(crashedSeed(seed, deathReason(slot.error, code)));
            if (queue.length > 0) start();
          }
        } else if (!slot.ready && !stopped()) {
          return finish(new Error(`sweep worker: failed to start: ${slot.error?.message.split('\n')[0] ?? `exit code ${code}`}`));
        }
        finish();
      });
    };
    o.signal?.addEventListener('abort', () => {
      for (const s of live) {
        if (s.seed !== undefined) left.push(s.seed);
        s.seed = undefined;
        void s.worker.terminate();
      }
    });
    for (let i = 0; i < Math.min(o.workers, queue.length); i++) start();
    if (live.size === 0) finish();
  });
}
