// epochs-monotonic on node tables changed by hand between instants.

import { describe, expect, it } from 'vitest';
import { EpochsMonotonic } from '../../sim/check/invariants/epochs-monotonic.ts';
import { runScenario } from '../../sim/run/runner.ts';
import { loadScenario } from '../../sim/scenario/index.ts';
import { E, FixtureWorld, THREE_BY_ONE } from './fixtures.ts';

function setup() {
  const w = new FixtureWorld(THREE_BY_ONE);
  const inv = new EpochsMonotonic();
  const instant = (t: number) => inv.onInstantEnd(w.at(t));
  return { w, inv, instant };
}

describe('epochs-monotonic', () => {
  it('holds: epochs only go up, with lastVoteEpoch and every configEpoch at or below currentEpoch', () => {
    const { w, instant } = setup();
    expect(instant(0)).toBeUndefined();
    w.cs('B').currentEpoch = 7;
    w.cs('B').lastVoteEpoch = 7;
    w.cs('A1').currentEpoch = 7;
    w.cs('A1').myself.configEpoch = 7;
    expect(instant(100)).toBeUndefined();
    w.cs('C').currentEpoch = 9;
    expect(instant(200)).toBeUndefined();
  });

  it('breaks: currentEpoch goes down', () => {
    const { w, instant } = setup();
    w.cs('C').currentEpoch = 6;
    expect(instant(0)).toBeUndefined();
    w.cs('C').currentEpoch = 3;
    const v = instant(10_000);
    expect(v).toMatchObject({ invariant: 'epochs-monotonic', atMs: 10_000, nodes: ['C'] });
    expect(v?.why).toBe('C: currentEpoch went down from 6 to 3 while it ran');
    expect(v?.event).toBeUndefined();
  });

  it('breaks: lastVoteEpoch goes down', () => {
    const { w, instant } = setup();
    w.cs('B').lastVoteEpoch = 3;
    instant(0);
    w.cs('B').lastVoteEpoch = 0;
    expect(instant(50)?.why).toMatch(/^B: lastVoteEpoch went down from 3 to 0/);
  });

  it('holds: CLUSTER RESET HARD zeroes the epochs (a new life)', () => {
    const { w, inv, instant } = setup();
    instant(0);
    w.cs('B').currentEpoch = 0;
    w.cs('B').lastVoteEpoch = 0;
    w.cs('B').myself.configEpoch = 0;
    expect(inv.onEvent(E.resetHard(10, 'B'), w)).toBeUndefined();
    expect(instant(10)).toBeUndefined();
  });

  it('breaks: lastVoteEpoch above currentEpoch', () => {
    const { w, instant } = setup();
    w.cs('B').lastVoteEpoch = 4;
    expect(instant(0)?.why).toBe('B: lastVoteEpoch 4 is above currentEpoch 3');
  });

  it('breaks: its own configEpoch above currentEpoch', () => {
    const { w, instant } = setup();
    w.cs('A').myself.configEpoch = 5;
    expect(instant(0)?.why).toBe('A: its own configEpoch 5 is above its currentEpoch 3');
  });

  it('breaks: a table entry with a configEpoch above currentEpoch', () => {
    const { w, instant } = setup();
    w.node('B').entry('A1').configEpoch = 7;
    const v = instant(0);
    expect(v?.why).toBe('B: its table gives A1 configEpoch 7, above its currentEpoch 3');
    expect(v?.nodes).toEqual(['B', 'A1']);
  });

  it('a restart may bring currentEpoch back to what nodes.conf had (Redis does not save a header\'s epoch)', () => {
    const { w, instant } = setup();
    const c = w.node('C');
    c.cs!.currentEpoch = 11;
    instant(0);
    c.cs = undefined; // killed
    expect(instant(100)).toBeUndefined();
    c.cs = new FixtureWorld(THREE_BY_ONE).cs('C'); // restarted: a new process that loaded currentEpoch 3
    expect(instant(200)).toBeUndefined();
    c.cs.currentEpoch = 2;
    expect(instant(300)?.why).toBe('C: currentEpoch went down from 3 to 2 while it ran');
  });

  it('breaks: a restart loses a vote (lastVoteEpoch is fsynced before the ACK leaves)', () => {
    const { w, instant } = setup();
    const b = w.node('B');
    b.cs!.currentEpoch = 7;
    b.cs!.lastVoteEpoch = 7;
    instant(0);
    b.cs = new FixtureWorld(THREE_BY_ONE).cs('B');
    b.cs.currentEpoch = 7;
    b.cs.lastVoteEpoch = 6;
    expect(instant(100)?.why).toBe('B: lastVoteEpoch went down from 7 to 6 (no CLUSTER RESET HARD in between)');
  });
});

describe('epochs-monotonic where the world reports which nodes assigned an epoch', () => {
  function reporting() {
    const w = new FixtureWorld(THREE_BY_ONE);
    let changed: number[] = [];
    const rw = Object.assign(Object.create(w) as FixtureWorld, { epochChanges: () => changed });
    const inv = new EpochsMonotonic();
    const instant = (t: number, nodes: string[]) => {
      changed = nodes.map((n) => w.nodes.findIndex((x) => x.name === n));
      return inv.onInstantEnd(rw.at(t));
    };
    return { w, instant };
  }

  it('breaks: a fall reported in an instant is caught at that instant, between full passes', () => {
    const { w, instant } = reporting();
    w.cs('C').currentEpoch = 6;
    expect(instant(0, ['C'])).toBeUndefined();
    w.cs('C').currentEpoch = 3;
    expect(instant(7, ['C'])?.why).toBe('C: currentEpoch went down from 6 to 3 while it ran');
  });

  it('breaks: a configEpoch above currentEpoch is caught by the next full pass (≤ 100 ms) even unreported', () => {
    const { w, instant } = reporting();
    expect(instant(0, [])).toBeUndefined();
    w.cs('A').myself.configEpoch = 5;
    expect(instant(50, [])).toBeUndefined();
    expect(instant(100, [])?.why).toBe('A: its own configEpoch 5 is above its currentEpoch 3');
  });
});

describe('epochs-monotonic in a real run (found by sim fuzz --cluster 5x1 --seed 22)', () => {
  // While B is isolated the others run elections; D learns some of the new
  // currentEpochs from headers only, which Redis does not save, then crashes
  // and comes back with the currentEpoch of its last nodes.conf.
  const text = `name: restart-lowers-current-epoch
duration: 14s
cluster:
  masters: 5
  replicas: 1
  config:
    cluster-node-timeout: 3000
timeline:
  - at: 600ms
    network: { latency: 50ms, loss: 0.4 }
  - at: 6.3s
    isolate: B
  - at: 13s
    kill: D
  - at: 13s
    heal: all
  - at: 13s
    network: { reset: true }
  - at: 13s
    restart: D
`;

  it('D comes back with a lower currentEpoch, which is Redis, not a violation', () => {
    const loaded = loadScenario('restart.yaml', text);
    if (!loaded.ok) throw new Error('does not load');
    let before = NaN;
    let after = NaN;
    const r = runScenario(loaded.scenario, {
      seed: 22,
      logLevel: 'warning',
      timeline: false,
      beforeRun: (w) => {
        w.sched.at(12_999, () => (before = w.process('D').server!.cs.currentEpoch));
        w.sched.at(13_001, () => (after = w.process('D').server!.cs.currentEpoch));
      },
    });
    expect(after).toBeLessThan(before);
    expect(r.violation).toBeUndefined();
    expect(r.invariants.find((i) => i.name === 'epochs-monotonic')).toMatchObject({ ok: true });
  }, 60_000);
});

describe('epochs-monotonic in a real run: the nodes report their own epoch assignments', () => {
  it('a currentEpoch forced down between full passes is caught at that very instant', () => {
    const loaded = loadScenario('quiet.yaml', 'name: quiet\nduration: 5s\ncluster: { masters: 3, replicas: 1 }\n');
    if (!loaded.ok) throw new Error('does not load');
    // 2.05 s is half-way between two 100 ms full passes; only B's own report
    // (ClusterEnv.epochsChanged) can get B looked at in that instant.
    const r = runScenario(loaded.scenario, {
      seed: 1,
      logLevel: 'warning',
      timeline: false,
      beforeRun: (w) => {
        w.sched.at(2_050.5, () => {
          const cs = w.process('B').server!.cs;
          cs.currentEpoch = cs.currentEpoch - 1;
        });
      },
    });
    expect(r.violation).toMatchObject({ invariant: 'epochs-monotonic', atMs: 2_050.5, nodes: ['B'] });
    expect(r.violation?.why).toMatch(/^B: currentEpoch went down from \d+ to \d+ while it ran$/);
  });
});
