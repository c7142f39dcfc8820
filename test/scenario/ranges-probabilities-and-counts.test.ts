// Rule: slot numbers and ranges stay within 0..16383 and run forwards,
// probabilities lie in [0,1], and counts (replicas, masters) are not negative.

import { describe, expect, it } from 'vitest';
import { errorsOf, linesOf, onlyError } from './helpers.ts';

describe('ranges', () => {
  it('slot beyond 16383 and a backwards range, each at its own value', () => {
    expect(linesOf('cluster:\n  slots: { A: 0-16384, B: 9000-100 }\n')).toEqual([
      'test.yaml:2:15: slots of A: slot 16384 is out of range 0..16383',
      'test.yaml:2:27: slots of B: range 9000-100 starts after it ends',
    ]);
  });

  it('a single slot out of range in a condition', () => {
    const e = onlyError('expect:\n  - at: end\n    owner: { slots: 16384, is: A }\n');
    expect([e.code, e.line, e.col]).toEqual(['bad-range', 3, 21]);
  });

  it('a selector slot out of range', () => {
    const e = onlyError('timeline:\n  - at: 1s\n    kill: { owner-of-slot: 20000 }\n');
    expect([e.code, e.line, e.col]).toEqual(['bad-range', 3, 28]);
  });

  it('two masters given the same slot', () => {
    const e = onlyError('cluster:\n  slots: { A: 0-100, B: 50-200 }\n');
    expect([e.code, e.line, e.col]).toEqual(['bad-range', 2, 25]);
    expect(e.reason).toContain('slot 50 is given to both A and B');
  });

  it('a latency range that runs backwards', () => {
    const e = onlyError('network:\n  latency: 2ms..1ms\n');
    expect([e.code, e.line, e.col]).toEqual(['bad-range', 2, 12]);
  });
});

describe('probabilities', () => {
  it('network loss above 1', () => {
    expect(linesOf('network:\n  loss: 1.5\n')).toEqual(['test.yaml:2:9: loss is a probability and must be between 0 and 1, got 1.5']);
  });

  it('link loss below 0', () => {
    const e = onlyError('timeline:\n  - at: 1s\n    link: { between: [A, B], loss: -0.1 }\n');
    expect([e.code, e.line, e.col]).toEqual(['bad-probability', 3, 36]);
  });
});

describe('counts', () => {
  it('replicas < 0', () => {
    const e = onlyError('cluster:\n  replicas: -1\n');
    expect([e.code, e.line, e.col]).toEqual(['bad-value', 2, 13]);
    expect(e.reason).toBe('replicas must be at least 0, got -1');
  });

  it('replicas < 0 for one master in the per-master form', () => {
    const e = onlyError('cluster:\n  replicas: { A: -2 }\n');
    expect([e.code, e.line, e.col]).toEqual(['bad-value', 2, 18]);
  });

  it('per-master replicas naming a non-master', () => {
    const e = onlyError('cluster:\n  replicas: { A: 1, D: 2 }\n');
    expect([e.code, e.line, e.col]).toEqual(['unknown-node', 2, 21]);
  });

  it('masters must be at least 1 for a formed cluster', () => {
    expect(errorsOf('cluster:\n  masters: 0\n')[0]).toMatchObject({ code: 'bad-value', line: 2, col: 12 });
  });

  it('mix weights must sum to 1', () => {
    const e = onlyError('workload:\n  - name: w\n    mix: { set: 0.5, get: 0.2 }\n');
    expect([e.code, e.line, e.col]).toEqual(['bad-value', 3, 10]);
  });
});
