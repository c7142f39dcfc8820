// `sim fuzz` as a library: generate fault schedules with fast-check, run
// each as a scenario, and on the first failure let fast-check shrink the
// schedule (insisting on the same failure), then polish it (shrink.ts).
// One seed fixes both fast-check's generator and the simulation's seed, so
// a fuzz run is itself reproducible: same seed, same schedules, same result.
//
// Shrinking runs one simulation per candidate; `shrinkBudget` caps them.
// Past the cap every further candidate is reported as passing, which ends
// shrinking with the smallest failure found so far (still a real failure:
// the result is re-run and judged again before it is returned).

import fc from 'fast-check';
import { scheduleArbitrary, type ScheduleSettings } from './arbitraries.ts';
import { judgeScenario, type Verdict } from './property.ts';
import { fuzzScenario, type FuzzScenarioSpec } from './scenario.ts';
import { shapeNodes, type ClusterShape, type FailoverMode, type FaultSchedule } from './schedule.ts';
import { polishSchedule } from './shrink.ts';

export interface FuzzSettings {
  readonly shape: ClusterShape;
  /** fast-check's seed and the simulation seed of every run. */
  readonly seed: number;
  /** Schedules to try. */
  readonly runs: number;
  readonly nodeTimeoutMs?: number;
  readonly windowMs?: number;
  readonly maxSteps?: number;
  readonly maxHoldMs?: number;
  readonly settleMs?: number;
  readonly failoverModes?: readonly FailoverMode[];
  readonly messageDrops?: boolean;
  /** Extra `expect:` entries every generated scenario carries (your own property; check with checkExpectYaml first). */
  readonly expectYaml?: string;
  readonly expectHorizonMs?: number;
  readonly shrinkBudget?: number;
  readonly polishBudget?: number;
  /** The file name the scenarios are loaded as (shows in repro strings only). */
  readonly file?: string;
  readonly onProgress?: (p: FuzzProgress) => void;
}

export interface FuzzProgress {
  readonly phase: 'search' | 'shrink' | 'polish';
  /** Schedules tried in the search phase so far. */
  readonly tried: number;
  /** Simulations run so far, all phases. */
  readonly simulations: number;
}

export interface JudgedSchedule {
  readonly schedule: FaultSchedule;
  readonly faults: number;
  readonly verdict: Extract<Verdict, { ok: false }>;
}

export interface FuzzFailure {
  /** 1-based index of the first failing schedule. */
  readonly found: number;
  readonly original: JudgedSchedule;
  readonly shrunk: JudgedSchedule;
  /** Shrink steps fast-check took, and changes the polish pass kept. */
  readonly shrinkSteps: number;
  readonly polished: number;
}

export interface FuzzResult {
  readonly tried: number;
  readonly simulations: number;
  readonly failure?: FuzzFailure;
}

export const FUZZ_DEFAULTS = {
  nodeTimeoutMs: 3000,
  windowMs: 30_000,
  maxSteps: 6,
  maxHoldMs: 20_000,
  // Above the converges-after-heal bound for NT = 3 s (about 36 s), so the invariant judges first.
  settleMs: 60_000,
  failoverModes: ['default', 'force', 'takeover'] as readonly FailoverMode[],
  shrinkBudget: 200,
  polishBudget: 30,
};

export function scenarioSpec(s: FuzzSettings): FuzzScenarioSpec {
  const nt = s.nodeTimeoutMs ?? FUZZ_DEFAULTS.nodeTimeoutMs;
  return {
    shape: s.shape,
    seed: s.seed,
    nodeTimeoutMs: nt,
    ending: { settleMs: s.settleMs ?? FUZZ_DEFAULTS.settleMs, recheckMs: 2 * nt },
    ...(s.expectYaml !== undefined ? { expectYaml: s.expectYaml } : {}),
    ...(s.expectHorizonMs !== undefined ? { expectHorizonMs: s.expectHorizonMs } : {}),
  };
}

export function scheduleSettings(s: FuzzSettings): ScheduleSettings {
  return {
    nodes: shapeNodes(s.shape).length,
    windowMs: s.windowMs ?? FUZZ_DEFAULTS.windowMs,
    maxSteps: s.maxSteps ?? FUZZ_DEFAULTS.maxSteps,
    maxHoldMs: s.maxHoldMs ?? FUZZ_DEFAULTS.maxHoldMs,
    failoverModes: s.failoverModes ?? FUZZ_DEFAULTS.failoverModes,
    messageDrops: s.messageDrops ?? false,
  };
}

export function fuzz(s: FuzzSettings): FuzzResult {
  const spec = scenarioSpec(s);
  const file = s.file ?? 'fuzz.yaml';
  const budget = s.shrinkBudget ?? FUZZ_DEFAULTS.shrinkBudget;
  let simulations = 0;
  let tried = 0;
  let first: (JudgedSchedule & { found: number }) | undefined;
  const judge = (schedule: FaultSchedule): { verdict: Verdict; faults: number } => {
    simulations++;
    const built = fuzzScenario(spec, schedule, file);
    return { verdict: judgeScenario(built.scenario, s.seed), faults: built.faults };
  };
  const property = fc.property(scheduleArbitrary(scheduleSettings(s)), (schedule) => {
    if (first === undefined) {
      tried++;
      const { verdict, faults } = judge(schedule);
      s.onProgress?.({ phase: 'search', tried, simulations });
      if (!verdict.ok) first = { schedule, faults, verdict, found: tried };
      return verdict.ok;
    }
    if (simulations - tried >= budget) return true;
    s.onProgress?.({ phase: 'shrink', tried, simulations });
    const { verdict } = judge(schedule);
    // Only the same failure counts: shrinking must not slide to a different bug.
    return verdict.ok || verdict.key !== first.verdict.key;
  });
  const details = fc.check(property, { seed: s.seed, numRuns: s.runs });
  // Simulation errors are verdicts; anything else that escaped the property is the fuzzer's own bug.
  if (details.failed && !first) throw new Error(`fuzz: ${details.errorInstance instanceof Error ? details.errorInstance.message : 'property failed outside a run'}`);
  if (!first) return { tried, simulations };

  const failing = details.counterexample?.[0] ?? first.schedule;
  const key = first.verdict.key;
  const polished = polishSchedule(
    failing,
    (candidate) => {
      s.onProgress?.({ phase: 'polish', tried, simulations });
      const { verdict } = judge(candidate);
      return !verdict.ok && verdict.key === key;
    },
    s.polishBudget ?? FUZZ_DEFAULTS.polishBudget,
  );
  // Judge the result once more: what is returned is a failure seen, not one assumed.
  const final = judge(polished.schedule);
  const shrunk: JudgedSchedule =
    !final.verdict.ok && final.verdict.key === key ? { schedule: polished.schedule, faults: final.faults, verdict: final.verdict } : first;
  const { found, ...original } = first;
  return { tried, simulations, failure: { found, original, shrunk, shrinkSteps: details.numShrinks, polished: polished.kept } };
}
