// Replica promotion, voter side (clusterSendFailoverAuthIfNeeded): a master
// with slots grants at most one vote per epoch, only to a replica of a FAIL
// master (or with FORCEACK), at most once per failing master per NT × 2, and
// never to a replica claiming slots some newer master owns.

import type { VoteDeniedReason } from '../events/types.ts';
import { CLUSTERMSG_FLAG0_FORCEACK, CLUSTER_SLOTS, CLUSTER_TODO_FSYNC_CONFIG, CLUSTER_TODO_SAVE_CONFIG } from './constants.ts';
import { isSlotUnclaimed } from './config-epoch.ts';
import type { ClusterMsg } from './messages.ts';
import { nodeFailed, nodeIsMaster, nodeIsSlave, type ClusterNode } from './node.ts';
import { clusterSendFailoverAuth } from './send.ts';
import type { ClusterState } from './state.ts';

/**
 * Module-local copy of CLUSTER_SLOTS: loops over all 16384 slots read it on
 * every step, and an imported binding costs a getter call per read under
 * vitest's module runner.
 */
const SLOTS = CLUSTER_SLOTS;

function deny(cs: ClusterState, node: ClusterNode, reason: VoteDeniedReason, text: string): void {
  cs.env.log('warning', `Failover auth denied to ${node.name}: ${text}`);
  cs.env.emit({ type: 'vote-denied', subject: cs.env.nodeIx(node.name), reason, epoch: cs.currentEpoch });
}

/** clusterSendFailoverAuthIfNeeded: `node` asked for my vote with `request`. */
export function clusterSendFailoverAuthIfNeeded(cs: ClusterState, node: ClusterNode, request: ClusterMsg): void {
  const myself = cs.myself;
  const master = node.slaveof;
  const requestCurrentEpoch = request.currentEpoch;
  const requestConfigEpoch = request.configEpoch;
  const forceAck = (request.mflags & CLUSTERMSG_FLAG0_FORCEACK) !== 0;

  // Only masters with slots make up cluster->size, so only they vote.
  if (nodeIsSlave(myself) || myself.numslots === 0) return;

  if (requestCurrentEpoch < cs.currentEpoch) {
    return deny(cs, node, 'stale-epoch', `reqEpoch (${requestCurrentEpoch}) < curEpoch(${cs.currentEpoch})`);
  }
  if (cs.lastVoteEpoch === cs.currentEpoch) {
    return deny(cs, node, 'already-voted', `already voted for epoch ${cs.currentEpoch}`);
  }
  if (nodeIsMaster(node) || master === null || (!nodeFailed(master) && !forceAck)) {
    if (nodeIsMaster(node)) return deny(cs, node, 'is-master', 'it is a master node');
    if (master === null) return deny(cs, node, 'unknown-master', "I don't know its master");
    return deny(cs, node, 'master-up', 'its master is up');
  }
  const now = cs.env.mstime();
  if (now - master.votedTime < cs.nodeTimeout * 2) {
    const wait = cs.nodeTimeout * 2 - (now - master.votedTime);
    return deny(cs, node, 'voted-recently', `can't vote about this master before ${wait} milliseconds`);
  }
  const claimed = request.myslots;
  if (claimed.count > 0) {
    for (let j = 0; j < SLOTS; j++) {
      if (!claimed.has(j)) continue;
      if (isSlotUnclaimed(cs, j) || cs.slots.owner(j)!.configEpoch <= requestConfigEpoch) continue;
      const epoch = cs.slots.owner(j)!.configEpoch;
      return deny(cs, node, 'slot-epoch', `slot ${j} epoch (${epoch}) > reqEpoch (${requestConfigEpoch})`);
    }
  }

  cs.lastVoteEpoch = cs.currentEpoch;
  master.votedTime = now;
  cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_FSYNC_CONFIG);
  clusterSendFailoverAuth(cs, node);
  cs.env.log('warning', `Failover auth granted to ${node.name} for epoch ${cs.currentEpoch}`);
  cs.env.emit({ type: 'vote-granted', subject: cs.env.nodeIx(node.name), epoch: cs.currentEpoch, master: cs.env.nodeIx(master.name), forceAck });
}
