// Rule: a report folder is whole or absent. It is written into a hidden
// sibling and renamed into place when complete, replacing an earlier report
// whole; a signal or a failed write while writing leaves nothing (exit
// 130/143 for SIGINT/SIGTERM, 4 for the failed write); `--out` is checked
// before the simulation starts; the default folder is a safe slug of `name:`.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryFs } from './memory-fs.ts';
import { runCli } from './fake-io.ts';
import { reportSlug } from '../../sim/cli/report-folder.ts';

const repo = join(import.meta.dirname, '..', '..');
const SHORT = 'name: short\nduration: 2s\nworkload:\n  - rate: 20/s\n';
// A run with a workload: history.edn is in its report too.
const FILES = ['events.csv', 'history.csv', 'history.edn', 'log.txt', 'summary.json', 'timeline.html'];

describe('a finished run', () => {
  it('leaves the report folder and nothing else (no temporary sibling)', async () => {
    const r = await runCli(['run', 's.yaml', '--seed', '1'], { 's.yaml': SHORT });
    expect(r.code).toBe(0);
    expect([...r.written.keys()].sort()).toEqual(FILES.map((f) => `reports/short-seed1/${f}`));
    expect(r.fs.list('reports')).toEqual(['short-seed1']);
  });

  it('replaces an earlier report of the same name whole: no file of the old one survives', async () => {
    const fs = new MemoryFs();
    fs.mkdirp('reports/short-seed1');
    fs.writeFile('reports/short-seed1/events.csv', 'old');
    fs.writeFile('reports/short-seed1/redis-cli.txt', 'old run only');
    const r = await runCli(['run', 's.yaml', '--seed', '1'], { 's.yaml': SHORT }, '', { fs });
    expect(r.code).toBe(0);
    expect(fs.list('reports/short-seed1')).toEqual(FILES);
    expect(fs.files.get('reports/short-seed1/events.csv')).not.toBe('old');
    expect(fs.list('reports')).toEqual(['short-seed1']);
  });
});

describe('a run interrupted while writing its report', () => {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal}: nothing is left (not even the reports/ folder it created), exit ${code}`, async () => {
      const r = await runCli(['run', 's.yaml', '--seed', '1'], { 's.yaml': SHORT }, '', { signalAt: { path: /history\.csv$/, signal } });
      expect(r.code).toBe(code);
      expect(r.err).toBe(`interrupted (${signal}): nothing written to reports/short-seed1/`);
      expect(r.written.size).toBe(0);
      expect(r.fs.kind('reports')).toBe('missing');
    });
  }

  it('an earlier report of that name is kept as it was', async () => {
    const fs = new MemoryFs();
    fs.mkdirp('reports/short-seed1');
    fs.writeFile('reports/short-seed1/events.csv', 'old');
    const r = await runCli(['run', 's.yaml', '--seed', '1'], { 's.yaml': SHORT }, '', { fs, signalAt: { path: /log\.txt$/, signal: 'SIGINT' } });
    expect(r.code).toBe(130);
    expect([...fs.files]).toEqual([['reports/short-seed1/events.csv', 'old']]);
    expect(fs.list('reports')).toEqual(['short-seed1']);
  });

  it('a failed write (disk full) leaves nothing either, exit 4 with the reason', async () => {
    const fs = new MemoryFs();
    fs.beforeWrite = (p) => {
      if (p.endsWith('log.txt')) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    };
    const r = await runCli(['run', 's.yaml', '--seed', '1', '--out', 'out/deep/x'], { 's.yaml': SHORT }, '', { fs });
    expect(r.code).toBe(4);
    expect(r.err).toBe('internal error: cannot write the report to out/deep/x/: no space left on device (nothing was left there)');
    expect(fs.files.size).toBe(0);
    expect(fs.kind('out')).toBe('missing');
  });
});

describe('--out is checked before the simulation starts', () => {
  const bad = async (out: string, fs = new MemoryFs()): Promise<string> => {
    const r = await runCli(['run', 'scenarios/master-crash.yaml', '--seed', '1', '--out', out], {}, '', { fs });
    expect(r.code, r.err).toBe(2);
    expect(r.out).toBe(''); // not even "seed 1": nothing ran
    expect(r.err.split('\n')).toHaveLength(1);
    return r.err;
  };

  it('empty, a NUL, or no folder of its own', async () => {
    expect(await bad('')).toBe('--out: expected a folder name, got nothing');
    expect(await bad('a\0b')).toBe('--out "a\\u0000b": a path cannot contain a NUL character');
    expect(await bad('.')).toMatch(/^--out \.: a report needs a folder of its own/);
    expect(await bad('x/..')).toMatch(/^--out x\/\.\.: a report needs a folder of its own/);
  });

  it('a file, or a path under a file', async () => {
    const fs = new MemoryFs();
    fs.writeFile('notes.txt', 'mine');
    expect(await bad('notes.txt', fs)).toBe('--out notes.txt: it is a file, not a folder');
    expect(await bad('notes.txt/r', fs)).toBe('--out notes.txt/r: cannot write there: a part of the path is a file');
    expect([...fs.files.keys()]).toEqual(['notes.txt']);
  });

  it('a folder holding files sim did not write is not replaced', async () => {
    const fs = new MemoryFs();
    fs.mkdirp('home');
    fs.writeFile('home/thesis.tex', 'years of work');
    fs.writeFile('home/summary.json', '{}');
    expect(await bad('home', fs)).toBe('--out home: the folder holds other files (thesis.tex); a report replaces its folder whole, so give a new folder or one sim wrote');
    expect(fs.files.get('home/thesis.tex')).toBe('years of work');
  });
});

describe('folders of runs that died', () => {
  it('a temporary sibling left by a process that no longer runs is removed by the next report of that name', async () => {
    const fs = new MemoryFs();
    fs.mkdirp('reports/short-seed1');
    fs.mkdirp('reports/.short-seed1.partial-999');
    fs.writeFile('reports/.short-seed1.partial-999/events.csv', 'half');
    fs.mkdirp('reports/.other-seed1.partial-999');
    const r = await runCli(['run', 's.yaml', '--seed', '1'], { 's.yaml': SHORT }, '', { fs });
    expect(r.code).toBe(0);
    expect(fs.list('reports')).toEqual(['.other-seed1.partial-999', 'short-seed1']);
  });
});

describe('the default folder name', () => {
  it('is a slug of name: that can never leave reports/', () => {
    expect(reportSlug('split-brain')).toBe('split-brain');
    expect(reportSlug('../x')).toBe('x');
    expect(reportSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(reportSlug('..')).toBe('scenario');
    expect(reportSlug('', 'my-file')).toBe('my-file');
    expect(reportSlug('.hidden')).toBe('hidden');
    expect(reportSlug('Réplica à 3 nœuds!')).toBe('R-plica-3-n-uds');
    expect(reportSlug('x'.repeat(500))).toHaveLength(100);
    expect(reportSlug('v1.2 final.')).toBe('v1.2-final');
  });

  it('sim run with name: ../escaped writes reports/escaped-seed1/, and an empty name uses the file name', async () => {
    const a = await runCli(['run', 'esc.yaml', '--seed', '1'], { 'esc.yaml': SHORT.replace('name: short', 'name: ../escaped') });
    expect([...a.written.keys()][0]).toMatch(/^reports\/escaped-seed1\//);
    expect(a.out).toContain('Report: reports/escaped-seed1/');
    const b = await runCli(['run', 'dir/empty-name.yaml', '--seed', '1'], { 'dir/empty-name.yaml': SHORT.replace('name: short', 'name: ""') });
    expect([...b.written.keys()][0]).toMatch(/^reports\/empty-name-seed1\//);
  });

  it('the README explains it', () => {
    expect(readFileSync(join(repo, 'README.md'), 'utf8')).toMatch(/safe slug of\s+`name:`/);
  });
});
