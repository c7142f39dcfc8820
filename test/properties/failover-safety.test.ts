// Property: under swarm-generated runs (each draws its cluster shape,
// configuration, network, client workload and fault mix: partitions of every
// kind, link cuts, kill/restart/shutdown, pause, DEBUG SLEEP, manual
// failovers in every mode, CONFIG SET, replication cuts), no safety
// invariant is violated, every opt-in property holds (failover liveness
// during the run, the election rules, the data promises), and once every
// fault is undone the cluster converges. A bounded number of runs is part of
// `npm test` (about a minute); `npm run fuzz:long` runs many more.
//
// The seed is fixed so the suite is repeatable; set FUZZ_SEED to explore
// other runs. On failure the message carries the shrunk scenario file and
// the `sim fuzz` command that writes it as minimal.yaml.

import { describe, expect, it } from 'vitest';
import { caseScenario, fuzz, type FuzzSettings } from '../../sim/fuzz/fuzz.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20260101);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

describe('failover safety (fast-check, swarm)', () => {
  it(`holds on ${RUNS} swarm runs`, () => {
    const settings: FuzzSettings = { seed: SEED, runs: RUNS, shrinkBudget: 40, polishBudget: 10 };
    const result = fuzz(settings);
    expect(result.tried).toBe(result.failure ? result.failure.found : RUNS);
    const f = result.failure;
    const report = f
      ? [
          `run ${f.found} failed: ${f.shrunk.verdict.why}`,
          `shrunk scenario (write it with: npx sim fuzz --runs ${RUNS} --seed ${SEED}):`,
          caseScenario(settings, f.shrunk, 'minimal.yaml').text,
        ].join('\n')
      : 'no failure';
    expect(report).toBe('no failure');
  }, 300_000);
});
