// `replication: { cut: A1 }` drops A1's replication link traffic only: the
// master's offset keeps moving, A1's processed offset stops, and the
// cluster bus between the same nodes is untouched (no PFAIL). The link
// stays "up" until repl-timeout passes without data ("MASTER timeout: no
// data nor PING received..."); from then on repl_down_since is set and the
// data age the election checks (spec §11.2) grows with the clock. Restoring
// the link lets the stalled stream through and A1 catches up.

import { describe, expect, it } from 'vitest';
import { CLUSTER_NODE_FAIL, CLUSTER_NODE_PFAIL } from '../../sim/cluster/constants.ts';
import { replyToLine } from '../../sim/core/reply.ts';
import { formedCluster } from './cluster-world.ts';

describe('a replication cut stops offsets, not the bus', () => {
  const t = formedCluster({ config: { replTimeout: 5 } });
  const a1 = t.srv('A1');
  const repl = a1.repl;
  t.run(1000);
  const before = repl.replicationGetSlaveOffset();
  const cutAt = t.w.now;
  t.w.cutReplication(t.P('A1'));
  for (let i = 0; i < 30; i++) {
    t.cmd('A', 'SET', `{b}${i}`, 'v');
    t.run(100);
  }
  const masterOffset = t.srv('A').repl.history.masterReplOffset;
  const duringCut = repl.replicationGetSlaveOffset();
  const aInA1View = a1.cs.nodes.get(t.srv('A').cs.myself.name)!;
  const a1InAView = t.srv('A').cs.nodes.get(a1.cs.myself.name)!;

  it('the master offset moves, the replica’s does not', () => {
    expect(masterOffset).toBeGreaterThan(before);
    expect(duringCut).toBe(before);
    expect(a1.keyspace.peek('{b}0')).toBeUndefined();
  });
  it('the cluster bus is untouched: no failure flags either way', () => {
    expect(aInA1View.flags & (CLUSTER_NODE_PFAIL | CLUSTER_NODE_FAIL)).toBe(0);
    expect(a1InAView.flags & (CLUSTER_NODE_PFAIL | CLUSTER_NODE_FAIL)).toBe(0);
    expect(aInA1View.link).not.toBeNull();
  });

  it('before repl-timeout the link counts as up and the data age is the time since the last byte', () => {
    expect(repl.masterLinkUp()).toBe(true);
    const nowSec = Math.floor(a1.env.mstime() / 1000);
    expect(nowSec - repl.masterLastInteraction()).toBeGreaterThanOrEqual(2);
  });

  it('after repl-timeout of silence the link is declared down and repl_down_since set', () => {
    t.run(4000);
    expect(t.logs('A1', cutAt)).toContain('MASTER timeout: no data nor PING received...');
    expect(repl.masterLinkUp()).toBe(false);
    expect(repl.replDownSince()).toBeGreaterThan(0);
    const info = replyToLine(a1.command(['INFO', 'replication'])!);
    expect(info).toContain('master_link_status:down');
  });

  it('the data age grows with the clock while the link is down', () => {
    const age = (): number => (Math.floor(a1.env.mstime() / 1000) - repl.replDownSince()) * 1000;
    const first = age();
    t.run(3000);
    expect(age() - first).toBe(3000);
    expect(repl.masterLinkUp()).toBe(false);
  });

  it('the master, hearing no REPLCONF ACK for repl-timeout, drops the replica too', () => {
    expect(t.logs('A', cutAt)).toContain('Disconnecting timedout replica (streaming sync): 127.0.0.1:7003');
    expect(t.logs('A', cutAt)).toContain('Connection with replica 127.0.0.1:7003 lost.');
    expect(t.srv('A').repl.master.slaves.length).toBe(0);
  });

  it('reconnects keep being attempted, and time out while the cut holds', () => {
    t.run(6000);
    const logs = t.logs('A1', cutAt);
    expect(logs).toContain('Reconnecting to MASTER 127.0.0.1:7000');
    expect(logs).toContain('Timeout connecting to the MASTER...');
  });

  it('once restored, the replica reconnects, continues with PSYNC and catches up', () => {
    const restoredAt = t.w.now;
    t.w.restoreReplication(t.P('A1'));
    t.run(8000);
    expect(repl.masterLinkUp()).toBe(true);
    expect(t.logs('A1', restoredAt)).toContain('Successful partial resynchronization with master.');
    expect(repl.replicationGetSlaveOffset()).toBe(t.srv('A').repl.history.masterReplOffset);
    expect(a1.keyspace.peek('{b}29')?.value).toBe('v');
  });
});

describe('a short cut heals by itself: the stalled stream is retransmitted', () => {
  const t = formedCluster();
  t.run(500);
  t.w.cutReplication(t.P('A1'));
  t.cmd('A', 'SET', 'b', '1');
  t.run(2000);
  const stalled = t.srv('A1').keyspace.peek('b');
  t.w.restoreReplication(t.P('A1'));
  t.run(2000);

  it('nothing arrives during the cut, everything after it, on the same link', () => {
    expect(stalled).toBeUndefined();
    expect(t.srv('A1').keyspace.peek('b')?.value).toBe('1');
    expect(t.srv('A1').repl.replicationGetSlaveOffset()).toBe(t.srv('A').repl.history.masterReplOffset);
    expect(t.logs('A1', 0)).not.toContain('Connection with master lost.');
  });
});

describe('the master link drops when the master dies', () => {
  const t = formedCluster();
  t.run(500);
  const killedAt = t.w.now;
  t.w.kill(t.P('A'));
  t.run(300);
  const repl = t.srv('A1').repl;

  it('"Connection with master lost." and repl_down_since is the moment it was noticed', () => {
    expect(t.logs('A1', killedAt)).toContain('Connection with master lost.');
    expect(repl.masterLinkUp()).toBe(false);
    expect(repl.replDownSince()).toBe(Math.floor(t.srv('A1').env.mstime() / 1000));
  });
  it('reconnects are refused every second, with the real log lines', () => {
    t.run(2000);
    const logs = t.logs('A1', killedAt);
    expect(logs).toContain('Connecting to MASTER 127.0.0.1:7000');
    expect(logs).toContain('MASTER <-> REPLICA sync started');
    expect(logs.filter((l) => l === 'Error condition on socket for SYNC: Connection refused').length).toBeGreaterThanOrEqual(2);
  });
  it('the replica keeps its processed offset for the election rank', () => {
    expect(repl.replicationGetSlaveOffset()).toBeGreaterThan(0);
  });
});
