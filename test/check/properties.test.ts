// The opt-in properties on literal events and fixture tables (sim fuzz turns
// them on): each holds on what Redis does and breaks on what the rule forbids.

import { describe, expect, it } from 'vitest';
import { CLUSTER_NODE_FAIL } from '../../sim/cluster/constants.ts';
import { ElectionDelayFollowsRank, ElectionNeedsMajority, NoFailoverReplicaNeverElected } from '../../sim/check/invariants/election-rules.ts';
import { failoverBoundMs, FailoverLiveness } from '../../sim/check/invariants/failover-liveness.ts';
import { ackedWritesKept, readsWereWritten, type HistoryOp } from '../../sim/check/data-properties.ts';
import { E, ev, feed, FixtureWorld, ix, NT, THREE_BY_ONE } from './fixtures.ts';

const w = new FixtureWorld(THREE_BY_ONE);

describe('election-delay-follows-rank', () => {
  const scheduled = (t: number, node: string, rank: number, delayMs: number) =>
    ev(t, node, { type: 'election-scheduled', subject: ix('A'), delayMs, fixedMs: 500, randomMs: delayMs - 500 - rank * 1000, rank, offset: 10, manual: false });

  it('holds: rank 1 scheduled 1.7 s ahead and started then', () => {
    expect(feed(new ElectionDelayFollowsRank(), w, [scheduled(1000, 'A1', 1, 1700), E.started(2700, 'A1', 'A', 7)])).toBeUndefined();
  });

  it('breaks: rank 1 scheduled only 700 ms ahead (the rank left out of the delay)', () => {
    const v = feed(new ElectionDelayFollowsRank(), w, [scheduled(1000, 'A1', 1, 700)]);
    expect(v?.why).toMatch(/^A1 scheduled its election 700 ms ahead with rank 1, less than 500 \+ 1 × 1000 ms/);
  });

  it('breaks: an election started before its rank delay ran out', () => {
    const v = feed(new ElectionDelayFollowsRank(), w, [scheduled(1000, 'A1', 1, 1600), E.started(1700, 'A1', 'A', 7)]);
    expect(v?.why).toMatch(/^A1 started its election 700 ms after scheduling it with rank 1/);
  });
});

describe('election-needs-majority', () => {
  it('holds with 2 votes of 3 masters, breaks with 1', () => {
    expect(feed(new ElectionNeedsMajority(), w, [E.won(1000, 'A1', 'A', 7, 2)])).toBeUndefined();
    const v = feed(new ElectionNeedsMajority(), w, [E.won(1000, 'A1', 'A', 7, 1, 1)]);
    expect(v?.why).toMatch(/^A1 won epoch 7 with 1 vote of 3 masters serving slots, not a majority/);
  });
});

describe('no-failover-replica-never-elected', () => {
  it('breaks only for a replica configured not to fail over', () => {
    const world = new FixtureWorld(THREE_BY_ONE);
    expect(feed(new NoFailoverReplicaNeverElected(), world, [E.started(1000, 'A1', 'A', 7)])).toBeUndefined();
    (world.cs('A1').config as { clusterReplicaNoFailover: boolean }).clusterReplicaNoFailover = true;
    expect(feed(new NoFailoverReplicaNeverElected(), world, [E.started(1000, 'A1', 'A', 7)])?.invariant).toBe('no-failover-replica-never-elected');
  });
});

describe('failover-liveness', () => {
  it('the bound follows the node timeout, the ranks and three retries', () => {
    expect(failoverBoundMs(3000, 1)).toBe(1000 + 3 * 12_000 + 6000);
    expect(failoverBoundMs(500, 3)).toBe(1000 + 2000 + 3 * 4000 + 1000);
  });

  it('breaks when A stays FAIL with a healthy replica and voters past the bound; a fault in force stops the clock', () => {
    const world = new FixtureWorld(THREE_BY_ONE);
    world.node('A').live = false;
    // The fixture's replica has no replication history: a validity factor of 0 accepts any data age.
    (world.cs('A1').config as { clusterReplicaValidityFactor: number }).clusterReplicaValidityFactor = 0;
    world.everywhere('A', (n) => {
      n.flags |= CLUSTER_NODE_FAIL;
    });
    const inv = new FailoverLiveness();
    inv.onEvent(ev(1000, 'B', { type: 'fail', subject: ix('A'), reporters: [ix('B'), ix('C')], needed: 2 }));
    const bound = failoverBoundMs(NT, 1);
    world.faults = ['a partition'];
    for (let t = 1000; t <= 1000 + bound + 500; t += 100) expect(inv.onInstantEnd(world.at(t))).toBeUndefined();
    world.faults = [];
    let v;
    const from = 1000 + bound + 600;
    for (let t = from; !v && t <= from + bound + 500; t += 100) v = inv.onInstantEnd(world.at(t));
    expect(v?.why).toMatch(/^A has been FAIL with a replica able to replace it and a majority of masters to vote since /);
    expect(v!.atMs).toBeGreaterThan(from + bound);
  });
});

describe('data properties', () => {
  const op = (o: Partial<HistoryOp>): HistoryOp => ({ f: 'set', key: 'k', value: null, type: 'ok', result: null, invokeMs: 0, completeMs: 1, node: 'A', ...o });

  it('reads-were-written: a GET returns nil or a value some SET wrote', () => {
    const ops = [op({ value: 'v1' }), op({ f: 'get', result: 'v1' }), op({ f: 'get', result: null })];
    expect(readsWereWritten(ops)).toBeUndefined();
    expect(readsWereWritten([...ops, op({ f: 'get', result: 'v9', completeMs: 2000 })])?.why).toMatch(/returned "v9", which no SET of that key wrote/);
  });

  it('acked-writes-kept: an unexplained loss breaks it, a restart after the write excuses it', () => {
    const lost = { key: 'k', value: 'v1', node: 'A', invokedMs: 100, ackedMs: 101, cause: 'unexplained', why: 'gone' };
    expect(ackedWritesKept([lost])?.property).toBe('acked-writes-kept');
    expect(ackedWritesKept([{ ...lost, cause: 'failover' }])).toBeUndefined();
    expect(ackedWritesKept([lost], [{ node: 'A', atMs: 100.5 }])).toBeUndefined();
    expect(ackedWritesKept([lost], [{ node: 'A', atMs: 50 }])?.property).toBe('acked-writes-kept');
  });
});

describe('invariants: in a scenario', () => {
  const base = 'name: x\nduration: 1s\n';
  it('properties are off unless turned on; known flaws are named from the list', async () => {
    const { loadScenario } = await import('../../sim/scenario/index.ts');
    const off = loadScenario('x.yaml', base);
    expect(off.ok && off.scenario.invariants.enabled).not.toContain('failover-liveness');
    const on = loadScenario('x.yaml', `${base}invariants:\n  failover-liveness: true\n  known-flaws: [winner-votes-in-its-epoch]\n`);
    expect(on.ok && on.scenario.invariants.enabled).toContain('failover-liveness');
    expect(on.ok && on.scenario.invariants.knownFlaws).toEqual(['winner-votes-in-its-epoch']);
    const bad = loadScenario('x.yaml', `${base}invariants:\n  known-flaws: [winner-votes]\n`);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors[0]!.reason).toMatch(/unknown known flaw "winner-votes"/);
  });
});
