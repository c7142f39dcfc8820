// Rule: `sim check` reads a `redis-cli:` action's arguments as redis-cli
// 7.0 does (and as the simulated tool does at run time): options, their
// values, the number of node arguments per subcommand, and that every node
// named is a node of the scenario. What the tool would refuse, or could only
// answer by prompting on a terminal, is an error at load time.

import { describe, expect, it } from 'vitest';
import { parseClusterArgs } from '../../sim/tools/redis-cli/options.ts';
import { validateClusterManagerCommand } from '../../sim/tools/redis-cli/commands.ts';
import { REDIS_CLI_ARITY, REDIS_CLI_FLAGS, REDIS_CLI_VALUE_OPTIONS, checkRedisCliArgs } from '../../sim/scenario/redis-cli-args.ts';
import { REDIS_CLI_SUBCOMMANDS } from '../../sim/scenario/vocabulary.ts';
import { linesOf, scenarioOf } from './helpers.ts';

const nodes = { names: ['A', 'B', 'C', 'A1', 'B1', 'C1'] };
const check = (line: string): string[] => checkRedisCliArgs(line.split(' '), nodes);
const entry = (cmd: string): string => `timeline:\n  - at: 1s\n    redis-cli: "${cmd}"\n`;

describe('the same reading as the tool', () => {
  it('every option the check knows, the tool knows, with or without a value alike', () => {
    for (const opt of Object.keys(REDIS_CLI_VALUE_OPTIONS)) expect(parseClusterArgs(['--cluster', 'check', 'x', opt, '1']).ok, opt).toBe(true);
    for (const flag of REDIS_CLI_FLAGS) expect(parseClusterArgs(['--cluster', 'check', 'x', flag]).ok, flag).toBe(true);
    expect(parseClusterArgs(['--cluster', 'check', 'x', '--cluster-slot', '1']).ok).toBe(false);
  });

  it('the number of node arguments each subcommand takes is the tool\'s', () => {
    for (const sub of REDIS_CLI_SUBCOMMANDS) {
      for (let n = 0; n <= 3; n++) {
        const tool = !('stderr' in validateClusterManagerCommand(sub, n));
        const arity = REDIS_CLI_ARITY[sub]!;
        expect(arity > 0 ? n === arity : n >= -arity, `${sub} with ${n}`).toBe(tool);
      }
    }
  });
});

describe('refused at load time', () => {
  it('a reshard of 99,999 slots (redis-cli asks for 1 to 16384), or of none', () => {
    expect(linesOf(entry('--cluster reshard @A --cluster-from @B --cluster-to @C --cluster-slots 99999 --cluster-yes'))).toEqual([
      'test.yaml:3:16: redis-cli: --cluster-slots: expected a number of slots from 1 to 16384 (what redis-cli asks for), got "99999"',
    ]);
    expect(check('--cluster reshard @A --cluster-slots 0')).toHaveLength(1);
    expect(check('--cluster reshard @A --cluster-slots lots')).toHaveLength(1);
    expect(check('--cluster reshard @A --cluster-from @B --cluster-to @C --cluster-slots 16384 --cluster-yes')).toEqual([]);
  });

  it('nodes that are not nodes of the scenario, with the nearest name', () => {
    expect(check('--cluster reshard A --cluster-from B --cluster-to Q')).toEqual(['--cluster-to: "Q" is not a node of the scenario (write a node name, @name or a node ID)']);
    expect(check('--cluster reshard A --cluster-from B,c1 --cluster-to C')).toEqual(['--cluster-from: "c1" is not a node of the scenario (write a node name, @name or a node ID) (did you mean C1?)']);
    expect(check('--cluster create 127.0.0.1:7000 127.0.0.1:7999')).toEqual(['node argument 127.0.0.1:7999 is the address of no node (nodes listen on 127.0.0.1:7000..7005); redis-cli would not connect']);
    expect(check('--cluster check 127.0.0.1 7009')).toHaveLength(1);
    expect(check('--cluster del-node @A xyz')).toEqual(['del-node node: "xyz" is not a node of the scenario (write a node name, @name or a node ID)']);
  });

  it('options the tool does not know, options without their value, words it would ignore, the wrong number of nodes', () => {
    expect(check('--cluster reshard @A --cluster-slot 10')).toEqual(['unrecognized option "--cluster-slot" (did you mean --cluster-slots?); redis-cli refuses it']);
    expect(check('--cluster reshard @A --cluster-slots')).toEqual(['option --cluster-slots needs a value (redis-cli: "Unrecognized option or bad number of args")']);
    expect(check('--cluster check @A --cluster-yes @B')).toEqual(['"@B" comes after the options, where redis-cli stops reading: it would be ignored']);
    expect(check('--cluster add-node @A')).toEqual(['--cluster add-node takes exactly 2 node arguments, got 1 (redis-cli: "Wrong number of arguments")']);
    expect(check('--cluster check @A @B')[0]).toMatch(/^--cluster check takes one node \(ip:port, or ip and port\), got 2 arguments/);
  });
});

describe('accepted', () => {
  it('what the catalogue and the README write', () => {
    for (const cmd of [
      '--cluster create @A @B @C @A1 @B1 @C1 --cluster-replicas 1 --cluster-yes',
      '--cluster add-node @D @A --cluster-slave --cluster-master-id @A',
      '--cluster reshard A --cluster-from B --cluster-to C --cluster-slots 100 --cluster-yes',
      '--cluster rebalance @A --cluster-use-empty-masters --cluster-weight A=2 B=1',
      '--cluster del-node @A @B.previous',
      '--cluster check 127.0.0.1 7000',
      '--cluster fix 127.0.0.1:7001',
    ]) {
      expect(checkRedisCliArgs(cmd.split(' '), { names: [...nodes.names, 'D'] }), cmd).toEqual([]);
    }
    expect(scenarioOf(entry('redis-cli --cluster check @A')).timeline).toHaveLength(1);
  });
});
