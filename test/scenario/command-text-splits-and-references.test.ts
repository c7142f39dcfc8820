// Rule: commands split like redis-cli's sdssplitargs, and `@B` /
// `@B.previous` references are found at word starts (the runner substitutes
// them with the same scan).

import { describe, expect, it } from 'vitest';
import { scanNodeRefs, splitArgs } from '../../sim/scenario/command-text.ts';

describe('splitArgs', () => {
  it('splits on whitespace and honours quotes and escapes', () => {
    expect(splitArgs('SET k "a b"')).toEqual(['SET', 'k', 'a b']);
    expect(splitArgs("SET k 'it\\'s'")).toEqual(['SET', 'k', "it's"]);
    expect(splitArgs('SET k "x\\ny\\x41"')).toEqual(['SET', 'k', 'x\nyA']);
    expect(splitArgs('  PING  ')).toEqual(['PING']);
    expect(splitArgs('')).toEqual([]);
  });

  it('rejects unbalanced quotes and a closing quote glued to a word', () => {
    expect(splitArgs('SET k "open')).toBeUndefined();
    expect(splitArgs('SET k "a"b')).toBeUndefined();
  });
});

describe('scanNodeRefs', () => {
  it('finds @name and @name.previous with offsets', () => {
    expect(scanNodeRefs('CLUSTER SETSLOT 10 NODE @B')).toEqual([{ name: 'B', previous: false, offset: 24, length: 2 }]);
    expect(scanNodeRefs('CLUSTER FORGET @A1.previous')).toEqual([{ name: 'A1', previous: true, offset: 15, length: 12 }]);
    expect(scanNodeRefs('--cluster-from @B,@C').map((r) => r.name)).toEqual(['B', 'C']);
  });

  it('ignores @ inside a word (an e-mail address in a value)', () => {
    expect(scanNodeRefs('SET k me@example.com')).toEqual([]);
  });
});
