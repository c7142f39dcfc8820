// INFO replication lists the fields real 7.0.15 lists, in the same order,
// for a master with a replica and for a replica (fixtures recorded from a
// real cluster: test/fixtures/real-redis-formats/steady/replication-*.txt),
// and the values that can be checked without a clock agree with the
// simulated state.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replyToText } from '../../sim/core/reply.ts';
import { formedCluster } from './cluster-world.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/real-redis-formats/steady/${name}`, import.meta.url), 'utf8');
const fieldNames = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.slice(0, l.indexOf(':')));
const fields = (text: string): Map<string, string> =>
  new Map(text.split('\r\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1)]));

describe('INFO replication', () => {
  const t = formedCluster();
  t.cmd('A', 'SET', 'b', '1');
  t.run(1500);
  const master = replyToText(t.cmd('A', 'INFO', 'replication')!);
  const replica = replyToText(t.cmd('A1', 'INFO', 'replication')!);

  it('a master shows the fields of a real master, in order', () => {
    expect(fieldNames(master)).toEqual(fieldNames(fixture('replication-31001.txt')));
    expect(master.startsWith('# Replication\r\n')).toBe(true);
    expect(master.endsWith('\r\n')).toBe(true);
  });
  it('a replica shows the fields of a real replica, in order', () => {
    expect(fieldNames(replica)).toEqual(fieldNames(fixture('replication-31004.txt')));
  });
  it('values agree with the state', () => {
    const m = fields(master);
    const r = fields(replica);
    expect(m.get('role')).toBe('master');
    expect(m.get('slave0')).toBe(`ip=127.0.0.1,port=7003,state=online,offset=${m.get('master_repl_offset')},lag=${m.get('slave0')!.split('lag=')[1]}`);
    expect(r.get('role')).toBe('slave');
    expect(r.get('master_port')).toBe('7000');
    expect(r.get('master_link_status')).toBe('up');
    expect(r.get('slave_repl_offset')).toBe(m.get('master_repl_offset'));
    expect(r.get('master_replid')).toBe(m.get('master_replid'));
    expect(m.get('repl_backlog_first_byte_offset')).toBe('1');
    expect(m.get('repl_backlog_histlen')).toBe(m.get('master_repl_offset'));
    expect(m.get('repl_backlog_size')).toBe('1048576');
    expect(m.get('master_replid2')).toBe('0000000000000000000000000000000000000000');
    expect(m.get('second_repl_offset')).toBe('-1');
  });
  it('a replica whose link is down shows master_link_down_since_seconds', () => {
    t.w.kill(t.P('A'));
    t.run(3000);
    const down = fields(replyToText(t.cmd('A1', 'INFO', 'replication')!));
    expect(down.get('master_link_status')).toBe('down');
    expect(down.get('master_last_io_seconds_ago')).toBe('-1');
    expect(Number(down.get('master_link_down_since_seconds'))).toBeGreaterThanOrEqual(2);
  });
  it('INFO with no argument has the modelled sections in Redis order; an unknown section is empty', () => {
    const all = replyToText(t.cmd('B', 'INFO')!);
    const titles = all.split('\r\n').filter((l) => l.startsWith('# '));
    expect(titles).toEqual(['# Server', '# Clients', '# Persistence', '# Replication', '# Cluster', '# Keyspace']);
    expect(replyToText(t.cmd('B', 'INFO', 'nosuchsection')!)).toBe('');
    expect(replyToText(t.cmd('B', 'INFO', 'cluster')!)).toBe('# Cluster\r\ncluster_enabled:1\r\n');
  });
});
