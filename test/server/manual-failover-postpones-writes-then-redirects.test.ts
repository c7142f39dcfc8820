// During CLUSTER FAILOVER the master pauses writes (pauseClients(...,
// CLIENT_PAUSE_WRITE), spec §13): a write that arrives then is postponed,
// not rejected, and processed again once the pause ends; by then the master
// has become a replica, so it gets MOVED to the new master. Reads are not
// paused. With a constant 5 ms one-way latency the steps are far enough
// apart to see the write arrive inside the pause.

import { describe, expect, it } from 'vitest';
import { replyToLine } from '../../sim/core/reply.ts';
import { formedCluster, NetClient } from './cluster-world.ts';

describe('manual failover: writes are postponed, then redirected', () => {
  const t = formedCluster({ latency: { distribution: 'constant', ms: 5 } });
  t.cmd('A', 'SET', 'b', 'before');
  t.run(100);
  const writer = new NetClient(t.w, 'writer', t.P('A'));
  const reader = new NetClient(t.w, 'reader', t.P('A'));
  t.run(20);

  const t0 = t.w.now;
  expect(replyToLine(t.cmd('A1', 'CLUSTER', 'FAILOVER')!)).toBe('OK');
  // MFSTART reaches A after 5 ms; the write and the read arrive 5 ms after they are sent.
  t.run(6);
  const setId = writer.send('SET', 'b', 'during');
  const getId = reader.send('GET', 'b');
  t.run(500);

  const pausedAt = t.w.recorder.logs.find((l) => t.w.recorder.names.name(l.node) === 'A' && l.text.startsWith('Manual failover requested by replica'))!.t;
  const demotedAt = t.w.recorder.logs.find((l) => t.w.recorder.names.name(l.node) === 'A' && l.text.startsWith('Configuration change detected'))!.t;
  const set = writer.replies.get(setId)!;
  const get = reader.replies.get(getId)!;

  it('the write reached the master while writes were paused', () => {
    expect(pausedAt).toBeLessThan(t0 + 6 + 5);
    expect(demotedAt).toBeGreaterThan(t0 + 6 + 5);
  });
  it('a read in the pause is served at once', () => {
    expect(replyToLine(get.reply)).toBe('"before"');
    expect(get.t).toBeLessThan(demotedAt);
  });
  it('the postponed write is answered only after the failover, with MOVED to the new master', () => {
    expect(replyToLine(set.reply)).toBe('-MOVED 3300 127.0.0.1:7003');
    expect(set.t).toBeGreaterThanOrEqual(demotedAt + 5);
  });
  it('the write never ran anywhere', () => {
    expect(replyToLine(t.cmd('A1', 'GET', 'b')!)).toBe('"before"');
  });
});

describe('while writes are paused the data set stays constant', () => {
  const t = formedCluster({ latency: { distribution: 'constant', ms: 5 }, config: { enableDebugCommand: 'yes' } });
  t.cmd('A', 'DEBUG', 'SET-ACTIVE-EXPIRE', '0');
  t.cmd('A', 'SET', 'b', 'v', 'PX', '50');
  t.run(100);
  t.srv('A').pause.pause('failover', t.srv('A').env.mstime() + 10_000);
  const before = t.srv('A').repl.history.masterReplOffset;

  it('an expired key reads as missing but is not deleted, so nothing is propagated', () => {
    expect(replyToLine(t.cmd('A', 'GET', 'b')!)).toBe('(nil)');
    expect(t.srv('A').keyspace.peek('b')).toBeDefined();
    expect(t.srv('A').repl.history.masterReplOffset).toBe(before);
  });
  it('after the pause the same read deletes it and propagates the DEL', () => {
    t.srv('A').pause.unpause('failover');
    expect(replyToLine(t.cmd('A', 'GET', 'b')!)).toBe('(nil)');
    expect(t.srv('A').keyspace.peek('b')).toBeUndefined();
    expect(t.srv('A').repl.history.masterReplOffset).toBeGreaterThan(before);
  });
});
