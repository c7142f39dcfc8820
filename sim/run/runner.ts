// Runs one scenario with one seed: builds the world, plays the timeline,
// watches expectations at the end of every simulated instant, and returns
// everything reports and the CLI need. Pure with respect to the outside
// world: no files, no clock; the same scenario and seed give the same result.

import type { UserInvariant } from '../check/invariants/user.ts';
import type { LogThreshold } from '../events/recorder.ts';
import type { SimEvent } from '../events/types.ts';
import type { RunReport } from '../report/run-report.ts';
import { redisCliTranscript } from '../tools/redis-cli/hook.ts';
import type { Scenario } from '../scenario/types.ts';
import type { ConditionContext } from '../check/conditions.ts';
import { ExpectationTracker, type ExpectationResult, type StepFailure } from '../check/expectations.ts';
import type { InvariantMonitor, InvariantResult, ViolationReport } from '../check/invariants/index.ts';
import { watchInvariants } from './invariants.ts';
import { WorldView } from './world-view.ts';
import { TimelineRecorder } from './timeline-recorder.ts';
import { makeHooks } from './hooks.ts';
import { RunData } from './run-data.ts';
import { buildWorld, warmupMs } from './build.ts';
import { Resolver } from './resolve.ts';
import { TimelineExecutor } from './timeline.ts';
import { streamReports, type ReportSinks } from './report-sinks.ts';
import type { World } from './world.ts';

export interface RunOptions {
  seed: number;
  logLevel?: LogThreshold;
  keepTrace?: boolean;
  /** Stop at this simulated instant (sim nodes/info --at) instead of the scenario's end. */
  stopAtMs?: number;
  /**
   * Record what timeline.html shows (views, messages, process changes);
   * default false: only a run that writes timeline.html pays for it.
   */
  timeline?: boolean;
  /**
   * Test-only: called once the world is built, before anything runs, to
   * inject what the scenario language cannot say (a duplicating message
   * fault, a corrupted node state) and so prove the invariants catch it.
   */
  beforeRun?: (world: World) => void;
  /** Told every event as it is emitted (after the invariants saw it). */
  onEvent?: (e: SimEvent) => void;
  /** Your own safety invariants: checked like the built-in ones, a violation stops the run (exit 3). */
  invariants?: readonly UserInvariant[];
  /**
   * Report files to write as the run goes (events.csv, log.txt,
   * history.csv): each sink gets its file's text in order. Log records
   * that go to a sink are not kept in `logs`.
   */
  sinks?: ReportSinks;
}

/** A finished run: what reports read (RunReport), and the world as the run left it. */
export interface RunResult extends RunReport {
  readonly expectations: ExpectationResult[];
  readonly stepFailures: StepFailure[];
  readonly invariants: InvariantResult[];
  /** The world as the run left it (processes, their tables and keyspaces, the network). */
  readonly world: World;
  readonly data: RunData;
  /** Simulated ms at which the last timeline entry finished; undefined if it never did. */
  readonly timelineFinishedAt: number | undefined;
  /** What timeline.html shows, unless the run was asked not to record it. */
  readonly timelineRecord: TimelineRecorder | undefined;
}


/** How long a run may go on past `duration` waiting for its timeline and expectations. */
const OVERRUN_LIMIT_MS = 3_600_000;

export function runScenario(scenario: Scenario, opts: RunOptions): RunResult {
  const steps = runSteps(scenario, opts);
  for (;;) {
    const r = steps.next(Infinity);
    if (r.done === true) return r.value;
  }
}

/**
 * The run as a sequence of slices, for a caller that must look up between
 * them (the CLI hears signals and draws progress there). next(ms) runs up to
 * ms more simulated time and yields the simulated now; the last next()
 * returns the result. Slicing changes nothing in what runs: the scheduler
 * runs every event up to a slice's end and the next slice continues from
 * there, as one long runUntil would.
 */
export function* runSteps(scenario: Scenario, opts: RunOptions): Generator<number, RunResult, number> {
  const world = buildWorld(scenario, opts);
  // Before anything else watches or drives the world, so that it sees everything after the formed cluster.
  const timelineRecord = opts.timeline === true ? new TimelineRecorder(world) : undefined;
  const data = new RunData(world, scenario);
  if (opts.sinks) streamReports(world, data, opts.sinks);
  const view = new WorldView(world);
  const context = (): ConditionContext => ({ world: view, events: world.recorder.events, data });
  const tracker = new ExpectationTracker(scenario.expect, world.sched, context);
  const hooks = makeHooks(world, data, tracker, context);
  const resolver = new Resolver(world, world.rng.fork('timeline'), (name) => data.workloads.pids(name));
  const timeline = new TimelineExecutor(world, resolver, hooks);

  const sched = world.sched;
  // A violation stops the run at once: what follows would only bury it. Not
  // when asked for the state at a given instant (sim nodes/info --at): that
  // view is wanted as it is then, violation or not.
  const haltOnViolation = opts.stopAtMs === undefined;
  const monitor = watchInvariants(
    world,
    view,
    scenario.invariants.enabled,
    opts.invariants ?? [],
    () => {
      if (haltOnViolation) sched.stop();
    },
    scenario.invariants.knownFlaws,
  );
  const halted = (): boolean => haltOnViolation && monitor.violation !== undefined;
  if (opts.onEvent) world.recorder.onEvent(opts.onEvent);
  opts.beforeRun?.(world);
  sched.afterEach = () => {
    if (sched.nextTime() > sched.now) {
      monitor.onInstantEnd();
      tracker.onInstantEnd();
    }
  };
  sched.runUntil(0);
  let sliceMs = yield sched.now;
  if (!halted()) {
    data.workloads.schedule();
    timeline.start(scenario.timeline);
    const end = opts.stopAtMs ?? scenario.durationMs;
    // At least once, even for a run that ends where it starts: what the timeline scheduled for now runs.
    while (sched.runUntil(Math.min(sched.now + sliceMs, end)) && sched.now < end) sliceMs = yield sched.now;
  }
  // Go on while the timeline or an expectation still needs time (in 1 s steps).
  const limit = scenario.durationMs + OVERRUN_LIMIT_MS;
  while (!halted() && opts.stopAtMs === undefined && (timeline.finishedAt === undefined || !tracker.settled) && sched.now < limit && sched.pending > 0) {
    sched.runUntil(Math.min(sched.now + 1000, limit));
    yield sched.now;
  }
  sched.afterEach = undefined;
  monitor.finish();
  data.end();
  tracker.finish();
  return resultOf(scenario, opts.seed, world, { tracker, timeline, monitor, data, timelineRecord });
}

interface Parts {
  tracker: ExpectationTracker;
  timeline: TimelineExecutor;
  monitor: InvariantMonitor;
  data: RunData;
  timelineRecord: TimelineRecorder | undefined;
}

/** The finished run, as RunResult gives it to reports and callers. */
function resultOf(scenario: Scenario, seed: number, world: World, p: Parts): RunResult {
  const failed = p.tracker.results.some((r) => !r.ok) || p.timeline.failures.length > 0;
  return {
    scenario,
    seed,
    world,
    endMs: world.now,
    warmupMs: warmupMs(scenario),
    events: world.recorder.events,
    logs: world.recorder.logs,
    logLevel: world.recorder.logLevel,
    names: world.recorder.names,
    stats: { schedulerEvents: world.sched.eventsRun, messagesSent: world.net.stats.sent, traceHash: world.trace.hex() },
    expectations: p.tracker.results,
    stepFailures: p.timeline.failures,
    invariants: p.monitor.results(),
    violation: p.monitor.violation,
    history: p.data.workloads.history,
    ackedWrites: p.data.ackedWrites,
    lostWrites: p.data.lostWritesList(),
    reads: p.data.readVerdict(),
    data: p.data,
    timelineFinishedAt: p.timeline.finishedAt,
    timelineRecord: p.timelineRecord,
    redisCliTranscript: redisCliTranscript(world),
    exitCode: p.monitor.violation ? 3 : failed ? 1 : 0,
  };
}
