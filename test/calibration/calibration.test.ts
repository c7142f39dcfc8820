// The simulator's timelines against real Redis 7.0.15 (see calibration.ts):
// for each measured fault, the median over 20 seeds of every metric is within
// ±15% or ±250 ms of the real median, the same replica wins, and the final
// epochs are the same.
import { describe, expect, it } from 'vitest';
import { FAULTS, compare, formatComparison } from './calibration.ts';

describe('calibration against real Redis 7.0.15 timelines', () => {
  for (const fault of FAULTS) {
    it(`${fault}: medians within tolerance, same winner, same final epochs`, () => {
      const c = compare(fault, 20);
      const report = formatComparison(c);
      expect(c.rows.filter((r) => !r.ok), report).toEqual([]);
      expect(c.winner.ok, report).toBe(true);
      expect(c.epochs.ok, report).toBe(true);
    }, 120_000);
  }
});
