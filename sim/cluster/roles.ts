// Turning myself into a replica (clusterSetMaster) and what goes with it.
// Kept apart from config-epoch.ts because commands (REPLICATE), replica
// migration and slot rebinding all end up here.

import { NONE } from '../events/types.ts';
import { CLUSTER_NODE_MASTER, CLUSTER_NODE_MIGRATE_TO, CLUSTER_NODE_SLAVE } from './constants.ts';
import { resetManualFailover } from './manual-failover.ts';
import { clusterNodeAddSlave, clusterNodeRemoveSlave, nodeIsMaster, type ClusterNode } from './node.ts';
import type { ClusterState } from './state.ts';

/** clusterCloseAllSlots: forget every MIGRATING / IMPORTING state. */
export function clusterCloseAllSlots(cs: ClusterState): void {
  cs.migratingSlotsTo.clear();
  cs.importingSlotsFrom.clear();
}

/** clusterSetMaster: become (or move to be) a replica of `n`. Myself must own no slots. */
export function clusterSetMaster(cs: ClusterState, n: ClusterNode): void {
  const myself = cs.myself;
  if (n === myself) throw new Error('clusterSetMaster: cannot replicate myself');
  if (myself.numslots !== 0) throw new Error('clusterSetMaster: myself still owns slots');
  if (nodeIsMaster(myself)) {
    myself.flags &= ~(CLUSTER_NODE_MASTER | CLUSTER_NODE_MIGRATE_TO);
    myself.flags |= CLUSTER_NODE_SLAVE;
    clusterCloseAllSlots(cs);
  } else if (myself.slaveof) {
    clusterNodeRemoveSlave(myself.slaveof, myself);
  }
  myself.slaveof = n;
  clusterNodeAddSlave(n, myself);
  cs.server.replicationSetMaster(n.ip, n.port);
  resetManualFailover(cs);
  cs.env.emit({ type: 'role', subject: cs.env.nodeIx(myself.name), role: 'replica', master: cs.env.nodeIx(n.name), wasReplicaOf: NONE, offset: -1, reset: false });
}
