// Rule: every construct of the v1 language (all actions, all conditions,
// selectors, config names, latency forms) is accepted and typed as documented.
// The fixture uses each at least once.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/load.ts';
import type { Action, Condition, TimelineEntry } from '../../sim/scenario/types.ts';
import { ACTION_KEYS, CONDITION_KEYS } from '../../sim/scenario/vocabulary.ts';

const FILE = 'test/fixtures/scenarios/full-language.yaml';
const r = loadScenario(FILE, readFileSync(FILE, 'utf8'));
if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 1));
const s = r.scenario;
const actions = (entries: readonly TimelineEntry[]): Action[] =>
  entries.flatMap((e) => (e.action.type === 'repeat' ? [e.action, ...actions(e.action.body)] : [e.action]));
const all = actions(s.timeline);
const conditions: Condition[] = [
  ...s.expect.flatMap((e) => e.conditions),
  ...all.flatMap((a) => (a.type === 'wait' ? a.until : a.type === 'check' ? a.condition : [])),
];

describe('the whole language', () => {
  it('uses every action key and every condition key', () => {
    const text = readFileSync(FILE, 'utf8');
    for (const k of ACTION_KEYS) expect(text, k).toMatch(new RegExp(`^\\s+(- )?${k}:`, 'm'));
    for (const k of CONDITION_KEYS) expect(text, k).toMatch(new RegExp(`[\\s{]${k}:`, 'm'));
  });

  it('reads every config parameter in redis.conf units', () => {
    expect(s.cluster.config).toEqual({
      clusterNodeTimeout: 3000,
      clusterReplicaValidityFactor: 0,
      clusterMigrationBarrier: 2,
      clusterAllowReplicaMigration: false,
      clusterRequireFullCoverage: false,
      clusterReplicaNoFailover: false,
      clusterAllowReadsWhenDown: true,
      clusterAllowPubsubshardWhenDown: true,
      clusterLinkSendbufLimit: 64 * 1024 * 1024,
      clusterAnnounceHostname: 'node.example',
      clusterAnnounceIp: '',
      clusterPreferredEndpointType: 'hostname',
      replPingReplicaPeriod: 5,
      replTimeout: 30,
      replBacklogSize: 2 * 1024 * 1024,
      replDisklessSyncDelay: 5,
      replDisklessLoad: 'swapdb',
      appendonly: true,
      save: '900 1 300 10',
      shutdownTimeout: 3,
      enableDebugCommand: 'local',
      hz: 20,
      loglevel: 'warning',
      requirepass: 's3cret',
      masterauth: 's3cret',
    });
    expect(s.nodes.find((n) => n.name === 'D')!.config.appendonly).toBe(false);
    expect(s.cluster.slotsPerMaster).toEqual([[{ start: 0, end: 8191 }], [{ start: 8192, end: 12000 }, { start: 12001, end: 12001 }], [{ start: 12002, end: 16383 }]]);
  });

  it('types the network and workloads', () => {
    expect(s.network).toEqual({ latency: { distribution: 'normal', meanMs: 1, stddevMs: 0.3, floorMs: 0.1 }, lossProbability: 0.01 });
    const [w, late] = s.workloads;
    expect(w).toMatchObject({ ratePerSec: 200, inFlight: 2, followRedirects: false, fromMs: 1000, toMs: 240_000, timeoutMs: 250 });
    expect(w!.mix.map((m) => m.op)).toEqual(['set', 'get', 'rpush', 'incr']);
    // `late` has no from: and a timeline `workload: { start: late }`, so it waits for it.
    expect(late).toMatchObject({ fromMs: null, toMs: 300_000, ratePerSec: 10 });
  });

  it('resolves selectors as data for the runner', () => {
    expect(all.find((a) => a.type === 'isolate')).toEqual({ type: 'isolate', node: { kind: 'owner-of-slot', slot: 0 } });
    expect(all.find((a) => a.type === 'pause')).toMatchObject({ node: { kind: 'replica-of', master: { kind: 'name', name: 'A' }, pick: 'random' }, forMs: 20_000 });
    expect(all.find((a) => a.type === 'replication' && a.op === 'restore')).toMatchObject({ node: { kind: 'replica-of', pick: 'first' } });
  });

  it('types partitions, drops and links', () => {
    const oneway = all.find((a) => a.type === 'partition-between');
    expect(oneway).toMatchObject({ oneway: true, to: { members: [{ node: { name: 'B' } }, { node: { name: 'C' } }] } });
    const groups = all.find((a) => a.type === 'partition');
    expect(groups).toMatchObject({ groups: [{ members: [{ kind: 'node' }, { kind: 'workload', name: 'writers' }], rest: false }, { rest: true }] });
    const drops = all.filter((a) => a.type === 'drop');
    expect(drops.map((d) => (d.type === 'drop' ? d.messageTypes : []))).toEqual([['PING'], ['PONG', 'FAILOVER_AUTH_REQUEST']]);
    expect(all.find((a) => a.type === 'link')).toMatchObject({ change: { latency: { distribution: 'constant', valueMs: 50 }, lossProbability: 0.05, reset: false } });
    expect(all.find((a) => a.type === 'network')).toMatchObject({ change: { latency: { distribution: 'uniform', minMs: 0.5, maxMs: 2 } } });
  });

  it('keeps commands verbatim with their arguments split', () => {
    const cli = all.find((a) => a.type === 'redis-cli');
    expect(cli).toMatchObject({ args: ['--cluster', 'reshard', 'A', '--cluster-from', '@B', '--cluster-to', '@D', '--cluster-slots', '1000', '--cluster-yes'] });
    expect(all.filter((a) => a.type === 'redis').map((a) => (a.type === 'redis' ? [a.command, a.reply ?? null, a.asking] : []))).toEqual([
      ['CLUSTER FAILOVER TAKEOVER', { kind: 'equals', text: 'OK' }, false],
      ['CLUSTER MEET @A', { kind: 'matches', pattern: '^OK$' }, true],
      ['CLUSTER FORGET @A1.previous', null, false],
    ]);
  });

  it('types repeat with its body', () => {
    const rep = s.timeline.at(-1)!;
    expect(rep.timing).toEqual({ kind: 'at', ms: 180_000 });
    expect(rep.action.type === 'repeat' && rep.action.times).toBe(3);
    expect(rep.action.type === 'repeat' && rep.action.body.map((e) => e.action.type)).toEqual(['kill', 'restart']);
  });

  it('produces every condition kind', () => {
    const kinds = new Set(conditions.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(
      [
        'cluster-state', 'converged', 'epoch', 'event', 'flag', 'history', 'in-sync', 'keys-in-slot', 'keys-readable',
        'known-nodes', 'lost-writes', 'open-slots', 'owner', 'replica-of', 'replicas', 'replicas-consistent', 'role',
      ].sort(),
    );
  });

  it('applies entry-level seen-by and on, normalises flag and role spellings', () => {
    expect(conditions.filter((c) => c.kind === 'role').map((c) => (c.kind === 'role' ? [c.roles, c.seenBy] : []))).toEqual([
      [[{ node: 'A1', role: 'master' }, { node: 'A', role: 'replica' }], 'B'],
      [[{ node: 'A1', role: 'master' }, { node: 'A', role: 'replica' }], 'B'],
    ]);
    expect(conditions.find((c) => c.kind === 'flag')).toMatchObject({ flag: 'pfail', node: 'A', seenBy: 'B' });
    expect(conditions.filter((c) => c.kind === 'cluster-state').map((c) => (c.kind === 'cluster-state' ? [c.state, c.on ?? null] : []))).toEqual([
      // expectations first (file order), then the wait's until:
      ['ok', ['B', 'C']],
      ['fail', ['A']],
      ['ok', null],
    ]);
  });

  it('reads comparisons and event details', () => {
    expect(conditions.find((c) => c.kind === 'epoch')).toMatchObject({ node: 'A1', config: { op: '==', value: 7 }, current: { op: '>=', value: 7 } });
    const long = conditions.find((c) => c.kind === 'event' && c.name === 'election-scheduled');
    expect(long).toMatchObject({
      node: 'A2',
      subject: 'A',
      count: { op: '>=', value: 1 },
      detail: [
        { key: 'rank', match: { kind: 'equals', text: '1' } },
        { key: 'delay', match: { kind: 'compare', cmp: { op: '<', value: 1000 } } },
      ],
    });
    expect(conditions.find((c) => c.kind === 'event' && c.name === 'fail')).toMatchObject({ count: { op: '==', value: 0 } });
    expect(conditions.find((c) => c.kind === 'event' && c.name === 'vote-denied')).toMatchObject({ involving: 'B', count: { op: '<', value: 3 } });
  });

  it('disables invariants both ways', () => {
    expect(s.invariants.disabled).toEqual(['fail-needs-quorum', 'converges-after-heal']);
    expect(s.invariants.enabled).not.toContain('converges-after-heal');
  });
});
