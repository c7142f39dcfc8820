// PFAIL → FAIL and back. PFAIL is set by the cron (cron.ts); this file holds
// the two decisions gossip and PONGs trigger: promoting PFAIL to FAIL once a
// majority of masters agree (markNodeAsFailingIfNeeded), and clearing FAIL
// when a failed node answers again (clearNodeFailureIfNeeded).

import {
  CLUSTER_FAIL_UNDO_TIME_MULT,
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_PFAIL,
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from './constants.ts';
import { clusterNodeFailureReportsCount } from './failure-reports.ts';
import { nodeFailed, nodeIsMaster, nodeIsSlave, nodeTimedOut, type ClusterNode } from './node.ts';
import { clusterSendFail } from './send.ts';
import type { ClusterState } from './state.ts';

/**
 * markNodeAsFailingIfNeeded: called only from gossip processing, right
 * after a master reported `node` as PFAIL/FAIL. Quorum is a majority of
 * cluster->size (masters with slots, as of the last clusterUpdateState);
 * myself counts as one voice if I am a master (in 7.0 even without slots).
 */
export function markNodeAsFailingIfNeeded(cs: ClusterState, node: ClusterNode): void {
  const neededQuorum = Math.floor(cs.size / 2) + 1;
  if (!nodeTimedOut(node)) return; // we can still reach it
  if (nodeFailed(node)) return;
  let failures = clusterNodeFailureReportsCount(cs, node);
  if (nodeIsMaster(cs.myself)) failures++;
  if (failures < neededQuorum) return;

  cs.env.log('notice', `Marking node ${node.name} as failing (quorum reached).`);
  node.flags &= ~CLUSTER_NODE_PFAIL;
  node.flags |= CLUSTER_NODE_FAIL;
  node.failTime = cs.env.mstime();
  const reporters = node.failReports.map((fr) => cs.env.nodeIx(fr.node.name));
  if (nodeIsMaster(cs.myself)) reporters.push(cs.env.nodeIx(cs.myself.name));
  cs.env.emit({ type: 'fail', subject: cs.env.nodeIx(node.name), reporters, needed: neededQuorum });
  // Replicas broadcast too: they only relay what masters agreed on.
  clusterSendFail(cs, node.name);
  cs.doBeforeSleep(CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_SAVE_CONFIG);
}

/**
 * clearNodeFailureIfNeeded: a FAIL node answered a PING. Replicas and
 * slotless masters are forgiven at once; a master that still owns slots only
 * after NT × 2 (its replicas should have taken over by then).
 */
export function clearNodeFailureIfNeeded(cs: ClusterState, node: ClusterNode): void {
  const now = cs.env.mstime();
  if (nodeIsSlave(node) || node.numslots === 0) {
    const what = nodeIsSlave(node) ? 'replica' : 'master without slots';
    cs.env.log('notice', `Clear FAIL state for node ${node.name}: ${what} is reachable again.`);
    node.flags &= ~CLUSTER_NODE_FAIL;
    cs.env.emit({ type: 'fail-cleared', subject: cs.env.nodeIx(node.name), reason: nodeIsSlave(node) ? 'replica' : 'master-without-slots' });
    cs.doBeforeSleep(CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_SAVE_CONFIG);
  }
  if (nodeIsMaster(node) && node.numslots > 0 && now - node.failTime > cs.nodeTimeout * CLUSTER_FAIL_UNDO_TIME_MULT) {
    cs.env.log(
      'notice',
      `Clear FAIL state for node ${node.name}: is reachable again and nobody is serving its slots after some time.`,
    );
    node.flags &= ~CLUSTER_NODE_FAIL;
    cs.env.emit({ type: 'fail-cleared', subject: cs.env.nodeIx(node.name), reason: 'slots-unclaimed' });
    cs.doBeforeSleep(CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_SAVE_CONFIG);
  }
}
