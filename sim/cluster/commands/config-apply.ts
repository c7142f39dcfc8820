// What CONFIG SET changes in the cluster state besides the config itself:
// Redis's apply functions for the cluster parameters (config.c
// updateClusterFlags / updateClusterIp / updateClusterHostname, which call
// cluster.c's clusterUpdateMyself*). Pass it as configCommand's `applied`
// callback, bound to the node's ClusterState.

import type { ServerConfig } from '../config.ts';
import { CLUSTER_NODE_NOFAILOVER, CLUSTER_TODO_SAVE_CONFIG, CLUSTER_TODO_UPDATE_STATE } from '../constants.ts';
import type { ClusterState } from '../state.ts';

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
