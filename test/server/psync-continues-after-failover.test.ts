// PSYNC2 across a failover (replication.c): the promoted replica keeps the
// old replication ID as replid2, valid up to its offset + 1, so a node that
// followed the same history asks "PSYNC <old id> <offset+1>" and continues
// without a full sync. Log texts are replication.c's; the sequence is the
// one a real 7.0.15 printed for a promotion followed by the old master
// rejoining ("Partial resynchronization request from ... accepted. Sending
// N bytes of backlog starting from offset M.", "Master replication ID
// changed to ...").

import { row, rows } from '../helpers/events.ts';
import { describe, expect, it } from 'vitest';
import { replyToLine } from '../../sim/core/reply.ts';
import { formedCluster } from './cluster-world.ts';

describe('manual failover: the old master continues with a partial resync', () => {
  const t = formedCluster();
  t.cmd('A', 'SET', 'b', '1');
  t.cmd('A', 'RPUSH', '{b}l', 'x', 'y');
  t.run(1500);
  const oldId = t.srv('A').repl.history.replid;
  const offset = t.srv('A').repl.history.masterReplOffset;
  expect(t.srv('A1').repl.replicationGetSlaveOffset()).toBe(offset);
  t.cmd('A1', 'CLUSTER', 'FAILOVER');
  t.run(2000);

  it('the promoted replica keeps the old ID as replid2 up to its offset + 1', () => {
    const h = t.srv('A1').repl.history;
    expect(h.replid2).toBe(oldId);
    expect(h.secondReplidOffset).toBe(offset + 1);
    expect(h.replid).not.toBe(oldId);
  });
  it('the old master asks to continue its own history and is accepted', () => {
    expect(t.logs('A')).toContain(
      'Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.',
    );
    expect(t.logs('A')).toContain(`Trying a partial resynchronization (request ${oldId}:${offset + 1}).`);
    expect(t.logs('A1')).toContain(`Partial resynchronization request from 127.0.0.1:7000 accepted. Sending 0 bytes of backlog starting from offset ${offset + 1}.`);
    expect(t.logs('A')).toContain('Successful partial resynchronization with master.');
    expect(t.logs('A')).toContain(`Master replication ID changed to ${t.srv('A1').repl.history.replid}`);
    expect(t.logs('A', 0).some((l) => l.startsWith('Full resync from master'))).toBe(false);
  });
  it('no data was reloaded and the link is up', () => {
    expect(replyToLine(t.srv('A').command(['READONLY'])!)).toBe('OK');
    expect(t.srv('A').keyspace.size).toBe(2);
    expect(t.srv('A').repl.masterLinkUp()).toBe(true);
  });
  it('writes on the new master reach the old one', () => {
    t.cmd('A1', 'SET', 'b', '2');
    t.run(100);
    expect(t.srv('A').keyspace.peek('b')?.value).toBe('2');
    expect(t.srv('A').repl.replicationGetSlaveOffset()).toBe(t.srv('A1').repl.history.masterReplOffset);
  });
});

describe('master killed: the other replica continues from the promoted one', () => {
  const t = formedCluster({ masters: 3, replicasPerMaster: 2 });
  for (let i = 0; i < 20; i++) t.cmd('A', 'SET', `{b}${i}`, String(i));
  t.run(1500);
  const oldId = t.srv('A').repl.history.replid;
  const killedAt = t.w.now;
  t.w.kill(t.P('A'));
  t.run(15_000);
  const winner = ['A1', 'A2'].find((n) => rows(t.w).some((e) => e.node === n && e.event === 'election-won'))!;
  const other = winner === 'A1' ? 'A2' : 'A1';

  it('one replica won the election', () => {
    expect(winner).toBeDefined();
  });
  it('the other one switched to it and continued the old history (replid2)', () => {
    const port = t.P(winner).port;
    expect(t.logs(other)).toContain(`Connecting to MASTER 127.0.0.1:${port}`);
    expect(t.logs(other).some((l) => l.startsWith(`Trying a partial resynchronization (request ${oldId}:`))).toBe(true);
    expect(t.logs(other)).toContain('Successful partial resynchronization with master.');
    expect(t.logs(other, killedAt).some((l) => l.startsWith('Full resync from master'))).toBe(false);
    expect(t.srv(other).keyspace.size).toBe(20);
    expect(t.srv(other).repl.masterLinkUp()).toBe(true);
  });
});
