// Driving a `sim run` simulation in slices (run/runner.ts runSteps), so that
// between two slices the command can hear SIGINT/SIGTERM (a checkpoint) and,
// on a terminal, redraw a progress line: simulated time, speed, time left.
// Slices are sized from the wall time the last one took, aiming at ~50 ms:
// short enough to stop at once, long enough that checkpoints cost nothing.
// Slicing never changes what the simulation does, only when we look up.

import type { RunResult } from '../run/runner.ts';
import { formatWall } from '../sweep/progress.ts';
import type { CliIO } from './io.ts';

const TARGET_WALL_MS = 50;
const FIRST_SLICE_MS = 100;
/** No progress line for a run that ends within this wall time (it would only flicker). */
const QUIET_WALL_MS = 1000;

/** Run `steps` to its end, with `checkpoint` between slices; a checkpoint that throws stops the run there. */
export async function driveRun(io: Pick<CliIO, 'wallMs' | 'progress'>, steps: Generator<number, RunResult, number>, durationMs: number, checkpoint: () => Promise<void>): Promise<RunResult> {
  const wall0 = io.wallMs();
  let sliceMs = FIRST_SLICE_MS;
  let last = wall0;
  let shown = false;
  for (let r = steps.next(sliceMs); ; r = steps.next(sliceMs)) {
    if (r.done === true) {
      if (shown) io.progress?.('');
      return r.value;
    }
    await checkpoint();
    const now = io.wallMs();
    // Scale the slice to what the last one cost, within a factor of 4 per step (a fault can make the next one much dearer).
    const took = Math.max(now - last, 0.1);
    sliceMs = Math.min(Math.max(sliceMs * Math.min(Math.max(TARGET_WALL_MS / took, 0.25), 4), 1), 60_000);
    last = now;
    if (io.progress !== undefined && now - wall0 >= QUIET_WALL_MS) {
      io.progress(runProgressLine(r.value, durationMs, now - wall0));
      shown = true;
    }
  }
}

/** `simulated 2m30s of 10m00s (25%) · 41× real time · about 18 s left` */
export function runProgressLine(simMs: number, durationMs: number, wallMs: number): string {
  const rate = simMs / Math.max(wallMs, 1);
  const pct = durationMs > 0 ? Math.min(100, Math.floor((100 * simMs) / durationMs)) : 100;
  const left = simMs < durationMs && rate > 0 ? ` · about ${formatWall((durationMs - simMs) / rate)} left` : '';
  return `simulated ${formatWall(simMs)} of ${formatWall(durationMs)} (${pct}%) · ${rate >= 10 ? Math.round(rate) : rate.toFixed(1)}× real time${left}`;
}
