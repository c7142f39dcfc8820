// What a CLUSTER subcommand runs against, and the argument parsing and
// error replies the subcommands share. Texts are Redis 7.0.15's (cluster.c,
// networking.c, server.c); error texts carry no leading '-', as in Reply.

import { string2ll } from '../../core/command-args.ts';
import { error, type Reply } from '../../core/reply.ts';
import { CLUSTER_NAMELEN, CLUSTER_SLOTS } from '../constants.ts';
import type { ClusterNode } from '../node.ts';
import type { ClusterState } from '../state.ts';

export interface ClusterCommandContext {
  /** This node's cluster state; every subcommand reads or changes it. */
  cs: ClusterState;
  /** clusterSaveConfig(1): write nodes.conf now (CLUSTER SAVECONFIG). */
  saveConfigNow(): void;
  /**
   * cluster-enabled. A node started without it answers every subcommand
   * (after the arity check) with `This instance has cluster support
   * disabled`. Default true.
   */
  clusterEnabled?: boolean;
}

/** A CLUSTER subcommand body; argv[0] is CLUSTER, argv[1] the subcommand as typed. */
export type SubcommandProc = (ctx: ClusterCommandContext, argv: readonly string[]) => Reply;

export { NOT_AN_INTEGER, SYNTAX_ERROR } from '../../core/command-args.ts';

/** addReplyErrorFormat(): the text becomes one protocol line (CR/LF → spaces). */
export function errorf(text: string): Reply {
  return error(`ERR ${text.replace(/[\r\n]/g, ' ')}`);
}

/** commandCheckArity()'s reply; `fullname` is `cluster|meet`, `config|set`, ... */
export function arityError(fullname: string): Reply {
  return error(`ERR wrong number of arguments for '${fullname}' command`);
}

/** addReplySubcommandSyntaxError(): the table arity passed but the command's own argc check did not. */
export function subcommandSyntaxError(argv: readonly string[]): Reply {
  return errorf(
    `unknown subcommand or wrong number of arguments for '${argv[1]!.slice(0, 128)}'. Try ${argv[0]!.toUpperCase()} HELP.`,
  );
}

/** commandCheckExistence() for a container command whose subcommand is not in the table. */
export function unknownSubcommand(argv: readonly string[]): Reply {
  return errorf(`unknown subcommand '${argv[1]!.slice(0, 128)}'. Try ${argv[0]!.toUpperCase()} HELP.`);
}

/** getSlotOrReply(): the slot, or the error to send. Numbers parse as string2ll (no '+', spaces or leading zeros). */
export function getSlotOrReply(s: string): number | Reply {
  const v = string2ll(s);
  if (v === null || v < 0n || v >= BigInt(CLUSTER_SLOTS)) return errorf('Invalid or out of range slot');
  return Number(v);
}

/**
 * clusterLookupNode(): names that are not 40 characters of [a-z0-9] are
 * never found (verifyClusterNodeId), whatever the table holds.
 */
export function lookupNode(cs: ClusterState, name: string): ClusterNode | undefined {
  if (name.length !== CLUSTER_NAMELEN || !/^[a-z0-9]+$/.test(name)) return undefined;
  return cs.nodes.get(name);
}
