// Runs one scenario with one seed: builds the world, plays the timeline,
// watches expectations at the end of every simulated instant, and returns
// everything reports and the CLI need. Pure with respect to the outside
// world: no files, no clock; the same scenario and seed give the same result.

import type { LogLevel } from '../cluster/config.ts';
import type { Scenario } from '../scenario/types.ts';
import type { ConditionContext } from '../check/conditions.ts';
import { ExpectationTracker, type ExpectationResult } from '../check/expectations.ts';
import { makeHooks } from './hooks.ts';
import { RunData } from './run-data.ts';
import { buildWorld, warmupMs } from './build.ts';
import { unsupportedParts } from './capabilities.ts';
import { Resolver } from './resolve.ts';
import { TimelineExecutor, type StepFailure } from './timeline.ts';
import type { World } from './world.ts';

export interface RunOptions {
  seed: number;
  logLevel?: LogLevel;
  keepTrace?: boolean;
  /** Stop at this simulated instant (sim nodes/info --at) instead of the scenario's end. */
  stopAtMs?: number;
}

export interface RunResult {
  scenario: Scenario;
  seed: number;
  world: World;
  /** Simulated ms the run covered after t=0. */
  endMs: number;
  warmupMs: number;
  expectations: ExpectationResult[];
  stepFailures: StepFailure[];
  data: RunData;
  timelineFinishedAt: number | undefined;
  /** 0 all held, 1 an expectation or step failed, 3 a safety invariant was violated. */
  exitCode: 0 | 1 | 3;
}

/** The scenario uses parts the simulator cannot run yet (exit 4, said plainly). */
export class UnsupportedScenarioError extends Error {
  constructor(readonly parts: string[]) {
    super(`this scenario uses parts the simulator cannot run yet: ${parts.join('; ')}`);
  }
}

/** How long a run may go on past `duration` waiting for its timeline and expectations. */
const OVERRUN_LIMIT_MS = 3_600_000;

export function runScenario(scenario: Scenario, opts: RunOptions): RunResult {
  const missing = unsupportedParts(scenario);
  if (missing.length > 0) throw new UnsupportedScenarioError(missing);

  const world = buildWorld(scenario, opts);
  const warmup = warmupMs(scenario);
  const data = new RunData(world, scenario);
  const context = (): ConditionContext => ({ world, events: world.recorder.events, data });
  const tracker = new ExpectationTracker(scenario.expect, world.sched, context);
  const hooks = makeHooks(world, data, tracker, context);
  const resolver = new Resolver(world, world.rng.fork('timeline'), (name) => data.workloads.pids(name));
  const timeline = new TimelineExecutor(world, resolver, hooks);

  const sched = world.sched;
  sched.afterEach = () => {
    if (sched.nextTime() > sched.now) tracker.onInstantEnd();
  };
  sched.runUntil(0);
  data.workloads.schedule();
  timeline.start(scenario.timeline);
  sched.runUntil(opts.stopAtMs ?? scenario.durationMs);
  // Go on while the timeline or an expectation still needs time (in 1 s steps).
  const limit = scenario.durationMs + OVERRUN_LIMIT_MS;
  while (opts.stopAtMs === undefined && (timeline.finishedAt === undefined || !tracker.settled) && sched.now < limit && sched.pending > 0) {
    sched.runUntil(Math.min(sched.now + 1000, limit));
  }
  sched.afterEach = undefined;
  data.end();
  tracker.finish();

  const failed = tracker.results.some((r) => !r.ok) || timeline.failures.length > 0;
  return {
    scenario,
    seed: opts.seed,
    world,
    endMs: sched.now,
    warmupMs: warmup,
    expectations: tracker.results,
    stepFailures: timeline.failures,
    data,
    timelineFinishedAt: timeline.finishedAt,
    exitCode: failed ? 1 : 0,
  };
}
