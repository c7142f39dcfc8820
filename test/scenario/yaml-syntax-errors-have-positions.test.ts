// Rule: YAML syntax errors become ScenarioErrors with a position, like every
// other error, and no validation echoes are added on top.

import { describe, expect, it } from 'vitest';
import { errorsOf, linesOf } from './helpers.ts';

describe('YAML syntax errors', () => {
  it('a duplicate key', () => {
    expect(linesOf('name: a\nname: b\n')).toEqual(['test.yaml:2:1: YAML syntax error: map keys must be unique']);
  });

  it('a tab used for indentation', () => {
    expect(linesOf('cluster:\n\tmasters: 3\n')).toEqual(['test.yaml:2:1: YAML syntax error: tabs are not allowed as indentation']);
  });

  it('list items at different columns', () => {
    const errs = errorsOf('timeline:\n  - at: 1s\n    kill: A\n   - at: 2s\n');
    expect(errs.map((e) => [e.code, e.line, e.col])).toEqual([['yaml-syntax', 4, 4]]);
  });

  it('an unclosed flow list', () => {
    const errs = errorsOf('cluster:\n  masters: [1, 2\ntimeline: []\n');
    expect(errs.every((e) => e.code === 'yaml-syntax')).toBe(true);
    expect(errs[0]).toMatchObject({ line: 3, col: 1 });
  });

  it('a document that is not a map', () => {
    expect(linesOf('- a\n- b\n')).toEqual(['test.yaml:1:1: scenario: expected a map, got a list']);
  });

  it('an empty file', () => {
    expect(errorsOf('')[0]).toMatchObject({ code: 'wrong-type', line: 1, col: 1 });
  });
});
