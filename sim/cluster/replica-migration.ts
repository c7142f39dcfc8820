// Replica migration: a replica of the master with the most working replicas
// moves to a master left with none (an "orphaned" master), if the move keeps
// its own master above cluster-migration-barrier and the orphan has been
// orphaned for more than 5 s. Among equals, the smallest node ID moves.

import { CLUSTER_NODE_MIGRATE_TO, CLUSTER_OK, CLUSTER_SLAVE_MIGRATION_DELAY } from './constants.ts';
import { clusterCountNonFailingSlaves, nodeFailed, nodeIsMaster, nodeIsSlave, nodeTimedOut, type ClusterNode } from './node.ts';
import { clusterSetMaster } from './roles.ts';
import type { ClusterState } from './state.ts';

/** clusterHandleSlaveMigration. */
export function clusterHandleSlaveMigration(cs: ClusterState, maxSlaves: number): void {
  const myself = cs.myself;
  const mymaster = myself.slaveof;
  if (cs.state !== CLUSTER_OK) return;
  if (!mymaster) return;
  let okslaves = 0;
  for (const s of mymaster.slaves) if (!nodeFailed(s) && !nodeTimedOut(s)) okslaves++;
  if (okslaves <= cs.config.clusterMigrationBarrier) return;

  let target: ClusterNode | null = null;
  let candidate: ClusterNode = myself;
  const now = cs.env.mstime();
  for (const node of cs.nodes.values()) {
    let nodeOk = 0;
    let orphaned = true;
    if (nodeIsSlave(node) || nodeFailed(node)) orphaned = false;
    if (!(node.flags & CLUSTER_NODE_MIGRATE_TO)) orphaned = false;
    if (nodeIsMaster(node)) nodeOk = clusterCountNonFailingSlaves(node);
    if (nodeOk > 0) orphaned = false;
    if (orphaned) {
      if (!target && node.numslots > 0) target = node;
      if (!node.orphanedTime) node.orphanedTime = now;
    } else {
      node.orphanedTime = 0;
    }
    if (nodeOk === maxSlaves) {
      for (const s of node.slaves) if (s.name < candidate.name) candidate = s;
    }
  }

  if (target && candidate === myself && now - target.orphanedTime > CLUSTER_SLAVE_MIGRATION_DELAY) {
    cs.env.log('warning', `Migrating to orphaned master ${target.name}`);
    cs.env.emit({ type: 'replica-migrated', subject: cs.env.nodeIx(myself.name), from: cs.env.nodeIx(mymaster.name), to: cs.env.nodeIx(target.name) });
    clusterSetMaster(cs, target);
  }
}
