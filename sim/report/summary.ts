// summary.json: the machine-readable outcome of a run. Everything in it is
// simulated and seed-determined except `wall_ms`, which the CLI fills in.

import { describeCondition, describeTiming } from '../scenario/describe.ts';
import type { NodeNames } from '../events/names.ts';
import type { SimEvent } from '../events/types.ts';
import { eventRow } from '../events/vocabulary.ts';
import type { RunReport } from './run-report.ts';

export interface Summary {
  scenario: string;
  file: string;
  seed: number;
  simulated_ms: number;
  warmup_ms: number;
  wall_ms: number | null;
  events: number;
  scheduler_events: number;
  messages_sent: Record<string, number>;
  trace_hash: string;
  expectations: { where: string; when: string; conditions: string[]; ok: boolean; decided_at_ms: number | null; why: string }[];
  steps_failed: { where: string; action: string; at_ms: number; why: string }[];
  /** One per enabled safety invariant; at_ms is when it was violated (null: it held). */
  invariants: { name: string; ok: boolean; why: string; at_ms: number | null }[];
  invariants_disabled: string[];
  /** The first violation (the run stopped there): the offending event, if one did it, and the last events of the nodes involved. */
  violation: {
    name: string;
    at_ms: number;
    why: string;
    event: SummaryEvent | null;
    context: SummaryEvent[];
  } | null;
  writes: { acked: number; lost: number } | null;
  /** Reads checked against the writes (null without workloads); `anomalies` lists the first SUMMARY_READS bad reads. */
  reads: {
    checked: number;
    stale: number;
    lost: number;
    phantom: number;
    anomalies: { kind: string; key: string; value: string; node: string; at_ms: number; missed: string; why: string }[];
  } | null;
  exit_code: number;
  repro: string;
}

export interface SummaryEvent {
  t_ms: number;
  node: string;
  event: string;
  subject: string;
  detail: string;
}

function summaryEvent(e: SimEvent, names: NodeNames): SummaryEvent {
  const r = eventRow(e, names);
  return { t_ms: r.t, node: r.node, event: r.event, subject: r.subject, detail: r.detail };
}

/** How many bad reads summary.json lists in full (the counts cover all). */
export const SUMMARY_READS = 100;

function readsSummary(r: RunReport): NonNullable<Summary['reads']> {
  const a = r.reads.anomalies;
  const count = (k: string): number => a.filter((x) => x.kind === k).length;
  return {
    checked: r.reads.checked,
    stale: count('stale'),
    lost: count('lost'),
    phantom: count('phantom'),
    anomalies: a.slice(0, SUMMARY_READS).map((x) => ({ kind: x.kind, key: x.key, value: x.value, node: x.node, at_ms: x.completedMs, missed: x.missed, why: x.why })),
  };
}

export function reproCommand(file: string, seed: number): string {
  return `npx sim run ${file} --seed ${seed}`;
}

/**
 * Every number in the summary is a count or simulated ms: ms are rounded to
 * the microsecond (latencies are drawn in µs), so no 17607.000000000004.
 */
function tidyNumbers<T>(x: T): T {
  if (typeof x === 'number') return (Number.isInteger(x) ? x : Math.round(x * 1000) / 1000) as T;
  if (Array.isArray(x)) return x.map(tidyNumbers) as T;
  if (x !== null && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, tidyNumbers(v)])) as T;
  return x;
}

export function buildSummary(r: RunReport, wallMs: number | null): Summary {
  return tidyNumbers(summaryOf(r, wallMs));
}

function summaryOf(r: RunReport, wallMs: number | null): Summary {
  const sent: Record<string, number> = {};
  for (const [k, v] of [...r.stats.messagesSent.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) sent[k] = v;
  const where = (p: { file: string; line: number; col: number }): string => `${p.file}:${p.line}:${p.col}`;
  const names = r.names;
  return {
    scenario: r.scenario.name,
    file: r.scenario.file,
    seed: r.seed,
    simulated_ms: r.endMs,
    warmup_ms: r.warmupMs,
    wall_ms: wallMs,
    events: r.events.length,
    scheduler_events: r.stats.schedulerEvents,
    messages_sent: sent,
    trace_hash: r.stats.traceHash,
    expectations: r.expectations.map((x) => ({
      where: where(x.expectation.pos),
      when: describeTiming(x.expectation.timing),
      conditions: x.expectation.conditions.map(describeCondition),
      ok: x.ok === true,
      decided_at_ms: x.decidedAt ?? null,
      why: x.why,
    })),
    steps_failed: r.stepFailures.map((f) => ({ where: where(f.pos), action: f.action, at_ms: f.at, why: f.why })),
    invariants: r.invariants.map((i) => ({ name: i.name, ok: i.ok, why: i.why, at_ms: i.atMs })),
    invariants_disabled: [...r.scenario.invariants.disabled],
    violation: r.violation
      ? {
          name: r.violation.invariant,
          at_ms: r.violation.atMs,
          why: r.violation.why,
          event: r.violation.event ? summaryEvent(r.violation.event, names) : null,
          context: r.violation.context.map((e) => summaryEvent(e, names)),
        }
      : null,
    writes: r.history.size > 0 ? { acked: r.ackedWrites, lost: r.lostWrites.length } : null,
    reads: r.history.size > 0 ? readsSummary(r) : null,
    exit_code: r.exitCode,
    repro: reproCommand(r.scenario.file, r.seed),
  };
}
