import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NIL, OK, bulk, int } from '../../sim/core/reply.ts';
import { execute, getKeysFromCommand, lookupCommand } from '../../sim/data/commands.ts';
import { Keyspace } from '../../sim/data/keyspace.ts';

const T = 1_000_000;

describe('replaying what a master propagates rebuilds its keyspace on a replica', () => {
  const key = fc.constantFrom('{k}a', '{k}b', '{k}c');
  const small = fc.integer({ min: -2, max: 40 }).map(String);
  const command = fc.oneof(
    fc.tuple(key, fc.constantFrom('v', '7'), fc.subarray(['NX', 'XX', 'GET', 'KEEPTTL'])).map(([k, v, o]) => ['SET', k, v, ...o]),
    fc.tuple(key, fc.constantFrom('EX', 'PX', 'ex'), fc.integer({ min: 1, max: 30 })).map(([k, u, n]) => ['SET', k, 'v', u, String(n)]),
    key.map((k) => ['GET', k]),
    key.map((k) => ['INCR', k]),
    fc.tuple(key, small).map(([k, n]) => ['APPEND', k, n]),
    fc.tuple(key, small).map(([k, n]) => ['RPUSH', k, n]),
    fc.tuple(key, small).map(([k, n]) => ['LPUSH', k, n, 'x']),
    fc.tuple(key, key).map(([a, b]) => ['DEL', a, b]),
    fc.tuple(key, small, fc.constantFrom('EXPIRE', 'PEXPIRE', 'pexpire')).map(([k, n, c]) => [c, k, n]),
    key.map((k) => ['PERSIST', k]),
    fc.tuple(key, key).map(([a, b]) => ['MSET', a, '1', b, '2']),
    key.map((k) => ['TTL', k]),
    fc.constant(['FLUSHALL']),
  );
  const step = fc.record({ argv: command, advanceMs: fc.integer({ min: 0, max: 15_000 }), lagMs: fc.integer({ min: 0, max: 60_000 }) });

  it('after every command, at any replication lag', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const master = new Keyspace();
        const replica = new Keyspace();
        let now = T;
        for (const s of steps) {
          now += s.advanceMs;
          const r = execute(master, s.argv, now);
          for (const p of r.propagate ?? []) {
            const applied = execute(replica, p, now + s.lagMs, { replica: true, fromMaster: true });
            expect(applied.reply.kind, `${p.join(' ')} on the replica`).not.toBe('error');
          }
          expect(replica.firstDifference(master), s.argv.join(' ')).toBeNull();
        }
      }),
    );
  });
});

describe('expiry depends on who asks', () => {
  function withExpiredKey(): Keyspace {
    const ks = new Keyspace();
    execute(ks, ['SET', 'k', 'v', 'PX', '10'], T);
    return ks;
  }

  it('a master deletes an expired key on access and propagates a DEL for it', () => {
    const ks = withExpiredKey();
    const r = execute(ks, ['GET', 'k'], T + 11);
    expect(r).toEqual({ reply: NIL, write: false, propagate: [['DEL', 'k']] });
    expect(ks.size).toBe(0);
  });

  it('a replica hides it from clients but keeps it for the master DEL', () => {
    const ks = withExpiredKey();
    expect(execute(ks, ['GET', 'k'], T + 11, { replica: true })).toEqual({ reply: NIL, write: false });
    expect(execute(ks, ['EXISTS', 'k'], T + 11, { replica: true }).reply).toEqual(int(0));
    expect(ks.size).toBe(1);
  });

  it('the master link sees it as not expired', () => {
    const ks = withExpiredKey();
    expect(execute(ks, ['GET', 'k'], T + 11, { replica: true, fromMaster: true }).reply).toEqual(bulk('v'));
    expect(execute(ks, ['APPEND', 'k', 'w'], T + 11, { replica: true, fromMaster: true }).reply).toEqual(int(2));
  });

  it('EXPIRE with a time in the past deletes on a master but is stored on a replica', () => {
    const m = new Keyspace();
    execute(m, ['SET', 'k', 'v'], T);
    expect(execute(m, ['PEXPIREAT', 'k', '5'], T)).toEqual({ reply: int(1), write: true, propagate: [['DEL', 'k']] });
    const r = new Keyspace();
    execute(r, ['SET', 'k', 'v'], T, { replica: true, fromMaster: true });
    expect(execute(r, ['PEXPIREAT', 'k', '5'], T, { replica: true, fromMaster: true }).reply).toEqual(int(1));
    expect(r.peek('k')).toMatchObject({ value: 'v', expireAt: 5 });
  });
});

describe('the write flag is "the command changed data"', () => {
  const sharedKs = new Keyspace(); // the rows run in order against one keyspace
  it.each([
    [['SET', 'k', 'v'], true],
    [['GET', 'k'], false],
    [['SET', 'k', 'w', 'NX'], false],
    [['DEL', 'nothing'], false],
    [['EXPIRE', 'nothing', '10'], false],
    [['RPUSH', 'l', 'a'], true],
    [['LRANGE', 'l', '0', '-1'], false],
    [['FLUSHALL'], true],
    [['FLUSHALL'], false], // nothing left to flush, yet still propagated
  ] as const)('%j → %s', (argv, write) => {
    expect(execute(sharedKs, [...argv], T).write).toBe(write);
  });

  it('FLUSHALL is propagated even when there was nothing to flush', () => {
    expect(execute(new Keyspace(), ['flushall'], T).propagate).toEqual([['flushall']]);
  });
});

describe('the replication stream wrapper', () => {
  it('MULTI and EXEC from the master link are accepted and change nothing', () => {
    const ks = new Keyspace();
    expect(execute(ks, ['MULTI'], T, { replica: true, fromMaster: true })).toEqual({ reply: OK, write: false });
    expect(execute(ks, ['exec'], T, { replica: true, fromMaster: true })).toEqual({ reply: OK, write: false });
  });

  it('from a client they are not supported (client transactions are outside the data layer)', () => {
    expect(execute(new Keyspace(), ['MULTI'], T).reply.kind).toBe('error');
  });
});

describe('DUMP / RESTORE carry a key between keyspaces (MIGRATE)', () => {
  it('restores value and relative TTL, propagating an absolute TTL', () => {
    const src = new Keyspace();
    execute(src, ['RPUSH', 'l', 'a', 'b'], T);
    const dumped = execute(src, ['DUMP', 'l'], T).reply;
    if (dumped.kind !== 'bulk' || dumped.value === null) throw new Error('DUMP gave no payload');
    const dst = new Keyspace();
    const r = execute(dst, ['RESTORE-ASKING', 'l', '5000', dumped.value], T);
    expect(r.reply).toEqual(OK);
    expect(r.propagate).toEqual([['RESTORE-ASKING', 'l', String(T + 5000), dumped.value, 'ABSTTL']]);
    expect(execute(dst, ['LRANGE', 'l', '0', '-1'], T).reply).toEqual({ kind: 'array', items: [bulk('a'), bulk('b')] });
    expect(execute(dst, ['PTTL', 'l'], T + 1000).reply).toEqual(int(4000));
  });

  it('an already expired ABSTTL restores nothing and replies OK', () => {
    const src = new Keyspace();
    execute(src, ['SET', 'k', 'v'], T);
    const payload = src.dump('k')!;
    const dst = new Keyspace();
    expect(execute(dst, ['RESTORE', 'k', '5', payload, 'ABSTTL'], T)).toEqual({ reply: OK, write: false });
    expect(dst.size).toBe(0);
  });
});

describe('integers are int64 and exact', () => {
  it('INCR past 2^53 keeps every digit in the stored string', () => {
    const ks = new Keyspace();
    execute(ks, ['SET', 'n', '9007199254740993'], T);
    execute(ks, ['INCR', 'n'], T);
    expect(execute(ks, ['GET', 'n'], T).reply).toEqual(bulk('9007199254740994'));
  });
});

describe('the router can get keys and write-ness from the table', () => {
  it.each([
    [['GET', 'a'], ['a']],
    [['mset', 'a', '1', 'b', '2'], ['a', 'b']],
    [['MGET', 'a', 'b', 'c'], ['a', 'b', 'c']],
    [['DEL', 'x'], ['x']],
    [['KEYS', '*'], []],
    [['DBSIZE'], []],
    [['EXPIRE', 'k', '10', 'NX'], ['k']],
    [['DEL'], []],
    [['NOPE', 'a'], null],
  ])('%j → %j', (argv, keys) => {
    expect(getKeysFromCommand(argv)).toEqual(keys);
  });

  it('lookups are case-insensitive and say whether a command writes', () => {
    expect(lookupCommand('sEt')?.write).toBe(true);
    expect(lookupCommand('GET')?.write).toBe(false);
    expect(lookupCommand('restore-asking')?.flags).toContain('asking');
    expect(lookupCommand('nope')).toBeUndefined();
  });
});
