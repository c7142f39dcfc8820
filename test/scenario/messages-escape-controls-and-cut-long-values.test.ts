// Rule: a message echoes what it was given as one short, inert line. Control
// characters (ESC, NUL, line separators, bidi overrides) print as escapes,
// long values are cut with an ellipsis, and a byte-order mark does not count
// as a column.

import { describe, expect, it } from 'vitest';
import { cut, escapeControls, MAX_LINE, printable, printableLine } from '../../sim/core/printable.ts';
import { linesOf } from './helpers.ts';
import { runCli } from '../cli/fake-io.ts';

describe('printable text', () => {
  it('escapes what a terminal would act on and leaves the rest alone', () => {
    expect(escapeControls('a\x1b[2Jb')).toBe('a\\x1b[2Jb');
    expect(escapeControls('nul\0 tab\t nl\n cr\r del\x7f')).toBe('nul\\x00 tab\\t nl\\n cr\\r del\\x7f');
    expect(escapeControls('rtl\u202eabc ls\u2028 bom\ufeff')).toBe('rtl\\u202eabc ls\\u2028 bom\\ufeff');
    expect(escapeControls('lone \ud800 pair 😀 é {user}:%d')).toBe('lone \\ud800 pair 😀 é {user}:%d');
  });

  it('cuts long text with an ellipsis, never inside an escape or a surrogate pair', () => {
    expect(cut('abcdef', 6)).toBe('abcdef');
    expect(cut('abcdefg', 6)).toBe('abcde…');
    expect(printable('x'.repeat(1000))).toHaveLength(60);
    expect(printable('abcd\x1b', 7)).toBe('abcd…');
    expect(cut('abcd😀x', 6)).toBe('abcd…');
  });

  it('a whole message is one line of bounded length', () => {
    const line = printableLine(`bad\n  value ${'y'.repeat(10_000)}`);
    expect(line.startsWith('bad value yyy')).toBe(true);
    expect(line.length).toBe(MAX_LINE);
    expect(line.endsWith('…')).toBe(true);
  });
});

describe('scenario errors', () => {
  it('an escape sequence in a key is printed escaped', () => {
    expect(linesOf('name: x\n\x1b[31mclustr: 1\n')).toEqual(['test.yaml:2:1: unknown key "\\x1b[31mclustr" in the scenario']);
  });

  it('a 100 KB key is cut to a short quote', () => {
    const [line] = linesOf(`name: x\n? ${'k'.repeat(100_000)}\n: 1\n`);
    expect(line).toMatch(/^test\.yaml:2:3: unknown key "k+…" in the scenario$/);
    expect(line!.length).toBeLessThan(120);
  });

  it('a NUL in a value is shown as \\x00', () => {
    expect(linesOf('name: x\ncluster: { bootstrap: "for\\0med" }\n')[0]).toContain('"for\\x00med"');
  });

  it('a byte-order mark does not shift columns on the first line', () => {
    expect(linesOf('\ufeffclustr: 1\n')).toEqual(['test.yaml:1:1: unknown key "clustr" in the scenario (did you mean "cluster"?)']);
    expect(linesOf('\ufeffcluster: { masters: x }\n')).toEqual(['test.yaml:1:21: masters: expected a whole number, got "x"']);
  });
});

describe('command-line errors', () => {
  it('an unknown option with an escape sequence is printed escaped', async () => {
    const r = await runCli(['run', 'scenarios/master-crash.yaml', '--\x1b[2J']);
    expect(r.code).toBe(2);
    expect(r.err).not.toContain('\x1b');
    expect(r.err).toContain('\\x1b[2J');
  });

  it('a bad option value is echoed escaped and cut', async () => {
    const r = await runCli(['run', 'scenarios/master-crash.yaml', '--seed', `\x07${'9x'.repeat(5000)}`]);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^--seed: expected a non-negative integer, got "\\x079x9x.*…$/);
    expect(r.err.length).toBeLessThanOrEqual(MAX_LINE);
  });

  it('an unreadable file name with control characters is escaped', async () => {
    const r = await runCli(['check', 'no\nsuch\x1b.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('no\\nsuch\\x1b.yaml: cannot read: no such file');
  });
});

describe('what a run prints', () => {
  it('a description with an escape sequence is refused; line breaks and tabs are prose', () => {
    expect(linesOf('name: x\ndescription: "red \\e[31m text"\n')).toEqual(['test.yaml:2:14: description: has control characters other than line breaks and tabs']);
    expect(linesOf('name: x\ndescription: "two\\n\\tlines"\nclustr: 1\n')).toHaveLength(1);
  });

  it('the narration quotes commands and replies with control characters escaped', async () => {
    const yaml = 'name: esc\nduration: 2s\ntimeline:\n  - at: 1s\n    redis: { node: A, command: "ECHO \\"\\e[2J\\"", reply: "x" }\n';
    const r = await runCli(['run', 'esc.yaml', '--seed', '1'], { 'esc.yaml': yaml });
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('\x1b');
    expect(r.out).toContain('\\x1b[2J');
  });
});
