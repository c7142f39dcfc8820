// CONFIG GET / SET / HELP for a server. What the parameters are, how their
// values are read and printed and what Redis 7.0.15 answers is the
// parameter table's (sim/config/); this file dispatches the subcommands and
// holds the cluster side of CONFIG SET (the apply functions).

import { configGet, configSet, type RuntimeConfig, type ServerConfig } from '../../config/index.ts';
import type { Reply } from '../../core/reply.ts';
import { CLUSTER_NODE_NOFAILOVER, CLUSTER_TODO_SAVE_CONFIG, CLUSTER_TODO_UPDATE_STATE } from '../constants.ts';
import type { ClusterState } from '../state.ts';
import { arityError, unknownSubcommand } from './context.ts';
import { helpReply } from './help.ts';

const CONFIG_HELP: readonly string[] = [
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Rewrite the configuration file.',
];

/** Called after a successful CONFIG SET with the fields whose value changed (Redis's apply functions). */
export type ConfigApplied = (changed: readonly (keyof ServerConfig)[]) => void;

/**
 * CONFIG with its arguments (argv[0] is `CONFIG` in any case). GET, SET and
 * HELP; RESETSTAT and REWRITE are not modelled and answer as unknown.
 */
export function configCommand(rc: RuntimeConfig, argv: readonly string[], applied?: ConfigApplied): Reply {
  if (argv.length < 2) return arityError('config');
  const sub = argv[1]!.toLowerCase();
  switch (sub) {
    case 'get':
      if (argv.length < 3) return arityError('config|get');
      return configGet(rc, argv.slice(2));
    case 'set': {
      if (argv.length < 4) return arityError('config|set');
      const { reply, changed } = configSet(rc, argv.slice(2));
      if (changed.length > 0) applied?.(changed);
      return reply;
    }
    case 'help':
      if (argv.length !== 2) return arityError('config|help');
      return helpReply(argv[0]!, CONFIG_HELP);
    default:
      return unknownSubcommand(argv);
  }
}

// ---- What CONFIG SET changes in the cluster state besides the config ----
// Redis's apply functions for the cluster parameters (config.c
// updateClusterFlags / updateClusterIp / updateClusterHostname, which call
// cluster.c's clusterUpdateMyself*). Pass clusterConfigApplied, bound to the
// node's ClusterState, as configCommand's `applied` callback.

/**
 * clusterUpdateMyselfFlags: NOFAILOVER follows cluster-replica-no-failover
 * (peers see it in the next header). Only a real change is saved.
 */
export function clusterUpdateMyselfFlags(cs: ClusterState): void {
  const myself = cs.myself;
  const old = myself.flags;
  myself.flags = (myself.flags & ~CLUSTER_NODE_NOFAILOVER) | (cs.config.clusterReplicaNoFailover ? CLUSTER_NODE_NOFAILOVER : 0);
  if (myself.flags !== old) cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE);
}

/**
 * The cluster side of a successful CONFIG SET. `changed` lists only the
 * fields whose value changed, as Redis runs apply functions only then.
 */
export function clusterConfigApplied(cs: ClusterState, changed: readonly (keyof ServerConfig)[]): void {
  if (changed.includes('clusterReplicaNoFailover')) clusterUpdateMyselfFlags(cs);
  // clusterUpdateMyselfIp: an announced IP replaces mine; clearing it
  // empties it, so the node learns its address again from incoming packets.
  if (changed.includes('clusterAnnounceIp')) cs.myself.ip = cs.config.clusterAnnounceIp;
  // clusterUpdateMyselfHostname (Redis also re-applies it every cron).
  if (changed.includes('clusterAnnounceHostname')) cs.myself.hostname = cs.config.clusterAnnounceHostname;
}
