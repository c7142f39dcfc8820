// fast-check arbitraries for fault schedules. Every field shrinks toward the
// simplest fault: times toward 0, node indices toward A, durations toward
// short, lists toward fewer steps; so a failing schedule shrinks to the few
// faults that matter, at the earliest times that still fail. Times are in
// 100 ms steps, which keeps the written scenario readable.

import fc from 'fast-check';
import type { BusMessageType } from '../scenario/types.ts';
import type { FailoverMode, FaultSchedule, FaultStep } from './schedule.ts';

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
}

/** Messages worth dropping: the ones failure detection and elections depend on. */
const DROP_TYPES: readonly BusMessageType[] = ['PING', 'PONG', 'FAIL', 'FAILOVER_AUTH_REQUEST', 'FAILOVER_AUTH_ACK', 'UPDATE'];

const tenths = (maxMs: number, minMs = 0): fc.Arbitrary<number> => fc.integer({ min: Math.ceil(minMs / 100), max: Math.floor(maxMs / 100) }).map((x) => x * 100);

export function stepArbitrary(s: ScheduleSettings): fc.Arbitrary<FaultStep> {
  const atMs = tenths(s.windowMs);
  const node = fc.nat({ max: s.nodes - 1 });
  const hold = tenths(s.maxHoldMs, 100);
  // Latency in 10 ms steps up to half a second; loss in tenths (on the TCP bus loss is delay, never a drop).
  const latencyMs = fc.integer({ min: 0, max: 50 }).map((x) => x * 10);
  const loss = fc.integer({ min: 0, max: 5 }).map((x) => x / 10);
  const w = (weight: number, arbitrary: fc.Arbitrary<FaultStep>) => ({ weight, arbitrary });
  const arbs = [
    w(3, fc.record({ kind: fc.constant('kill' as const), atMs, node })),
    w(2, fc.record({ kind: fc.constant('restart' as const), atMs, node })),
    w(3, fc.record({ kind: fc.constant('isolate' as const), atMs, node })),
    w(2, fc.record({ kind: fc.constant('partition' as const), atMs, sides: fc.array(fc.nat({ max: 2 }), { minLength: s.nodes, maxLength: s.nodes }) })),
    w(1, fc.record({ kind: fc.constant('oneway' as const), atMs, node })),
    w(2, fc.record({ kind: fc.constant('heal' as const), atMs })),
    w(1, fc.record({ kind: fc.constant('heal-between' as const), atMs, a: node, b: node })),
    w(2, fc.record({ kind: fc.constant('pause' as const), atMs, node, forMs: fc.option(hold, { nil: null }) })),
    w(1, fc.record({ kind: fc.constant('resume' as const), atMs, node })),
    w(1, fc.record({ kind: fc.constant('link' as const), atMs, node, latencyMs, loss })),
    w(1, fc.record({ kind: fc.constant('network' as const), atMs, latencyMs, loss })),
  ];
  if (s.failoverModes.length > 0) {
    arbs.push(w(3, fc.record({ kind: fc.constant('failover' as const), atMs, node, mode: fc.constantFrom(...s.failoverModes) })));
  }
  if (s.messageDrops) {
    const types = fc.subarray([...DROP_TYPES], { minLength: 1 });
    arbs.push(w(2, fc.record({ kind: fc.constant('drop' as const), atMs, types, from: node, to: fc.option(node, { nil: null }), forMs: hold })));
  }
  return fc.oneof(...arbs);
}

export function scheduleArbitrary(s: ScheduleSettings): fc.Arbitrary<FaultSchedule> {
  return fc.record({
    steps: fc.array(stepArbitrary(s), { minLength: 1, maxLength: s.maxSteps }),
    healAfterMs: tenths(s.maxHoldMs),
  });
}
