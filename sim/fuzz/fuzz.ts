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
import { judgeScenario, FUZZ_PROPERTIES, type Verdict } from './property.ts';
import { fuzzScenario, type FuzzScenario, type FuzzScenarioSpec } from './scenario.ts';
import { shapeNodes, type ClusterShape, type FailoverMode, type FaultSchedule } from './schedule.ts';
import { polishSchedule } from './shrink.ts';
import { KNOWN_FLAWS } from '../scenario/vocabulary.ts';
import { swarmArbitrary, swarmNodes, swarmWindowMs, type SwarmParams } from './swarm.ts';

/** One generated run: the swarm's parameters (null for a fixed shape) and the fault schedule. */
export interface FuzzCase {
  readonly swarm: SwarmParams | null;
  readonly schedule: FaultSchedule;
}

export interface FuzzSettings {
  /** A fixed cluster shape (every run the same cluster); absent, each run draws its own (swarm testing). */
  readonly shape?: ClusterShape;
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
  /**
   * Report the real Redis 7.0 flaws too (KNOWN_FLAWS: the double win when a
   * new master votes in the epoch it won). By default the scenarios expect
   * them, so that the fuzzer looks for what is not known already.
   */
  readonly reportKnownFlaws?: boolean;
  /** Extra `expect:` entries every generated scenario carries (your own property; check with checkExpectYaml first). */
  readonly expectYaml?: string;
  readonly expectHorizonMs?: number;
  readonly shrinkBudget?: number;
  readonly polishBudget?: number;
  /** The file name the scenarios are loaded as (shows in repro strings only). */
  readonly file?: string;
  readonly onProgress?: (p: FuzzProgress) => void;
  /**
   * Asked before each simulation: true ends that phase there (the search;
   * or shrinking, which then keeps the smallest failure so far). The CLI's
   * --time-limit; the library reads no clock itself.
   */
  readonly shouldStop?: (phase: 'search' | 'shrink') => boolean;
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
  /** The swarm parameters it ran with (null for a fixed shape). */
  readonly swarm: SwarmParams | null;
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
  /** fast-check's path to the counterexample: with the seed, `fc.assert(…, { seed, path })` replays it. */
  readonly path: string;
}

export interface FuzzResult {
  readonly tried: number;
  readonly simulations: number;
  readonly failure?: FuzzFailure;
  /** The search ended early (shouldStop) before `runs` schedules. */
  readonly stopped: boolean;
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

const DEFAULT_SHAPE: ClusterShape = { masters: 3, replicas: 1 };

/** The scenario settings of one case: a swarm case brings its own cluster and node timeout. */
export function scenarioSpec(s: FuzzSettings, swarm: SwarmParams | null = null): FuzzScenarioSpec {
  const nt = swarm?.nodeTimeoutMs ?? s.nodeTimeoutMs ?? FUZZ_DEFAULTS.nodeTimeoutMs;
  // The settle time grows with the node timeout: the convergence bound does (about 12 × NT).
  const settleMs = s.settleMs ?? Math.max(FUZZ_DEFAULTS.settleMs, 20 * nt);
  return {
    shape: s.shape ?? DEFAULT_SHAPE,
    ...(swarm ? { swarm, properties: FUZZ_PROPERTIES } : {}),
    ...(swarm && s.reportKnownFlaws !== true ? { knownFlaws: KNOWN_FLAWS } : {}),
    seed: s.seed,
    nodeTimeoutMs: nt,
    ending: { settleMs, recheckMs: 2 * nt },
    ...(s.expectYaml !== undefined ? { expectYaml: s.expectYaml } : {}),
    ...(s.expectHorizonMs !== undefined ? { expectHorizonMs: s.expectHorizonMs } : {}),
  };
}

export function scheduleSettings(s: FuzzSettings, swarm: SwarmParams | null = null): ScheduleSettings {
  if (swarm) {
    const window = s.windowMs ?? swarmWindowMs(swarm);
    return {
      nodes: swarmNodes(swarm).length,
      windowMs: window,
      maxSteps: s.maxSteps ?? FUZZ_DEFAULTS.maxSteps,
      maxHoldMs: s.maxHoldMs ?? window,
      failoverModes: s.failoverModes ?? FUZZ_DEFAULTS.failoverModes,
      messageDrops: true,
      kinds: swarm.faults,
      timeStepMs: swarm.timeStepMs,
      roles: { masters: swarm.masters, replicas: swarm.replicas.reduce((a, b) => a + b, 0) },
      // TCP backs off 200, 400, 800 ms … per lost segment, and the backoff outlives a network reset:
      // under a short node timeout healthy nodes would flap after the faults are undone, as real ones do.
      maxLoss: swarm.nodeTimeoutMs >= 3000 ? 0.5 : 0,
      // A round trip longer than half the node timeout makes Redis drop and reopen bus links
      // (no PONG within NT/2) over and over: keep slow links below that.
      maxLatencyMs: Math.min(500, Math.floor(swarm.nodeTimeoutMs / 5)),
    };
  }
  return {
    nodes: shapeNodes(s.shape ?? DEFAULT_SHAPE).length,
    windowMs: s.windowMs ?? FUZZ_DEFAULTS.windowMs,
    maxSteps: s.maxSteps ?? FUZZ_DEFAULTS.maxSteps,
    maxHoldMs: s.maxHoldMs ?? FUZZ_DEFAULTS.maxHoldMs,
    failoverModes: s.failoverModes ?? FUZZ_DEFAULTS.failoverModes,
    messageDrops: s.messageDrops ?? false,
  };
}

/** What fast-check draws: a schedule for the fixed shape, or swarm parameters and then a schedule for them. */
export function caseArbitrary(s: FuzzSettings): fc.Arbitrary<FuzzCase> {
  if (s.shape) return scheduleArbitrary(scheduleSettings(s)).map((schedule) => ({ swarm: null, schedule }));
  return swarmArbitrary(s.messageDrops ?? false).chain((swarm) => scheduleArbitrary(scheduleSettings(s, swarm)).map((schedule) => ({ swarm, schedule })));
}

/**
 * Data promises a swarm scenario states as expectations (so `sim run` judges
 * them on the written file): with clients, every in-sync replica equals its
 * master at the end; when the only faults are default-mode manual failovers,
 * no acknowledged write is lost.
 */
export function caseExpectations(c: FuzzCase): string[] {
  if (!c.swarm?.workload) return [];
  const lines = ['- at: end', '  replicas-consistent: true'];
  const onlyDefaultFailovers = c.schedule.steps.length > 0 && c.schedule.steps.every((x) => x.kind === 'failover' && x.mode === 'default');
  if (onlyDefaultFailovers) lines.push('- at: end', '  lost-writes: 0');
  return lines;
}

/** The scenario of one case, loaded as `file`, with `header` comment lines. */
export function caseScenario(s: FuzzSettings, c: FuzzCase, file: string, header: readonly string[] = []): FuzzScenario {
  const spec = scenarioSpec(s, c.swarm);
  const own = caseExpectations(c);
  const expectYaml = [...own, ...(spec.expectYaml ? [spec.expectYaml.replace(/\n$/, '')] : [])].join('\n');
  return fuzzScenario(expectYaml ? { ...spec, expectYaml: `${expectYaml}\n` } : spec, c.schedule, file, header);
}

export function fuzz(s: FuzzSettings): FuzzResult {
  const file = s.file ?? 'fuzz.yaml';
  const budget = s.shrinkBudget ?? FUZZ_DEFAULTS.shrinkBudget;
  let simulations = 0;
  let tried = 0;
  let stopped = false;
  let first: (JudgedSchedule & { found: number }) | undefined;
  const judge = (c: FuzzCase): { verdict: Verdict; faults: number } => {
    simulations++;
    const built = caseScenario(s, c, file);
    return { verdict: judgeScenario(built.scenario, s.seed), faults: built.faults };
  };
  const stop = (): boolean => (stopped ||= s.shouldStop?.('search') === true);
  const stopShrinking = (): boolean => s.shouldStop?.('shrink') === true;
  const property = fc.property(caseArbitrary(s), (c) => {
    if (first === undefined) {
      if (stop()) return true;
      tried++;
      const { verdict, faults } = judge(c);
      s.onProgress?.({ phase: 'search', tried, simulations });
      if (!verdict.ok) first = { ...c, faults, verdict, found: tried };
      return verdict.ok;
    }
    if (simulations - tried >= budget || stopShrinking()) return true;
    s.onProgress?.({ phase: 'shrink', tried, simulations });
    const { verdict } = judge(c);
    // Only the same failure counts: shrinking must not slide to a different bug.
    return verdict.ok || verdict.key !== first.verdict.key;
  });
  const details = fc.check(property, { seed: s.seed, numRuns: s.runs });
  // Simulation errors are verdicts; anything else that escaped the property is the fuzzer's own bug.
  if (details.failed && !first) throw new Error(`fuzz: ${details.errorInstance instanceof Error ? details.errorInstance.message : 'property failed outside a run'}`);
  if (!first) return { tried, simulations, stopped };

  const failing: FuzzCase = details.counterexample?.[0] ?? first;
  const key = first.verdict.key;
  const polished = polishSchedule(
    failing.schedule,
    (candidate) => {
      if (stopShrinking()) return false;
      s.onProgress?.({ phase: 'polish', tried, simulations });
      const { verdict } = judge({ swarm: failing.swarm, schedule: candidate });
      return !verdict.ok && verdict.key === key;
    },
    s.polishBudget ?? FUZZ_DEFAULTS.polishBudget,
  );
  // Judge the result once more: what is returned is a failure seen, not one assumed.
  const final = judge({ swarm: failing.swarm, schedule: polished.schedule });
  const shrunk: JudgedSchedule =
    !final.verdict.ok && final.verdict.key === key ? { schedule: polished.schedule, swarm: failing.swarm, faults: final.faults, verdict: final.verdict } : first;
  const { found, ...original } = first;
  const path = details.counterexamplePath ?? '';
  return { tried, simulations, stopped, failure: { found, original, shrunk, shrinkSteps: details.numShrinks, polished: polished.kept, path } };
}
