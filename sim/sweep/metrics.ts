// One row of a sweep's metrics.csv: what one seed of a scenario did, read
// from its events (the same events.csv a single `sim run` writes) and its
// final state. Times are relative to the first injected fault, the instant
// an operator would start a stopwatch; a metric is null when it never happened.

import { buildSummary } from '../report/summary.ts';
import type { NodeNames } from '../events/names.ts';
import { NONE, type SimEvent } from '../events/types.ts';
import type { RunResult } from '../run/runner.ts';

export interface SeedMetrics {
  seed: number;
  exit_code: number;
  /** Failed expectations and failed timeline steps. */
  failed: number;
  /** Where they are written (`line:col`, space-separated). */
  failed_where: string;
  /** Names of violated safety invariants, space-separated. */
  invariants_violated: string;
  /** Simulated instant of the first fault (timeline action), absolute. */
  fault_at_ms: number | null;
  first_pfail_ms: number | null;
  first_fail_ms: number | null;
  election_won_ms: number | null;
  survivors_ok_ms: number | null;
  /** From the first FAIL to the first election won (the failover's own time, detection left out). */
  election_delay_ms: number | null;
  /** When the first election's old master turned replica (it came back and was demoted). */
  old_master_demoted_ms: number | null;
  /** Elections won after the first fault. */
  elections: number;
  /** Events recorded after the first fault (how busy the run was). */
  events: number;
  /** Node that won the first election (or took over without one). */
  winner: string;
  /** Masters with slots and their configEpochs at the end: `A1:7,B:2,C:3`. */
  final_epochs: string;
  acked_writes: number | null;
  lost_writes: number | null;
  simulated_ms: number;
  trace_hash: string;
  /** Internal error text (exit code 4), else ''. */
  error: string;
}

/** The timing metrics percentiles are computed for, in column order. */
export const TIMING_METRICS = ['first_pfail_ms', 'first_fail_ms', 'election_won_ms', 'survivors_ok_ms', 'election_delay_ms', 'old_master_demoted_ms'] as const;
export type TimingMetric = (typeof TIMING_METRICS)[number];

/** CSV column order. */
export const METRIC_COLUMNS: readonly (keyof SeedMetrics)[] = [
  'seed',
  'exit_code',
  'failed',
  'failed_where',
  'invariants_violated',
  'fault_at_ms',
  ...TIMING_METRICS,
  'elections',
  'events',
  'winner',
  'final_epochs',
  'acked_writes',
  'lost_writes',
  'simulated_ms',
  'trace_hash',
  'error',
];

/** An invariant result as the runner reports it (see check/invariants). */
export interface InvariantOutcome {
  readonly name: string;
  readonly ok: boolean;
  readonly why: string;
}

/**
 * The invariants a run violated. Read structurally so that this module does
 * not depend on which checkers a build has: a runner without them reports none.
 */
export function violatedInvariants(r: RunResult): InvariantOutcome[] {
  const results = (r as { invariants?: readonly InvariantOutcome[] }).invariants ?? buildSummary(r, null).invariants;
  return results.filter((i) => !i.ok);
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

/** A manual TAKEOVER promotes without an election: the promotion stands in for the win. */
const isPromotion = (e: SimEvent): boolean => e.type === 'role' && e.role === 'master' && !e.reset;

/** The first timeline action: a `fault` event, or a scripted command's reply for `redis:` actions. */
function firstFaultAt(events: readonly SimEvent[]): number | null {
  const e = events.find((x) => x.t >= 0 && x.type === 'fault') ?? events.find((x) => x.t >= 0 && x.type === 'command');
  return e ? e.t : null;
}

/**
 * Nodes a fault aimed at: subjects of node faults, and for partitions every
 * side but the largest (the minority is what was cut off). The rest are the
 * survivors whose return to cluster_state ok is measured.
 */
function faultedNodes(events: readonly SimEvent[]): Set<number> {
  const out = new Set<number>();
  for (const e of events) {
    if (e.type !== 'fault') continue;
    if (e.subject !== NONE) out.add(e.subject);
    const sides = e.groups.length > 0 ? e.groups : e.action === 'partition' && e.from.length > 0 && e.to.length > 0 ? [e.from, e.to] : [];
    const largest = sides.reduce((best, g, i) => (g.length > sides[best]!.length ? i : best), 0);
    sides.forEach((g, i) => {
      if (i !== largest) for (const n of g) out.add(n);
    });
  }
  return out;
}

/** When every survivor that lost cluster_state ok after the fault had it back; null if one never did or none lost it. */
function survivorsOkAt(events: readonly SimEvent[], t0: number, nodes: readonly number[]): number | null {
  const faulted = faultedNodes(events);
  let last: number | null = null;
  for (const n of nodes) {
    if (faulted.has(n)) continue;
    const down = events.find((e) => e.t >= t0 && e.node === n && e.type === 'state' && e.state === 'fail');
    if (!down) continue;
    const up = events.find((e) => e.t >= down.t && e.node === n && e.type === 'state' && e.state === 'ok');
    if (!up) return null;
    last = Math.max(last ?? -Infinity, up.t);
  }
  return last;
}

function finalEpochs(r: RunResult): string {
  return r.world.processes
    .filter((p) => p.server && !p.server.cs.myself.slaveof && p.server.cs.myself.numslots > 0)
    .map((p) => `${p.name}:${p.server!.cs.myself.configEpoch}`)
    .sort()
    .join(',');
}

export function seedMetrics(r: RunResult): SeedMetrics {
  const events = r.world.recorder.events;
  const names: NodeNames = r.world.recorder.names;
  const summary = buildSummary(r, null);
  const t0 = firstFaultAt(events);
  const from = t0 ?? 0;
  const first = (pred: (e: SimEvent) => boolean): SimEvent | undefined => events.find((e) => e.t >= from && pred(e));
  const rel = (t: number | null | undefined): number | null => (t === null || t === undefined ? null : round(t - from));
  const won = first((e) => e.type === 'election-won') ?? first(isPromotion);
  const firstFail = first((e) => e.type === 'fail');
  const oldMaster = won?.type === 'election-won' ? won.subject : won?.type === 'role' ? won.wasReplicaOf : NONE;
  const demoted = won && oldMaster !== NONE ? events.find((e) => e.t >= won.t && e.type === 'role' && e.role === 'replica' && e.subject === oldMaster) : undefined;
  const failed = [...summary.expectations.filter((x) => !x.ok), ...summary.steps_failed];
  return {
    seed: r.seed,
    exit_code: r.exitCode,
    failed: failed.length,
    failed_where: failed.map((x) => x.where.replace(/^.*:(\d+:\d+)$/, '$1')).join(' '),
    invariants_violated: violatedInvariants(r)
      .map((i) => i.name)
      .join(' '),
    fault_at_ms: t0,
    first_pfail_ms: rel(first((e) => e.type === 'pfail')?.t),
    first_fail_ms: rel(first((e) => e.type === 'fail')?.t),
    election_won_ms: rel(won?.t),
    survivors_ok_ms: rel(survivorsOkAt(events, from, r.world.processes.map((p) => p.pid))),
    election_delay_ms: won?.type === 'election-won' && firstFail && won.t >= firstFail.t ? round(won.t - firstFail.t) : null,
    old_master_demoted_ms: rel(demoted?.t),
    elections: events.reduce((n, e) => n + (e.t >= from && e.type === 'election-won' ? 1 : 0), 0),
    events: events.reduce((n, e) => n + (e.t >= from ? 1 : 0), 0),
    winner: won ? names.name(won.node) : '',
    final_epochs: finalEpochs(r),
    acked_writes: summary.writes?.acked ?? null,
    lost_writes: summary.writes?.lost ?? null,
    simulated_ms: r.endMs,
    trace_hash: summary.trace_hash,
    error: '',
  };
}

/** The row of a seed whose run threw (exit code 4, as `sim run` would exit). */
export function crashedSeed(seed: number, message: string): SeedMetrics {
  return {
    seed,
    exit_code: 4,
    failed: 0,
    failed_where: '',
    invariants_violated: '',
    fault_at_ms: null,
    first_pfail_ms: null,
    first_fail_ms: null,
    election_won_ms: null,
    survivors_ok_ms: null,
    election_delay_ms: null,
    old_master_demoted_ms: null,
    elections: 0,
    events: 0,
    winner: '',
    final_epochs: '',
    acked_writes: null,
    lost_writes: null,
    simulated_ms: 0,
    trace_hash: '',
    error: message,
  };
}
