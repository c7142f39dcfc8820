// The library as a user's test suite sees it (sim/index.ts): scenarios from
// YAML or objects with positioned errors, runs with typed events, user
// invariants that stop a run, observers, sweeps and fuzzing as functions.

import { describe, expect, it } from 'vitest';
import {
  EVENT_TYPES,
  keyHashSlot,
  runScenario,
  scheduleScenario,
  ScenarioLoadError,
  scenarioFromObject,
  scenarioFromYaml,
  sweep,
  type SimEvent,
} from '../../sim/index.ts';

const CRASH = `
name: crash
duration: 25s
cluster:
  masters: 3
  replicas: 1
  config: { cluster-node-timeout: 3000 }
timeline:
  - at: 5s
    kill: A
expect:
  - at: end
    role: { A1: master }
`;

describe('scenarios from text and objects', () => {
  it('a YAML text loads; its errors come back with their positions, all of them', () => {
    expect(scenarioFromYaml(CRASH, 'crash.yaml').name).toBe('crash');
    const bad = (): unknown => scenarioFromYaml('cluster:\n  masterz: 3\ntimeline:\n  - at: soon\n    kill: A\n', 'bad.yaml');
    expect(bad).toThrow(ScenarioLoadError);
    try {
      bad();
    } catch (e) {
      const err = e as ScenarioLoadError;
      expect(err.errors.length).toBe(2);
      expect(err.message).toMatch(/^bad\.yaml:2:3: .*masterz.*did you mean "masters"/m);
      expect(err.message).toMatch(/^bad\.yaml:4:9: .*soon/m);
    }
  });

  it('a plain object is validated like a file, and runs the same as its YAML', () => {
    const obj = {
      name: 'crash',
      duration: '25s',
      cluster: { masters: 3, replicas: 1, config: { 'cluster-node-timeout': 3000 } },
      timeline: [{ at: '5s', kill: 'A' }],
      expect: [{ at: 'end', role: { A1: 'master' } }],
    };
    const a = runScenario(scenarioFromObject(obj), { seed: 3 });
    const b = runScenario(scenarioFromYaml(CRASH), { seed: 3 });
    expect(a.stats.traceHash).toBe(b.stats.traceHash);
    expect(() => scenarioFromObject({ cluster: { masters: 'three' } })).toThrow(/masters/);
  });
});

describe('a run', () => {
  const run = runScenario(scenarioFromYaml(CRASH), { seed: 7 });

  it('returns typed events, the summary, expectations and invariants', () => {
    expect(run.exitCode).toBe(0);
    const won = run.eventsOf('election-won');
    expect(won).toHaveLength(1);
    expect(run.nameOf(won[0]!.node)).toBe('A1');
    expect(run.nameOf(won[0]!.subject)).toBe('A');
    expect(won[0]!.votes).toBeGreaterThanOrEqual(won[0]!.needed);
    const fail = run.eventsOf('fail')[0]!;
    expect(fail.t).toBeGreaterThan(5000 + 3000);
    expect(fail.reporters.length).toBeGreaterThanOrEqual(fail.needed - 1);
    expect(run.summary.exit_code).toBe(0);
    expect(run.summary.trace_hash).toBe(run.stats.traceHash);
    expect(run.expectations.every((x) => x.ok)).toBe(true);
    expect(run.invariants.map((i) => i.name)).toContain('one-vote-per-epoch');
    expect(run.logs).toEqual([]); // no log unless asked for
  });

  it('its rows are events.csv as `sim run` writes it', () => {
    const rows = run.rows();
    expect(rows.length).toBe(run.events.length);
    const kill = rows.find((r) => r.event === 'fault')!;
    expect(kill).toMatchObject({ node: 'A', subject: 'A', detail: 'action=kill' });
    expect(new Set(rows.map((r) => r.event)).size).toBeLessThanOrEqual(EVENT_TYPES.length);
  });

  it('the same scenario and seed give the same run', () => {
    const again = runScenario(scenarioFromYaml(CRASH), { seed: 7 });
    expect(again.stats.traceHash).toBe(run.stats.traceHash);
    expect(again.rows()).toEqual(run.rows());
  });
});

describe('watching a run', () => {
  it('an observer sees every event as it is emitted, in order', () => {
    const seen: SimEvent[] = [];
    const r = runScenario(scenarioFromYaml(CRASH), { seed: 2, onEvent: (e) => seen.push(e) });
    expect(seen).toEqual(r.events);
  });

  it('a user invariant that breaks stops the run with exit 3, the event and its context', () => {
    const r = runScenario(scenarioFromYaml(CRASH), {
      seed: 2,
      invariants: [{ name: 'no-failover', onEvent: (e, c) => (e.type === 'election-won' ? `${c.names.name(e.node)} won epoch ${e.epoch}` : undefined) }],
    });
    expect(r.exitCode).toBe(3);
    expect(r.violation?.invariant).toBe('no-failover');
    expect(r.violation?.why).toMatch(/^A1 won epoch \d+$/);
    expect(r.violation?.event?.type).toBe('election-won');
    expect(r.endMs).toBe(r.violation!.atMs);
    expect(r.invariants.find((i) => i.name === 'no-failover')).toMatchObject({ ok: false });
    expect(r.summary.violation?.name).toBe('no-failover');
  });

  it('a user invariant over the cluster state is asked after every instant', () => {
    let asked = 0;
    const r = runScenario(scenarioFromYaml(CRASH), {
      seed: 2,
      invariants: [{ name: 'a-master-serves-slot-0', onInstantEnd: (c) => (asked++, c.nodes.some((n) => n.live && n.cs?.slots.owner(0)) ? undefined : 'nobody') }],
    });
    expect(asked).toBeGreaterThan(100);
    expect(r.exitCode).toBe(0);
  });

  it('refuses a user invariant named like a built-in one', () => {
    expect(() => runScenario(scenarioFromYaml(CRASH), { invariants: [{ name: 'one-vote-per-epoch' }] })).toThrow(/built-in/);
  });
});

describe('sweeps', () => {
  it('runs seeds in the calling thread with the same metrics and summary as sim sweep', async () => {
    const s = await sweep({ yaml: CRASH, file: 'crash.yaml', seeds: '1..3', workers: 0 });
    expect(s.rows.map((r) => r.seed)).toEqual([1, 2, 3]);
    expect(s.rows.every((r) => r.winner === 'A1' && r.exit_code === 0)).toBe(true);
    expect(s.rows[1]!.trace_hash).toBe(runScenario(scenarioFromYaml(CRASH, 'crash.yaml'), { seed: 2 }).stats.traceHash);
    expect(s.summary.seeds).toBe(3);
    expect(s.summary.winners).toEqual({ A1: 3 });
  });
});

describe('fuzzing from code', () => {
  it('a fault schedule becomes the scenario file sim fuzz would write, and it runs', () => {
    const settings = { shape: { masters: 3, replicas: 1 }, seed: 11, runs: 1 };
    const f = scheduleScenario(settings, { steps: [{ kind: 'kill', atMs: 2000, node: 0 }], healAfterMs: 15_000 });
    expect(f.faults).toBe(1);
    expect(f.text).toMatch(/kill: A/);
    const again = scenarioFromYaml(f.text, 'fuzz.yaml');
    const r = runScenario(again);
    expect(r.seed).toBe(11);
    expect(r.exitCode).toBe(0);
    expect(r.eventsOf('election-won').map((e) => r.nameOf(e.node))).toEqual(['A1']);
  });
});

describe('utilities', () => {
  it('keyHashSlot is CLUSTER KEYSLOT (hash tags included)', () => {
    expect(keyHashSlot('foo')).toBe(12182);
    expect(keyHashSlot('{user1000}.following')).toBe(keyHashSlot('{user1000}.followers'));
  });
});
