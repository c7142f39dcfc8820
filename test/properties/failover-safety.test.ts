// Property: under any generated fault schedule (partitions, isolation,
// kill/restart, pause/resume, link and network changes, manual failovers in
// all three modes), no safety invariant is violated and, once every fault is
// undone, the cluster converges. A small number of schedules runs in
// `npm test`; `npm run fuzz:long` runs many more.
//
// The seed is fixed so the suite is repeatable; set FUZZ_SEED to explore
// other schedules. On failure the message carries the shrunk scenario file
// and the `sim fuzz` command that writes it.

import { describe, expect, it } from 'vitest';
import { fuzz } from '../../sim/fuzz/fuzz.ts';
import { fuzzScenario } from '../../sim/fuzz/scenario.ts';
import { scenarioSpec, type FuzzSettings } from '../../sim/fuzz/fuzz.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20260101);
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);

describe('failover safety (fast-check)', () => {
  it(`holds on ${RUNS} generated fault schedules of a 3x1 cluster`, () => {
    const settings: FuzzSettings = { shape: { masters: 3, replicas: 1 }, seed: SEED, runs: RUNS, shrinkBudget: 40, polishBudget: 10 };
    const result = fuzz(settings);
    expect(result.tried).toBe(result.failure ? result.failure.found : RUNS);
    const f = result.failure;
    const report = f
      ? [
          `schedule ${f.found} failed: ${f.shrunk.verdict.why}`,
          `shrunk scenario (write it with: npx sim fuzz --cluster 3x1 --runs ${RUNS} --seed ${SEED}):`,
          fuzzScenario(scenarioSpec(settings), f.shrunk.schedule, 'fuzz.yaml').text,
        ].join('\n')
      : 'no failure';
    expect(report).toBe('no failure');
  }, 120_000);
});
