// Rule (scenario-format.md §2): masters A, B, …, Z, AA, …; replica k of X is
// Xk; spares S1…; then cluster.add nodes. Index order: masters, replicas round
// by round (A1, B1, …, A2, …), spares, added; port 7000+index, bus +10000.

import { describe, expect, it } from 'vitest';
import { masterName, nodeIdentities } from '../../sim/scenario/names.ts';
import { scenarioOf } from './helpers.ts';

describe('node names and ports', () => {
  it('3 masters × 2 replicas: A,B,C,A1,B1,C1,A2,B2,C2 on ports 7000..7008', () => {
    const s = scenarioOf('cluster:\n  masters: 3\n  replicas: 2\n');
    expect(s.nodes.map((n) => n.name)).toEqual(['A', 'B', 'C', 'A1', 'B1', 'C1', 'A2', 'B2', 'C2']);
    expect(s.nodes.map((n) => n.port)).toEqual([7000, 7001, 7002, 7003, 7004, 7005, 7006, 7007, 7008]);
    expect(s.nodes.map((n) => n.cport)).toEqual([17000, 17001, 17002, 17003, 17004, 17005, 17006, 17007, 17008]);
    expect(s.nodes.every((n) => n.ip === '127.0.0.1')).toBe(true);
    expect(s.nodes.map((n) => n.masterName ?? '-')).toEqual(['-', '-', '-', 'A', 'B', 'C', 'A', 'B', 'C']);
  });

  it('per-master replicas, spares and added nodes come in that order', () => {
    const s = scenarioOf('cluster:\n  replicas: { A: 2, B: 0, C: 1 }\n  spares: 2\n  add: [D, { name: E }]\n');
    expect(s.nodes.map((n) => [n.name, n.index, n.startRole, n.runningAtStart])).toEqual([
      ['A', 0, 'master', true],
      ['B', 1, 'master', true],
      ['C', 2, 'master', true],
      ['A1', 3, 'replica', true],
      ['C1', 4, 'replica', true],
      ['A2', 5, 'replica', true],
      ['S1', 6, 'spare', true],
      ['S2', 7, 'spare', true],
      ['D', 8, 'added', false],
      ['E', 9, 'added', false],
    ]);
  });

  it('defaults: 3 masters with 1 replica each', () => {
    expect(scenarioOf('name: x\n').nodes.map((n) => n.name)).toEqual(['A', 'B', 'C', 'A1', 'B1', 'C1']);
  });

  it('master names continue AA, AB after Z, like spreadsheet columns', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(masterName)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
    const ids = nodeIdentities({ masters: 28, replicasPerMaster: [], spares: 0, added: [] });
    expect(ids.slice(25).map((i) => `${i.name}:${i.port}`)).toEqual(['Z:7025', 'AA:7026', 'AB:7027']);
  });

  it('per-node overrides apply over cluster.config, only to that node', () => {
    const s = scenarioOf(
      'cluster:\n  config: { cluster-node-timeout: 5000 }\n  nodes:\n    A1: { cluster-slave-no-failover: "yes", cluster-node-timeout: 7000 }\n',
    );
    const a1 = s.nodes.find((n) => n.name === 'A1')!;
    const b1 = s.nodes.find((n) => n.name === 'B1')!;
    expect([a1.config.clusterReplicaNoFailover, a1.config.clusterNodeTimeout]).toEqual([true, 7000]);
    expect([b1.config.clusterReplicaNoFailover, b1.config.clusterNodeTimeout]).toEqual([false, 5000]);
  });

  it('a name generated twice is an error (master S\'s replica S1 vs spare S1)', () => {
    const text = 'cluster:\n  masters: 19\n  replicas: 1\n  spares: 1\n';
    expect(() => scenarioOf(text)).toThrow(/two nodes would be called "S1"/);
  });

  it('an added node may not reuse a generated name', () => {
    expect(() => scenarioOf('cluster:\n  add: [A1]\n')).toThrow(/test.yaml:2:9: cluster: two nodes would be called "A1"/);
  });
});
