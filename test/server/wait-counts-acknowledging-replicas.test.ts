// WAIT numreplicas timeout (replication.c waitCommand): returns how many
// replicas acknowledged the offset the client's last command left the
// stream at: at once if enough already have, else after asking them
// (REPLCONF GETACK) as soon as enough answer, or at the timeout with the
// count so far. Error texts are the ones a real 7.0.15 returned.

import { describe, expect, it } from 'vitest';
import { replyToLine } from '../../sim/core/reply.ts';
import { formedCluster, NetClient } from './cluster-world.ts';

describe('WAIT', () => {
  const t = formedCluster({ masters: 3, replicasPerMaster: 2 });
  t.run(500);
  const c = new NetClient(t.w, 'waiter', t.P('A'));
  t.run(10);

  it('returns once both replicas acknowledged the write, well before the timeout', () => {
    const sent = t.w.now;
    c.send('SET', 'b', '1');
    const id = c.send('WAIT', '2', '1000');
    t.run(1200);
    const r = c.replies.get(id)!;
    expect(replyToLine(r.reply)).toBe('(integer) 2');
    expect(r.t - sent).toBeLessThan(50);
  });

  it('asks the replicas with REPLCONF GETACK, which is part of the stream', () => {
    const before = t.srv('A').repl.history.masterReplOffset;
    c.send('SET', 'b', '2');
    c.send('WAIT', '2', '1000');
    t.run(20);
    // SET b 2 (27 bytes) + REPLCONF GETACK * (37 bytes).
    expect(t.srv('A').repl.history.masterReplOffset - before).toBe(27 + 37);
  });

  it('with fewer replicas than asked for, answers at the timeout with the count so far', () => {
    const sent = t.w.now;
    c.send('SET', 'b', '3');
    const id = c.send('WAIT', '3', '300');
    t.run(1000);
    const r = c.replies.get(id)!;
    expect(replyToLine(r.reply)).toBe('(integer) 2');
    expect(r.t - sent).toBeGreaterThanOrEqual(300);
    // Blocked-client timeouts are noticed by beforeSleep or serverCron (every 100 ms).
    expect(r.t - sent).toBeLessThan(420);
  });

  it('a replica cut off does not count', () => {
    t.w.cutReplication(t.P('A2'));
    c.send('SET', 'b', '4');
    const id = c.send('WAIT', '2', '300');
    t.run(600);
    expect(replyToLine(c.reply(id)!)).toBe('(integer) 1');
    t.w.restoreReplication(t.P('A2'));
    t.run(1000);
  });

  it('a client whose last command is already acknowledged gets the count at once', () => {
    const fresh = new NetClient(t.w, 'fresh', t.P('A'));
    t.run(10);
    const sent = t.w.now;
    const id = fresh.send('WAIT', '1', '0');
    t.run(10);
    expect(replyToLine(fresh.reply(id)!)).toBe('(integer) 2');
    expect(fresh.replies.get(id)!.t - sent).toBeLessThan(2);
  });

  it('errors: on a replica, bad numbers, negative timeout, arity', () => {
    expect(replyToLine(t.cmd('A1', 'WAIT', '1', '10')!)).toBe(
      '-ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 if a replica is configured to be writable (which is not the default) writes to replicas are just local and are not propagated.',
    );
    expect(replyToLine(t.cmd('A', 'WAIT', 'x', '10')!)).toBe('-ERR value is not an integer or out of range');
    expect(replyToLine(t.cmd('A', 'WAIT', '1', '-1')!)).toBe('-ERR timeout is negative');
    expect(replyToLine(t.cmd('A', 'WAIT', '1', 'abc')!)).toBe('-ERR timeout is not an integer or out of range');
    expect(replyToLine(t.cmd('A', 'WAIT', '1')!)).toBe("-ERR wrong number of arguments for 'wait' command");
  });
});
