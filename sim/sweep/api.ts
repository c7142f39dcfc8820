// `sweep()` for the library: one scenario over many seeds, on worker
// threads or in the calling thread, with the per-seed metrics and the same
// summary `sim sweep` writes (percentiles, winners, failing seeds).

import type { SeedMetrics } from './metrics.ts';
import { parseSeeds } from './seeds.ts';
import { summarise, type SweepSummary } from './stats.ts';
import { defaultWorkers, runSweep } from './sweep.ts';

export interface SweepInput {
  /** The scenario's YAML text: every worker loads it itself, exactly as `sim run` would. */
  readonly yaml: string;
  /** The name it is loaded under (error positions, repro commands). */
  readonly file?: string;
  /** Seeds as a list, or as `sim sweep --seeds` takes them (`1..1000`, `1,5,9`). */
  readonly seeds: readonly number[] | string;
  /** Worker threads (default: one per core); 0 runs every seed in the calling thread. */
  readonly workers?: number;
  /** Called after each seed, in completion order. */
  readonly onSeed?: (row: SeedMetrics, done: number, total: number) => void;
  /** Heap limit of each worker thread in MB: a seed that needs more fails (exit 4, out of memory) and the sweep goes on. */
  readonly workerHeapMb?: number;
}

export interface SweepResult {
  /** One row per seed, in seed order (the rows of metrics.csv). */
  readonly rows: readonly SeedMetrics[];
  /** What summary.json holds, apart from the wall time. */
  readonly summary: SweepSummary;
}

/**
 * Resolves once every seed has run. A worker thread that dies (out of
 * memory, say) fails its seed (exit code 4, `error` says why); the others go on.
 */
export async function sweep(input: SweepInput): Promise<SweepResult> {
  const file = input.file ?? 'scenario.yaml';
  const seeds = typeof input.seeds === 'string' ? parseSeeds(input.seeds) : [...input.seeds];
  const run = await runSweep({
    file,
    text: input.yaml,
    seeds,
    workers: input.workers ?? defaultWorkers(),
    ...(input.onSeed ? { onSeed: input.onSeed } : {}),
    ...(input.workerHeapMb !== undefined ? { workerHeapMb: input.workerHeapMb } : {}),
  });
  return { rows: run.rows, summary: summarise(run.scenario, run.rows, null) };
}
