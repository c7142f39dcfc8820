// The second set of faults measured on real Redis 7.0.15 (../shared/real-redis
// README, "Second set of faults"): a replica killed or paused, two masters
// killed at once, a master restarted after 1 s, a one-way partition into a
// master, and a master killed in a 3 × 2 layout. Their milestones are about
// the fault's subject ("faulted"), as the real harness defined them:
// - first_pfail_ms, fail_quorum_ms: about the target (A; A1 for the replica faults);
// - faulted_state_fail_ms: the faulted node's own cluster_state turns fail;
// - fail_cleared_ms: a peer clears the faulted node's FAIL flag;
// - faulted_ok_ms: first cluster_state ok on a faulted node after the fault ended;
// - resync_done_ms: the last replica's first completed (re)sync after the fault;
// - survivors_ok_again_ms: the last node outside the fault back to ok after it turned fail;
// - writes_first_lost_ms: when the first write that was acknowledged and then lost was sent.

import type { EventRow as SimEvent } from '../../sim/events/vocabulary.ts';

export const SECOND_SET = [
  'kill-replica',
  'pause-replica',
  'kill-two-masters',
  'restart-master-fast',
  'oneway-partition-master',
  'kill-master-two-replicas',
] as const;
export type SecondFault = (typeof SECOND_SET)[number];

export const SECOND_METRICS = [
  'first_pfail_ms',
  'fail_quorum_ms',
  'faulted_state_fail_ms',
  'election_delay_logged_ms',
  'elected_ms',
  'survivors_ok_again_ms',
  'old_master_demoted_ms',
  'fail_cleared_ms',
  'faulted_ok_ms',
  'resync_done_ms',
  'writes_first_lost_ms',
] as const;
export type SecondMetric = (typeof SECOND_METRICS)[number];

export const isSecond = (f: string): f is SecondFault => (SECOND_SET as readonly string[]).includes(f);

/** The nodes each fault acts on, in the simulator's names. */
export const FAULTED: Record<SecondFault, readonly string[]> = {
  'kill-replica': ['A1'],
  'pause-replica': ['A1'],
  'kill-two-masters': ['A', 'B'],
  'restart-master-fast': ['A'],
  'oneway-partition-master': ['A'],
  'kill-master-two-replicas': ['A'],
};

/** How long the fault lasts (ms). */
export const faultLengthMs = (f: SecondFault): number => (f === 'restart-master-fast' ? 1000 : 20_000);

/** Faults whose real runs lost writes: the simulated run carries the real harness's workload. */
const WITH_WRITES: readonly SecondFault[] = ['kill-two-masters', 'restart-master-fast', 'oneway-partition-master'];

/**
 * The real runs' settings: NT 3000 and `save ''`, every other setting at its default. The
 * simulator does not model RDB snapshots yet (so it behaves as with `save ''` and rejects the
 * setting); once it does, these runs must say `save: ""`.
 */
export function secondScenarioText(fault: SecondFault, t: number): string {
  const replicas = fault === 'kill-master-two-replicas' ? 2 : 1;
  const end = t + faultLengthMs(fault);
  // One client outside the cluster, SET every 20 ms straight to A (tag {o2} is slot 3333), one
  // request in flight, 0.5 s timeout, MOVED not followed, from t0 − 1 s to the fault's end + 3 s.
  const workload = WITH_WRITES.includes(fault)
    ? `workload:\n  - name: w\n    rate: 50/s\n    keys: { count: 100000, pattern: "{o2}:%d" }\n    mix: { set: 1 }\n` +
      `    timeout: 500ms\n    follow-redirects: false\n    from: ${t - 1000}\n    to: ${end + 3000}\n`
    : '';
  const head =
    `name: calibration-${fault}\nduration: 45s\ncluster:\n  masters: 3\n  replicas: ${replicas}\n` +
    `  config: { cluster-node-timeout: 3000 }\n${workload}timeline:\n`;
  switch (fault) {
    case 'kill-replica':
      return `${head}  - at: ${t}\n    kill: A1\n  - at: ${end}\n    restart: A1\n`;
    case 'pause-replica':
      return `${head}  - at: ${t}\n    pause: { node: A1, for: 20s }\n`;
    case 'kill-two-masters':
      return `${head}  - at: ${t}\n    kill: A\n  - at: ${t}\n    kill: B\n  - at: ${end}\n    restart: A\n  - at: ${end}\n    restart: B\n`;
    case 'restart-master-fast':
    case 'kill-master-two-replicas':
      return `${head}  - at: ${t}\n    kill: A\n  - at: ${end}\n    restart: A\n`;
    case 'oneway-partition-master':
      return `${head}  - at: ${t}\n    partition: { from: ["*"], to: [A], oneway: true }\n  - at: ${end}\n    heal: all\n`;
  }
}

const first = (events: readonly SimEvent[], t0: number, pred: (e: SimEvent) => boolean): SimEvent | undefined =>
  events.find((e) => e.t >= t0 && pred(e));

const isState = (e: SimEvent, s: 'ok' | 'fail'): boolean => e.event === 'state' && e.detail.startsWith(`state=${s}`);

/** The last of `nodes` to reach its first event matching `pred` (each after its own `from`), or undefined if none did. */
function lastOfFirsts(events: readonly SimEvent[], nodes: readonly string[], from: (n: string) => number | undefined, pred: (e: SimEvent) => boolean): number | undefined {
  let last: number | undefined;
  for (const n of nodes) {
    const t = from(n);
    if (t === undefined) continue;
    const e = first(events, t, (x) => x.node === n && pred(x));
    if (e) last = Math.max(last ?? -Infinity, e.t);
  }
  return last;
}

export interface SecondRun {
  events: readonly SimEvent[];
  t0: number;
  nodes: readonly string[];
  /** Send times of the acknowledged writes that were lost. */
  lostInvokedMs: readonly number[];
}

export function secondMetricsOf(fault: SecondFault, run: SecondRun): Partial<Record<SecondMetric, number>> {
  const { events, t0 } = run;
  const faulted = FAULTED[fault];
  const end = t0 + faultLengthMs(fault);
  const about = (e: SimEvent): boolean => faulted.includes(e.subject);
  const on = (e: SimEvent): boolean => faulted.includes(e.node);
  const rel = (t: number | undefined): number | undefined => (t === undefined ? undefined : Math.round(t - t0));
  const out: Partial<Record<SecondMetric, number>> = {};
  const set = (k: SecondMetric, v: number | undefined): void => {
    if (v !== undefined) out[k] = v;
  };
  // PFAIL and FAIL are about the target (A, or A1 for the replica faults), as the real harness polled them.
  const target = faulted[0]!;
  set('first_pfail_ms', rel(first(events, t0, (e) => e.event === 'pfail' && e.subject === target)?.t));
  set('fail_quorum_ms', rel(first(events, t0, (e) => e.event === 'fail' && e.subject === target)?.t));
  set('faulted_state_fail_ms', rel(first(events, t0, (e) => on(e) && isState(e, 'fail') && e.t < end)?.t));
  const scheduled = first(events, t0, (e) => e.event === 'election-scheduled');
  const delay = scheduled && /(?:^| )delay=(\d+)/.exec(scheduled.detail);
  if (delay) out.election_delay_logged_ms = Number(delay[1]);
  set('elected_ms', rel(first(events, t0, (e) => e.event === 'election-won')?.t));
  const survivors = run.nodes.filter((n) => !faulted.includes(n));
  const wentFail = (n: string): number | undefined => first(events, t0, (e) => e.node === n && isState(e, 'fail'))?.t;
  set('survivors_ok_again_ms', rel(lastOfFirsts(events, survivors, wentFail, (e) => isState(e, 'ok'))));
  set('old_master_demoted_ms', rel(first(events, end, (e) => e.node === 'A' && e.subject === 'A' && e.event === 'role' && /role=replica/.test(e.detail))?.t));
  set('fail_cleared_ms', rel(first(events, t0, (e) => e.event === 'fail-cleared' && about(e))?.t));
  set('faulted_ok_ms', rel(first(events, end, (e) => on(e) && isState(e, 'ok'))?.t));
  const linkUp = (e: SimEvent): boolean => e.event === 'repl-link' && e.detail.startsWith('state=up');
  set('resync_done_ms', rel(lastOfFirsts(events, run.nodes, () => t0, linkUp)));
  if (run.lostInvokedMs.length > 0) out.writes_first_lost_ms = Math.round(Math.min(...run.lostInvokedMs) - t0);
  return out;
}
