// CLUSTER FAILOVER in its three modes (spec §13, §10.2, §21): default agrees
// on the master's offset first, FORCE skips that, TAKEOVER skips the election
// and bumps the epoch only when the replica's own epoch is not the greatest.

import { describe, expect, it } from 'vitest';
import { cs, eventsOf, failures, firstEvent, mutate, runFile, runText, scenarioText } from './helpers.ts';

const exit0 = (file: string, seeds: number[]) =>
  it.each(seeds)(`${file} seed %i: exit 0`, (seed) => {
    const r = runFile(file, seed);
    expect(failures(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

describe('default mode', () => {
  exit0('manual-failover-default.yaml', [1, 2]);

  it('A1 catches up with the exact offset A paused at before asking for votes, so no acknowledged write is lost', () => {
    const r = runFile('manual-failover-default.yaml', 1);
    const received = firstEvent(r, (e) => e.node === 'A1' && e.detail.startsWith('step=offset-received'))!;
    const canStart = firstEvent(r, (e) => e.node === 'A1' && e.detail.startsWith('step=can-start'))!;
    const offset = /offset=(\d+)/.exec(received.detail)![1];
    expect(canStart.detail).toBe(`step=can-start offset=${offset}`);
    const started = firstEvent(r, (e) => e.event === 'election-started' && e.node === 'A1')!;
    expect(started.t).toBeGreaterThanOrEqual(canStart.t);
    // A paused its writers before announcing that offset, and stayed paused until it was demoted.
    const paused = firstEvent(r, (e) => e.node === 'A' && e.detail === 'step=master-paused')!;
    expect(paused.t).toBeLessThanOrEqual(received.t);
    const demoted = firstEvent(r, (e) => e.node === 'A' && e.event === 'role')!;
    expect(demoted.t - paused.t).toBeLessThan(2 * 5000); // CLUSTER_MF_TIMEOUT × CLUSTER_MF_PAUSE_MULT
    expect(cs(r, 'A').myself.slaveof!.name).toBe(r.world.process('A1').nodeId);
  });
});

describe('what the default handshake buys: no acknowledged write lost', () => {
  // The same file under a burst of 4000 writes/s around the failover.
  const burst = (text: string): string =>
    mutate(mutate(mutate(text, 'rate: 1000/s', 'rate: 4000/s'), 'from: 4.5s', 'from: 4.9s'), 'to: 6s', 'to: 5.4s');
  const lost = (failed: string[]): string[] => failed.filter((f) => f.includes('acknowledged writes lost'));
  const text = burst(scenarioText('manual-failover-default.yaml'));

  it('default mode: none lost', () => {
    expect(lost(failures(runText('manual-failover-default.yaml', text, 1)))).toEqual([]);
  });

  it('FORCE: A keeps acknowledging writes until it hears of A1, and those are lost (real 7.0.15: 1-3)', () => {
    const force = mutate(text, 'command: "CLUSTER FAILOVER"', 'command: "CLUSTER FAILOVER FORCE"');
    const r = runText('manual-failover-default.yaml', force, 1);
    expect(r.exitCode).toBe(1);
    expect(lost(failures(r))).toHaveLength(1);
  });
});

describe('FORCE', () => {
  exit0('manual-failover-force.yaml', [1, 2]);

  it('no MFSTART is sent and the master is never paused', () => {
    const r = runFile('manual-failover-force.yaml', 1);
    expect(eventsOf(r, (e) => e.event === 'manual-failover' && e.node === 'A')).toEqual([]);
  });
});

describe('TAKEOVER', () => {
  exit0('manual-failover-takeover.yaml', [1, 2]);

  it('a TAKEOVER that would bump an epoch already the greatest makes the expectation fail', () => {
    const text = mutate(scenarioText('manual-failover-takeover.yaml'), 'epoch: { node: C1, config: 6 }', 'epoch: { node: C1, config: 7 }');
    expect(runText('manual-failover-takeover.yaml', text, 1).exitCode).toBe(1);
  });
});

describe('TAKEOVER with the majority of masters down', () => {
  exit0('takeover-majority-down.yaml', [1, 2]);

  it('before the takeover no FAIL can be agreed (one master left of three), so no vote is ever requested', () => {
    const r = runFile('takeover-majority-down.yaml', 1);
    expect(eventsOf(r, (e) => e.event === 'fail' && e.t < 15_000)).toEqual([]);
    expect(eventsOf(r, (e) => e.event === 'election-started')).toEqual([]);
  });
});

describe('replica-no-failover.yaml', () => {
  const r = runFile('replica-no-failover.yaml', 1);

  it('no automatic election while A is FAIL; a manual FORCE still elects A1', () => {
    const failSeen = firstEvent(r, (e) => e.event === 'fail' && e.subject === 'A')!;
    expect(failSeen.t).toBeLessThan(20_000);
    expect(eventsOf(r, (e) => e.event === 'election-scheduled' && e.t < 20_000)).toEqual([]);
    expect(firstEvent(r, (e) => e.event === 'election-won')!.t).toBeGreaterThanOrEqual(20_000);
  });

  // A node started with cluster-replica-no-failover yes advertises NOFAILOVER at once (clusterInit).
  it('exit 0: every expectation holds, NOFAILOVER included', () => {
    expect(failures(r)).toEqual([]);
  });
});
