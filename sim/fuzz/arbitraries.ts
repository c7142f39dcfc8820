// fast-check arbitraries for fault schedules. Every field shrinks toward the
// simplest fault: times toward 0, node indices toward A, durations toward
// short, lists toward fewer steps; so a failing schedule shrinks to the few
// faults that matter, at the earliest times that still fail. Times are in
// 100 ms steps, which keeps the written scenario readable.

import fc from 'fast-check';
import type { BusMessageType } from '../scenario/types.ts';
import type { ConfigParameter, FailoverMode, FaultKind, FaultSchedule, FaultStep } from './schedule.ts';

export interface ScheduleSettings {
  /** Nodes in the cluster (indices 0..nodes-1). */
  readonly nodes: number;
  /** Faults happen in [0, windowMs]. */
  readonly windowMs: number;
  readonly maxSteps: number;
  /** Longest pause, drop, and gap between the last fault and the ending. */
  readonly maxHoldMs: number;
  readonly failoverModes: readonly FailoverMode[];
  /** Message-level drops (stronger than TCP allows), opt-in. */
  readonly messageDrops: boolean;
  /**
   * Swarm runs: the first `masters` indices are masters, the next `replicas`
   * replicas. Faults that hurt (kill, isolate, pause, sleep) then aim at a
   * master more often, and commands meant for replicas (CLUSTER FAILOVER,
   * replication cuts, CONFIG SET) at a replica: a uniform pick would waste
   * most steps on nodes where they do nothing.
   */
  readonly roles?: { readonly masters: number; readonly replicas: number };
  /**
   * Fault times are multiples of this (default 100 ms). A coarse step makes
   * faults coincide: two takeovers, or two masters failing, in one instant.
   */
  readonly timeStepMs?: number;
  /** Highest TCP loss a link or network step sets (default 0.5). */
  readonly maxLoss?: number;
  /** Highest one-way latency a link or network step sets (default 500 ms). */
  readonly maxLatencyMs?: number;
  /** Swarm testing: only these kinds (with their own weights); absent, every kind at its usual weight. */
  readonly kinds?: readonly { readonly kind: FaultKind; readonly weight: number }[];
}

/** CONFIG SET values worth trying: the ones that change whether a replica may fail over. */
const CONFIG_VALUES: Record<ConfigParameter, readonly string[]> = {
  'cluster-replica-no-failover': ['yes', 'no'],
  'cluster-replica-validity-factor': ['0', '1', '10'],
  'cluster-allow-replica-migration': ['yes', 'no'],
};

/** Messages worth dropping: the ones failure detection and elections depend on. */
const DROP_TYPES: readonly BusMessageType[] = ['PING', 'PONG', 'FAIL', 'FAILOVER_AUTH_REQUEST', 'FAILOVER_AUTH_ACK', 'UPDATE'];

const tenths = (maxMs: number, minMs = 0): fc.Arbitrary<number> => fc.integer({ min: Math.ceil(minMs / 100), max: Math.floor(maxMs / 100) }).map((x) => x * 100);

export function stepArbitrary(s: ScheduleSettings): fc.Arbitrary<FaultStep> {
  const step = s.timeStepMs ?? 100;
  const atMs = fc.integer({ min: 0, max: Math.floor(s.windowMs / step) }).map((x) => x * step);
  const any = fc.nat({ max: s.nodes - 1 });
  const r = s.roles;
  const master = r ? fc.nat({ max: r.masters - 1 }) : any;
  const replica = r && r.replicas > 0 ? fc.integer({ min: r.masters, max: r.masters + r.replicas - 1 }) : any;
  const node = r ? fc.oneof({ weight: 2, arbitrary: master }, { weight: 1, arbitrary: any }) : any;
  const forReplica = r ? fc.oneof({ weight: 3, arbitrary: replica }, { weight: 1, arbitrary: any }) : any;
  const hold = tenths(s.maxHoldMs, 100);
  // Latency in 10 ms steps up to half a second; loss in tenths (on the TCP bus loss is delay, never a drop).
  const latencyMs = fc.integer({ min: 0, max: Math.floor((s.maxLatencyMs ?? 500) / 10) }).map((x) => x * 10);
  const loss = fc.integer({ min: 0, max: Math.round((s.maxLoss ?? 0.5) * 10) }).map((x) => x / 10);
  const arbs: { kind: FaultKind; weight: number; arbitrary: fc.Arbitrary<FaultStep> }[] = [];
  const w = (kind: FaultKind, weight: number, arbitrary: fc.Arbitrary<FaultStep>) => arbs.push({ kind, weight, arbitrary });
  const k = <K extends FaultKind>(kind: K) => fc.constant(kind);
  w('kill', 3, fc.record({ kind: k('kill'), atMs, node }));
  w('restart', 2, fc.record({ kind: k('restart'), atMs, node }));
  w('isolate', 3, fc.record({ kind: k('isolate'), atMs, node }));
  w('partition', 2, fc.record({ kind: k('partition'), atMs, sides: fc.array(fc.nat({ max: 2 }), { minLength: s.nodes, maxLength: s.nodes }) }));
  w('oneway', 1, fc.record({ kind: k('oneway'), atMs, node }));
  w('heal', 2, fc.record({ kind: k('heal'), atMs }));
  w('heal-between', 1, fc.record({ kind: k('heal-between'), atMs, a: any, b: any }));
  w('pause', 2, fc.record({ kind: k('pause'), atMs, node, forMs: fc.option(hold, { nil: null }) }));
  w('resume', 1, fc.record({ kind: k('resume'), atMs, node }));
  w('link', 1, fc.record({ kind: k('link'), atMs, node, latencyMs, loss }));
  w('network', 1, fc.record({ kind: k('network'), atMs, latencyMs, loss }));
  if (s.failoverModes.length > 0) w('failover', 3, fc.record({ kind: k('failover'), atMs, node: forReplica, mode: fc.constantFrom(...s.failoverModes) }));
  if (s.messageDrops) {
    const types = fc.subarray([...DROP_TYPES], { minLength: 1 });
    w('drop', 2, fc.record({ kind: k('drop'), atMs, types, from: node, to: fc.option(node, { nil: null }), forMs: hold }));
  }
  if (s.kinds) {
    w('cut', 2, fc.record({ kind: k('cut'), atMs, a: node, b: any, oneway: fc.boolean() }));
    w('shutdown', 1, fc.record({ kind: k('shutdown'), atMs, node }));
    w('sleep', 1, fc.record({ kind: k('sleep'), atMs, node, seconds: fc.integer({ min: 1, max: Math.max(1, Math.floor(s.maxHoldMs / 1000)) }) }));
    const parameter = fc.constantFrom(...(Object.keys(CONFIG_VALUES) as ConfigParameter[]));
    w('config', 1, parameter.chain((p) => fc.record({ kind: k('config'), atMs, node: forReplica, parameter: fc.constant(p), value: fc.constantFrom(...CONFIG_VALUES[p]) })));
    w('repl-cut', 2, fc.record({ kind: k('repl-cut'), atMs, node: forReplica }));
    w('repl-restore', 1, fc.record({ kind: k('repl-restore'), atMs, node: forReplica }));
  }
  const chosen = s.kinds ? arbs.flatMap((a) => {
    const pick = s.kinds!.find((x) => x.kind === a.kind);
    return pick ? [{ weight: pick.weight, arbitrary: a.arbitrary }] : [];
  }) : arbs.map((a) => ({ weight: a.weight, arbitrary: a.arbitrary }));
  if (chosen.length === 0) throw new Error('fuzz: no fault kind to draw from');
  return fc.oneof(...chosen);
}

export function scheduleArbitrary(s: ScheduleSettings): fc.Arbitrary<FaultSchedule> {
  return fc.record({
    steps: fc.array(stepArbitrary(s), { minLength: 1, maxLength: s.maxSteps }),
    healAfterMs: tenths(s.maxHoldMs),
  });
}
