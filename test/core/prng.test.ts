import { describe, expect, it } from 'vitest';
import { Prng } from '../../sim/core/prng.ts';

const draws = (p: Prng, n = 20) => Array.from({ length: n }, () => p.next());

describe('seeded randomness', () => {
  it('the same seed gives the same sequence', () => {
    expect(draws(new Prng(42))).toEqual(draws(new Prng(42)));
    expect(draws(new Prng(42))).not.toEqual(draws(new Prng(43)));
  });

  it("draws from one fork never shift another fork's stream", () => {
    const root1 = new Prng(7);
    const net1 = root1.fork('net');
    const a1 = root1.fork('node:A1');
    draws(net1, 1000); // heavy use of the network stream
    const root2 = new Prng(7);
    const a2 = root2.fork('node:A1');
    expect(draws(a1)).toEqual(draws(a2));
  });

  it('adding a fork with a new label does not change existing streams', () => {
    const r1 = new Prng(9);
    const before = draws(r1.fork('node:B'));
    const r2 = new Prng(9);
    r2.fork('brand-new-subsystem').next();
    expect(draws(r2.fork('node:B'))).toEqual(before);
  });

  it('differently labelled forks are independent streams', () => {
    const r = new Prng(1);
    expect(draws(r.fork('a'))).not.toEqual(draws(r.fork('b')));
  });

  it('random() is a 31-bit non-negative integer like C random()', () => {
    const p = new Prng(3);
    for (let i = 0; i < 1000; i++) {
      const v = p.random();
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(2 ** 31);
    }
  });

  it('hexId looks like a Redis node ID', () => {
    expect(new Prng(5).hexId()).toMatch(/^[0-9a-f]{40}$/);
  });
});
