// The compact series of the timeline's views must hold exactly the points
// the plain [t, v, …] arrays held, under the same same-millisecond rules.

import { describe, expect, it } from 'vitest';
import { Prng } from '../../sim/core/prng.ts';
import { Series } from '../../sim/report/timeline/series.ts';

/** The rules as the recorder applied them to plain arrays. */
function putReference(series: number[], t: number, v: number): void {
  const n = series.length;
  if (n >= 2 && series[n - 2] === t) {
    if (n >= 4 && series[n - 3] === v) series.length = n - 2;
    else series[n - 1] = v;
    return;
  }
  if (n >= 2 && series[n - 1] === v) return;
  series.push(t, v);
}

const EPOCH = 1_767_225_600_000;

describe('a timeline series', () => {
  it.each([1, 2, 3, 4, 5])('holds what the plain array held (random changes, seed %i)', (seed) => {
    const rng = new Prng(`series-${seed}`);
    const ref: number[] = [];
    const clock = new Series('clock', EPOCH);
    const plain = new Series('plain', EPOCH);
    const refPlain: number[] = [];
    let t = -15_000;
    for (let i = 0; i < 5000; i++) {
      if (!rng.chance(0.3)) t += rng.intBetween(1, 3000);
      const v = rng.chance(0.2) ? 0 : EPOCH + t - rng.intBetween(-5, 8000);
      putReference(ref, t, v);
      clock.put(t, v);
      const l = rng.intBetween(0, 1);
      putReference(refPlain, t, l);
      plain.put(t, l);
      expect(clock.last()).toBe(ref[ref.length - 1]);
    }
    expect(clock.toArray()).toEqual(ref);
    expect(clock.length).toBe(ref.length);
    expect(plain.toArray()).toEqual(refPlain);
  });
});
