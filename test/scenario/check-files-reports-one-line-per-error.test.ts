// Rule: `sim check FILE…` prints one line per error (no stack traces, even
// for unreadable files) and is ok only when every file is.

import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../sim/scenario/check-files.ts';

const files: Record<string, string> = {
  'good.yaml': 'name: good\ntimeline:\n  - at: 1s\n    kill: A\n',
  'bad.yaml': 'name: bad\ntimeline:\n  - at: 1s\n    kil: A\n',
  'many.yaml': Array.from({ length: 23 }, (_, i) => `junk${i}: 1`).join('\n'),
};
const readFile = (p: string): string => {
  if (p === 'dir') throw Object.assign(new Error("EISDIR: illegal operation on a directory, read"), { code: 'EISDIR' });
  const t = files[p];
  if (t === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
  return t;
};

describe('checkFiles', () => {
  it('is ok and silent when every file is valid', () => {
    expect(checkFiles(['good.yaml'], readFile)).toEqual({ ok: true, lines: [], files: [{ file: 'good.yaml', ok: true, errorCount: 0 }] });
  });

  it('prints each error as FILE:LINE:COL: reason, in argument order', () => {
    const r = checkFiles(['bad.yaml', 'good.yaml', 'missing.yaml'], readFile);
    expect(r.ok).toBe(false);
    expect(r.lines).toEqual(['bad.yaml:4:5: unknown action "kil" (did you mean "kill"?)', 'missing.yaml: cannot read: no such file']);
  });

  it('an unreadable path is one line without a stack', () => {
    const r = checkFiles(['dir'], readFile);
    expect(r.lines).toEqual(['dir: cannot read: it is a directory']);
    expect(r.lines.join('\n')).not.toMatch(/\n\s+at /);
  });

  it('caps a file at 20 lines and says how many more there were', () => {
    const r = checkFiles(['many.yaml'], readFile);
    expect(r.lines).toHaveLength(21);
    expect(r.lines[20]).toBe('many.yaml: 3 more errors not shown');
    expect(r.files[0]).toEqual({ file: 'many.yaml', ok: false, errorCount: 23 });
  });
});
