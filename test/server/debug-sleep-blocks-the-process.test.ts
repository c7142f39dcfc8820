// DEBUG SLEEP <seconds> (debug.c): the server sleeps inside the command, so
// the whole process stops (no replies, no cron, no cluster bus) and the
// caller's OK comes only when it wakes; traffic meanwhile waits in the
// kernel and is served afterwards, in order.

import { describe, expect, it } from 'vitest';
import { replyToLine } from '../../sim/core/reply.ts';
import { formedCluster, NetClient } from './cluster-world.ts';

describe('DEBUG SLEEP', () => {
  const t = formedCluster({ latency: { distribution: 'constant', ms: 1 }, config: { enableDebugCommand: 'yes' } });
  const sleeper = new NetClient(t.w, 'sleeper', t.P('B'));
  const other = new NetClient(t.w, 'other', t.P('B'));
  t.run(10);
  const start = t.w.now;
  const sleepId = sleeper.send('DEBUG', 'SLEEP', '1.5');
  const nextId = sleeper.send('PING');
  t.run(100);
  const pingId = other.send('PING');
  const pongsBefore = t.srv('A').cs.nodes.get(t.srv('B').cs.myself.name)!.pongReceived;
  t.run(1000);
  const pongsDuring = t.srv('A').cs.nodes.get(t.srv('B').cs.myself.name)!.pongReceived;
  t.run(1000);

  it('the OK comes after the sleep', () => {
    const r = sleeper.replies.get(sleepId)!;
    expect(replyToLine(r.reply)).toBe('OK');
    expect(r.t - start).toBeGreaterThanOrEqual(1500);
    expect(r.t - start).toBeLessThan(1510);
  });
  it('other clients are answered only when it wakes, and in order after the sleep on the same connection', () => {
    expect(other.replies.get(pingId)!.t - start).toBeGreaterThanOrEqual(1500);
    expect(sleeper.replies.get(nextId)!.t).toBeGreaterThanOrEqual(sleeper.replies.get(sleepId)!.t);
  });
  it('the cluster bus is silent meanwhile', () => {
    expect(pongsDuring).toBe(pongsBefore);
  });
  it('unknown DEBUG subcommands are refused', () => {
    expect(replyToLine(t.cmd('B', 'DEBUG', 'foo')!)).toBe("-ERR unknown subcommand or wrong number of arguments for 'foo'. Try DEBUG HELP.");
    expect(replyToLine(t.cmd('B', 'DEBUG', 'sleep')!)).toBe("-ERR unknown subcommand or wrong number of arguments for 'sleep'. Try DEBUG HELP.");
  });
});

describe('a blocked client keeps its later commands in order', () => {
  const t = formedCluster();
  const c = new NetClient(t.w, 'pipeline', t.P('A'));
  t.run(10);
  const ids = [c.send('SET', 'b', '1'), c.send('WAIT', '5', '200'), c.send('GET', 'b'), c.send('ECHO', 'last')];
  t.run(1000);
  it('each reply in request order, the ones after WAIT only after it returned', () => {
    const rs = ids.map((id) => c.replies.get(id)!);
    expect(rs.map((r) => replyToLine(r.reply))).toEqual(['OK', '(integer) 1', '"1"', '"last"']);
    expect(rs[2]!.t).toBeGreaterThanOrEqual(rs[1]!.t);
    expect(rs[1]!.t - rs[0]!.t).toBeGreaterThanOrEqual(200);
  });
});
