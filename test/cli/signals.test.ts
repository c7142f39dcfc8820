// Rule, for the real `sim` process: SIGINT or SIGTERM never leaves half a
// report. During the simulation the process stops at once (at the next
// slice); then, or while the report is written, the partial folder is removed; a
// sweep keeps the seeds that finished and prints how to resume. The shell
// sees 130 (SIGINT) / 143 (SIGTERM) either way.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const tsx = import.meta.resolve('tsx');
const BIN = join(repo, 'sim', 'cli', 'bin.ts');
const cwd = mkdtempSync(join(tmpdir(), 'sim-signals-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

interface Proc {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** The exit status as a shell reports it (128 + n for a process signal n stopped). */
  status: Promise<number>;
}

function sim(args: string[], dir: string): Proc {
  const child = spawn(process.execPath, ['--import', tsx, BIN, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const status = new Promise<number>((resolve) => child.on('close', (code, signal) => resolve(code ?? 128 + constants.signals[signal!])));
  return { child, stdout: () => out, stderr: () => err, status };
}

const until = async (what: string, cond: () => boolean, ms = 60_000): Promise<void> => {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

/** A run long enough to interrupt (~10 s of simulation) with a report of a few MB. */
const LONG = 'name: long\nduration: 20m\nworkload:\n  - rate: 500/s\n';

describe('sim run', () => {
  it('SIGINT during the simulation: stopped at once, 130, nothing on disk', async () => {
    const dir = mkdtempSync(join(cwd, 'run-'));
    writeFileSync(join(dir, 'long.yaml'), LONG);
    const p = sim(['run', 'long.yaml', '--seed', '1'], dir);
    await until('the seed line', () => p.stdout().startsWith('seed 1'));
    p.child.kill('SIGINT');
    expect(await p.status).toBe(130);
    expect(readdirSync(dir)).toEqual(['long.yaml']);
  }, 90_000);

  it('SIGTERM while the report is being written: the partial folder is removed, 143', async () => {
    const dir = mkdtempSync(join(cwd, 'write-'));
    writeFileSync(join(dir, 'long.yaml'), LONG.replace('20m', '2m'));
    const p = sim(['run', 'long.yaml', '--seed', '1'], dir);
    const partial = join(dir, 'reports', `.long-seed1.partial-${p.child.pid}`);
    // Wait (busily: the window is short) for the report to be started, then freeze the process there.
    await until('the seed line', () => p.stdout().startsWith('seed 1'));
    const end = performance.now() + 60_000;
    while (!existsSync(partial) && performance.now() < end);
    p.child.kill('SIGSTOP');
    try {
      expect(existsSync(partial), 'the report was being written').toBe(true);
      expect(existsSync(join(dir, 'reports', 'long-seed1')), 'and was not complete').toBe(false);
    } finally {
      p.child.kill('SIGTERM');
      p.child.kill('SIGCONT');
    }
    expect(await p.status).toBe(143);
    expect(p.stderr()).toBe('interrupted (SIGTERM): nothing written to reports/long-seed1/\n');
    expect(readdirSync(dir)).toEqual(['long.yaml']);
  }, 90_000);
});

describe('sim sweep', () => {
  it('SIGINT keeps the seeds that finished as a whole report, prints the resume command, and that command finishes the sweep', async () => {
    const dir = mkdtempSync(join(cwd, 'sweep-'));
    const file = join(repo, 'scenarios', 'master-crash.yaml');
    const p = sim(['sweep', file, '--seeds', '1..12', '--workers', '1', '--out', 'out'], dir);
    const partialCsv = (): string => join(dir, `.out.partial-${p.child.pid}`, 'metrics.csv');
    await until('two rows appended', () => existsSync(partialCsv()) && readFileSync(partialCsv(), 'utf8').trim().split('\n').length >= 3);
    p.child.kill('SIGINT');
    expect(await p.status).toBe(130);
    const last = p.stderr().trim().split('\n').at(-1)!;
    const m = /^interrupted \(SIGINT\): kept (\d+) of 12 seeds in out\/; (\d+) did not run; resume with: npx sim sweep (.*)$/.exec(last);
    expect(m, last).not.toBeNull();
    const kept = Number(m![1]);
    expect(kept + Number(m![2])).toBe(12);
    expect(readdirSync(dir)).toEqual(['out']);
    expect(readFileSync(join(dir, 'out', 'metrics.csv'), 'utf8').trim().split('\n')).toHaveLength(kept + 1);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'))).toMatchObject({ seeds: kept, complete: false });

    const resumed = sim(['sweep', ...m![3]!.split(' ').slice(0, -1).map((w) => w.replace(/^'(.*)'$/, '$1')), '--resume', '--workers', '1'], dir);
    expect(await resumed.status, resumed.stderr()).toBe(0);
    expect(resumed.stdout()).toContain(`${kept} kept from out/`);
    expect(readFileSync(join(dir, 'out', 'metrics.csv'), 'utf8').trim().split('\n')).toHaveLength(13);
    expect(JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'))).toMatchObject({ seeds: 12, complete: true });
  }, 120_000);
});
