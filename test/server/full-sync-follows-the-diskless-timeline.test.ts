// A full sync as 7.0 does it by default (repl-diskless-sync yes, delay 5):
// the master answers the PSYNC only when the fork starts, at the first
// replicationCron (1 Hz) at which the waiting replica has been idle for 5
// whole seconds; the child streams the RDB (modelled duration:
// replication-rdb.ts); the replica flushes, loads and ACKs; the master then
// sends the writes it buffered meanwhile. The log sequence is the one a
// real 7.0.15 pair printed (master: "Delay next BGSAVE for diskless SYNC",
// "Starting BGSAVE for SYNC with target: replicas sockets", ... "Synchronization
// with replica ... succeeded"; replica: "Full resync from master", "Flushing
// old data", "Loading DB in memory", ..., "Finished with success").

import { describe, expect, it } from 'vitest';
import { rdbSizeBytes, rdbTransferMs } from '../../sim/data/replication-rdb.ts';
import { formedCluster, NetClient } from './cluster-world.ts';

describe('a replica restarted empty resyncs in full', () => {
  const t = formedCluster({ masters: 1, replicasPerMaster: 1 });
  for (let i = 0; i < 20_000; i++) t.cmd('A', 'SET', `key:${i}`, 'v'.repeat(100));
  t.run(500);
  t.w.kill(t.P('A1'));
  t.run(500);
  const startedAt = t.w.now;
  t.w.start(t.P('A1'));
  // Writes keep coming while the replica syncs.
  const c = new NetClient(t.w, 'writer', t.P('A'));
  let n = 0;
  const write = (): void => {
    c.send('SET', `late:${n++}`, 'x');
    if (n < 2000) t.w.sched.after(5, write);
  };
  write();
  t.run(12_000);

  const at = (node: string, text: string): number => t.w.recorder.logs.find((l) => t.w.recorder.names.name(l.node) === node && l.t >= startedAt && l.text.startsWith(text))!.t;
  const asked = at('A', 'Replica 127.0.0.1:7001 asks for synchronization');
  const bgsave = at('A', 'Starting BGSAVE for SYNC with target: replicas sockets');
  const done = at('A', 'Background RDB transfer terminated with success');

  it('the master waits for the diskless delay: 5 whole seconds of idleness, checked once a second', () => {
    expect(t.logs('A', startedAt)).toContain('Delay next BGSAVE for diskless SYNC');
    expect(Math.floor(bgsave / 1000) - Math.floor(asked / 1000)).toBe(5);
    expect(bgsave - asked).toBeLessThan(6000);
  });
  it('the child takes the modelled time for the RDB of the data set', () => {
    const bytes = rdbSizeBytes(t.srv('A').keyspace);
    expect(bytes).toBeGreaterThan(2_000_000);
    // The data set grew a little during the sync; the RDB was cut at the fork.
    expect(done - bgsave).toBeGreaterThanOrEqual(rdbTransferMs(2_000_000));
    expect(done - bgsave).toBeLessThanOrEqual(rdbTransferMs(bytes));
  });
  it('the replica logs the real sequence', () => {
    const logs = t.logs('A1', startedAt);
    const seq = [
      // Started as a master (an empty one), it offers its own history first, as a real restart does.
      'Before turning into a replica, using my own master parameters to synthesize a cached master',
      'Trying a partial resynchronization (request ',
      'Full resync from master: ',
      'MASTER <-> REPLICA sync: receiving streamed RDB from master with EOF to disk',
      'MASTER <-> REPLICA sync: Flushing old data',
      'MASTER <-> REPLICA sync: Loading DB in memory',
      'Loading RDB produced by version 7.0.15',
      'RDB age 0 seconds',
      'RDB memory usage when created ',
      'Done loading RDB, keys loaded: ',
      'MASTER <-> REPLICA sync: Finished with success',
    ];
    let i = 0;
    for (const l of logs) if (i < seq.length && l.startsWith(seq[i]!)) i++;
    expect(i).toBe(seq.length);
  });
  it('the writes made during the sync follow the RDB: the replica ends equal to the master', () => {
    expect(n).toBe(2000);
    expect(t.srv('A1').repl.replicationGetSlaveOffset()).toBe(t.srv('A').repl.history.masterReplOffset);
    expect(t.srv('A1').keyspace.firstDifference(t.srv('A').keyspace)).toBeNull();
  });
});
