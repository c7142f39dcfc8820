// Manual failover state on both sides (CLUSTER FAILOVER without FORCE or
// TAKEOVER): the master pauses writes and keeps pinging its replica with its
// offset; the replica waits until it has processed that offset, then runs an
// election with no delay whose request carries FORCEACK.

import { NONE } from '../events/types.ts';
import { CLUSTER_TODO_HANDLE_FAILOVER, CLUSTER_TODO_HANDLE_MANUALFAILOVER } from './constants.ts';
import type { ClusterState } from './state.ts';

/** resetManualFailover: clear MF state; a master side also unpauses its clients. */
export function resetManualFailover(cs: ClusterState): void {
  if (cs.mfSlave) cs.server.unpauseWrites();
  cs.mfEnd = 0;
  cs.mfCanStart = false;
  cs.mfSlave = null;
  cs.mfMasterOffset = -1;
}

/** manualFailoverCheckTimeout: give up after CLUSTER_MF_TIMEOUT. */
export function manualFailoverCheckTimeout(cs: ClusterState): void {
  if (cs.mfEnd !== 0 && cs.mfEnd < cs.env.mstime()) {
    cs.env.log('warning', 'Manual failover timed out.');
    cs.env.emit({ type: 'manual-failover', subject: cs.env.nodeIx(cs.myself.name), step: 'timed-out', mode: '', master: NONE, endMs: 0, offset: -1 });
    resetManualFailover(cs);
  }
}

/** clusterHandleManualFailover (replica side): start once the paused master's offset is reached. */
export function clusterHandleManualFailover(cs: ClusterState): void {
  if (cs.mfEnd === 0) return;
  if (cs.mfCanStart) return; // clusterHandleSlaveFailover takes it from here
  if (cs.mfMasterOffset === -1) return; // waiting for the master's offset
  if (cs.mfMasterOffset === cs.server.replicationGetSlaveOffset()) {
    cs.mfCanStart = true;
    cs.env.log('warning', 'All master replication stream processed, manual failover can start.');
    cs.env.emit({ type: 'manual-failover', subject: cs.env.nodeIx(cs.myself.name), step: 'can-start', mode: '', master: NONE, endMs: 0, offset: cs.mfMasterOffset });
    cs.doBeforeSleep(CLUSTER_TODO_HANDLE_FAILOVER);
    return;
  }
  cs.doBeforeSleep(CLUSTER_TODO_HANDLE_MANUALFAILOVER);
}
