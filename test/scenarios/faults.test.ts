// Faults on one node, as scenarios: SIGSTOP longer than 2 × NT (failed over
// while frozen, demotes itself on waking) and shorter than NT (nobody even
// suspects it), a master cut off in the minority (spec §12), a crash and
// restart that must keep nodes.conf (spec §18), and DEBUG SLEEP (a process
// that stops itself, as SIGSTOP would).

import { row, rows } from '../helpers/events.ts';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run/runner.ts';
import { loadScenario } from '../../sim/scenario/index.ts';
import { cs, eventsOf, failures, firstEvent, mutate, nodeIdOf, runFile, runText, scenarioText } from './helpers.ts';

const NT = 3000;
const STOP = 5000;

describe('sigstop-master-long.yaml: frozen for 2 × NT', () => {
  const runs = [1, 2].map((seed) => runFile('sigstop-master-long.yaml', seed));

  it.each(runs.map((r) => [r.seed, r] as const))('seed %i: exit 0', (_s, r) => {
    expect(failures(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it.each(runs.map((r) => [r.seed, r] as const))('seed %i: suspicion needs more than NT of silence; A demotes itself only once awake', (_s, r) => {
    for (const e of eventsOf(r, (e) => e.event === 'pfail' && e.subject === 'A' && e.t >= STOP)) expect(e.t).toBeGreaterThan(STOP + NT);
    const won = firstEvent(r, (e) => e.event === 'election-won' && e.node === 'A1')!;
    const demoted = firstEvent(r, (e) => e.event === 'role' && e.node === 'A')!;
    expect(demoted.t).toBeGreaterThanOrEqual(Math.max(STOP + 2 * NT, won.t));
    expect(demoted.detail).toBe('role=replica master=A1');
  });
});

describe('waking from SIGSTOP after a failover, as real 7.0.15 logs it', () => {
  it.each([1, 2, 3])('seed %i: the lost replica connection is logged before the reconfiguration', (seed) => {
    // A1's promotion closed its master link while A was frozen: A reads that EOF on a
    // socket it already had in its first event-loop turn, before the bus messages on
    // connections accepted on waking that tell it about A1's slots.
    const r = runFile('sigstop-master-long.yaml', seed);
    const a = r.world.recorder.names.ofName('A');
    const texts = r.logs.filter((l) => l.node === a && l.t >= STOP + 6000).map((l) => l.text);
    const lost = texts.findIndex((t) => t.startsWith('Connection with replica'));
    const reconf = texts.findIndex((t) => t.startsWith('Configuration change detected'));
    expect(lost).toBeGreaterThanOrEqual(0);
    expect(reconf).toBeGreaterThan(lost);
  });
});

describe('sigstop-master-short.yaml: frozen for less than NT', () => {
  const runs = [1, 2].map((seed) => runFile('sigstop-master-short.yaml', seed));

  it.each(runs.map((r) => [r.seed, r] as const))('seed %i: exit 0 (no PFAIL, no FAIL, no election)', (_s, r) => {
    expect(failures(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(eventsOf(r, (e) => e.event === 'vote-granted' || e.event === 'election-started')).toEqual([]);
  });

  it('frozen for 2 × NT instead, the same expectations fail (exit 1)', () => {
    const r = runText('sigstop-master-short.yaml', mutate(scenarioText('sigstop-master-short.yaml'), 'for: 2s', 'for: 6s'), 1);
    expect(r.exitCode).toBe(1);
  });
});

describe('minority-master.yaml', () => {
  const runs = [1, 2].map((seed) => runFile('minority-master.yaml', seed));

  it.each(runs.map((r) => [r.seed, r] as const))('seed %i: exit 0', (_s, r) => {
    expect(failures(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it.each(runs.map((r) => [r.seed, r] as const))('seed %i: A turns fail because it suspects B and C, each after more than NT without a PONG or any data', (_s, r) => {
    const failed = firstEvent(r, (e) => e.node === 'A' && e.event === 'state' && e.t >= 5000)!;
    expect(failed.detail).toMatch(/^state=fail reason=minority reachable=1 size=3 needed=2/);
    const pfails = rows(r.world).filter((e) => e.node === 'A' && e.event === 'pfail' && e.t <= failed.t && ['B', 'C'].includes(e.subject));
    expect(pfails.map((e) => e.subject).sort()).toEqual(['B', 'C']);
    for (const p of pfails) {
      const [noPong, silence] = [/no_pong_ms=(\d+)/, /silence_ms=(\d+)/].map((re) => Number(re.exec(p.detail)![1]));
      expect(noPong).toBeGreaterThan(NT);
      expect(silence).toBeGreaterThan(NT);
    }
  });
});

describe('nodes-conf-restart.yaml', () => {
  const before = (() => {
    const l = loadScenario('nodes-conf-restart.yaml', scenarioText('nodes-conf-restart.yaml'));
    if (!l.ok) throw new Error('bad scenario');
    return runScenario(l.scenario, { seed: 1, logLevel: 'warning', timeline: false, stopAtMs: 14_900 });
  })();
  const after = runFile('nodes-conf-restart.yaml', 1);

  it('exit 0', () => {
    expect(failures(after)).toEqual([]);
    expect(after.exitCode).toBe(0);
  });

  it('B comes back with the same node ID, currentEpoch, lastVoteEpoch, slots and view of roles', () => {
    const b0 = cs(before, 'B');
    expect(b0.lastVoteEpoch).toBe(7); // B voted for A1 in epoch 7
    const b1 = cs(after, 'B');
    expect(b1.myself.name).toBe(b0.myself.name);
    expect(b1.myself.name).toBe(nodeIdOf(after, 'B'));
    expect([b1.currentEpoch, b1.lastVoteEpoch]).toEqual([b0.currentEpoch, b0.lastVoteEpoch]);
    expect(b1.myself.slots.ranges()).toEqual(b0.myself.slots.ranges());
    const roles = (c: typeof b0) => [...c.nodes.values()].map((n) => `${n.name.slice(0, 8)}:${n.slaveof?.name.slice(0, 8) ?? 'master'}`).sort();
    expect(roles(b1)).toEqual(roles(b0));
  });
});

describe('debug-sleep.yaml', () => {
  const runs = [1, 2].map((seed) => runFile('debug-sleep.yaml', seed));

  it.each(runs.map((r) => [r.seed, r] as const))('seed %i: exit 0', (_s, r) => {
    expect(failures(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it.each(runs.map((r) => [r.seed, r] as const))('seed %i: OK only after 8 s; A1 elected meanwhile; A demoted once awake', (_s, r) => {
    const wake = STOP + 8000;
    const reply = firstEvent(r, (e) => e.event === 'command' && e.node === 'A')!;
    expect(reply.detail).toBe('command="DEBUG SLEEP 8" reply="OK"');
    expect(reply.t).toBeGreaterThanOrEqual(wake);
    expect(firstEvent(r, (e) => e.event === 'election-won' && e.node === 'A1')!.t).toBeLessThan(wake);
    expect(firstEvent(r, (e) => e.event === 'role' && e.node === 'A')!.t).toBeGreaterThanOrEqual(wake);
  });
});
