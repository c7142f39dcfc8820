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

describe('the README property test', () => {
  it('draws fault schedules and fails on a mutant', () => {
    const copy = patchedCopy(join(ROOT, 'mutants', '09-half-the-votes-wins.patch'));
    if ('error' in copy) throw new Error(`mutant 09 does not apply: ${copy.error}`);
    try {
      const example = readmeExample().replace("from 'redis-cluster-sim'", "from './sim/index.ts'");
      expect(example).toContain('fuzzCases(settings)');
      writeFileSync(join(copy.dir, 'readme.test.ts'), example);
      const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
      const r = spawnSync(process.execPath, [vitest, 'run', 'readme.test.ts', '--root', copy.dir, '--testTimeout=240000'], { cwd: copy.dir, encoding: 'utf8', env: { ...process.env, CI: '1' } });
      const out = `${r.stdout}\n${r.stderr}`;
      expect(r.status, out).toBe(1);
      expect(out).toMatch(/drawn clusters and fault schedules/);
      expect(out).toMatch(/election-needs-majority: A\d won epoch \d+ with \d votes? of \d+ masters serving slots, not a majority/);
    } finally {
      removeCopy(copy.dir);
    }
  }, 300_000);
});
