// Rule: reading a scenario file costs bounded time and memory whatever it
// holds. Past a limit (limits.ts) the file is bad input: one positioned
// error naming the limit and why, found before anything is validated.

import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/load.ts';
import { LIMITS } from '../../sim/scenario/limits.ts';
import { formatScenarioError } from '../../sim/scenario/errors.ts';
import { linesOf, onlyError, scenarioOf } from './helpers.ts';

/** The errors of a text, and how long loading it took. */
function timed(text: string): { lines: string[]; ms: number } {
  const t0 = performance.now();
  const r = loadScenario('test.yaml', text);
  const ms = performance.now() - t0;
  return { lines: r.ok ? [] : r.errors.map(formatScenarioError), ms };
}

/** A timeline whose entries nest `levels` repeats of 9 aliases each: 9^levels steps from a 1 KB file. */
function laughs(levels: number): string {
  let doc = 'name: bomb\ntimeline:\n  - &e0 { after: 0, heal: all }\n';
  for (let i = 1; i <= levels; i++) doc += `  - &e${i} { repeat: { times: 1, do: [${Array(9).fill(`*e${i - 1}`).join(', ')}] } }\n`;
  return doc;
}

describe('aliases', () => {
  it('nested aliases that would expand to billions of nodes are refused at the alias that crosses the limit', () => {
    const text = laughs(11);
    expect(text.length).toBeLessThan(1100);
    const { lines, ms } = timed(text);
    expect(lines).toEqual([
      'test.yaml:8:56: alias *e4 stands for 38,545 nodes, and the document with its aliases expanded for more than 200,000; the limit is 200,000 (nested aliases multiply: a 1 KB file can stand for billions of nodes; a file without aliases stays below this)',
    ]);
    expect(ms).toBeLessThan(2000);
  });

  it('more aliases than the limit are refused at the first one too many (30,000 plain aliases)', () => {
    const text = `name: x\nk: &k A\ntimeline:\n  - at: 1s\n    partition: [[${Array(30_000).fill('*k').join(',')}], ["*"]]\n`;
    const { lines, ms } = timed(text);
    expect(lines).toEqual([`test.yaml:5:${18 + 3 * LIMITS.aliases.max}: too many YAML aliases; the limit is 1000 (${LIMITS.aliases.why})`]);
    expect(ms).toBeLessThan(3000);
  });

  it('each alias is resolved once: 1000 distinct anchors used inside one aliased list load at once', () => {
    // The yaml package's own alias check walks the whole document per nested alias (8,000 took 38 s).
    let text = '';
    for (let i = 0; i < 999; i++) text += `b${i}: &b${i} A\n`;
    text += `cluster: { masters: 1 }\ntimeline:\n  - at: 1s\n    partition: [&g [${Array.from({ length: 999 }, (_, i) => `*b${i}`).join(',')}], ["*"]]\nx: *g\n`;
    const { lines, ms } = timed(text);
    expect(lines[0]).toBe('test.yaml:1:1: unknown key "b0" in the scenario');
    expect(ms).toBeLessThan(3000);
  });

  it('an alias inside the node it names never ends, and is an error, not a stack overflow', () => {
    expect(linesOf('name: x\nexpect: &e\n  - at: end\n    role: *e\n')).toEqual(['test.yaml:4:11: alias *e stands for a node that contains it, so it never ends']);
  });

  it('an alias before its anchor is an error at the alias', () => {
    expect(linesOf('name: x\ntimeline:\n  - at: 1s\n    kill: *v\n  - at: 2s\n    kill: &v A\n')).toEqual(['test.yaml:4:11: YAML syntax error: alias *v has no anchor &v before it']);
  });

  it('an anchor name used twice: each alias stands for the last one before it (the yaml rule)', () => {
    const s = scenarioOf('timeline:\n  - at: 1s\n    kill: &v A\n  - at: 2s\n    restart: *v\n  - at: 3s\n    kill: &v B\n  - at: 4s\n    restart: *v\n');
    expect(s.timeline.map((e) => (e.action as { node: { name: string } }).node.name)).toEqual(['A', 'A', 'B', 'B']);
  });
});

describe('size and shape', () => {
  it('a file larger than the limit is refused at the line and column where it crosses it, unparsed', () => {
    const line = `# ${'x'.repeat(98)}\n`;
    const text = `name: big\n${line.repeat(3000)}`;
    const { lines, ms } = timed(text);
    const offset = LIMITS.fileBytes.max; // the first character past the limit (all ASCII)
    const row = Math.floor((offset - 10) / 101) + 2;
    const col = ((offset - 10) % 101) + 1;
    expect(lines).toEqual([`test.yaml:${row}:${col}: file too large; the limit is 256 KiB (${LIMITS.fileBytes.why})`]);
    expect(ms).toBeLessThan(500);
  });

  it('the size limit counts UTF-8 bytes, not characters', () => {
    const text = `name: x\ndescription: "${'é'.repeat(LIMITS.fileBytes.max / 2)}"\n`;
    expect(onlyError(text).code).toBe('too-large');
    expect(loadScenario('t.yaml', `name: x\ndescription: "${'é'.repeat(LIMITS.fileBytes.max / 2 - 40)}"\n`).ok).toBe(true);
  });

  it('nesting deeper than the limit is refused where it goes too deep', () => {
    const text = `name: x\nexpect: ${'['.repeat(70)}${']'.repeat(70)}\n`;
    const e = onlyError(text);
    expect([e.line, e.col, e.code]).toEqual([2, 'expect: '.length + LIMITS.depth.max, 'too-large']);
  });

  it('a map of 18,000 keys is read in linear time (duplicates found in one pass), and a duplicate is still an error', () => {
    let text = 'name: x\ncluster:\n  config:\n';
    for (let i = 0; i < 18_000; i++) text += `    k${i}: 1\n`;
    const { lines, ms } = timed(`${text}    k7: 2\n`);
    expect(lines).toEqual([`test.yaml:${4 + 18_000}:5: YAML syntax error: map keys must be unique`]);
    expect(ms).toBeLessThan(3000);
  });
});
