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
}

export interface SweepResult {
  /** One row per seed, in seed order (the rows of metrics.csv). */
  readonly rows: readonly SeedMetrics[];
  /** What summary.json holds, apart from the wall time. */
  readonly summary: SweepSummary;
}

export function sweep(input: SweepInput): SweepResult {
  const file = input.file ?? 'scenario.yaml';
  const seeds = typeof input.seeds === 'string' ? parseSeeds(input.seeds) : [...input.seeds];
  const run = runSweep({
    file,
    text: input.yaml,
    seeds,
    workers: input.workers ?? defaultWorkers(),
    ...(input.onSeed ? { onSeed: input.onSeed } : {}),
  });
  return { rows: run.rows, summary: summarise(run.scenario, run.rows, null) };
}
