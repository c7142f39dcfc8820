// scenarios/master-crash.yaml with several seeds, plus the rules its
// timeline must obey whatever the seed (spec §9, §11, §21), and proof that
// its expectations can fail: a wrong winner, epoch or deadline exits 1.

import { row, rows } from '../helpers/events.ts';
import { describe, expect, it } from 'vitest';
import { failures, firstEvent, mutate, runFile, runText, scenarioText } from './helpers.ts';

const FILE = 'master-crash.yaml';
const NT = 3000;
const KILL_AT = 5000;

describe('master crash → failover → old master rejoins as a replica', () => {
  const seeds = [1, 2, 3];
  const runs = seeds.map((seed) => ({ seed, r: runFile(FILE, seed) }));

  it.each(runs.map(({ seed, r }) => [seed, r] as const))('seed %i: every expectation holds (exit 0)', (_seed, r) => {
    expect(failures(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it.each(runs.map(({ seed, r }) => [seed, r] as const))('seed %i: the timeline follows the rules', (_seed, r) => {
    // PFAIL needs a PING unanswered and silence for more than NT after the crash.
    const pfail = firstEvent(r, (e) => e.event === 'pfail' && e.subject === 'A' && e.t >= KILL_AT)!;
    expect(pfail.t).toBeGreaterThan(KILL_AT + NT);
    // FAIL by quorum, then A1 (the only replica: rank 0) waits 500 + 0..499 ms.
    const fail = firstEvent(r, (e) => e.event === 'fail' && e.subject === 'A')!;
    expect(fail.t).toBeGreaterThanOrEqual(pfail.t);
    const scheduled = firstEvent(r, (e) => e.event === 'election-scheduled' && e.node === 'A1')!;
    const delay = Number(/delay=(\d+)/.exec(scheduled.detail)![1]);
    expect(delay).toBeGreaterThanOrEqual(500);
    expect(delay).toBeLessThan(1000);
    expect(scheduled.detail).toContain('rank=0');
    const started = firstEvent(r, (e) => e.event === 'election-started' && e.node === 'A1')!;
    expect(started.t - scheduled.t).toBeGreaterThanOrEqual(delay);
    expect(started.t - scheduled.t).toBeLessThan(delay + 100); // the cron runs every 100 ms
    // Epoch 7: redis-cli gave configEpochs 1..6 (currentEpoch 6), the election bumps it once.
    expect(started.detail).toContain('epoch=7');
    // Only the two live masters with slots vote.
    const granted = rows(r.world).filter((e) => e.event === 'vote-granted' && e.subject === 'A1').map((e) => e.node);
    expect(granted.sort()).toEqual(['B', 'C']);
  });

  it('the restarted A is demoted by the first UPDATE it gets, within a second of its return', () => {
    const r = runs[0]!.r;
    const restart = 25_000;
    const update = firstEvent(r, (e) => e.event === 'update-sent' && e.subject === 'A' && e.t >= restart)!;
    const demoted = firstEvent(r, (e) => e.event === 'role' && e.node === 'A' && e.t >= restart)!;
    expect(demoted.detail).toBe('role=replica master=A1');
    expect(demoted.t).toBeGreaterThanOrEqual(update.t);
    expect(demoted.t - restart).toBeLessThan(1000);
  });
});

describe('the expectations of master-crash.yaml can fail', () => {
  const text = scenarioText(FILE);

  it.each([
    ['another winner', 'event: { election-won: A1 }', 'event: { election-won: B1 }'],
    ['another epoch', 'config: 7', 'config: 8'],
    // Earliest possible win: kill at 5 s + NT (PFAIL) + 500 ms (fixed election delay) = 8.5 s.
    ['an impossible deadline', 'by: 12s', 'by: 8s'],
  ])('%s → exit 1', (_what, from, to) => {
    const r = runText(FILE, mutate(text, from, to), 1);
    expect(r.exitCode).toBe(1);
  });
});
