// Rule: the default layout is redis-cli's even split (float arithmetic and
// lround as in clusterManagerCommandCreate); explicit layouts leave unlisted
// masters empty; redis.conf values parse as Redis parses them.

import { describe, expect, it } from 'vitest';
import { findConfigParam, parseConfigValue } from '../../sim/scenario/config-values.ts';
import { evenSlotSplit } from '../../sim/scenario/slots.ts';
import { onlyError, scenarioOf } from './helpers.ts';

describe('slot layout', () => {
  it('matches redis-cli for 3 masters', () => {
    expect(evenSlotSplit(3)).toEqual([[{ start: 0, end: 5460 }], [{ start: 5461, end: 10922 }], [{ start: 10923, end: 16383 }]]);
  });

  it('covers every slot exactly once, contiguously, for any master count', () => {
    for (const n of [1, 2, 5, 7, 10, 100]) {
      const ranges = evenSlotSplit(n).map((r) => r[0]!);
      expect(ranges[0]!.start).toBe(0);
      expect(ranges.at(-1)!.end).toBe(16383);
      for (let i = 1; i < n; i++) expect(ranges[i]!.start).toBe(ranges[i - 1]!.end + 1);
    }
  });

  it('explicit slots: unlisted masters start empty', () => {
    const s = scenarioOf('cluster:\n  slots: { A: 0-16383 }\n');
    expect(s.nodes.filter((n) => n.startRole === 'master').map((n) => n.slots)).toEqual([[{ start: 0, end: 16383 }], [], []]);
  });

  it('manual bootstrap starts without slots and refuses a layout', () => {
    expect(scenarioOf('cluster:\n  bootstrap: manual\n').cluster.slotsPerMaster).toEqual([[], [], []]);
    expect(onlyError('cluster:\n  bootstrap: manual\n  slots: { A: 0-100 }\n')).toMatchObject({ code: 'conflicting-keys', line: 3, col: 3 });
  });
});

describe('redis.conf values', () => {
  const parse = (name: string, v: unknown) => parseConfigValue(findConfigParam(name)!, v);

  it('memory sizes use Redis units (k = 1000, kb = 1024)', () => {
    expect(parse('repl-backlog-size', '1mb')).toEqual({ ok: true, value: 1048576 });
    expect(parse('repl-backlog-size', '1m')).toEqual({ ok: true, value: 1000000 });
    expect(parse('cluster-link-sendbuf-limit', 0)).toEqual({ ok: true, value: 0 });
    expect(parse('repl-backlog-size', '1 lightyear').ok).toBe(false);
  });

  it('booleans accept yes/no and YAML true/false; slave aliases find the replica names', () => {
    expect(parse('cluster-slave-no-failover', 'yes')).toEqual({ ok: true, value: true });
    expect(parse('cluster-replica-no-failover', false)).toEqual({ ok: true, value: false });
    expect(findConfigParam('CLUSTER-SLAVE-VALIDITY-FACTOR')!.field).toBe('clusterReplicaValidityFactor');
  });

  it('setting one parameter under both its names is a conflict', () => {
    const e = onlyError('cluster:\n  config:\n    cluster-slave-no-failover: "yes"\n    cluster-replica-no-failover: "no"\n');
    expect([e.code, e.line, e.col]).toEqual(['conflicting-keys', 4, 5]);
  });

  it('enums and hostnames are checked', () => {
    expect(parse('cluster-preferred-endpoint-type', 'ip')).toEqual({ ok: true, value: 'ip' });
    expect(parse('cluster-preferred-endpoint-type', 'dns').ok).toBe(false);
    expect(parse('cluster-announce-hostname', 'bad host').ok).toBe(false);
    expect(parse('loglevel', 'verbose')).toEqual({ ok: true, value: 'verbose' });
    expect(parse('cluster-announce-ip', '10.0.0.7')).toEqual({ ok: true, value: '10.0.0.7' });
    expect(parse('cluster-announce-ip', 'somewhere').ok).toBe(false);
  });

  it('save reads as a redis.conf line: pairs of seconds and changes, "" for none', () => {
    expect(parse('save', '')).toEqual({ ok: true, value: '' });
    expect(parse('save', '900 1  300 10')).toEqual({ ok: true, value: '900 1 300 10' });
    expect(parse('save', '60').ok).toBe(false);
    expect(parse('save', '0 1').ok).toBe(false);
  });

  it('enable-debug-command takes no/yes/local, and an unquoted YAML yes means yes', () => {
    expect(parse('enable-debug-command', true)).toEqual({ ok: true, value: 'yes' });
    expect(parse('enable-debug-command', 'local')).toEqual({ ok: true, value: 'local' });
    expect(parse('enable-debug-command', 'always').ok).toBe(false);
    expect(scenarioOf('cluster:\n  config:\n    enable-debug-command: yes\n    save: ""\n').cluster.config).toMatchObject({ enableDebugCommand: 'yes', save: '' });
  });
});
