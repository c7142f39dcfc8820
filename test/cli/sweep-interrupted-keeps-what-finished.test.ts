// Rule: a sweep appends each seed's row to its report as the seed finishes;
// SIGINT/SIGTERM stops it, the seeds that finished are written as a whole
// report marked incomplete, the command that runs the rest is printed, and
// the exit code is 130 / 143. `--resume` runs only the rest and ends with
// the report a sweep that was never stopped writes.

import { describe, expect, it } from 'vitest';
import { csvParse } from 'd3-dsv';
import { MemoryFs } from './memory-fs.ts';
import { runCli } from './fake-io.ts';

const FILE = 'scenarios/master-crash.yaml';
const SWEEP = ['sweep', FILE, '--seeds', '1..4', '--workers', '0', '--out', 'out'];

describe('an interrupted sweep', () => {
  it('keeps what finished, says how to resume, and --resume finishes it as if never stopped', async () => {
    const fs = new MemoryFs();
    // The 3rd write to metrics.csv is the 2nd seed's row: Ctrl-C then.
    const stopped = await runCli(SWEEP, {}, '', { fs, signalAt: { path: /metrics\.csv$/, signal: 'SIGINT', nth: 3 } });
    expect(stopped.code).toBe(130);
    const resume = 'npx sim sweep scenarios/master-crash.yaml --seeds 1..4 --out out --resume';
    expect(stopped.err.split('\n').at(-1)).toBe(`interrupted (SIGINT): kept 2 of 4 seeds in out/; 2 did not run; resume with: ${resume}`);
    expect(fs.list('.').filter((n) => n.startsWith('.'))).toEqual([]);
    expect(csvParse(fs.files.get('out/metrics.csv')!).map((r) => r.seed)).toEqual(['1', '2']);
    const partial = JSON.parse(fs.files.get('out/summary.json')!);
    expect(partial).toMatchObject({ seeds: 2, complete: false, left: { seeds: 2, resume } });
    expect(stopped.out).toContain('Stopped early: 2 seeds did not run.');

    const resumed = await runCli([...SWEEP, '--resume'], {}, '', { fs });
    expect(resumed.code).toBe(0);
    expect(resumed.out.split('\n')[0]).toBe('sweep master-crash: 4 seeds (1..4), 2 kept from out/, in this thread');
    const whole = await runCli(SWEEP);
    expect(fs.files.get('out/metrics.csv')).toBe(whole.written.get('out/metrics.csv'));
    const summary = JSON.parse(fs.files.get('out/summary.json')!);
    expect({ ...summary, wall_ms: 0 }).toEqual({ ...JSON.parse(whole.written.get('out/summary.json')!), wall_ms: 0 });
    expect(summary.complete).toBe(true);
  }, 120_000);

  it('SIGTERM exits 143', async () => {
    const r = await runCli(SWEEP, {}, '', { signalAt: { path: /metrics\.csv$/, signal: 'SIGTERM', nth: 2 } });
    expect(r.code).toBe(143);
    expect(csvParse(r.written.get('out/metrics.csv')!).map((x) => x.seed)).toEqual(['1']);
  }, 60_000);

  it('--resume adopts the rows a sweep that died outright had appended to its partial folder', async () => {
    const fs = new MemoryFs();
    const first = await runCli([...SWEEP.slice(0, 3), '1..2', ...SWEEP.slice(4)], {}, '', { fs });
    expect(first.code).toBe(0);
    // As a sweep killed with SIGKILL leaves it: no report yet, the rows it had appended.
    fs.rename('out', '.out.partial-999');
    fs.remove('.out.partial-999/summary.json');
    const resumed = await runCli([...SWEEP, '--resume'], {}, '', { fs });
    expect(resumed.code).toBe(0);
    expect(resumed.out.split('\n')[0]).toContain('2 kept from out/');
    expect(csvParse(fs.files.get('out/metrics.csv')!).map((x) => x.seed)).toEqual(['1', '2', '3', '4']);
    expect(fs.list('.').filter((n) => n.startsWith('.'))).toEqual([]);
  }, 60_000);

  it('--resume refuses a folder with no sweep, or a sweep of a changed scenario', async () => {
    const none = await runCli([...SWEEP, '--resume']);
    expect(none.code).toBe(2);
    expect(none.err).toBe('--resume: no earlier sweep in out/ (no metrics.csv); run without --resume');
    const fs = new MemoryFs();
    await runCli([...SWEEP.slice(0, 3), '1', ...SWEEP.slice(4)], {}, '', { fs });
    const changed = await runCli(['sweep', 'mc.yaml', ...SWEEP.slice(2), '--resume'], { 'mc.yaml': `# edited\n${(await import('node:fs')).readFileSync(FILE, 'utf8')}` }, '', { fs });
    expect(changed.code).toBe(2);
    expect(changed.err).toMatch(/^--resume: out\/ holds a sweep of another version of this scenario/);
  }, 60_000);
});
