// SCAN's contract (db.c): a full iteration from cursor 0 back to 0 returns
// every key that was present from start to end at least once, whatever is
// added or deleted meanwhile; COUNT is a hint; MATCH and TYPE filter; a
// finished iteration answers cursor "0". Checked with fast-check against
// random interleavings of writes between the calls.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../sim/core/reply.ts';
import { execute } from '../../sim/data/commands.ts';
import { Keyspace } from '../../sim/data/keyspace.ts';

const T = 1_700_000_000_000;

function scanPage(ks: Keyspace, cursor: string, ...opts: string[]): { next: string; keys: string[] } {
  const r = execute(ks, ['SCAN', cursor, ...opts], T).reply as Extract<Reply, { kind: 'array' }>;
  const [c, page] = r.items! as [Extract<Reply, { kind: 'bulk' }>, Extract<Reply, { kind: 'array' }>];
  return { next: c.value!, keys: page.items!.map((k) => (k as Extract<Reply, { kind: 'bulk' }>).value!) };
}

describe('SCAN', () => {
  it('returns every key present throughout at least once, with writes between the calls', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 7 }), fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 120 })), { maxLength: 40 }), (initial, count, churn) => {
        const ks = new Keyspace();
        for (let i = 0; i < initial; i++) execute(ks, ['SET', `k${i}`, 'v'], T);
        const touched = new Set<string>();
        const seen = new Set<string>();
        let cursor = '0';
        let step = 0;
        do {
          const page = scanPage(ks, cursor, 'COUNT', String(count));
          for (const k of page.keys) seen.add(k);
          cursor = page.next;
          const [add, n] = churn[step++ % Math.max(1, churn.length)] ?? [true, 0];
          touched.add(`k${n}`);
          execute(ks, add ? ['SET', `k${n}`, 'v'] : ['DEL', `k${n}`], T);
        } while (cursor !== '0' && step < 10_000);
        for (let i = 0; i < initial; i++) if (!touched.has(`k${i}`)) expect(seen.has(`k${i}`)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('MATCH and TYPE filter; an empty keyspace is one call with cursor 0', () => {
    const ks = new Keyspace();
    expect(scanPage(ks, '0')).toEqual({ next: '0', keys: [] });
    execute(ks, ['SET', 'user:1', 'a'], T);
    execute(ks, ['HSET', 'user:2', 'f', 'v'], T);
    execute(ks, ['SADD', 'other', 'm'], T);
    expect(scanPage(ks, '0', 'COUNT', '100', 'MATCH', 'user:*').keys.sort()).toEqual(['user:1', 'user:2']);
    expect(scanPage(ks, '0', 'COUNT', '100', 'TYPE', 'hash').keys).toEqual(['user:2']);
    expect(scanPage(ks, '0', 'COUNT', '100', 'TYPE', 'zset').keys).toEqual([]);
  });
});
