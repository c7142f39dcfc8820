import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_SLOTS, crc16, keyHashSlot, keyHashSlotBytes } from '../../sim/core/keyslot.ts';
import { generateKeys } from '../fixtures/real-redis/keyslot-keys.ts';
import { HOW_TO_ENABLE, redisServerInstalled, startLiveRedis, type LiveRedis } from '../fixtures/real-redis/live-server.ts';

// Read with JSON.parse: the fixture holds lone surrogates (\ud83d), which
// Vite's JSON import rejects.
const fixture = JSON.parse(readFileSync(new URL('../fixtures/keyslot-real-redis.json', import.meta.url), 'utf8')) as {
  cases: Array<{ key?: string; hex?: string; slot: number }>;
};
// Any UTF-16 code unit (so lone surrogates too) or any astral code point.
const anyUtf16Unit = fc.oneof(
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)),
);
const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');

describe('crc16 is CRC16/XMODEM (poly 0x1021, init 0)', () => {
  it('gives the published check value 0x31C3 for "123456789"', () => {
    expect(crc16('123456789')).toBe(0x31c3);
    expect(crc16(utf8('123456789'))).toBe(0x31c3);
  });

  it('is 0 for no input', () => {
    expect(crc16('')).toBe(0);
  });

  it('hashes a string as its UTF-8 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: anyUtf16Unit }), (s) => {
        expect(crc16(s)).toBe(crc16(utf8(s)));
      }),
    );
  });

  it('encodes a lone surrogate as U+FFFD, like Buffer and TextEncoder', () => {
    expect(crc16('a\ud800b')).toBe(crc16('a\ufffdb'));
    expect(crc16('\udc00')).toBe(crc16(new Uint8Array([0xef, 0xbf, 0xbd])));
  });
});

describe('keyHashSlot matches the vectors verified on real Redis', () => {
  it.each([
    ['foo', 12182],
    ['bar', 5061],
    ['hello', 866],
    ['{foo}x', 12182],
    ['b', 3300],
    ['f', 3168],
    ['j', 3564],
    ['{b}1', 3300],
    ['{a}1', 15495],
    ['', 0],
  ])('%j → %i', (key, slot) => {
    expect(keyHashSlot(key)).toBe(slot);
  });
});

describe('the hash tag is the bytes between the first { and the first } after it', () => {
  it('keys with the same tag share a slot', () => {
    expect(keyHashSlot('{user1000}.following')).toBe(keyHashSlot('{user1000}.followers'));
    expect(keyHashSlot('{user1000}.following')).toBe(keyHashSlot('user1000'));
  });

  it('an empty tag {} hashes the whole key, even if a later tag is non-empty', () => {
    expect(keyHashSlot('{}x')).toBe(crc16('{}x') & 0x3fff);
    expect(keyHashSlot('foo{}{bar}')).toBe(crc16('foo{}{bar}') & 0x3fff);
    expect(keyHashSlot('foo{}{bar}')).not.toBe(keyHashSlot('bar'));
  });

  it('the tag starts after the first { and may itself contain {', () => {
    expect(keyHashSlot('foo{{bar}}zap')).toBe(crc16('{bar') & 0x3fff);
  });

  it('only the first tag counts', () => {
    expect(keyHashSlot('foo{bar}{zap}')).toBe(keyHashSlot('bar'));
  });

  it('no closing } hashes the whole key; a } before the { does not close it', () => {
    expect(keyHashSlot('foo{bar')).toBe(crc16('foo{bar') & 0x3fff);
    expect(keyHashSlot('foo}bar{')).toBe(crc16('foo}bar{') & 0x3fff);
  });

  it('string and byte forms agree on every key', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', 'a', 'é', '日', '🔑', 'x') }), (s) => {
        const slot = keyHashSlot(s);
        expect(slot).toBe(keyHashSlotBytes(utf8(s)));
        expect(slot).toBeGreaterThanOrEqual(0);
        expect(slot).toBeLessThan(CLUSTER_SLOTS);
      }),
    );
  });
});

describe('keyHashSlot agrees with CLUSTER KEYSLOT of redis-server 7.0.15 (recorded fixture)', () => {
  const cases = fixture.cases;

  it('covers ~3000 keys, including raw byte keys', () => {
    expect(cases.length).toBeGreaterThanOrEqual(3000);
    expect(cases.some((c) => c.hex !== undefined)).toBe(true);
  });

  it('every string key', () => {
    const wrong = cases.filter((c) => c.key !== undefined && keyHashSlot(c.key) !== c.slot);
    expect(wrong).toEqual([]);
  });

  it('every key as raw bytes', () => {
    const wrong = cases.filter((c) => {
      const bytes = c.key !== undefined ? utf8(c.key) : Buffer.from(c.hex!, 'hex');
      return keyHashSlotBytes(bytes) !== c.slot;
    });
    expect(wrong).toEqual([]);
  });
});

describe('keyHashSlot agrees with a live redis-server', () => {
  let live: LiveRedis | undefined;
  const installed = redisServerInstalled();

  beforeAll(async () => {
    if (installed) live = await startLiveRedis();
  }, 20000);
  afterAll(async () => {
    await live?.stop();
  });

  it('on a fresh corpus of 2000 keys (different seed from the fixture)', async (ctx) => {
    if (!live) ctx.skip(HOW_TO_ENABLE);
    const keys = generateKeys(2000, 4242);
    const replies = await Promise.all(keys.map((k) => live!.client.call('CLUSTER', 'KEYSLOT', k.bytes)));
    const wrong = keys.flatMap((k, i) => {
      const mine = k.text !== undefined ? keyHashSlot(k.text) : keyHashSlotBytes(k.bytes);
      const r = replies[i]!;
      return r.kind === 'int' && r.value === mine ? [] : [{ key: k.label, bytes: Buffer.from(k.bytes).toString('hex'), real: r, mine }];
    });
    expect(wrong).toEqual([]);
  });
});
