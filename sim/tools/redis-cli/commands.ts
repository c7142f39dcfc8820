// The --cluster subcommands (clusterManagerCommands[]): name, arity as
// redis-cli checks it, and the procedure; plus the three small ones
// (info, check, fix = check with fixing on).

import type { Proc } from './effects.ts';
import { clusterManagerCommandAddNode } from './add-node.ts';
import { checkCluster, showClusterInfo } from './check.ts';
import { clusterManagerCommandCreate } from './create.ts';
import { clusterManagerCommandDeleteNode } from './del-node.ts';
import { loadInfoFromArgs } from './load.ts';
import type { ClusterManager } from './manager.ts';
import { clusterManagerCommandRebalance } from './rebalance.ts';
import { clusterManagerCommandReshard } from './reshard.ts';

export type CommandProc = (cm: ClusterManager, argv: readonly string[]) => Proc<boolean>;

function* clusterManagerCommandInfo(cm: ClusterManager, argv: readonly string[]): Proc<boolean> {
  if (!(yield* loadInfoFromArgs(cm, argv))) return false;
  yield* showClusterInfo(cm);
  return true;
}

function* clusterManagerCommandCheck(cm: ClusterManager, argv: readonly string[]): Proc<boolean> {
  if (!(yield* loadInfoFromArgs(cm, argv))) return false;
  yield* showClusterInfo(cm);
  return yield* checkCluster(cm, false);
}

function* clusterManagerCommandFix(cm: ClusterManager, argv: readonly string[]): Proc<boolean> {
  cm.cmd.fix = true;
  return yield* clusterManagerCommandCheck(cm, argv);
}

/** N: exactly N arguments; -N: at least N (clusterManagerCommandDef.arity). */
const COMMANDS: readonly { name: string; arity: number; proc: CommandProc }[] = [
  { name: 'create', arity: -2, proc: clusterManagerCommandCreate },
  { name: 'check', arity: -1, proc: clusterManagerCommandCheck },
  { name: 'info', arity: -1, proc: clusterManagerCommandInfo },
  { name: 'fix', arity: -1, proc: clusterManagerCommandFix },
  { name: 'reshard', arity: -1, proc: clusterManagerCommandReshard },
  { name: 'rebalance', arity: -1, proc: clusterManagerCommandRebalance },
  { name: 'add-node', arity: 2, proc: clusterManagerCommandAddNode },
  { name: 'del-node', arity: 2, proc: clusterManagerCommandDeleteNode },
];

/** redis-cli's other subcommands: real, but not part of the simulated tool. */
const NOT_SIMULATED = new Set(['call', 'set-timeout', 'import', 'backup', 'help']);

/** validateClusterManagerCommand: the procedure, or the stderr text redis-cli prints before exit(1). */
export function validateClusterManagerCommand(name: string, argc: number): { proc: CommandProc } | { stderr: string } {
  const def = COMMANDS.find((c) => c.name === name);
  if (!def) {
    if (NOT_SIMULATED.has(name)) return { stderr: `redis-cli --cluster ${name} is not simulated\n` };
    return { stderr: 'Unknown --cluster subcommand\n' };
  }
  if ((def.arity > 0 && argc !== def.arity) || (def.arity < 0 && argc < -def.arity)) {
    return { stderr: '[ERR] Wrong number of arguments for specified --cluster sub command\n' };
  }
  return { proc: def.proc };
}
