// `sim sweep --merge`: four shards of one sweep, run separately and merged,
// write what the one sweep writes (metrics.csv, summary.json and sweep.html
// byte for byte: the fake clock makes wall_ms 0 in both), and parts that do
// not belong together are refused.

import { MemoryFs } from '../cli/memory-fs.ts';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/fake-io.ts';

const FILE = 'scenarios/master-crash.yaml';
const FILES = ['metrics.csv', 'summary.json', 'sweep.html'];

describe('sim sweep --merge', () => {
  it('four --shard i/4 sweeps merged are byte-identical to one sweep', async () => {
    const fs = new MemoryFs();
    const whole = await runCli(['sweep', FILE, '--seeds', '1..8', '--workers', '0', '--out', 'whole'], {}, '', { fs });
    expect(whole.code).toBe(0);
    for (const i of [1, 2, 3, 4]) {
      const part = await runCli(['sweep', FILE, '--seeds', '1..8', '--shard', `${i}/4`, '--workers', '0', '--out', `part${i}`], {}, '', { fs });
      expect(part.code).toBe(0);
    }
    const merged = await runCli(['sweep', '--merge', 'part3', 'part1', 'part4', 'part2', '--out', 'merged'], {}, '', { fs });
    expect(merged.code).toBe(0);
    expect(merged.out).toMatch(/merged 4 sweeps of master-crash: 8 seeds/);
    for (const f of FILES) expect(fs.files.get(`merged/${f}`), f).toBe(fs.files.get(`whole/${f}`));
    const html = fs.files.get('merged/sweep.html')!;
    expect(html).toMatch(/<h2>election_won_ms<\/h2>/);
    expect(html).toMatch(/<h2>election_delay_ms<\/h2>/);
    expect(html).not.toMatch(/<script/);
  }, 120_000);

  it('refuses parts that share a seed, and folders that hold no sweep', async () => {
    const fs = new MemoryFs();
    for (const out of ['a', 'b']) await runCli(['sweep', FILE, '--seeds', '1..2', '--workers', '0', '--out', out], {}, '', { fs });
    const twice = await runCli(['sweep', '--merge', 'a', 'b'], {}, '', { fs });
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/seed 1 is in both a and b/);
    const none = await runCli(['sweep', '--merge', 'a', 'nowhere'], {}, '', { fs });
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/--merge nowhere: not a sweep report folder/);
  }, 60_000);
});
