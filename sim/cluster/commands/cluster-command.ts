// CLUSTER <subcommand> ...: the entry point. Redis 7.0 checks a command in
// two places, and the error a bad call gets depends on which one catches it:
//   1. processCommand: the subcommand must exist in the command table
//      (`unknown subcommand 'x'. Try CLUSTER HELP.`) and argc must fit its
//      table arity (`wrong number of arguments for 'cluster|meet' command`);
//   2. clusterCommand: cluster mode must be on, then each branch wants an
//      exact argc, falling through to `unknown subcommand or wrong number
//      of arguments for 'meet'. Try CLUSTER HELP.` when it does not match.
// Both steps are reproduced here: `arity` is the table's, `argcOk` the branch's.

import type { Reply } from '../../core/reply.ts';
import {
  arityError,
  errorf,
  subcommandSyntaxError,
  unknownSubcommand,
  type ClusterCommandContext,
  type SubcommandProc,
} from './context.ts';
import { bumpEpochCommand, setConfigEpochCommand } from './epochs.ts';
import { failoverCommand } from './failover.ts';
import { clusterHelpReply } from './help.ts';
import {
  countFailureReportsCommand,
  countKeysInSlotCommand,
  getKeysInSlotCommand,
  infoCommand,
  keyslotCommand,
  linksCommand,
  myidCommand,
  nodesCommand,
  replicasCommand,
  saveConfigCommand,
  shardsCommand,
  slotsCommand,
} from './introspection.ts';
import { meetCommand } from './meet.ts';
import { forgetCommand, replicateCommand, resetCommand } from './membership.ts';
import { setSlotCommand } from './setslot.ts';
import { addDelSlotsCommand, addDelSlotsRangeCommand, flushSlotsCommand } from './slots.ts';

export type { ClusterCommandContext } from './context.ts';

interface Subcommand {
  /** commands.c arity, counting CLUSTER and the subcommand: N exactly, -N at least N. */
  readonly arity: number;
  /** clusterCommand's own argc test for the branch. */
  readonly argcOk: (argc: number) => boolean;
  readonly proc: SubcommandProc;
}

const exactly =
  (n: number) =>
  (argc: number): boolean =>
    argc === n;
const atLeast =
  (n: number) =>
  (argc: number): boolean =>
    argc >= n;
const oneOf =
  (...ns: number[]) =>
  (argc: number): boolean =>
    ns.includes(argc);

/** Lowercase subcommand → spec (7.0.15 commands.c CLUSTER_Subcommands and clusterCommand's branches). */
export const CLUSTER_SUBCOMMANDS: ReadonlyMap<string, Subcommand> = new Map<string, Subcommand>([
  ['addslots', { arity: -3, argcOk: atLeast(3), proc: addDelSlotsCommand }],
  ['addslotsrange', { arity: -4, argcOk: atLeast(4), proc: addDelSlotsRangeCommand }],
  ['bumpepoch', { arity: 2, argcOk: exactly(2), proc: bumpEpochCommand }],
  ['count-failure-reports', { arity: 3, argcOk: exactly(3), proc: countFailureReportsCommand }],
  ['countkeysinslot', { arity: 3, argcOk: exactly(3), proc: countKeysInSlotCommand }],
  ['delslots', { arity: -3, argcOk: atLeast(3), proc: addDelSlotsCommand }],
  ['delslotsrange', { arity: -4, argcOk: atLeast(4), proc: addDelSlotsRangeCommand }],
  ['failover', { arity: -2, argcOk: oneOf(2, 3), proc: failoverCommand }],
  ['flushslots', { arity: 2, argcOk: exactly(2), proc: flushSlotsCommand }],
  ['forget', { arity: 3, argcOk: exactly(3), proc: forgetCommand }],
  ['getkeysinslot', { arity: 4, argcOk: exactly(4), proc: getKeysInSlotCommand }],
  ['help', { arity: 2, argcOk: exactly(2), proc: (_ctx, argv) => clusterHelpReply(argv[0]!) }],
  ['info', { arity: 2, argcOk: exactly(2), proc: infoCommand }],
  ['keyslot', { arity: 3, argcOk: exactly(3), proc: keyslotCommand }],
  ['links', { arity: 2, argcOk: exactly(2), proc: linksCommand }],
  ['meet', { arity: -4, argcOk: oneOf(4, 5), proc: meetCommand }],
  ['myid', { arity: 2, argcOk: exactly(2), proc: myidCommand }],
  ['nodes', { arity: 2, argcOk: exactly(2), proc: nodesCommand }],
  ['replicas', { arity: 3, argcOk: exactly(3), proc: replicasCommand }],
  ['replicate', { arity: 3, argcOk: exactly(3), proc: replicateCommand }],
  ['reset', { arity: -2, argcOk: oneOf(2, 3), proc: resetCommand }],
  ['saveconfig', { arity: 2, argcOk: exactly(2), proc: saveConfigCommand }],
  ['set-config-epoch', { arity: 3, argcOk: exactly(3), proc: setConfigEpochCommand }],
  ['setslot', { arity: -4, argcOk: atLeast(4), proc: setSlotCommand }],
  ['shards', { arity: 2, argcOk: exactly(2), proc: shardsCommand }],
  ['slaves', { arity: 3, argcOk: exactly(3), proc: replicasCommand }],
  ['slots', { arity: 2, argcOk: exactly(2), proc: slotsCommand }],
]);

/** commandCheckArity(). */
export function arityFits(arity: number, argc: number): boolean {
  return arity > 0 ? argc === arity : argc >= -arity;
}

/**
 * CLUSTER with its arguments (argv[0] is `CLUSTER` in any case). Changes
 * to the cluster state are made in place and flagged for beforeSleep
 * (cs.doBeforeSleep), as Redis does; the caller runs clusterBeforeSleep
 * after the command, like any other event.
 */
export function clusterCommand(ctx: ClusterCommandContext, argv: readonly string[]): Reply {
  // The container itself has arity -2.
  if (argv.length < 2) return arityError('cluster');
  const name = argv[1]!.toLowerCase();
  const sub = CLUSTER_SUBCOMMANDS.get(name);
  if (!sub) return unknownSubcommand(argv);
  if (!arityFits(sub.arity, argv.length)) return arityError(`cluster|${name}`);
  if (ctx.clusterEnabled === false) return errorf('This instance has cluster support disabled');
  if (!sub.argcOk(argv.length)) return subcommandSyntaxError(argv);
  return sub.proc(ctx, argv);
}
