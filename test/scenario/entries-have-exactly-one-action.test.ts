// Rule: a timeline entry holds exactly one action; an expectation holds one
// timing and at least one condition.

import { describe, expect, it } from 'vitest';
import { linesOf, onlyError } from './helpers.ts';

describe('one action per entry', () => {
  it('two actions: the second action key is blamed', () => {
    expect(linesOf('timeline:\n  - at: 20s\n    kill: A\n    pause: { node: B, for: 1s }\n')).toEqual([
      'test.yaml:4:5: timeline entry has 2 actions, "kill" and "pause"; put each in its own entry',
    ]);
  });

  it('no action: the entry is blamed where it starts', () => {
    const e = onlyError('timeline:\n  - at: 20s\n  - at: 30s\n    kill: A\n');
    expect([e.code, e.line, e.col]).toEqual(['no-action', 2, 5]);
  });

  it('a misspelt action is reported once, as unknown, not also as "no action"', () => {
    const e = onlyError('timeline:\n  - at: 1s\n    kil: A\n');
    expect(e.code).toBe('unknown-action');
  });

  it('repeat bodies follow the same rule', () => {
    const e = onlyError('timeline:\n  - at: 1s\n    repeat:\n      times: 2\n      do:\n        - after: 1s\n          kill: A\n          restart: A\n');
    expect([e.code, e.line, e.col]).toEqual(['two-actions', 8, 11]);
  });

  it('an expectation with no condition', () => {
    const e = onlyError('expect:\n  - at: 10s\n');
    expect([e.code, e.line, e.col]).toEqual(['missing-key', 2, 5]);
  });

  it('an expectation with both at: and by:', () => {
    const e = onlyError('expect:\n  - at: 10s\n    by: 20s\n    converged: true\n');
    expect([e.code, e.line, e.col]).toEqual(['conflicting-keys', 3, 5]);
  });

  it('seen-by: beside conditions that have no view', () => {
    const e = onlyError('expect:\n  - at: end\n    converged: true\n    seen-by: B\n');
    expect([e.code, e.line, e.col]).toEqual(['conflicting-keys', 4, 5]);
  });

  it('seen-by inside known-nodes: the counts are of each named node\'s own table, so it is an error', () => {
    const e = onlyError('expect:\n  - at: end\n    known-nodes: { A: 6, seen-by: B }\n');
    expect([e.code, e.line, e.col]).toEqual(['bad-value', 3, 5]);
    expect(e.reason).toMatch(/known-nodes counts each named node's own table; seen-by does not apply/);
  });

  it('replication takes exactly one of cut/restore', () => {
    const e = onlyError('timeline:\n  - at: 1s\n    replication: { cut: A1, restore: A1 }\n');
    expect([e.code, e.line, e.col]).toEqual(['conflicting-keys', 3, 18]);
  });
});
