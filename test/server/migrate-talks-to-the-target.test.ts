// MIGRATE (cluster.c migrateCommand) against a target reached over the
// network with RESTORE-ASKING. Replies and error texts are what a real
// 7.0.15 answered for the same cases, including how each connection
// failure is reported: an unusable address fails the connect; a refused or
// unanswered connect shows up as a write error; a target that accepts but
// never answers is a read error after the timeout.

import { beforeEach, describe, expect, it } from 'vitest';
import { replyToLine, type Reply } from '../../sim/core/reply.ts';
import { formedCluster, type TestCluster } from './cluster-world.ts';

/** Run MIGRATE on A and wait for its reply. */
function migrate(t: TestCluster, args: string[], waitMs = 100): { reply: string; after: number } {
  let reply: Reply | undefined;
  const start = t.w.now;
  let at = start;
  t.srv('A').command(['MIGRATE', ...args], {
    onReply: (r) => {
      reply = r;
      at = t.w.now;
    },
  });
  t.run(waitMs);
  return { reply: reply ? replyToLine(reply) : '(no reply)', after: at - start };
}

describe('MIGRATE', () => {
  let t: TestCluster;
  beforeEach(() => {
    t = formedCluster();
    // B owns slot 3300 too here (a node serves RESTORE-ASKING for a slot it owns or imports).
    t.cmd('B', 'CLUSTER', 'SETSLOT', '3300', 'IMPORTING', t.srv('A').cs.myself.name);
    t.cmd('A', 'SET', 'b', 'v');
    t.cmd('A', 'SET', '{b}2', 'w');
    t.cmd('A', 'SET', '{b}ttl', 'x', 'PX', '100000');
    t.run(100);
  });

  it('moves the key, deletes it here and on the replica (propagated as DEL)', () => {
    expect(migrate(t, ['127.0.0.1', '7001', 'b', '0', '1000']).reply).toBe('OK');
    expect(t.srv('A').keyspace.peek('b')).toBeUndefined();
    expect(t.srv('B').keyspace.peek('b')?.value).toBe('v');
    expect(t.srv('A1').keyspace.peek('b')).toBeUndefined();
  });
  it('keeps the TTL, as a relative TTL sent with the key', () => {
    expect(migrate(t, ['127.0.0.1', '7001', '{b}ttl', '0', '1000']).reply).toBe('OK');
    const left = t.srv('B').keyspace.getExpire('{b}ttl') - t.srv('B').env.mstime();
    expect(left).toBeGreaterThan(99_000);
    expect(left).toBeLessThanOrEqual(100_000);
  });
  it('COPY keeps the key here; an existing key at the target is BUSYKEY unless REPLACE', () => {
    expect(migrate(t, ['127.0.0.1', '7001', 'b', '0', '1000', 'COPY']).reply).toBe('OK');
    expect(t.srv('A').keyspace.peek('b')?.value).toBe('v');
    expect(migrate(t, ['127.0.0.1', '7001', 'b', '0', '1000']).reply).toBe(
      '-ERR Target instance replied with error: BUSYKEY Target key name already exists.',
    );
    expect(t.srv('A').keyspace.peek('b')?.value).toBe('v');
    expect(migrate(t, ['127.0.0.1', '7001', 'b', '0', '1000', 'REPLACE']).reply).toBe('OK');
    expect(t.srv('A').keyspace.peek('b')).toBeUndefined();
  });
  it('KEYS moves several keys of one slot; the key argument must then be empty', () => {
    expect(migrate(t, ['127.0.0.1', '7001', '', '0', '1000', 'KEYS', 'b', '{b}2']).reply).toBe('OK');
    expect(t.srv('B').keyspace.size).toBe(2);
    expect(migrate(t, ['127.0.0.1', '7001', 'b', '0', '1000', 'KEYS', 'b']).reply).toBe(
      '-ERR When using MIGRATE KEYS option, the key argument must be set to the empty string',
    );
  });
  it('no key to move is NOKEY, not an error', () => {
    expect(migrate(t, ['127.0.0.1', '7001', '{b}none', '0', '1000']).reply).toBe('NOKEY');
  });
  it('argument errors', () => {
    expect(migrate(t, ['127.0.0.1', '7001', 'b', 'x', '1000']).reply).toBe('-ERR value is not an integer or out of range');
    expect(migrate(t, ['127.0.0.1', '7001', 'b', '0', '1000', 'FOO']).reply).toBe('-ERR syntax error');
    expect(migrate(t, ['127.0.0.1', '7001', 'b', '0', '1000', 'AUTH']).reply).toBe('-ERR syntax error');
  });
  it('a DB other than 0 fails at the target’s SELECT; the key stays here', () => {
    expect(migrate(t, ['127.0.0.1', '7001', 'b', '1', '1000']).reply).toBe(
      '-ERR Target instance replied with error: ERR SELECT is not allowed in cluster mode',
    );
    expect(t.srv('A').keyspace.peek('b')?.value).toBe('v');
  });
  it('an address that does not resolve: the connect itself fails', () => {
    expect(migrate(t, ['nosuchhost.invalid', '7001', 'b', '0', '1000']).reply).toBe('-IOERR error or timeout connecting to the client');
  });
  it('a refused connect is reported as a write error (after one retry)', () => {
    t.w.kill(t.P('B'));
    expect(migrate(t, ['127.0.0.1', '7001', 'b', '0', '1000']).reply).toBe('-IOERR error or timeout writing to target instance');
    expect(t.srv('A').keyspace.peek('b')?.value).toBe('v');
  });
  it('a target that accepts but never answers: read error after the timeout; the key stays', () => {
    t.w.pause(t.P('B'));
    const r = migrate(t, ['127.0.0.1', '7001', 'b', '0', '500'], 1500);
    expect(r.reply).toBe('-IOERR error or timeout reading to target instance');
    expect(r.after).toBeGreaterThanOrEqual(500);
    expect(r.after).toBeLessThan(520);
    expect(t.srv('A').keyspace.peek('b')?.value).toBe('v');
  });
  it('other clients of the source wait while MIGRATE waits for its target', () => {
    t.w.pause(t.P('B'));
    let getAt = -1;
    const start = t.w.now;
    t.srv('A').command(['MIGRATE', '127.0.0.1', '7001', 'b', '0', '300']);
    t.srv('A').command(['GET', '{b}2'], { onReply: () => (getAt = t.w.now) });
    t.run(1000);
    expect(getAt - start).toBeGreaterThanOrEqual(300);
  });
});
