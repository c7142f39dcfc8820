// Rule: a suggestion is offered only when it is clearly the nearest valid word.

import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from '../../sim/scenario/suggest.ts';

describe('editDistance (optimal string alignment)', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('timeout', 'timeout')).toBe(0);
    expect(editDistance('timout', 'timeout')).toBe(1);
    expect(editDistance('tiemout', 'timeout')).toBe(1);
    expect(editDistance('timeoutx', 'timeout')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('suggest', () => {
  const keys = ['masters', 'replicas', 'spares', 'slots', 'config', 'nodes', 'add', 'bootstrap'];

  it('suggests the nearest word for a typo', () => {
    expect(suggest('masterz', keys)).toBe('masters');
    expect(suggest('replcias', keys)).toBe('replicas');
  });

  it('suggests nothing for an unrelated word', () => {
    expect(suggest('flamingo', keys)).toBeUndefined();
    expect(suggest('x', ['A', 'B'])).toBeUndefined();
  });

  it('matches case slips exactly', () => {
    expect(suggest('a1', ['A', 'A1', 'B1'])).toBe('A1');
  });

  it('gives nothing when two candidates are equally near', () => {
    expect(suggest('D1', ['A1', 'B1', 'C1'])).toBeUndefined();
  });

  it('completes a dropped prefix when only one candidate ends that way', () => {
    expect(suggest('node-timeout', ['cluster-node-timeout', 'repl-timeout'])).toBe('cluster-node-timeout');
  });
});
