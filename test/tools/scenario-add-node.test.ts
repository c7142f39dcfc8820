// scenarios/add-node-rebalance.yaml: D joins empty through add-node and
// gets its 4096 slots from rebalance --cluster-use-empty-masters; and the
// same cluster without --cluster-use-empty-masters leaves D empty, as
// redis-cli's rebalance gives an empty master no weight.

import { describe, expect, it } from 'vitest';
import { redisCliTranscript } from '../../sim/tools/redis-cli/hook.ts';
import { failures, mutate, runFile, runText, scenarioText } from '../scenarios/helpers.ts';

describe('add-node-rebalance.yaml (seed 1)', () => {
  const r = runFile('add-node-rebalance.yaml', 1);
  const cli = redisCliTranscript(r.world);

  it('exits 0: D holds a quarter of the slots, nothing open, nothing lost', () => {
    expect(failures(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.world.process('D').server!.cs.myself.numslots).toBe(4096);
  });

  it('add-node printed what redis-cli 7.0.15 prints when adding a master', () => {
    const addNode = cli.slice(0, cli.indexOf('# exit'));
    const lines = addNode.split('\n').filter((l) => l.startsWith('>>> ') || l.startsWith('[OK] New'));
    expect(lines.slice(-6)).toEqual([
      '>>> Check slots coverage...',
      '>>> Getting functions from cluster',
      '>>> Send FUNCTION LIST to 127.0.0.1:7006 to verify there is no functions in it',
      '>>> Send FUNCTION RESTORE to 127.0.0.1:7006',
      '>>> Send CLUSTER MEET to node 127.0.0.1:7006 to make it join the cluster.',
      '[OK] New node added correctly.',
    ]);
  });

  it('rebalance moved what its balance arithmetic says: 1366 from B, 1365 from C, 1365 from A', () => {
    expect(cli).toContain('>>> Rebalancing across 4 nodes. Total weight = 4.00\n');
    const moves = [...cli.matchAll(/^Moving (\d+) slots from (\S+) to (\S+)\n(#*)$/gm)].map((m) => [m[1], m[2], m[3], m[4]!.length]);
    expect(moves).toEqual([
      ['1366', '127.0.0.1:7001', '127.0.0.1:7006', 1366],
      ['1365', '127.0.0.1:7002', '127.0.0.1:7006', 1365],
      ['1365', '127.0.0.1:7000', '127.0.0.1:7006', 1365],
    ]);
  });
}, 900_000);

describe('without --cluster-use-empty-masters', () => {
  it('rebalance finds nothing to do (D has no weight): D stays empty, the expectations on D fail', () => {
    const text = mutate(scenarioText('add-node-rebalance.yaml'), 'rebalance @A --cluster-use-empty-masters"', 'rebalance @A"');
    const r = runText('add-node-rebalance.yaml', text, 1);
    expect(redisCliTranscript(r.world)).toContain('*** No rebalancing needed! All nodes are within the 2.00% threshold.\n');
    expect(r.world.process('D').server!.cs.myself.numslots).toBe(0);
    expect(r.exitCode).toBe(1);
  });
});
