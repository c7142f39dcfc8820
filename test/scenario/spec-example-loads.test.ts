// Rule: the example of scenario-format.md §2, saved verbatim as a fixture,
// loads into exactly this typed structure (durations in ms, names canonical,
// defaults filled, positions kept).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/load.ts';
import { DEFAULT_NODE_CONFIG } from '../../sim/scenario/config-values.ts';
import { INVARIANT_NAMES } from '../../sim/scenario/vocabulary.ts';

const FILE = 'test/fixtures/scenarios/split-brain.yaml';

function load() {
  const r = loadScenario(FILE, readFileSync(FILE, 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

const at = (line: number, col: number) => ({ file: FILE, line, col });

describe('the spec example (split-brain)', () => {
  it('has its header fields', () => {
    const s = load();
    expect(s.name).toBe('split-brain');
    expect(s.description).toBe(
      'Master A is cut off from the majority. The majority marks it FAIL and promotes A1; writes acknowledged by A during the partition are lost when A rejoins as a replica.',
    );
    expect(s.seed).toBe(1);
    expect(s.durationMs).toBe(90_000);
  });

  it('has the cluster of 3 masters with 1 replica each, slots split like redis-cli', () => {
    const s = load();
    expect(s.cluster).toEqual({
      masters: 3,
      replicasPerMaster: [1, 1, 1],
      spares: 0,
      slotsPerMaster: [[{ start: 0, end: 5460 }], [{ start: 5461, end: 10922 }], [{ start: 10923, end: 16383 }]],
      config: { ...DEFAULT_NODE_CONFIG, clusterNodeTimeout: 5000 },
      overrides: [{ node: 'A1', config: { clusterReplicaNoFailover: false } }],
      add: [],
      bootstrap: 'formed',
    });
    expect(s.nodes.map((n) => `${n.name}@${n.port}/${n.cport}:${n.startRole}`)).toEqual([
      'A@7000/17000:master',
      'B@7001/17001:master',
      'C@7002/17002:master',
      'A1@7003/17003:replica',
      'B1@7004/17004:replica',
      'C1@7005/17005:replica',
    ]);
    expect(s.nodes[3]!.slots).toEqual([]);
    expect(s.nodes[0]!.config.clusterNodeTimeout).toBe(5000);
  });

  it('has the network and the workload', () => {
    const s = load();
    expect(s.network).toEqual({ latency: { distribution: 'uniform', minMs: 0.2, maxMs: 1 }, lossProbability: 0 });
    expect(s.workloads).toEqual([
      {
        name: 'writers',
        clients: 2,
        ratePerSec: 200,
        keys: { count: 1000, pattern: 'key:%d' },
        mix: [
          { op: 'set', weight: 0.8 },
          { op: 'get', weight: 0.2 },
        ],
        timeoutMs: 500,
        inFlight: 1,
        followRedirects: true,
        fromMs: 0,
        toMs: 80_000,
        pos: at(20, 5),
      },
    ]);
  });

  it('has the timeline', () => {
    const s = load();
    expect(s.timeline).toEqual([
      {
        timing: { kind: 'at', ms: 10_000 },
        action: {
          type: 'partition',
          groups: [
            { members: [{ kind: 'node', node: { kind: 'name', name: 'A' } }], rest: false },
            { members: [], rest: true },
          ],
        },
        pos: at(31, 5),
      },
      { timing: { kind: 'at', ms: 40_000 }, action: { type: 'heal' }, pos: at(33, 5) },
    ]);
  });

  it('has the expectations and every invariant enabled', () => {
    const s = load();
    expect(s.expect).toEqual([
      {
        timing: { kind: 'by', ms: 20_000 },
        conditions: [{ kind: 'event', name: 'election-won', involving: 'A1', detail: [], count: { op: '>=', value: 1 }, pos: at(37, 5) }],
        pos: at(36, 5),
      },
      {
        timing: { kind: 'at', ms: 30_000 },
        conditions: [{ kind: 'role', roles: [{ node: 'A1', role: 'master' }], pos: at(39, 5) }],
        pos: at(38, 5),
      },
      {
        timing: { kind: 'end' },
        conditions: [
          { kind: 'cluster-state', state: 'ok', pos: at(41, 5) },
          { kind: 'converged', value: true, pos: at(42, 5) },
        ],
        pos: at(40, 5),
      },
      { timing: { kind: 'end' }, conditions: [{ kind: 'lost-writes', max: 2000, pos: at(44, 5) }], pos: at(43, 5) },
    ]);
    expect(s.invariants).toEqual({ enabled: [...INVARIANT_NAMES], disabled: [] });
  });
});
