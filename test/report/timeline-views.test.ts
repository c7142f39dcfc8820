// The timeline's CLUSTER NODES views: for every node and many whole-ms
// instants, the page's decoder (client/decode.js, the same text the page
// runs) must give exactly what clusterGenNodesDescription printed at that
// instant in the run, through partitions, kills and restarts, pauses and a
// failover. The truth is sampled while the run goes, at the end of each
// simulated instant; the record is decoded only afterwards.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clusterGenNodesDescription } from '../../sim/cluster/nodes-format.ts';
import { buildWorld } from '../../sim/run/build.ts';
import { runScenario } from '../../sim/run/runner.ts';
import { TimelineRecorder } from '../../sim/run/timeline-recorder.ts';
import { encodeViews, encodeClock, decodeClock } from '../../sim/report/timeline/view-encode.ts';
import { pageDecoder, scenarioFrom, viaJson } from './helpers.ts';

const SCENARIO = `
name: views
seed: 3
duration: 60s
cluster:
  masters: 3
  replicas: 1
  config: { cluster-node-timeout: 2000 }
network: { latency: 0.2ms..1ms }
`;

/** Sample every this many ms (a prime, so samples fall at every phase of the 100 ms cron). */
const STEP_MS = 131;

describe('timeline views', () => {
  it("reproduce every node's CLUSTER NODES at sampled instants through faults and a failover", () => {
    const scenario = scenarioFrom(SCENARIO);
    const world = buildWorld(scenario, { seed: 3, logLevel: 'warning' });
    const rec = new TimelineRecorder(world);
    const sched = world.sched;
    const p = (n: string) => world.process(n);
    const truth: { t: number; k: number; text: string | null }[] = [];
    sched.afterEach = () => {
      const now = sched.now;
      const next = sched.nextTime();
      if (next <= now) return; // the instant is not over
      const t = Math.ceil(now / STEP_MS) * STEP_MS;
      if (t >= next) return;
      world.processes.forEach((q, k) => truth.push({ t, k, text: q.server ? clusterGenNodesDescription(q.server.cs) : null }));
    };
    const others = (n: string) => world.processes.filter((q) => q.name !== n).map((q) => q.pid);
    sched.at(0, () => undefined);
    sched.runUntil(0);
    // A partition long enough for FAIL and a failover, a kill and restart, a pause and resume.
    sched.at(5000, () => world.net.partition([[p('A').pid], others('A')]));
    sched.at(15000, () => world.net.healAll());
    sched.at(25000, () => world.kill(p('B')));
    sched.at(33000, () => world.start(p('B')));
    sched.at(40000, () => world.pause(p('C1')));
    sched.at(46000, () => world.resume(p('C1')));
    sched.runUntil(60000);
    sched.afterEach = undefined;

    const views = viaJson(encodeViews(rec.views));
    const page = pageDecoder();
    const index = page.makeViewIndex(views);
    const wrong = truth.filter((s) => page.viewAt(index, s.k, s.t) !== s.text);
    expect(truth.length).toBeGreaterThan(6 * 400);
    expect(wrong.slice(0, 3).map((s) => ({ ...s, got: page.viewAt(index, s.k, s.t) }))).toEqual([]);
    // The run did what it was meant to: a failover, a dead B, and pings recorded compactly.
    expect(truth.some((s) => s.text?.includes('myself,master') && s.k === world.processes.indexOf(p('A1')))).toBe(true);
    expect(truth.some((s) => s.text === null)).toBe(true);
    // Pings and pongs change the text far more often than its structure: they must not cost snapshots.
    const clockPoints = rec.views.logs.reduce((n, l) => n + [...l.ping.values(), ...l.pong.values()].reduce((m, x) => m + x.length / 2, 0), 0);
    expect(rec.views.snapshotCount * 5).toBeLessThan(clockPoints);
  }, 60_000);

  it('match `sim nodes --at` for a scenario run with workloads', () => {
    const scenario = scenarioFrom(`
name: views-run
seed: 2
duration: 20s
cluster: { masters: 3, replicas: 1, config: { cluster-node-timeout: 2000 } }
workload:
  - { name: w, clients: 2, rate: 100/s, keys: 100, mix: { set: 0.5, get: 0.5 }, from: 0s, to: 18s }
timeline:
  - { at: 4s, kill: B }
  - { at: 12s, restart: B }
`);
    const r = runScenario(scenario, { seed: 2, logLevel: 'warning', timeline: true });
    const page = pageDecoder();
    const index = page.makeViewIndex(viaJson(encodeViews(r.timelineRecord!.views)));
    for (const at of [3000, 7777, 12000, 15001]) {
      // What `sim nodes --at` prints: the same run stopped at that instant.
      const stopped = runScenario(scenario, { seed: 2, logLevel: 'warning', stopAtMs: at, timeline: false });
      stopped.world.processes.forEach((q, k) => {
        const want = q.server ? clusterGenNodesDescription(q.server.cs) : null;
        expect(page.viewAt(index, k, at), `${q.name} at ${at} ms`).toBe(want);
      });
    }
  }, 60_000);

  it.each(['remove-node', 'reset-hard-rejoin', 'add-node-rebalance'])(
    'reproduce CLUSTER NODES through table membership changes (MEET, handshake renames, FORGET, RESET): %s',
    (name) => {
      const path = `scenarios/${name}.yaml`;
      const scenario = scenarioFrom(readFileSync(path, 'utf8'), path);
      const truth: { t: number; k: number; text: string | null }[] = [];
      const r = runScenario(scenario, {
        seed: scenario.seed ?? 1,
        logLevel: 'warning',
        timeline: true,
        beforeRun: (world) => {
          // Just after each sampled whole ms: the state every event at or before it left.
          const sample = (t: number): void => {
            world.sched.at(t + 1e-6, () => {
              world.processes.forEach((q, k) => truth.push({ t, k, text: q.server ? clusterGenNodesDescription(q.server.cs) : null }));
              if (t + 3 * STEP_MS < scenario.durationMs) sample(t + 3 * STEP_MS);
            });
          };
          sample(3 * STEP_MS);
        },
      });
      const page = pageDecoder();
      const index = page.makeViewIndex(viaJson(encodeViews(r.timelineRecord!.views)));
      // undefined: the page's "had not started yet" (an `add:` node before its start); it prints nothing either.
      const got = (t: number, k: number): string | null => page.viewAt(index, k, t) ?? null;
      const wrong = truth.filter((s) => got(s.t, s.k) !== s.text);
      expect(truth.length).toBeGreaterThan(100);
      expect(wrong.slice(0, 2).map((s) => ({ ...s, got: got(s.t, s.k) }))).toEqual([]);
    },
    120_000,
  );

  it('records without changing the run: same trace hash and events with and without it', () => {
    const scenario = scenarioFrom(`
name: untouched
duration: 12s
cluster: { masters: 3, replicas: 1, config: { cluster-node-timeout: 2000 } }
timeline:
  - { at: 2s, drop: { type: PING, from: A, to: B, for: 3s } }
  - { at: 4s, pause: { node: C, for: 4s } }
`);
    const a = runScenario(scenario, { seed: 5, logLevel: 'warning', timeline: true });
    const b = runScenario(scenario, { seed: 5, logLevel: 'warning', timeline: false });
    expect(a.timelineRecord!.messages.drops.length).toBeGreaterThan(0);
    expect(a.world.trace.hex()).toBe(b.world.trace.hex());
    expect(a.world.recorder.events).toEqual(b.world.recorder.events);
  }, 60_000);

  it('keeps ping/pong clocks exact through the relative encoding', () => {
    const epoch = 1_767_225_600_000;
    for (const [v, t] of [
      [0, 500],
      [epoch + 500, 500],
      [epoch + 499, 500],
      [epoch + 1000, 500],
      [epoch - 8000, -7000],
    ] as const) {
      expect(decodeClock(encodeClock(v, t, epoch), t, epoch)).toBe(v);
    }
  });
});
