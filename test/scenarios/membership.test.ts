// Scenarios about who belongs where: replica migration to an orphaned master
// (spec §14) and configEpoch collisions on a hand-made cluster (spec §10.1).

import { describe, expect, it } from 'vitest';
import { cs, failures, firstEvent, mutate, nodeIdOf, runFile, runText, scenarioText } from './helpers.ts';

describe('replica-migration.yaml', () => {
  const runs = [1, 2].map((seed) => runFile('replica-migration.yaml', seed));

  it.each(runs.map((r) => [r.seed, r] as const))('seed %i: exit 0', (_s, r) => {
    expect(failures(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it.each(runs.map((r) => [r.seed, r] as const))('seed %i: the replica with the smaller ID moves, more than 5 s after it saw B1 FAIL', (_s, r) => {
    const [mover, stayer] = nodeIdOf(r, 'A1') < nodeIdOf(r, 'A2') ? ['A1', 'A2'] : ['A2', 'A1'];
    expect(cs(r, mover).myself.slaveof!.name).toBe(nodeIdOf(r, 'B'));
    expect(cs(r, stayer).myself.slaveof!.name).toBe(nodeIdOf(r, 'A'));
    const sawFail = firstEvent(r, (e) => e.node === mover && (e.event === 'fail' || e.event === 'fail-received') && e.subject === 'B1')!;
    const moved = firstEvent(r, (e) => e.event === 'replica-migrated')!;
    expect(moved.node).toBe(mover);
    // orphaned_time is set by the first cron after the FAIL, the move needs now − orphaned_time > 5000.
    expect(moved.t - sawFail.t).toBeGreaterThan(5000);
    expect(moved.t - sawFail.t).toBeLessThanOrEqual(5200);
  });
});

describe('the 5 s orphan delay is part of replica-migration.yaml', () => {
  it('expecting the move before kill + NT + 5 s = 13 s fails (exit 1)', () => {
    const text = mutate(scenarioText('replica-migration.yaml'), 'by: 20s', 'by: 12.9s');
    expect(runText('replica-migration.yaml', text, 1).exitCode).toBe(1);
  });
});

describe('epoch-collision.yaml', () => {
  const runs = [1, 2].map((seed) => runFile('epoch-collision.yaml', seed));

  it.each(runs.map((r) => [r.seed, r] as const))('seed %i: exit 0; the greatest ID keeps configEpoch 0, the others end distinct', (_s, r) => {
    expect(failures(r)).toEqual([]);
    const byId = ['A', 'B', 'C'].sort((x, y) => (nodeIdOf(r, x) < nodeIdOf(r, y) ? -1 : 1));
    const epochs = byId.map((n) => cs(r, n).myself.configEpoch);
    // Checked on a real 7.0.15 (3 masters, ADDSLOTSRANGE + MEET, no SET-CONFIG-EPOCH): the greatest
    // ID kept 0, the others ended at 1 and 2, currentEpoch 2 everywhere.
    expect(epochs[2]).toBe(0);
    expect([...epochs].sort()).toEqual([0, 1, 2]);
    // Every node agrees with each master about its epoch.
    for (const viewer of ['A', 'B', 'C'])
      for (const n of byId) expect(cs(r, viewer).nodes.get(nodeIdOf(r, n))!.configEpoch).toBe(cs(r, n).myself.configEpoch);
  });
});
