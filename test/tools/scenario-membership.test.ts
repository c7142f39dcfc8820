// The membership scenarios built on redis-cli: cluster-create (bare nodes
// joined by --cluster create), remove-node (del-node a replica, reshard a
// master empty, del-node it) and replace-dead-node (a promoted replica gets
// a new replica through add-node --cluster-slave).

import { row, rows } from '../helpers/events.ts';
import { describe, expect, it } from 'vitest';
import { redisCliTranscript } from '../../sim/tools/redis-cli/hook.ts';
import { failures, mutate, runFile, runText, scenarioText } from '../scenarios/helpers.ts';
import { fixture } from './harness.ts';

describe('cluster-create.yaml (seed 1)', () => {
  const r = runFile('cluster-create.yaml', 1);
  const cli = redisCliTranscript(r.world);

  it('exits 0 with the layout redis-cli creates', () => {
    expect(failures(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it('proposed exactly what the real redis-cli proposed for six nodes on 127.0.0.1', () => {
    const proposal = (t: string): string[] => t.split('\n').filter((l) => /^(Master\[|Adding replica|>>> Trying|\[WARNING\] Some)/.test(l));
    expect(proposal(cli)).toEqual(proposal(fixture('create-6x1')));
  });

  it('gave configEpochs 1..6 in argument order (SET-CONFIG-EPOCH before the MEETs)', () => {
    const names = ['A', 'B', 'C', 'A1', 'B1', 'C1'];
    expect(names.map((n) => r.world.process(n).server!.cs.myself.configEpoch)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('remove-node.yaml (seed 1)', () => {
  const r = runFile('remove-node.yaml', 1);
  const cli = redisCliTranscript(r.world);

  it('exits 0: D and D1 are out of every remaining table, C serves D\'s slots, nothing lost', () => {
    expect(failures(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it('D turned itself into C\'s replica when its last slot left, before del-node removed it', () => {
    const ev = rows(r.world).find((e) => e.node === 'D' && e.event === 'role' && e.detail.includes('role=replica master=C'));
    // Events show node IDs as names.
    const delD = rows(r.world).find((e) => e.event === 'fault' && e.detail.includes('del-node 127.0.0.1:7000 D"'));
    expect(ev).toBeDefined();
    expect(delD).toBeDefined();
    expect(ev!.t).toBeLessThan(delD!.t);
  });

  it('both del-nodes printed redis-cli 7.0.15\'s three steps', () => {
    expect(cli.match(/^>>> Sending CLUSTER FORGET messages to the cluster\.\.\.$/gm)).toHaveLength(2);
    expect(cli.match(/^>>> Sending CLUSTER RESET SOFT to the deleted node\.$/gm)).toHaveLength(2);
  });

  it('del-node of D while it still has slots is refused with the real text and fails the step', () => {
    const text = mutate(scenarioText('remove-node.yaml'), '  - after: 1s\n    redis-cli: "--cluster reshard', '  - after: 1s\n    redis-cli: "--cluster del-node @A @D"\n  - after: 1s\n    redis-cli: "--cluster reshard');
    const m = runText('remove-node.yaml', text, 1);
    expect(m.stepFailures.map((f) => f.why)).toContainEqual(
      expect.stringContaining(fixture('del-node-not-empty').split('\n')[1]!.replace('7009', '7003')),
    );
    expect(m.exitCode).toBe(1);
  });
});

describe('replace-dead-node.yaml (seed 1)', () => {
  const r = runFile('replace-dead-node.yaml', 1);
  const cli = redisCliTranscript(r.world);

  it('exits 0: D replicates the promoted A1 and is in sync', () => {
    expect(failures(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it('the tool could not reach dead A, left it out, and went on', () => {
    expect(cli).toContain('Could not connect to Redis at 127.0.0.1:7000: Connection refused\n');
    expect(cli).toContain('[OK] All 16384 slots covered.\n');
    expect(cli).toContain('>>> Configure node as replica of 127.0.0.1:7003.\n[OK] New node added correctly.\n');
    expect(cli).not.toMatch(/^[MS]: [0-9a-f]{40} 127\.0\.0\.1:7000$/m);
  });
});
