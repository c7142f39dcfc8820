// Restarts against real Redis 7.0.15 timelines (see restarts.ts): a killed
// replica restarted after 20 s resyncs partially from its RDB, a master
// killed and restarted after 1 s comes back empty and its replica syncs in
// full after repl-diskless-sync-delay; every milestone's median over 20
// seeds is within ±15 % or ±250 ms of the real median.
import { describe, expect, it } from 'vitest';
import { RESTART_FAULTS, compareRestart, formatRestartComparison } from './restarts.ts';

describe('calibration of restarts against real Redis 7.0.15 timelines', () => {
  for (const fault of RESTART_FAULTS) {
    it(`${fault}: medians within tolerance, the same kind of resync`, () => {
      const c = compareRestart(fault, 20);
      const report = formatRestartComparison(c);
      expect(c.rows.filter((r) => !r.ok), report).toEqual([]);
      expect(c.kind.ok, report).toBe(true);
    }, 120_000);
  }
});
