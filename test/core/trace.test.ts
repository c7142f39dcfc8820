import { describe, expect, it } from 'vitest';
import { Trace, describeRecord, firstDivergence } from '../../sim/core/trace.ts';

describe('trace hash', () => {
  it('identical streams give identical hashes; any change alters it', () => {
    const a = new Trace();
    const b = new Trace();
    const c = new Trace();
    for (const t of [a, b, c]) {
      t.record(1, 'deliver', 1, 0, 'PING');
      t.record(2.5, 'deliver', 0, 1, 'PONG');
    }
    c.recordValue(3, 'pfail', { type: 'pfail', t: 3, node: 1, subject: 0 });
    expect(a.hex()).toBe(b.hex());
    expect(a.hex()).not.toBe(c.hex());
    const d = new Trace();
    d.record(1, 'deliver', 1, 0, 'PING');
    d.record(2.501, 'deliver', 0, 1, 'PONG'); // one microsecond later
    expect(d.hex()).not.toBe(a.hex());
    const e = new Trace();
    e.record(1, 'deliver', 1, 0, 'PING');
    e.record(2.5, 'deliver', 0, 1, 'PONG', 'dup'); // marked as a duplicate
    expect(e.hex()).not.toBe(a.hex());
  });

  it('a value is folded field by field: a different number, string or list element changes the hash', () => {
    const base = { type: 'fail', t: 5, node: 2, subject: 0, reporters: [1, 2], needed: 2 };
    const hash = (v: object): string => {
      const t = new Trace();
      t.recordValue(5, 'fail', v);
      return t.hex();
    };
    expect(hash(base)).toBe(hash({ ...base }));
    expect(hash({ ...base, needed: 3 })).not.toBe(hash(base));
    expect(hash({ ...base, reporters: [2, 1] })).not.toBe(hash(base));
    expect(hash({ ...base, type: 'pfail' })).not.toBe(hash(base));
  });

  it('names the first diverging record of two kept traces', () => {
    const a = new Trace(true);
    const b = new Trace(true);
    a.record(1, 'x', 0);
    b.record(1, 'x', 0);
    a.record(2, 'y', 0);
    b.record(2, 'y', 1);
    a.record(3, 'z', 0);
    b.record(3, 'z', 0);
    const d = firstDivergence(a.kept, b.kept);
    expect(d?.index).toBe(1);
    expect(describeRecord(d?.a)).toBe('t=2ms y 0');
    expect(describeRecord(d?.b)).toBe('t=2ms y 1');
    expect(firstDivergence(a.kept, a.kept)).toBeUndefined();
  });
});
