// The README's "Use from code" example is a property test a user writes on
// the public API. Its second property draws clusters and fault schedules
// with the fuzzer's generator (fuzzCases). It passes on this code (CI runs
// the same block against the packed tarball: npm run pack-test) and must
// fail once the protocol is broken: here, on a copy of the sources with the
// mutant "an election is won with half the masters" applied.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { patchedCopy, removeCopy, ROOT } from '../../scripts/mutant-copy.ts';

/** The first ts block under "## Use from code" (as pack-test extracts it). */
function readmeExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = /^## Use from code\n([\s\S]*?)^## /m.exec(readme)![1]!;
  return /^```ts\n([\s\S]*?)^```/m.exec(section)![1]!;
}

/** Run the README example under vitest in a copy of the sources (patched with `patch`, or not); exit code and output. */
function runExample(patch: string | null): { status: number | null; out: string } {
  const copy = patchedCopy(patch === null ? null : join(ROOT, 'mutants', patch));
  if ('error' in copy) throw new Error(`${patch} does not apply: ${copy.error}`);
  try {
    const example = readmeExample().replace("from 'redis-cluster-sim'", "from './sim/index.ts'");
    expect(example).toContain('fuzzCases(settings)');
    writeFileSync(join(copy.dir, 'readme.test.ts'), example);
    const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
    const r = spawnSync(process.execPath, [vitest, 'run', 'readme.test.ts', '--root', copy.dir, '--testTimeout=240000'], { cwd: copy.dir, encoding: 'utf8' });
    return { status: r.status, out: `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, '') };
  } finally {
    removeCopy(copy.dir);
  }
}

describe('the README property test', () => {
  it('passes on the code as it is', () => {
    const r = runExample(null);
    expect(r.status, r.out).toBe(0);
  }, 300_000);

  it('draws fault schedules and fails on a mutant (an election won with half the masters)', () => {
    const r = runExample('09-half-the-votes-wins.patch');
    expect(r.status, r.out).toBe(1);
    // The drawn property fails (fast-check shrinks it); the fixed-scenario property above it may pass.
    expect(r.out).toMatch(/drawn clusters and fault schedules > never break a safety invariant/);
    expect(r.out).toMatch(/Property failed after \d+ tests/);
  }, 300_000);
});
