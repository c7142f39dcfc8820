// RDB persistence as real Redis 7.0.15 does it, checked against what
// test/fixtures/real-redis/record-persistence.ts measured on a live server
// (test/fixtures/persistence-real-redis.json): save points, SAVE / BGSAVE /
// LASTSAVE, INFO persistence, SHUTDOWN saving or not, restarts loading what
// is on disk, a killed replica continuing with PSYNC from the RDB of its
// full sync, and DEBUG refused unless enable-debug-command allows it.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replyToLine, type Reply } from '../../sim/core/reply.ts';
import { rows } from '../helpers/events.ts';
import { formedCluster } from './cluster-world.ts';

const REAL = JSON.parse(readFileSync(new URL('../fixtures/persistence-real-redis.json', import.meta.url), 'utf8'));
const text = (r: Reply | undefined): string => (r?.kind === 'bulk' ? (r.value ?? '') : '');
const info = (lines: string[]): Map<string, string> => new Map(lines.filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]));
const realReply = (r: { kind: string; text?: string; value?: number }): string => (r.kind === 'int' ? `(integer) ${r.value}` : r.kind === 'error' ? `-${r.text}` : String(r.text));

describe('DEBUG and enable-debug-command', () => {
  it('refused at the 7.0 default (no) with 7.0.15 text, whatever the subcommand', () => {
    const t = formedCluster();
    expect(replyToLine(t.cmd('A', 'DEBUG', 'SLEEP', '0')!)).toBe(realReply(REAL.debug.refused));
    expect(replyToLine(t.cmd('A', 'DEBUG', 'HELP')!)).toBe(realReply(REAL.debug.refusedHelp));
  });
  it('CONFIG GET shows no; CONFIG SET refuses it as immutable', () => {
    const t = formedCluster();
    expect(replyToLine(t.cmd('A', 'CONFIG', 'SET', 'enable-debug-command', 'yes')!)).toBe(realReply(REAL.debug.set));
    const got = t.cmd('A', 'CONFIG', 'GET', 'enable-debug-command')!;
    expect(got.kind === 'array' && got.items!.map(text)).toEqual(REAL.debug.config.items.map((i: { value: string }) => i.value));
  });
  it('accepted with yes, and with local from the scenario (loopback) client', () => {
    for (const mode of ['yes', 'local'] as const) {
      const t = formedCluster({ config: { enableDebugCommand: mode } });
      expect(replyToLine(t.cmd('A', 'DEBUG', 'SET-ACTIVE-EXPIRE', '1')!)).toBe('OK');
    }
  });
});

describe('INFO persistence, SAVE, BGSAVE, LASTSAVE', () => {
  const t = formedCluster({ config: { save: '' } });
  const fresh = text(t.cmd('A', 'INFO', 'persistence')).split('\r\n').filter((l) => l);
  for (let i = 0; i < 5; i++) t.cmd('A', 'SET', `{b}k${i}`, 'v');
  t.cmd('A', 'SET', '{b}k0', 'again');
  const afterSix = info(text(t.cmd('A', 'INFO', 'persistence')).split('\r\n'));
  const bgsave = t.cmd('A', 'BGSAVE')!;
  const again = t.cmd('A', 'BGSAVE')!;
  const schedule = t.cmd('A', 'BGSAVE', 'SCHEDULE')!;
  const save = t.cmd('A', 'SAVE')!;
  const during = info(text(t.cmd('A', 'INFO', 'persistence')).split('\r\n'));
  t.run(1500);
  const after = info(text(t.cmd('A', 'INFO', 'persistence')).split('\r\n'));

  it('the section has 7.0.15 fields in 7.0.15 order', () => {
    expect(fresh.map((l) => l.split(':')[0])).toEqual(REAL.info.fresh.map((l: string) => l.split(':')[0]));
  });
  it('each write counts as a change since the last save', () => {
    expect(afterSix.get('rdb_changes_since_last_save')).toBe(info(REAL.info.afterSixWrites).get('rdb_changes_since_last_save'));
  });
  it('BGSAVE starts a child; a second one, SCHEDULE and SAVE are refused while it runs', () => {
    expect(replyToLine(bgsave)).toBe(realReply(REAL.replies.bgsave));
    expect(replyToLine(again)).toBe(realReply(REAL.replies.bgsaveAgain));
    expect(replyToLine(schedule)).toBe(realReply(REAL.replies.bgsaveScheduleDuring));
    expect(replyToLine(save)).toBe(realReply(REAL.replies.saveDuring));
    const real = info(REAL.info.duringBgsave);
    for (const f of ['rdb_bgsave_in_progress', 'rdb_changes_since_last_save', 'rdb_saves', 'rdb_current_bgsave_time_sec']) expect(during.get(f), f).toBe(real.get(f));
  });
  it('once it is done: no changes pending, the save time moved, and the log says so', () => {
    const real = info(REAL.info.afterBgsave);
    for (const f of ['rdb_bgsave_in_progress', 'rdb_changes_since_last_save', 'rdb_saves', 'rdb_last_bgsave_status', 'rdb_last_bgsave_time_sec']) expect(after.get(f), f).toBe(real.get(f));
    expect(Number(after.get('rdb_last_save_time'))).toBeGreaterThan(Number(during.get('rdb_last_save_time')));
    const want = ['Background saving started by pid', 'DB saved on disk', 'Fork CoW for RDB', 'Background saving terminated with success'];
    const logs = t.logs('A').filter((l) => want.some((w) => l.startsWith(w)));
    expect(logs.map((l) => want.find((w) => l.startsWith(w)))).toEqual(want);
  });
  it('SAVE writes at once; LASTSAVE is its unix time; bad arguments get 7.0.15 errors', () => {
    t.cmd('A', 'SET', '{b}k7', 'v');
    expect(replyToLine(t.cmd('A', 'SAVE')!)).toBe(realReply(REAL.replies.save));
    expect(replyToLine(t.cmd('A', 'LASTSAVE')!)).toBe(`(integer) ${Math.floor(t.srv('A').env.mstime() / 1000)}`);
    expect(replyToLine(t.cmd('A', 'SAVE', 'x')!)).toBe(realReply(REAL.replies.saveArgs));
    expect(replyToLine(t.cmd('A', 'BGSAVE', 'NOW')!)).toBe(realReply(REAL.replies.bgsaveBad));
    expect(t.P('A').disk.rdb!.keys).toBe(6);
  });
});

describe('save points', () => {
  const t = formedCluster({ config: { save: '2 3' } });
  t.cmd('A', 'SET', 'b', '1');
  t.cmd('A', 'SET', 'b', '2');
  t.run(3000);
  const noSave = t.P('A').disk.rdb;
  t.cmd('A', 'SET', 'b', '3');
  t.run(200);
  it('a BGSAVE starts once <changes> are older than <seconds> since the last save, not before', () => {
    expect(noSave).toBeNull();
    expect(t.logs('A')).toContain('3 changes in 2 seconds. Saving...');
    expect(t.P('A').disk.rdb!.keys).toBe(1);
  });
});

describe('CONFIG SET of the persistence parameters takes effect at once', () => {
  it("save '' stops the save points; shutdown-timeout 0 exits without waiting for a lagging replica", () => {
    const t = formedCluster({ config: { save: '1 1' } });
    expect(replyToLine(t.cmd('A', 'CONFIG', 'SET', 'save', '')!)).toBe('OK');
    expect(replyToLine(t.cmd('A', 'CONFIG', 'SET', 'shutdown-timeout', '0')!)).toBe('OK');
    t.cmd('A', 'SET', 'b', 'v');
    t.run(3000);
    expect(t.P('A').disk.rdb).toBeNull();
    t.w.cutReplication(t.P('A1'));
    t.cmd('A', 'SET', 'b', 'unreplicated');
    t.srv('A').command(['SHUTDOWN']);
    expect(t.w.isUp(t.P('A'))).toBe(true); // exits once the current handler returns
    t.run(1);
    expect(t.w.isUp(t.P('A'))).toBe(false);
  });
});

describe('SHUTDOWN and restarts: what is on disk comes back', () => {
  const shutdownLogs = (save: string, ...args: string[]): { logs: string[]; keys: number } => {
    const t = formedCluster({ config: { save } });
    t.cmd('A', 'SET', 'b', 'v');
    t.run(1000);
    const at = t.w.now;
    t.srv('A').command(['SHUTDOWN', ...args]);
    t.run(100);
    const logs = t.logs('A', at);
    t.w.start(t.P('A'));
    return { logs, keys: t.srv('A').keyspace.size };
  };
  const modelled = (lines: string[]): string[] => lines.filter((l) => !l.includes('Waiting for replicas') && !l.includes('replicas are in sync'));
  it('with save points, SHUTDOWN saves and the restart has the data', () => {
    const r = shutdownLogs('3600 1 300 100 60 10000');
    expect(modelled(r.logs)).toEqual(REAL.shutdown.defaultSavePoints);
    expect(r.keys).toBe(1);
  });
  it('SHUTDOWN NOSAVE does not save', () => {
    const r = shutdownLogs('3600 1 300 100 60 10000', 'NOSAVE');
    expect(modelled(r.logs)).toEqual(REAL.shutdown.nosave);
    expect(r.keys).toBe(0);
  });
  it("with save '' SHUTDOWN does not save, SHUTDOWN SAVE does", () => {
    const none = shutdownLogs('');
    expect(modelled(none.logs)).toEqual(REAL.shutdown.noSavePoints);
    expect(none.keys).toBe(0);
    const saved = shutdownLogs('', 'SAVE');
    expect(modelled(saved.logs)).toEqual(REAL.shutdown.saveFlag);
    expect(saved.keys).toBe(1);
  });
  it("a master with a replica waits for it before exiting, with 7.0.15's log lines", () => {
    const t = formedCluster({ config: { save: '' } });
    t.cmd('A', 'SET', 'b', 'last');
    const at = t.w.now;
    t.srv('A').command(['SHUTDOWN']);
    t.run(500);
    expect(t.logs('A', at)).toEqual(REAL.replicaRestart.masterShutdown);
    expect(t.srv('A1').keyspace.peek('b')?.value).toBe('last');
  });
  it('kill -9 loses what came after the last save', () => {
    const t = formedCluster();
    t.cmd('A', 'SET', 'b', 'saved');
    t.cmd('A', 'SAVE');
    t.cmd('A', 'SET', '{b}x', 'lost');
    t.w.kill(t.P('A'));
    t.w.start(t.P('A'));
    expect(t.srv('A').keyspace.peek('b')?.value).toBe('saved');
    expect(t.srv('A').keyspace.peek('{b}x')).toBeUndefined();
    expect(t.logs('A').filter((l) => l.startsWith('Done loading RDB'))).toEqual(['Done loading RDB, keys loaded: 1, keys expired: 0.']);
  });
});

describe('a replica killed and restarted continues with PSYNC from the RDB of its full sync', () => {
  const t = formedCluster({ config: { save: '' } });
  // A full sync writes the replica's dump.rdb.
  t.srv('A1').command(['CLUSTER', 'REPLICATE', t.srv('B').cs.myself.name]);
  t.run(8000);
  t.srv('A1').command(['CLUSTER', 'REPLICATE', t.srv('A').cs.myself.name]);
  t.run(8000);
  const synced = t.P('A1').disk.rdb;
  for (let i = 0; i < 50; i++) t.cmd('A', 'SET', `{b}k${i}`, String(i));
  t.run(100);
  t.w.kill(t.P('A1'));
  for (let i = 50; i < 100; i++) t.cmd('A', 'SET', `{b}k${i}`, String(i));
  t.run(1000);
  const at = t.w.now;
  t.w.start(t.P('A1'));
  t.run(2000);
  const logs = t.logs('A1', at);

  it('the file has the replication ID and offset of the sync', () => {
    expect(synced?.repl?.replid).toBe(t.srv('A').repl.history.replid);
  });
  it('the log follows real 7.0.15 through a partial resynchronization', () => {
    const real: string[] = REAL.replicaRestart.replicaLog;
    const norm = (l: string): string => l.replace(/[0-9a-f]{40}:\d+/, 'ID:OFF').replace(/\d+\.\d+\.\d+\.\d+:\d+/, 'HOST').replace(/\d+ seconds/, 'N seconds').replace(/[\d.]+ Mb/, 'N Mb').replace(/keys loaded: \d+/, 'keys loaded: N');
    const simLines = logs.map(norm);
    const expected = real.map(norm).filter((l) => simLines.includes(l));
    // Every line the simulator models appears, in real order; the start-up banner and the cluster lines it does not log are skipped.
    expect(simLines.filter((l) => expected.includes(l))).toEqual(expected);
    for (const l of ['Loading RDB produced by version 7.0.15', 'Discarding previously cached master state.', 'Successful partial resynchronization with master.', 'MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.'])
      expect(expected).toContain(l);
  });
  it('the link is up within the time real Redis takes (121 ms with process start-up), with all the data', () => {
    const up = rows(t.w).find((e) => e.t >= at && e.node === 'A1' && e.event === 'repl-link' && e.detail.startsWith('state=up'));
    expect(up!.t - at).toBeLessThanOrEqual(REAL.replicaRestart.restartToLinkUpMs);
    expect(t.srv('A1').keyspace.size).toBe(Number(REAL.replicaRestart.keysAfterRestart));
  });
});
