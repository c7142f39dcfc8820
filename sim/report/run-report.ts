// What reports read of a finished run: its events and log, who is who, what
// was expected and what held, the client history and its lost writes, and
// the numbers of the simulation itself. The runner's RunResult is one; the
// reports never reach into a live world.

import type { ExpectationResult, StepFailure } from '../check/expectations.ts';
import type { InvariantResult, ViolationReport } from '../check/invariants/index.ts';
import type { NodeNames } from '../events/names.ts';
import type { LogRecord, LogThreshold } from '../events/recorder.ts';
import type { SimEvent } from '../events/types.ts';
import type { Scenario } from '../scenario/types.ts';
import type { History } from '../workload/history.ts';
import type { LostWrite } from '../workload/lost-writes.ts';
import type { ReadVerdict } from '../workload/read-check.ts';
import type { TimelineRecord } from './timeline/build.ts';

/** The simulation's own counts. */
export interface RunStats {
  /** Scheduler events run (timers, deliveries, crons). */
  readonly schedulerEvents: number;
  /** Messages sent, by type label (PING, SET, repl …). */
  readonly messagesSent: ReadonlyMap<string, number>;
  /** The trace hash: equal for two runs of the same scenario and seed. */
  readonly traceHash: string;
}

export interface RunReport {
  readonly scenario: Scenario;
  readonly seed: number;
  /** Simulated ms the run covered after t=0. */
  readonly endMs: number;
  /** Simulated ms of forming the cluster before t=0. */
  readonly warmupMs: number;
  readonly events: readonly SimEvent[];
  /** Log records at the level the run was asked for. */
  readonly logs: readonly LogRecord[];
  /** That level (events.csv writes verbose events only at verbose or debug). */
  readonly logLevel: LogThreshold;
  readonly names: NodeNames;
  readonly stats: RunStats;
  readonly expectations: readonly ExpectationResult[];
  readonly stepFailures: readonly StepFailure[];
  /** One per enabled safety invariant. */
  readonly invariants: readonly InvariantResult[];
  /** The first violation; the run stopped right after it. */
  readonly violation: ViolationReport | undefined;
  /** Every client operation of the workloads. */
  readonly history: History;
  readonly ackedWrites: number;
  readonly lostWrites: readonly LostWrite[];
  /** Reads checked against the writes: how many, and the stale, lost and phantom ones with their stories. */
  readonly reads: ReadVerdict;
  /** What timeline.html shows, when the run recorded it. */
  readonly timelineRecord: TimelineRecord | undefined;
  /** Every redis-cli invocation with its full output, or ''. */
  readonly redisCliTranscript: string;
  /** 0 all held, 1 an expectation or step failed, 3 a safety invariant was violated. */
  readonly exitCode: 0 | 1 | 3;
}
