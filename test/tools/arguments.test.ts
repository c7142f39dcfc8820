// redis-cli's command line as parseOptions() reads it, and scenario node
// names written bare (`--cluster reshard A --cluster-from B`, as in the
// scenario format's own example).

import { describe, expect, it } from 'vitest';
import { resolveBareNames } from '../../sim/tools/redis-cli/names.ts';
import { parseClusterArgs } from '../../sim/tools/redis-cli/options.ts';
import { validateClusterManagerCommand } from '../../sim/tools/redis-cli/commands.ts';
import { bareCluster, CliHarness, fixture } from './harness.ts';

describe('parseClusterArgs', () => {
  it('takes the words after the subcommand up to the first option, then the options', () => {
    const p = parseClusterArgs(['--cluster', 'reshard', '127.0.0.1:7000', '--cluster-from', 'a,b', '--cluster-to', 'c', '--cluster-slots', '10', '--cluster-yes', '--cluster-pipeline', '5']);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.cmd).toMatchObject({ name: 'reshard', argv: ['127.0.0.1:7000'], from: 'a,b', to: 'c', slots: 10, yes: true, pipeline: 5, timeout: 60000 });
  });

  it('defaults are redis-cli\'s: pipeline 10, timeout 60000, threshold 2', () => {
    const p = parseClusterArgs(['--cluster', 'rebalance', '127.0.0.1:7000']);
    expect(p.ok && [p.cmd.pipeline, p.cmd.timeout, p.cmd.threshold]).toEqual([10, 60000, 2]);
  });

  it('--cluster-weight takes every following name=weight word', () => {
    const p = parseClusterArgs(['--cluster', 'rebalance', 'h:1', '--cluster-weight', 'ab=2', 'cd=0.5', '--cluster-yes']);
    expect(p.ok && p.cmd.weights).toEqual(['ab=2', 'cd=0.5']);
    expect(p.ok && p.cmd.yes).toBe(true);
  });

  it('arity and unknown subcommands are refused with redis-cli\'s texts', () => {
    expect(validateClusterManagerCommand('del-node', 1)).toEqual({ stderr: fixture('wrong-arity') });
    expect(validateClusterManagerCommand('frobnicate', 1)).toEqual({ stderr: fixture('unknown-subcommand') });
    expect('proc' in validateClusterManagerCommand('create', 3)).toBe(true);
    expect('proc' in validateClusterManagerCommand('create', 1)).toBe(false);
  });

  it('an unknown option is refused as redis-cli refuses it', () => {
    expect(parseClusterArgs(['--cluster', 'check', 'h:1', '--cluster-frob'])).toEqual({
      ok: false,
      stderr: "Unrecognized option or bad number of args for: '--cluster-frob'\n",
    });
  });
});

describe('bare scenario names', () => {
  const book = (n: string) => (n === 'A' ? { id: 'a'.repeat(40), ip: '127.0.0.1', port: 7000 } : n === 'D' ? { id: 'd'.repeat(40), ip: '127.0.0.1', port: 7006 } : undefined);

  it('node arguments become addresses, ID options become IDs, other values stay', () => {
    expect(resolveBareNames(['--cluster', 'reshard', 'A', '--cluster-from', 'A,all', '--cluster-to', 'D', '--cluster-slots', '7'], book)).toEqual([
      '--cluster',
      'reshard',
      '127.0.0.1:7000',
      '--cluster-from',
      `${'a'.repeat(40)},all`,
      '--cluster-to',
      'd'.repeat(40),
      '--cluster-slots',
      '7',
    ]);
    expect(resolveBareNames(['--cluster', 'del-node', 'A', 'D'], book)).toEqual(['--cluster', 'del-node', '127.0.0.1:7000', 'd'.repeat(40)]);
  });

  it('the format\'s example runs: reshard A --cluster-from A --cluster-to D', () => {
    const h = new CliHarness(bareCluster(3, 0, ['D']));
    h.cli('--cluster create A B C --cluster-yes');
    h.start('D');
    h.cli('--cluster add-node D A');
    h.settle();
    const r = h.cli('--cluster reshard A --cluster-from A --cluster-to D --cluster-slots 3 --cluster-yes');
    expect(r.exitCode).toBe(0);
    expect([0, 1, 2].map((s) => h.p('B').server!.cs.slots.owner(s)!.name)).toEqual([h.id('D'), h.id('D'), h.id('D')]);
  });
});
