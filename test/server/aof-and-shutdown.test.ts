// Persistence and graceful exit (server.c prepareForShutdown/finishShutdown,
// scenario-format.md: "appendonly yes keeps keys across kill/restart (fsync
// every second: a kill may lose the last second of writes; a shutdown loses
// nothing)"). SHUTDOWN in 7.0 first waits, writes paused, up to 10 s for
// replicas to acknowledge the whole stream; the log lines are server.c's.

import { row, rows } from '../helpers/events.ts';
import { describe, expect, it } from 'vitest';
import { replyToLine } from '../../sim/core/reply.ts';
import { formedCluster, NetClient } from './cluster-world.ts';

describe('appendonly yes: a restart starts from the last fsync', () => {
  const t = formedCluster({ config: { appendonly: true } });
  t.cmd('A', 'SET', 'b', 'synced');
  t.run(1100); // an everysec fsync has happened since
  t.cmd('A', 'SET', '{b}late', 'not-yet');
  t.w.kill(t.P('A'));
  t.w.start(t.P('A'));

  it('keys fsynced before the kill are back', () => {
    expect(t.srv('A').keyspace.peek('b')?.value).toBe('synced');
  });
  it('the write of the last second is lost', () => {
    expect(t.srv('A').keyspace.peek('{b}late')).toBeUndefined();
  });
});

describe('the AOF replays what was propagated, and is rewritten when it grows', () => {
  const t = formedCluster({ config: { appendonly: true } });
  for (let i = 0; i < 15_000; i++) t.cmd('A', 'INCR', 'b');
  t.cmd('A', 'RPUSH', '{b}list', 'x', 'y', 'z');
  t.cmd('A', 'SET', '{b}ttl', 'v', 'EX', '1000');
  t.cmd('A', 'SET', '{b}gone', 'v');
  t.cmd('A', 'DEL', '{b}gone');
  t.run(1100);
  const before = t.srv('A').keyspace;
  const replicaBefore = t.srv('A1').keyspace;
  t.w.kill(t.P('A'));
  t.w.kill(t.P('A1'));
  const aofLength = t.P('A').disk.aof!.length;
  t.w.start(t.P('A'));
  t.w.start(t.P('A1'));

  it('a master and its replica both come back with the same data', () => {
    expect(t.srv('A').keyspace.firstDifference(before)).toBeNull();
    expect(t.srv('A1').keyspace.firstDifference(replicaBefore)).toBeNull();
    expect(t.srv('A').keyspace.peek('b')?.value).toBe('15000');
    expect(t.srv('A').keyspace.getExpire('{b}ttl')).toBe(before.getExpire('{b}ttl'));
  });
  it('15000 commands on a handful of keys made the file be rewritten', () => {
    expect(aofLength).toBeLessThan(10_000);
  });
});

describe('appendonly no: a restarted node comes back empty', () => {
  const t = formedCluster();
  t.cmd('A', 'SET', 'b', 'v');
  t.run(1100);
  t.w.kill(t.P('A'));
  t.w.start(t.P('A'));
  it('no keys', () => {
    expect(t.srv('A').keyspace.size).toBe(0);
  });
});

describe('shutdown (SIGTERM) with its replica in sync', () => {
  const t = formedCluster({ config: { appendonly: true } });
  t.cmd('A', 'SET', 'b', 'last-write');
  const at = t.w.now;
  t.w.shutdown(t.P('A'));
  t.run(500);

  it('waits for the replica to acknowledge, then exits', () => {
    expect(t.w.isUp(t.P('A'))).toBe(false);
    expect(t.logs('A', at)).toEqual([
      'Received SIGTERM scheduling shutdown...',
      'User requested shutdown...',
      'Waiting for replicas before shutting down.',
      '1 of 1 replicas are in sync when shutting down.',
      'Calling fsync() on the AOF file.',
      // The default save points are on, so the exit also writes dump.rdb (as real 7.0.15 logs it).
      'Saving the final RDB snapshot before exiting.',
      'DB saved on disk',
      'Redis is now ready to exit, bye bye...',
    ]);
    expect(t.srv('A1').keyspace.peek('b')?.value).toBe('last-write');
  });
  it('nothing was lost: the AOF holds the last write', () => {
    t.w.start(t.P('A'));
    expect(t.srv('A').keyspace.peek('b')?.value).toBe('last-write');
  });
});

describe('SHUTDOWN with a replica that cannot catch up', () => {
  const t = formedCluster();
  t.w.cutReplication(t.P('A1'));
  t.cmd('A', 'SET', 'b', 'unreplicated');
  const c = new NetClient(t.w, 'admin', t.P('A'));
  const writer = new NetClient(t.w, 'writer', t.P('A'));
  t.run(10);
  const at = t.w.now;
  c.send('SHUTDOWN');
  t.run(50);
  const w = writer.send('SET', 'b', 'during-shutdown');
  t.run(5000);
  const upAfter5s = t.w.isUp(t.P('A'));

  it('writes are paused while it waits', () => {
    expect(upAfter5s).toBe(true);
    expect(writer.reply(w)).toBeUndefined();
  });
  it('gives up after shutdown-timeout (10 s), reporting the lagging replica', () => {
    t.run(6000);
    expect(t.w.isUp(t.P('A'))).toBe(false);
    const down = rows(t.w).find((e) => e.node === 'A' && e.event === 'shutdown')!;
    expect(down.t - at).toBeGreaterThanOrEqual(10_000);
    expect(down.t - at).toBeLessThan(10_200);
    const logs = t.logs('A', at);
    expect(logs.some((l) => /^Lagging replica 127\.0\.0\.1:7003 reported offset \d+ behind master, lag=\d+, state=online\.$/.test(l))).toBe(true);
    expect(logs).toContain('0 of 1 replicas are in sync when shutting down.');
    expect(c.closed).toBe('eof');
  });
});

describe('SHUTDOWN arguments', () => {
  const t = formedCluster();
  it('ABORT without a shutdown in progress, and bad combinations, are errors', () => {
    expect(replyToLine(t.cmd('A', 'SHUTDOWN', 'ABORT')!)).toBe('-ERR No shutdown in progress.');
    expect(replyToLine(t.cmd('A', 'SHUTDOWN', 'xyz')!)).toBe('-ERR syntax error');
    expect(replyToLine(t.cmd('A', 'SHUTDOWN', 'SAVE', 'NOSAVE')!)).toBe('-ERR syntax error');
  });
  it('a waiting shutdown can be aborted: writes resume and the SHUTDOWN caller gets an error', () => {
    t.w.cutReplication(t.P('A1'));
    t.cmd('A', 'SET', 'b', 'x');
    let shutdownReply: string | undefined;
    t.srv('A').command(['SHUTDOWN'], { onReply: (r) => (shutdownReply = replyToLine(r)) });
    t.run(200);
    expect(replyToLine(t.cmd('A', 'SHUTDOWN', 'ABORT')!)).toBe('OK');
    expect(shutdownReply).toBe('-ERR Errors trying to SHUTDOWN. Check logs.');
    expect(replyToLine(t.cmd('A', 'SET', 'b', 'y')!)).toBe('OK');
    t.run(11_000);
    expect(t.w.isUp(t.P('A'))).toBe(true);
  });
});
