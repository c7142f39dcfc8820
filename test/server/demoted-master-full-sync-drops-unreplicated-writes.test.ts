// A master cut off from the majority keeps acknowledging writes until it
// notices (cluster-node-timeout); its replica is promoted on the other
// side. When the partition heals the old master becomes a replica of the
// new one and asks to continue its own history, but that history now runs
// past the point where the new master took over (second_repl_offset), so
// PSYNC is refused ("Requested offset for second ID was X, but I can reply
// up to Y") and a full sync replaces its data: the writes it acknowledged
// alone are gone. This is how Redis Cluster loses acknowledged writes.

import { describe, expect, it } from 'vitest';
import { replyToLine } from '../../sim/core/reply.ts';
import { formedCluster } from './cluster-world.ts';

describe('the old master of a partition loses the writes only it had', () => {
  const t = formedCluster();
  t.cmd('A', 'SET', 'b', 'replicated');
  t.run(1000);
  const a = t.P('A');
  const others = t.w.processes.filter((p) => p !== a).map((p) => p.pid);
  t.w.net.partition([[a.pid], others]);
  t.run(100);
  const lostReply = replyToLine(t.cmd('A', 'SET', '{b}lost', 'acked-by-the-old-master')!);
  t.run(15_000);
  // Its own history, replication PINGs included, as it stands when it rejoins.
  const aOffset = t.srv('A').repl.history.masterReplOffset;
  const promoted = t.srv('A1').repl.masterHost === null;
  const a1SecondOffset = t.srv('A1').repl.history.secondReplidOffset;
  const hadItBeforeHeal = t.srv('A').keyspace.peek('{b}lost') !== undefined;
  const healedAt = t.w.now;
  t.w.net.healAll();
  t.run(10_000);

  it('the write was acknowledged by the old master while it was cut off', () => {
    expect(lostReply).toBe('OK');
    expect(hadItBeforeHeal).toBe(true);
  });
  it('its replica was promoted on the majority side', () => {
    expect(promoted).toBe(true);
    expect(aOffset + 1).toBeGreaterThan(a1SecondOffset);
  });
  it('after the heal the old master follows the new one and PSYNC of its own history is refused', () => {
    expect(t.srv('A').repl.masterPort).toBe(t.P('A1').port);
    expect(t.logs('A1', healedAt)).toContain(
      `Partial resynchronization not accepted: Requested offset for second ID was ${aOffset + 1}, but I can reply up to ${a1SecondOffset}`,
    );
  });
  it('the full sync flushed its data and loaded the new master’s: the write is lost', () => {
    const logs = t.logs('A', healedAt);
    expect(logs).toContain('MASTER <-> REPLICA sync: Flushing old data');
    expect(logs).toContain('MASTER <-> REPLICA sync: Finished with success');
    expect(t.srv('A').keyspace.peek('{b}lost')).toBeUndefined();
    expect(t.srv('A').keyspace.peek('b')?.value).toBe('replicated');
    expect(t.srv('A').repl.masterLinkUp()).toBe(true);
  });
});
