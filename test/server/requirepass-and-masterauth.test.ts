// requirepass and masterauth as Redis 7.0.15 applies them: a client must
// AUTH before anything but AUTH (NOAUTH, and inside MULTI the transaction is
// flagged), a wrong password is WRONGPASS; a replica without masterauth
// cannot sync (its handshake is answered NOAUTH at PSYNC), with a wrong one
// AUTH fails, and with the right one the full sync goes through. The log
// lines are the ones real 7.0.15 printed
// (test/fixtures/real-redis-formats/masterauth/replica.log).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replyToLine } from '../../sim/core/reply.ts';
import { formedCluster, NetClient } from './cluster-world.ts';

const realLog = readFileSync(new URL('../fixtures/real-redis-formats/masterauth/replica.log', import.meta.url), 'utf8');
/** The message part of each real log line ("pid:S date time * text" → text). */
const realTexts = new Set(realLog.split('\n').filter((l) => !l.startsWith('#')).map((l) => l.replace(/^\d+:[A-Z] .*? \d\d:\d\d:\d\d\.\d{3} [.*#-] /, '').replace(/\d+\.\d+\.\d+\.\d+:\d+/, '<addr>')));

function session(t: ReturnType<typeof formedCluster>, node: string, ...cmds: string[][]): string[] {
  const c = new NetClient(t.w, `client-${node}-${t.w.now}`, t.P(node));
  const out: string[] = [];
  for (const argv of cmds) {
    const id = c.send(...argv);
    t.run(20);
    const r = c.reply(id);
    out.push(r === undefined ? '(none)' : replyToLine(r));
  }
  return out;
}

describe('requirepass', () => {
  it('NOAUTH until AUTH, WRONGPASS for a wrong password, and a refused command inside MULTI aborts it', () => {
    const t = formedCluster({ config: { requirepass: 'secret', masterauth: 'secret' } });
    expect(session(t, 'A', ['GET', 'b'], ['AUTH', 'nope'], ['AUTH', 'default', 'nope'], ['AUTH', 'secret'], ['GET', 'b'])).toEqual([
      '-NOAUTH Authentication required.',
      '-WRONGPASS invalid username-password pair or user is disabled.',
      '-WRONGPASS invalid username-password pair or user is disabled.',
      'OK',
      '(nil)',
    ]);
    expect(session(t, 'A', ['MULTI'], ['AUTH', 'secret'], ['EXEC'])).toEqual(['-NOAUTH Authentication required.', 'OK', '-ERR EXEC without MULTI']);
  });

  it('the administrator\'s anonymous redis: client is authenticated; a named client is not', () => {
    const t = formedCluster({ config: { requirepass: 'secret', masterauth: 'secret' } });
    expect(replyToLine(t.srv('A').command(['SET', 'b', '1'])!)).toBe('OK');
    expect(replyToLine(t.srv('A').command(['GET', 'b'], { client: 'app' })!)).toBe('-NOAUTH Authentication required.');
    expect(replyToLine(t.srv('A').command(['AUTH', 'secret'], { client: 'app' })!)).toBe('OK');
    expect(replyToLine(t.srv('A').command(['GET', 'b'], { client: 'app' })!)).toBe('"1"');
  });
});

describe('masterauth', () => {
  it('with the right masterauth the replicas sync (the formed cluster is up and replicated)', () => {
    const t = formedCluster({ config: { requirepass: 'secret', masterauth: 'secret' } });
    t.srv('A').command(['SET', 'b', 'v']);
    t.run(200);
    expect(t.srv('A1').keyspace.peek('b')?.value).toBe('v');
  });

  it('without masterauth a replica cannot sync, and logs what 7.0.15 logs', () => {
    const t = formedCluster({ config: { requirepass: 'secret' } });
    const lines = t.logs('A1');
    expect(t.srv('A1').keyspace.size).toBe(0);
    expect(t.srv('A1').repl.replica.state).not.toBe('connected');
    const seen = [
      'Master replied to PING, replication can continue...',
      '(Non critical) Master does not understand REPLCONF listening-port: -NOAUTH Authentication required.',
      '(Non critical) Master does not understand REPLCONF capa: -NOAUTH Authentication required.',
      'Unexpected reply to PSYNC from master: -NOAUTH Authentication required.',
      'Retrying with SYNC...',
      'MASTER aborted replication with an error: NOAUTH Authentication required.',
    ];
    for (const text of seen) {
      expect(realTexts.has(text), `real 7.0.15 printed: ${text}`).toBe(true);
      expect(lines, text).toContain(text);
    }
  });

  it('with a wrong masterauth AUTH fails and is retried', () => {
    const t = formedCluster({ config: { requirepass: 'secret', masterauth: 'wrong' } });
    const text = 'Unable to AUTH to MASTER: -WRONGPASS invalid username-password pair or user is disabled.';
    expect(realTexts.has(text)).toBe(true);
    expect(t.logs('A1').filter((l) => l === text).length).toBeGreaterThan(1);
    expect(t.srv('A1').repl.replica.state).not.toBe('connected');
  });
});
