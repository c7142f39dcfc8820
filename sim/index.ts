// The library: what a test suite imports. Load a scenario (YAML text or a
// plain object), run it with a seed and read what happened: the summary,
// the typed events, expectations, safety invariants (yours too), lost writes
// and the client history. Sweeps and fuzzing are functions as well. Nothing
// here touches files, the clock or the console.

import { stringify } from 'yaml';
import type { UserInvariant } from './check/invariants/user.ts';
import { NodeNames } from './events/names.ts';
import type { LogThreshold } from './events/recorder.ts';
import type { EventOf, EventType, SimEvent } from './events/types.ts';
import { eventRow, type EventRow } from './events/vocabulary.ts';
import { buildSummary, type Summary } from './report/summary.ts';
import { runScenario as runWorld, type RunResult } from './run/runner.ts';
import { formatScenarioError, loadScenario, type ScenarioError } from './scenario/index.ts';
import { CHECK_NAMES } from './scenario/vocabulary.ts';
import type { Scenario } from './scenario/types.ts';

export type { ClusterReader, NodeView } from './check/views.ts';
export type { InvariantWorld, Violation } from './check/invariants/types.ts';
export type { InvariantResult, ViolationReport } from './check/invariants/monitor.ts';
export type { UserInvariant } from './check/invariants/user.ts';
export type { ExpectationResult, StepFailure } from './check/expectations.ts';
export type { LogLevel, LogRecord, LogThreshold } from './events/recorder.ts';
export type * from './events/types.ts';
export { NONE } from './events/types.ts';
export { NodeNames } from './events/names.ts';
export { EVENT_TYPES, eventRow, eventDetail, slotRangesText, type EventRow } from './events/vocabulary.ts';
export type { RunReport, RunStats } from './report/run-report.ts';
export type { Summary } from './report/summary.ts';
export type { Scenario, Expectation, TimelineEntry, Condition } from './scenario/types.ts';
export type { ScenarioError } from './scenario/index.ts';
export { formatScenarioError } from './scenario/index.ts';
export { scenarioToYaml } from './scenario/to-yaml.ts';
export type { History, Op } from './workload/history.ts';
export type { LostWrite } from './workload/lost-writes.ts';
export type { ReadAnomaly, ReadAnomalyKind, ReadVerdict } from './workload/read-check.ts';
export { formatHistoryEdn } from './report/history-edn.ts';
export { keyHashSlot } from './core/keyslot.ts';
export { sweep, type SweepInput, type SweepResult } from './sweep/api.ts';
export type { SeedMetrics } from './sweep/metrics.ts';
export type { SweepSummary } from './sweep/stats.ts';
export { fuzz, FUZZ_DEFAULTS, type FuzzSettings, type FuzzResult, type FuzzFailure, type FuzzProgress, type FuzzCase } from './fuzz/fuzz.ts';
export { scheduleScenario, fuzzCases, caseScenario, type FuzzScenario } from './fuzz/api.ts';
export type { ClusterShape, FaultSchedule, FaultStep } from './fuzz/schedule.ts';
export type { SwarmParams, SwarmWorkload } from './fuzz/swarm.ts';

/** A scenario file that does not load: every error, each with its position. */
export class ScenarioLoadError extends Error {
  constructor(readonly errors: readonly ScenarioError[]) {
    super(errors.map(formatScenarioError).join('\n'));
    this.name = 'ScenarioLoadError';
  }
}

/**
 * A scenario from its YAML text (the format of `sim run`). `file` names it in
 * error positions and is its default name. Throws ScenarioLoadError.
 */
export function scenarioFromYaml(text: string, file = 'scenario.yaml'): Scenario {
  const r = loadScenario(file, text);
  if (!r.ok) throw new ScenarioLoadError(r.errors);
  return r.scenario;
}

/**
 * A scenario from a plain object shaped like the YAML (keys as in the file:
 * `cluster`, `timeline`, `expect` …). It is validated exactly as a file is;
 * error positions refer to the object written out as YAML.
 */
export function scenarioFromObject(spec: Readonly<Record<string, unknown>>, file = 'scenario.yaml'): Scenario {
  return scenarioFromYaml(stringify(spec), file);
}

export interface RunScenarioOptions {
  /** The seed (default: the scenario's `seed:`, else 1). Same scenario and seed, same run. */
  readonly seed?: number;
  /** Your own safety invariants, checked like the built-in ones: a violation stops the run (exit code 3). */
  readonly invariants?: readonly UserInvariant[];
  /** Told every event as it is emitted, while the run goes. */
  readonly onEvent?: (e: SimEvent) => void;
  /** The lowest log level recorded in `logs` (default `nothing`: no node formats a line). */
  readonly logLevel?: LogThreshold;
  /** Record what timeline.html shows (default false: it costs time and memory). */
  readonly timeline?: boolean;
  /** Stop at this simulated instant (ms) instead of the scenario's end. */
  readonly stopAtMs?: number;
}

/** A finished run: the reports' view of it, its summary.json, and the world as the run left it. */
export interface ScenarioRun extends RunResult {
  /** summary.json's content (wall_ms is null: the library does not read the clock). */
  readonly summary: Summary;
  /** Every event as events.csv shows it. */
  rows(): EventRow[];
  /** The events of one type, typed. */
  eventsOf<K extends EventType>(type: K): EventOf<K>[];
  /** A node index as reports print it (`A`, `B1`, …). */
  nameOf(ix: number): string;
}

/** Run a scenario with a seed, deterministically; returns what happened. */
export function runScenario(scenario: Scenario, options: RunScenarioOptions = {}): ScenarioRun {
  for (const u of options.invariants ?? []) {
    if ((CHECK_NAMES as readonly string[]).includes(u.name)) throw new Error(`invariant name "${u.name}" is a built-in invariant's`);
  }
  const r = runWorld(scenario, {
    seed: options.seed ?? scenario.seed ?? 1,
    logLevel: options.logLevel ?? 'nothing',
    timeline: options.timeline ?? false,
    ...(options.stopAtMs !== undefined ? { stopAtMs: options.stopAtMs } : {}),
    ...(options.invariants ? { invariants: options.invariants } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  const names: NodeNames = r.names;
  return {
    ...r,
    summary: buildSummary(r, null),
    rows: () => r.events.map((e) => eventRow(e, names)),
    eventsOf: <K extends EventType>(type: K) => r.events.filter((e): e is EventOf<K> => e.type === type),
    nameOf: (ix: number) => names.name(ix),
  };
}
