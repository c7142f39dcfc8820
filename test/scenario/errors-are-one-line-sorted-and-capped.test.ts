// Rule: each error prints as one line `FILE:LINE:COL: REASON (did you mean
// "x"?)`; a file reports several errors at once, sorted by position, at most
// MAX_ERRORS_PER_FILE of them.

import { describe, expect, it } from 'vitest';
import { capErrors, formatScenarioError, MAX_ERRORS_PER_FILE, type ScenarioError } from '../../sim/scenario/errors.ts';
import { errorsOf, linesOf } from './helpers.ts';

describe('error formatting', () => {
  it('formats with and without a suggestion', () => {
    const base: ScenarioError = { file: 'a.yaml', line: 3, col: 7, code: 'unknown-key', reason: 'unknown key "x"' };
    expect(formatScenarioError(base)).toBe('a.yaml:3:7: unknown key "x"');
    expect(formatScenarioError({ ...base, suggestion: 'y' })).toBe('a.yaml:3:7: unknown key "x" (did you mean "y"?)');
  });

  it('never spans lines, even when the reason quotes multi-line text', () => {
    const e: ScenarioError = { file: 'a.yaml', line: 1, col: 1, code: 'bad-value', reason: 'bad\n  value\nhere' };
    expect(formatScenarioError(e)).toBe('a.yaml:1:1: bad value here');
  });
});

describe('error collection', () => {
  it('reports errors from several sections together, sorted by line then column', () => {
    const text = [
      'nme: x', //                         1: unknown key
      'cluster:',
      '  config: { hz: 0 }', //             3: out of range
      'network:',
      '  loss: 2', //                       5: probability
      'timeline:',
      '  - at: 1s',
      '    kill: Q', //                     8: unknown node
      '  - at: 2s',
      '    heal: some', //                  10: bad value
      'expect:',
      '  - at: end',
      '    role: { A: boss }', //           13: bad role
      '',
    ].join('\n');
    expect(linesOf(text)).toEqual([
      'test.yaml:1:1: unknown key "nme" in the scenario (did you mean "name"?)',
      'test.yaml:3:17: hz must be between 1 and 500, got 0',
      'test.yaml:5:9: loss is a probability and must be between 0 and 1, got 2',
      'test.yaml:8:11: kill: unknown node "Q"',
      'test.yaml:10:11: heal must be one of all, got "some"',
      'test.yaml:13:16: role of A must be one of master, replica, slave, got "boss"',
    ]);
  });

  it('caps what is shown and counts the rest', () => {
    const text = Array.from({ length: 25 }, (_, i) => `bogus${i}: 1`).join('\n');
    const errs = errorsOf(text);
    expect(errs).toHaveLength(25);
    const { shown, omitted } = capErrors(errs);
    expect(shown).toHaveLength(MAX_ERRORS_PER_FILE);
    expect(omitted).toBe(5);
    expect(shown.map((e) => e.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
