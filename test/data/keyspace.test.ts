import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keyHashSlot } from '../../sim/core/keyslot.ts';
import { execute } from '../../sim/data/commands.ts';
import { Keyspace } from '../../sim/data/keyspace.ts';

const slotOf = keyHashSlot;

describe('per-slot key counts and key sets follow every change', () => {
  it('set, overwrite, delete, flush', () => {
    const ks = new Keyspace();
    const s = slotOf('{a}');
    ks.setKey('{a}1', 'x');
    ks.setKey('{a}2', ['l']);
    ks.setKey('{a}1', 'y'); // overwrite: still one key
    expect(ks.countKeysInSlot(s)).toBe(2);
    expect(ks.delete('{a}1')).toBe(true);
    expect(ks.delete('{a}1')).toBe(false);
    expect(ks.countKeysInSlot(s)).toBe(1);
    expect(ks.getKeysInSlot(s)).toEqual(['{a}2']);
    expect(ks.flush()).toBe(1);
    expect(ks.countKeysInSlot(s)).toBe(0);
    expect(ks.getKeysInSlot(s)).toEqual([]);
    expect(ks.slotsWithKeys()).toEqual([]);
  });

  it('agree with a model after any sequence of operations', () => {
    const key = fc.constantFrom('a', 'b', '{a}x', '{a}y', '{b}z', 'foo', 'bar', 'hello', 'é');
    const op = fc.oneof(
      fc.record({ op: fc.constant('set' as const), key }),
      fc.record({ op: fc.constant('del' as const), key }),
      fc.record({ op: fc.constant('delslot' as const), key }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const ks = new Keyspace();
        const model = new Set<string>();
        for (const o of ops) {
          if (o.op === 'set') {
            ks.setKey(o.key, 'v');
            model.add(o.key);
          } else if (o.op === 'del') {
            ks.delete(o.key);
            model.delete(o.key);
          } else {
            ks.delKeysInSlot(slotOf(o.key));
            for (const k of [...model]) if (slotOf(k) === slotOf(o.key)) model.delete(k);
          }
        }
        expect(ks.size).toBe(model.size);
        for (const s of new Set([...model].map(slotOf))) {
          const expected = [...model].filter((k) => slotOf(k) === s).sort();
          expect(ks.countKeysInSlot(s)).toBe(expected.length);
          expect([...ks.getKeysInSlot(s)].sort()).toEqual(expected);
        }
        expect(ks.slotsWithKeys()).toEqual([...new Set([...model].map(slotOf))].sort((x, y) => x - y));
      }),
    );
  });

  it('GETKEYSINSLOT order is newest first, as real Redis 7.0.15 returned it', () => {
    const fx = JSON.parse(readFileSync(new URL('../fixtures/commands-real-redis.json', import.meta.url), 'utf8')) as {
      getKeysInSlot: { setup: string[][]; slot: number; reply: { items: Array<{ value: string }> } };
    };
    const ks = new Keyspace();
    for (const argv of fx.getKeysInSlot.setup) execute(ks, argv, 0);
    expect(ks.getKeysInSlot(fx.getKeysInSlot.slot)).toEqual(fx.getKeysInSlot.reply.items.map((i) => i.value));
    expect(ks.getKeysInSlot(fx.getKeysInSlot.slot, 2)).toEqual(fx.getKeysInSlot.reply.items.slice(0, 2).map((i) => i.value));
  });
});

describe('expire times', () => {
  it('a key is expired only once now is past its expire time (keyIsExpired: now > when)', () => {
    const ks = new Keyspace();
    ks.setKey('k', 'v');
    ks.setExpire('k', 1000);
    expect(ks.isExpired('k', 1000)).toBe(false);
    expect(ks.isExpired('k', 1001)).toBe(true);
    expect(ks.isExpired('missing', 5000)).toBe(false);
  });

  it('overwriting drops the TTL unless keepTtl', () => {
    const ks = new Keyspace();
    ks.setKey('k', 'v');
    ks.setExpire('k', 1000);
    ks.setKey('k', 'w', true);
    expect(ks.getExpire('k')).toBe(1000);
    ks.setKey('k', 'x');
    expect(ks.getExpire('k')).toBe(-1);
    expect(ks.setExpire('missing', 5)).toBe(false);
    expect(ks.removeExpire('k')).toBe(false);
  });

  it('activeExpireCycle deletes expired keys round-robin, even behind keys that live on', () => {
    const ks = new Keyspace();
    for (let i = 0; i < 5; i++) {
      ks.setKey(`live${i}`, 'v');
      ks.setExpire(`live${i}`, 10_000);
    }
    ks.setKey('dead', 'v');
    ks.setExpire('dead', 50);
    ks.setKey('forever', 'v');
    expect(ks.activeExpireCycle(100, 3)).toEqual([]); // only live keys sampled
    expect(ks.activeExpireCycle(100, 3)).toEqual(['dead']); // the round moved on
    expect(ks.size).toBe(6);
    expect(ks.activeExpireCycle(20_000, 100).sort()).toEqual(['live0', 'live1', 'live2', 'live3', 'live4']);
    expect([...ks.keys()]).toEqual(['forever']);
  });
});

describe('iteration order is deterministic', () => {
  it('insertion order; overwrite keeps the place; delete + re-create moves to the end', () => {
    const ks = new Keyspace();
    for (const k of ['c', 'a', 'b']) ks.setKey(k, '1');
    ks.setKey('c', '2');
    expect([...ks.keys()]).toEqual(['c', 'a', 'b']);
    ks.delete('c');
    ks.setKey('c', '3');
    expect([...ks.keys()]).toEqual(['a', 'b', 'c']);
  });
});

describe('clone and equals', () => {
  function sample(): Keyspace {
    const ks = new Keyspace();
    ks.setKey('{s}a', 'x');
    ks.setKey('{s}l', ['1', '2']);
    ks.setKey('{s}b', 'y');
    ks.setExpire('{s}b', 500);
    return ks;
  }

  it('a clone is equal, has the same orders, and is independent', () => {
    const ks = sample();
    const copy = ks.clone();
    expect(copy.equals(ks)).toBe(true);
    expect([...copy.keys()]).toEqual([...ks.keys()]);
    const s = slotOf('{s}');
    expect(copy.getKeysInSlot(s)).toEqual(ks.getKeysInSlot(s));
    (copy.peek('{s}l')!.value as string[]).push('3');
    expect(ks.peek('{s}l')!.value).toEqual(['1', '2']);
    expect(copy.equals(ks)).toBe(false);
  });

  it('reports the first difference: value, expire time, missing and extra keys', () => {
    const a = sample();
    const b = sample();
    b.setKey('{s}a', 'other');
    expect(a.firstDifference(b)).toMatch(/"\{s\}a" differs/);
    const c = sample();
    c.setExpire('{s}b', 600);
    expect(a.firstDifference(c)).toMatch(/expire time differs: 500 vs 600/);
    const d = sample();
    d.delete('{s}a');
    expect(a.firstDifference(d)).toMatch(/missing on the other side/);
    expect(d.firstDifference(a)).toMatch(/only on the other side/);
    expect(a.equals(sample())).toBe(true);
  });

  it('with a time, keys expired by then count as absent on either side', () => {
    const a = sample();
    const b = sample();
    b.delete('{s}b'); // b already dropped the expired key, a has not yet
    expect(a.equals(b)).toBe(false);
    expect(a.equals(b, 400)).toBe(false);
    expect(a.equals(b, 501)).toBe(true);
    expect(b.equals(a, 501)).toBe(true);
  });
});

describe('dump and restore of single keys', () => {
  it('round-trips strings and lists, without the TTL', () => {
    const src = new Keyspace();
    src.setKey('s', 'héllo');
    src.setKey('l', ['a', 'b']);
    src.setExpire('s', 999);
    const dst = new Keyspace();
    expect(dst.restore('s', src.dump('s')!, 5000)).toBe('ok');
    expect(dst.restore('l', src.dump('l')!)).toBe('ok');
    expect(dst.peek('s')).toMatchObject({ value: 'héllo', expireAt: 5000 });
    expect(dst.peek('l')).toMatchObject({ value: ['a', 'b'], expireAt: -1 });
    expect(src.dump('missing')).toBeNull();
  });

  it('refuses an existing key unless replace, and payloads that are not dumps', () => {
    const ks = new Keyspace();
    ks.setKey('k', 'old');
    const payload = ks.dump('k')!;
    expect(ks.restore('k', payload)).toBe('busykey');
    ks.setKey('k', 'new');
    expect(ks.restore('k', payload, -1, true)).toBe('ok');
    expect(ks.peek('k')!.value).toBe('old');
    expect(ks.restore('x', 'garbage')).toBe('bad-payload');
    expect(ks.restore('x', payload.slice(0, -1))).toBe('bad-payload');
    expect(ks.peek('x')).toBeUndefined();
  });
});
