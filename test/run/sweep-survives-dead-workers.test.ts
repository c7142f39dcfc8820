// Rule: a worker thread that dies costs its seed, not the sweep. The seed's
// row is a failure (exit 4) that says why, a new thread takes over, the
// other seeds' rows are what they would have been, and the sweep ends; a
// stopped sweep returns the seeds that finished and lists the rest.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSweep } from '../../sim/sweep/sweep.ts';
import { spawnWorker, type WorkerLike } from '../../sim/sweep/pool.ts';
import { runCli } from '../cli/fake-io.ts';

const FILE = 'scenarios/master-crash.yaml';
const TEXT = readFileSync(join(import.meta.dirname, '..', '..', FILE), 'utf8');
/** A run that needs far more than 48 MB of heap (1000 clients); master-crash runs in 24 MB. */
const HEAVY = 'name: heavy\nduration: 5s\nworkload:\n  - clients: 1000\n    in-flight: 100\n    rate: 2000/s\n';

describe('a killed worker', () => {
  it('fails the seed it was running (exit 4, why), and the sweep goes on with a new thread', async () => {
    let started = 0;
    const killing = (data: Parameters<typeof spawnWorker>[0], heapMb: number | undefined): WorkerLike => {
      started++;
      const w = spawnWorker(data, heapMb);
      return {
        postMessage(m) {
          w.postMessage(m);
          if (m.seed === 2) void w.terminate(); // killed while it runs seed 2
        },
        on: ((event: string, f: (x: unknown) => void) => (w as unknown as { on(e: string, g: (x: unknown) => void): unknown }).on(event, f)) as WorkerLike['on'],
        terminate: () => w.terminate(),
      };
    };
    const [killed, whole] = await Promise.all([
      runSweep({ file: FILE, text: TEXT, seeds: [1, 2, 3], workers: 1, spawn: killing }),
      runSweep({ file: FILE, text: TEXT, seeds: [1, 3], workers: 0 }),
    ]);
    expect(killed.rows.map((r) => [r.seed, r.exit_code])).toEqual([
      [1, 0],
      [2, 4],
      [3, 0],
    ]);
    expect(killed.rows[1]!.error).toBe('the worker thread running it stopped (exit code 1) before the seed finished');
    expect([killed.rows[0], killed.rows[2]]).toEqual(whole.rows);
    expect(started).toBe(2);
    expect(killed.left).toEqual([]);
  }, 60_000);

  it('out of memory: each seed that needs more than --worker-heap fails with that reason; sim sweep ends with exit 4', async () => {
    const r = await runCli(['sweep', 'heavy.yaml', '--seeds', '1..2', '--workers', '1', '--worker-heap', '48', '--out', 'out'], { 'heavy.yaml': HEAVY });
    expect(r.code).toBe(4);
    const summary = JSON.parse(r.written.get('out/summary.json')!);
    expect(summary.exit_codes).toEqual({ 4: 2 });
    expect(summary.failing.map((f: { why: string }) => f.why)).toEqual([
      'internal error: the worker thread running it ran out of memory (ERR_WORKER_OUT_OF_MEMORY)',
      'internal error: the worker thread running it ran out of memory (ERR_WORKER_OUT_OF_MEMORY)',
    ]);
    expect(r.out).toContain('seed 1: exit 4, internal error: the worker thread running it ran out of memory');
  }, 60_000);
});

describe('a stopped sweep', () => {
  it('returns the seeds that finished and lists the ones left', async () => {
    const stop = new AbortController();
    const run = await runSweep({
      file: FILE,
      text: TEXT,
      seeds: [5, 1, 2, 3, 4],
      workers: 1,
      signal: stop.signal,
      onSeed: (_row, done) => {
        if (done === 2) stop.abort();
      },
    });
    expect(run.rows.map((r) => r.seed)).toEqual([1, 5]);
    expect(run.left).toEqual([2, 3, 4]);
  }, 60_000);

  it('in the calling thread too', async () => {
    const stop = new AbortController();
    const run = await runSweep({ file: FILE, text: TEXT, seeds: [1, 2, 3], workers: 0, signal: stop.signal, onSeed: () => stop.abort() });
    expect(run.rows.map((r) => r.seed)).toEqual([1]);
    expect(run.left).toEqual([2, 3]);
  }, 60_000);
});

describe('a sweep that cannot go on', () => {
  it('a replacement thread that cannot start ends the sweep (exit 4, why), keeping the seeds that finished and how to resume', async () => {
    const { sweepCommand } = await import('../../sim/cli/sweep.ts');
    const { MemoryFs } = await import('../cli/memory-fs.ts');
    const { Worker } = await import('node:worker_threads');
    const fs = new MemoryFs();
    let started = 0;
    const spawn = (data: Parameters<typeof spawnWorker>[0], heapMb: number | undefined): WorkerLike => {
      if (++started > 1) return new Worker('throw new Error("no memory left to start")', { eval: true }) as unknown as WorkerLike;
      const w = spawnWorker(data, heapMb);
      return {
        postMessage(m) {
          w.postMessage(m);
          if (m.seed === 2) void w.terminate();
        },
        on: ((event: string, f: (x: unknown) => void) => (w as unknown as { on(e: string, g: (x: unknown) => void): unknown }).on(event, f)) as WorkerLike['on'],
        terminate: () => w.terminate(),
      };
    };
    const io = { out: () => {}, err: () => {}, fs, pid: 1, isRunning: () => false, readFile: () => '' };
    const run = sweepCommand(io, { file: FILE, text: TEXT, name: 'master-crash', seeds: '1..3', workers: 1, out: 'out', spawn }, { elapsedMs: () => 0 });
    await expect(run).rejects.toThrow(
      'sweep worker: failed to start: no memory left to start; kept 2 of 3 seeds in out/; 1 did not run; resume with: npx sim sweep scenarios/master-crash.yaml --seeds 1..3 --out out --resume',
    );
    expect(JSON.parse(fs.files.get('out/summary.json')!)).toMatchObject({ seeds: 2, complete: false, exit_codes: { 0: 1, 4: 1 } });
  }, 60_000);
});
