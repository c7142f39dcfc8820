// `sim sweep`: seeds and shards are chosen as documented, each row's
// metrics are what the run's own events say, percentiles are nearest-rank
// over the seeds where the metric happened, worker threads give the same
// rows as the calling thread, and the CLI writes metrics.csv + summary.json,
// exits with the worst seed's code and lists failing seeds with repro commands.

import { row, rows } from '../helpers/events.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvParse } from 'd3-dsv';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/index.ts';
import { runScenario } from '../../sim/run/runner.ts';
import { METRIC_COLUMNS, type SeedMetrics } from '../../sim/sweep/metrics.ts';
import { parseSeeds, parseShard, CommandUsageError, shardSeeds } from '../../sim/sweep/seeds.ts';
import { distribution, percentile, summarise, worstExitCode } from '../../sim/sweep/stats.ts';
import { runSweep } from '../../sim/sweep/sweep.ts';
import { progressLine } from '../../sim/sweep/progress.ts';
import { runCli } from '../cli/fake-io.ts';

const FILE = 'scenarios/master-crash.yaml';
const TEXT = readFileSync(join(import.meta.dirname, '..', '..', FILE), 'utf8');

describe('seeds and shards', () => {
  it('reads ranges, lists and mixes, in order, without duplicates', () => {
    expect(parseSeeds('1..5')).toEqual([1, 2, 3, 4, 5]);
    expect(parseSeeds('1,5,9')).toEqual([1, 5, 9]);
    expect(parseSeeds('7, 1..3 ,2,10..10')).toEqual([7, 1, 2, 3, 10]);
    for (const bad of ['', '1..', '5..1', 'a', '1,,2', '-3', '1.5']) expect(() => parseSeeds(bad), bad).toThrow(CommandUsageError);
  });

  it('shard I/N keeps the seeds ≡ I (mod N), and the N shards cover every seed once', () => {
    const seeds = parseSeeds('1..20');
    expect(shardSeeds(seeds, parseShard('1/4'))).toEqual([1, 5, 9, 13, 17]);
    expect(shardSeeds(seeds, parseShard('4/4'))).toEqual([4, 8, 12, 16, 20]);
    const union = [1, 2, 3].flatMap((i) => shardSeeds(seeds, { index: i, count: 3 })).sort((a, b) => a - b);
    expect(union).toEqual(seeds);
    for (const bad of ['0/4', '5/4', '1/0', '1-4', 'x']) expect(() => parseShard(bad), bad).toThrow(CommandUsageError);
  });
});

describe('percentiles', () => {
  it('are nearest-rank values that really occurred, ignoring seeds without the metric', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 90)).toBe(90);
    expect(percentile(xs, 99)).toBe(99);
    expect(distribution([30, null, 10, 20])).toEqual({ n: 3, missing: 1, p50: 20, p90: 30, p99: 30, max: 30 });
    expect(distribution([null])).toEqual({ n: 0, missing: 1, p50: null, p90: null, p99: null, max: null });
  });

  it('the worst exit code wins: internal error > invariant > expectation > ok', () => {
    const row = (exit_code: number) => ({ exit_code }) as SeedMetrics;
    expect(worstExitCode([row(0), row(1), row(0)])).toBe(1);
    expect(worstExitCode([row(1), row(3), row(1)])).toBe(3);
    expect(worstExitCode([row(3), row(4)])).toBe(4);
    expect(worstExitCode([row(0)])).toBe(0);
  });

  it('the progress line is drawn from counts, with time only when given', () => {
    expect(progressLine(5, 10, 0, undefined)).toBe(`[${'#'.repeat(15)}${'-'.repeat(15)}]  5/10`);
    expect(progressLine(5, 10, 2, 4000, 'seeds')).toBe(`[${'#'.repeat(15)}${'-'.repeat(15)}]  5/10 seeds  2 failing  4.0s  ~4.0s left`);
  });
});

describe('a sweep of master-crash', () => {
  const seeds = [1, 2, 3];
  let inThread: Awaited<ReturnType<typeof runSweep>>;
  beforeAll(async () => {
    inThread = await runSweep({ file: FILE, text: TEXT, seeds, workers: 0 });
  }, 60_000);

  it('gives one row per seed whose metrics match that seed\'s own run', { timeout: 30_000 }, () => {
    expect(inThread.rows.map((r) => r.seed)).toEqual(seeds);
    const loaded = loadScenario(FILE, TEXT);
    if (!loaded.ok) throw new Error('does not load');
    const run = runScenario(loaded.scenario, { seed: 2, logLevel: 'warning' });
    const row = inThread.rows[1]!;
    const ev = rows(run.world);
    const kill = ev.find((e) => e.event === 'fault' && e.detail === 'action=kill')!;
    expect(kill.t).toBe(5000);
    expect(row.fault_at_ms).toBe(5000);
    expect(row.first_pfail_ms).toBeCloseTo(ev.find((e) => e.t >= 5000 && e.event === 'pfail')!.t - 5000, 6);
    expect(row.first_fail_ms).toBeCloseTo(ev.find((e) => e.t >= 5000 && e.event === 'fail')!.t - 5000, 6);
    const won = ev.find((e) => e.event === 'election-won')!;
    expect(row.election_won_ms).toBeCloseTo(won.t - 5000, 6);
    expect(row.winner).toBe(won.node);
    expect(row.winner).toBe('A1');
    expect(row.final_epochs).toBe('A1:7,B:2,C:3');
    expect(row.trace_hash).toBe(run.world.trace.hex());
    expect(row.exit_code).toBe(run.exitCode);
    expect(row.simulated_ms).toBe(run.endMs);
    // Ordering that must hold in any correct run: suspicion, then agreement, then a winner, then service.
    for (const r of inThread.rows) {
      expect(r.first_pfail_ms!).toBeLessThanOrEqual(r.first_fail_ms!);
      expect(r.first_fail_ms!).toBeLessThan(r.election_won_ms!);
      expect(r.election_won_ms!).toBeLessThanOrEqual(r.survivors_ok_ms!);
    }
  });

  it('percentiles in the summary are computed from the rows', () => {
    const s = summarise(inThread.scenario, inThread.rows, null);
    const won = inThread.rows.map((r) => r.election_won_ms!).sort((a, b) => a - b);
    expect(s.percentiles.election_won_ms).toEqual({ n: 3, missing: 0, p50: won[1], p90: won[2], p99: won[2], max: won[2] });
    expect(s.winners).toEqual({ A1: 3 });
    expect(s.exit_code).toBe(0);
    expect(s.failing).toEqual([]);
  });

  it('worker threads give exactly the rows the calling thread gives', async () => {
    const threaded = await runSweep({ file: FILE, text: TEXT, seeds, workers: 2 });
    expect(threaded.rows).toEqual(inThread.rows);
    // Starting a thread loads the simulator afresh (a few seconds on a small machine).
  }, 60_000);
});

describe('sim sweep (CLI)', () => {
  it('writes metrics.csv and summary.json for the shard\'s seeds, with the documented columns', async () => {
    const r = await runCli(['sweep', FILE, '--seeds', '1..6', '--shard', '2/3', '--workers', '0']);
    expect(r.err).toMatch(/\[#+\] 2\/2 seeds/);
    expect(r.code).toBe(0);
    const csv = r.written.get('reports/master-crash-sweep-shard2of3/metrics.csv')!;
    const rows = csvParse(csv);
    expect(rows.columns).toEqual([...METRIC_COLUMNS]);
    expect(rows.map((x) => x.seed)).toEqual(['2', '5']);
    expect(rows.every((x) => x.exit_code === '0' && x.winner === 'A1' && /^[0-9a-f]{16}$/.test(x.trace_hash!))).toBe(true);
    const summary = JSON.parse(r.written.get('reports/master-crash-sweep-shard2of3/summary.json')!);
    expect(summary).toMatchObject({ scenario: 'master-crash', seeds: 2, shard: '2/3', exit_code: 0, exit_codes: { 0: 2 } });
    expect(r.out).toMatch(/election_won_ms\s+\d+\s+\d+\s+\d+\s+\d+\s+2/);
  }, 30_000);

  it('exits with the worst seed\'s code and lists each failing seed with the command that replays it', async () => {
    const failing = TEXT.replace('expect:\n', 'expect:\n  - at: end\n    role: { A: master }\n');
    const r = await runCli(['sweep', 'mc-fails.yaml', '--seeds', '3,4', '--workers', '0', '--out', 'out'], { 'mc-fails.yaml': failing });
    expect(r.code).toBe(1);
    expect(r.out).toContain('Failing seeds (2):');
    expect(r.out).toContain('npx sim run mc-fails.yaml --seed 3');
    expect(r.out).toContain('npx sim run mc-fails.yaml --seed 4');
    const summary = JSON.parse(r.written.get('out/summary.json')!);
    expect(summary.failing.map((f: { seed: number }) => f.seed)).toEqual([3, 4]);
    expect(csvParse(r.written.get('out/metrics.csv')!).map((x) => x.failed)).toEqual(['1', '1']);
  }, 30_000);

  it('bad seeds or shards are usage errors (exit 2)', async () => {
    expect((await runCli(['sweep', FILE, '--seeds', '9..1'])).code).toBe(2);
    expect((await runCli(['sweep', FILE, '--seeds', '1..4', '--shard', '5/4'])).code).toBe(2);
    expect((await runCli(['sweep', FILE, '--seeds', '1..4', '--workers', 'many'])).code).toBe(2);
  });
});
