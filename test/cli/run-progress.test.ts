// Rule: a long `sim run` on a terminal says where it is (simulated time,
// speed, time left) between slices, and clears the line when it ends; a
// short one draws nothing. Slices grow or shrink towards ~50 ms of wall time.

import { describe, expect, it } from 'vitest';
import { driveRun, runProgressLine } from '../../sim/cli/run-slices.ts';
import type { RunResult } from '../../sim/run/runner.ts';

/** A fake run of `durationMs` whose slices each cost `wallPerSimMs` of a fake wall clock per simulated ms. */
function fake(durationMs: number, wallPerSimMs: number) {
  const clock = { now: 0 };
  const asked: number[] = [];
  function* steps(): Generator<number, RunResult, number> {
    let now = 0;
    let slice = yield now;
    while (now < durationMs) {
      asked.push(slice);
      const next = Math.min(now + slice, durationMs);
      clock.now += (next - now) * wallPerSimMs;
      now = next;
      slice = yield now;
    }
    return { exitCode: 0 } as RunResult;
  }
  return { clock, asked, steps: steps() };
}

describe('sim run progress', () => {
  it('reads simulated time against the duration, the speed, and an estimate of what is left', () => {
    expect(runProgressLine(150_000, 600_000, 10_000)).toBe('simulated 2m30s of 10m00s (25%) · 15× real time · about 30s left');
    expect(runProgressLine(600_000, 600_000, 20_000)).toBe('simulated 10m00s of 10m00s (100%) · 30× real time');
  });

  it('draws progress after the first wall second only, and clears it at the end', async () => {
    const lines: string[] = [];
    const f = fake(600_000, 0.01); // 100× real time: 6 s of wall
    await driveRun({ wallMs: () => f.clock.now, progress: (l) => void lines.push(l) }, f.steps, 600_000, async () => {});
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toMatch(/^simulated \d.* of 10m00s \(\d+%\) · 100× real time · about/);
    const quiet: string[] = [];
    const g = fake(10_000, 0.01); // 0.1 s of wall
    await driveRun({ wallMs: () => g.clock.now, progress: (l) => void quiet.push(l) }, g.steps, 10_000, async () => {});
    expect(quiet).toEqual([]);
  });

  it('sizes slices so that each costs about 50 ms of wall time', async () => {
    const f = fake(3_600_000, 0.001); // 1000× real time: 50 ms of wall is 50 s simulated
    await driveRun({ wallMs: () => f.clock.now }, f.steps, 3_600_000, async () => {});
    // Growing at most 4× a step from the first 100 ms (the warm-up slice cost nothing here) …
    for (let i = 1; i < f.asked.length; i++) expect(f.asked[i]! / f.asked[i - 1]!).toBeLessThanOrEqual(4);
    expect(f.asked[0]).toBe(400);
    // … to the slice that costs 50 ms.
    expect(f.asked.at(-2)).toBeCloseTo(50_000, -2);
  });

  it('stops where a checkpoint throws (a signal heard between slices)', async () => {
    const f = fake(600_000, 0.01);
    let n = 0;
    const stop = new Error('SIGINT');
    await expect(driveRun({ wallMs: () => f.clock.now }, f.steps, 600_000, async () => { if (++n === 3) throw stop; })).rejects.toBe(stop);
    // Checkpoints after the warm-up, after slice 1, after slice 2: the third throws, no third slice runs.
    expect(f.asked.length).toBe(2);
  });
});
