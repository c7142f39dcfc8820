// converges-after-heal, driven through the monitor as a run drives it:
// events as they happen, instant ends in between, faults the test switches.

import { describe, expect, it } from 'vitest';
import { CLUSTER_NODE_PFAIL } from '../../sim/cluster/constants.ts';
import { convergenceBound, describeBound } from '../../sim/check/invariants/bound.ts';
import { ConvergesAfterHeal } from '../../sim/check/invariants/converges-after-heal.ts';
import { dirtyPollMs, InvariantMonitor, type ViolationReport } from '../../sim/check/invariants/monitor.ts';
import type { SimEvent } from '../../sim/events/types.ts';
import { eventDetail } from '../../sim/events/vocabulary.ts';
import { E, FixtureWorld, NAMES, NT, THREE_BY_ONE } from './fixtures.ts';

const BOUND = convergenceBound(NT, 1).total;

function harness() {
  const w = new FixtureWorld(THREE_BY_ONE);
  const events: SimEvent[] = [];
  const violations: ViolationReport[] = [];
  const m = new InvariantMonitor({ world: w, invariants: [new ConvergesAfterHeal(0)], events, onViolation: (v) => violations.push(v) });
  const emit = (e: SimEvent) => {
    w.at(e.t);
    events.push(e);
    m.onEvent(e);
  };
  /** Instant ends every 10 ms from `from` to `to`. */
  const run = (from: number, to: number) => {
    for (let t = from; t <= to; t += 10) {
      w.at(t);
      m.onInstantEnd();
      if (m.violation) return;
    }
  };
  /** A flags B as failing: not converged. */
  const disagree = (on: boolean) => {
    const b = w.node('A').entry('B');
    b.flags = on ? b.flags | CLUSTER_NODE_PFAIL : b.flags & ~CLUSTER_NODE_PFAIL;
  };
  return { w, m, emit, run, disagree, violations };
}

describe('the bound', () => {
  it('is the sum of the spec-derived steps (NT = 3 s, one replica per master)', () => {
    const b = convergenceBound(3000, 1);
    expect(b).toMatchObject({ links: 4100, failureDetection: 7100, failover: 14_000, replicaMigration: 7600, propagation: 2500, command: 0 });
    expect(b.total).toBe(35_300);
    expect(describeBound(b)).toBe('35.3s = links 4.1s + failure detection 7.1s + failover 14.0s + replica migration 7.6s + propagation 2.5s');
  });

  it('grows with NT (the election retry dominates) and with the rank delays of more replicas', () => {
    expect(convergenceBound(15_000, 1).total).toBe(131_300);
    expect(convergenceBound(3000, 3).failover - convergenceBound(3000, 1).failover).toBe(2000);
  });
});

describe('converges-after-heal', () => {
  it('holds: the formed cluster is converged from the start', () => {
    const h = harness();
    h.run(0, 100_000);
    expect(h.m.violation).toBeUndefined();
    expect(h.m.results()).toEqual([{ name: 'converges-after-heal', ok: true, why: '', atMs: null }]);
  });

  it('no deadline while a fault is in force, however long it lasts', () => {
    const h = harness();
    h.w.faults = ['a partition'];
    h.emit(E.fault(1000, 'partition', { groups: E.groups(['A'], ['B', 'C', 'A1', 'B1', 'C1']) }));
    h.disagree(true);
    h.run(1000, 300_000);
    expect(h.m.violation).toBeUndefined();
    expect(h.m.results()[0]!.why).toMatch(/^faults still in force at the end \(since partition at 1\.000s\)/);
  });

  it('breaks: still not converged when the bound has run out after the heal', () => {
    const h = harness();
    h.w.faults = ['a partition'];
    h.emit(E.fault(1000, 'partition', { groups: E.groups(['A'], ['B', 'C', 'A1', 'B1', 'C1']) }));
    h.disagree(true);
    h.run(1000, 20_000);
    h.w.faults = [];
    h.emit(E.fault(20_000, 'heal', { all: true }));
    h.run(20_000, 20_000 + BOUND - 10);
    expect(h.m.violation).toBeUndefined();
    h.run(20_000 + BOUND, 20_000 + BOUND + 100);
    const v = h.violations[0]!;
    expect(v).toMatchObject({ invariant: 'converges-after-heal', atMs: 20_000 + BOUND });
    expect(v.why).toMatch(/^not converged 35\.300s after every fault healed at 20\.000s \(disturbed by heal at 20\.000s\); bound 35\.3s = .*; A flags live B as failing$/);
    expect(v.context.map((e) => eventDetail(e, NAMES))).toContain('action=heal all=1');
  });

  it('holds: converged some time before the deadline', () => {
    const h = harness();
    h.emit(E.fault(1000, 'heal', { all: true }));
    h.disagree(true);
    h.run(1000, 1000 + BOUND - 5000);
    h.disagree(false);
    h.run(1000 + BOUND - 5000, 1000 + 3 * BOUND);
    expect(h.m.violation).toBeUndefined();
  });

  it('a silent fault (DEBUG SLEEP) found at the deadline postpones it until the fault heals', () => {
    const h = harness();
    h.emit(E.command(1000, 'A', 'DEBUG SLEEP 60'));
    h.disagree(true);
    h.run(1000, 1000 + BOUND - 100);
    h.w.faults = ['A paused'];
    h.run(1000 + BOUND - 100, 1000 + 3 * BOUND);
    expect(h.m.violation).toBeUndefined();
    h.w.faults = [];
    h.run(1000 + 3 * BOUND, 1000 + 5 * BOUND);
    expect(h.m.violation?.atMs).toBe(1000 + 4 * BOUND);
  });

  it('CLUSTER FORGET adds the blacklist\'s 61 s to the bound', () => {
    const h = harness();
    h.emit(E.command(1000, 'A', 'CLUSTER FORGET B1'));
    h.disagree(true);
    h.run(1000, 1000 + BOUND + 60_000);
    expect(h.m.violation).toBeUndefined();
    h.run(1000 + BOUND + 60_000, 1000 + BOUND + 62_000);
    expect(h.m.violation?.why).toMatch(/\+ CLUSTER FORGET 61\.0s; A flags live B as failing$/);
  });

  it('a cluster that converged and then drifts apart without any fault is caught from the drift', () => {
    const h = harness();
    h.run(0, 5000);
    h.emit(E.pfail(5000, 'A', 'B'));
    h.disagree(true);
    h.run(5000, 5000 + BOUND + 100);
    expect(h.m.violation?.atMs).toBe(5000 + BOUND);
    expect(h.m.violation?.why).toMatch(/disturbed by pfail on A at 5\.000s/);
  });
});

describe('convergence polling in large clusters', () => {
  it('polls every cron period up to 20 nodes, then as often as a 20-node cluster can afford (cost grows with nodes²), at least every 30 s', () => {
    expect([6, 20].map(dirtyPollMs)).toEqual([100, 100]);
    // Twice the nodes costs four times as much per poll: poll four times less often.
    expect(dirtyPollMs(40)).toBe(400);
    expect(dirtyPollMs(200)).toBe(10_000);
    expect(dirtyPollMs(1000)).toBe(30_000);
  });

  it('a 200-node deadline is still checked when it falls due, not at the next poll', () => {
    const inv = new ConvergesAfterHeal(0, () => {}, 200);
    // The window opened at the start heals at once (no faults); polling is every 10 s,
    // but the deadline itself asks for the verdict.
    const w = new FixtureWorld(THREE_BY_ONE);
    inv.onInstantEnd(w.at(0));
    expect(inv.wantsConvergence(0)).toBe(true); // first poll
    inv.onConvergence({ ok: false, why: 'not yet', members: [] }, w.at(0));
    expect(inv.wantsConvergence(5_000)).toBe(false);
    expect(inv.wantsConvergence(10_000)).toBe(true);
    const deadline = Number(/deadline (\d+\.\d+)s/.exec(inv.pending(5_000)!)![1]) * 1000;
    // A poll 5 s before the deadline: the next regular one would be 5 s after it.
    expect(inv.onConvergence({ ok: false, why: 'not yet', members: [] }, w.at(deadline - 5_000))).toBeUndefined();
    expect(inv.wantsConvergence(deadline - 1)).toBe(false);
    expect(inv.wantsConvergence(deadline)).toBe(true);
  });
});
