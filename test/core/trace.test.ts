import { describe, expect, it } from 'vitest';
import { Trace, firstDivergence } from '../../sim/core/trace.ts';

describe('trace hash', () => {
  it('identical event streams give identical hashes; any change alters it', () => {
    const a = new Trace();
    const b = new Trace();
    const c = new Trace();
    for (const t of [a, b, c]) {
      t.record(1, 'send', 'A', 'B', 'PING');
      t.record(2.5, 'deliver', 'B', 'A', 'PING');
    }
    c.record(3, 'pfail', 'B', 'A');
    expect(a.hex()).toBe(b.hex());
    expect(a.hex()).not.toBe(c.hex());
    const d = new Trace();
    d.record(1, 'send', 'A', 'B', 'PING');
    d.record(2.501, 'deliver', 'B', 'A', 'PING'); // one microsecond later
    expect(d.hex()).not.toBe(a.hex());
  });

  it('names the first diverging event of two kept traces', () => {
    const a = new Trace(true);
    const b = new Trace(true);
    a.record(1, 'x', 'A');
    b.record(1, 'x', 'A');
    a.record(2, 'y', 'A');
    b.record(2, 'y', 'B');
    a.record(3, 'z', 'A');
    b.record(3, 'z', 'A');
    const d = firstDivergence(a.kept, b.kept);
    expect(d?.index).toBe(1);
    expect(d?.a?.node).toBe('A');
    expect(d?.b?.node).toBe('B');
    expect(firstDivergence(a.kept, a.kept)).toBeUndefined();
  });
});
