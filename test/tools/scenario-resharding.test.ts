// scenarios/resharding-under-load.yaml: 1000 slots move from A to D under
// 500 writes a second; nothing is lost, every operation ends ok, and the
// clients really were redirected on the way (ASK during a slot's
// migration, MOVED after it).

import { row, rows } from '../helpers/events.ts';
import { describe, expect, it } from 'vitest';
import { redisCliTranscript } from '../../sim/tools/redis-cli/hook.ts';
import { failures, runFile } from '../scenarios/helpers.ts';

describe('resharding-under-load.yaml (seed 1)', () => {
  const r = runFile('resharding-under-load.yaml', 1);
  const cli = redisCliTranscript(r.world);

  it('exits 0: no lost write, lists consistent, slots 0-999 on D, nothing left open', () => {
    expect(failures(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it('every operation was acknowledged: no fail, no info (indeterminate), thousands done', () => {
    const ops = r.data.workloads.history.ops({ writesOnly: true });
    expect(ops.length).toBeGreaterThan(20_000);
    expect(ops.filter((o) => o.type !== 'ok')).toEqual([]);
  });

  it('clients saw ASK (mid-migration) and MOVED (after it) and followed them', () => {
    const stats = r.data.workloads.clientStats().map((c) => c.stats);
    const ask = stats.reduce((s, x) => s + x.ask, 0);
    const moved = stats.reduce((s, x) => s + x.moved, 0);
    expect(ask).toBeGreaterThan(0);
    expect(moved).toBeGreaterThan(0);
    // An ASK is followed with ASKING at the target.
    expect(r.world.net.stats.sent.get('cmd:ASKING') ?? 0).toBeGreaterThanOrEqual(ask);
  });

  it('the tool planned and moved slots 0-999 one by one, with a dot per key moved', () => {
    const plan = [...cli.matchAll(/^ {4}Moving slot (\d+) from [0-9a-f]{40}$/gm)].map((m) => Number(m[1]));
    expect(plan).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    const moves = [...cli.matchAll(/^Moving slot (\d+) from 127\.0\.0\.1:7000 to 127\.0\.0\.1:7006: (\.*)$/gm)];
    expect(moves.map((m) => Number(m[1]))).toEqual(plan);
    // Slot 449 holds the hot writers' keys ({k2}, hundreds written by then): a dot for each key moved.
    const dots449 = moves.find((m) => m[1] === '449')![2]!.length;
    expect(dots449).toBeGreaterThan(200);
    // Every key on D in slot 449 came with those dots or was written there afterwards.
    const onD = r.world.process('D').server!.keyspace.size;
    expect(onD).toBeGreaterThanOrEqual(dots449);
  });

  it('the reshard took simulated time, with the writes going on', () => {
    const ends = rows(r.world).filter((e) => e.event === 'redis-cli' && e.detail.startsWith('exit='));
    expect(ends.map((e) => e.detail)).toEqual(['exit=0', 'exit=0']);
    const starts = rows(r.world).filter((e) => e.event === 'fault' && e.detail.includes('action=redis-cli'));
    expect(ends[1]!.t - starts[1]!.t).toBeGreaterThan(1000);
  });
}, 900_000);
