// A temporary copy of the sources with one mutant patch applied (mutants/),
// for `npm run mutants` and the tests that show a property finds a mutant.
// node_modules is linked, not copied. The working tree is never touched.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

/** The copy's folder, or git's reason when the patch no longer applies (the code it anchors on moved). */
export function patchedCopy(patch: string | null): { dir: string } | { error: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sim-mutant-'));
  for (const f of ['sim', 'package.json', 'tsconfig.json']) cpSync(join(ROOT, f), join(dir, f), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  if (patch === null) return { dir };
  const r = spawnSync('git', ['apply', '-C1', patch], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) {
    removeCopy(dir);
    return { error: (r.stderr || r.stdout).trim().split('\n')[0] ?? 'git apply failed' };
  }
  return { dir };
}

export function removeCopy(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
