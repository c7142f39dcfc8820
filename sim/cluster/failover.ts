// Replica promotion, replica side (clusterHandleSlaveFailover): schedule an
// election 500 ms + random(0..499) + rank × 1 s after seeing the master FAIL,
// bump currentEpoch and ask the masters for votes, win on a majority of
// cluster->size, then take the master's slots (clusterFailoverReplaceYourMaster).

import { NONE } from '../events/types.ts';
import {
  CLUSTER_CANT_FAILOVER_DATA_AGE,
  CLUSTER_CANT_FAILOVER_EXPIRED,
  CLUSTER_CANT_FAILOVER_NONE,
  CLUSTER_CANT_FAILOVER_RELOG_PERIOD,
  CLUSTER_CANT_FAILOVER_WAITING_DELAY,
  CLUSTER_CANT_FAILOVER_WAITING_VOTES,
  CLUSTER_TODO_FSYNC_CONFIG,
  CLUSTER_TODO_HANDLE_FAILOVER,
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from './constants.ts';
import { clusterUpdateState } from './cluster-state.ts';
import { clusterBroadcastPong } from './gossip.ts';
import { resetManualFailover } from './manual-failover.ts';
import { nodeCantFailover, nodeFailed, nodeIsMaster } from './node.ts';
import { clusterRebindSlotWord, clusterSetNodeAsMaster } from './node-table.ts';
import { SLOT_WORDS } from './slot-bitmap.ts';
import { clusterRequestFailoverAuth } from './send.ts';
import { flatSlotRanges } from './slot-ranges.ts';
import type { ClusterState } from './state.ts';


/** clusterGetSlaveRank: how many fellow replicas (that may fail over) have a higher offset. */
export function clusterGetSlaveRank(cs: ClusterState): number {
  const master = cs.myself.slaveof;
  if (!master) return 0;
  const myoffset = cs.server.replicationGetSlaveOffset();
  let rank = 0;
  for (const s of master.slaves) if (s !== cs.myself && !nodeCantFailover(s) && s.replOffset > myoffset) rank++;
  return rank;
}

const CANT_FAILOVER_TEXT: Record<number, string> = {
  [CLUSTER_CANT_FAILOVER_DATA_AGE]:
    "Disconnected from master for longer than allowed. Please check the 'cluster-replica-validity-factor' configuration option.",
  [CLUSTER_CANT_FAILOVER_WAITING_DELAY]: 'Waiting the delay before I can start a new failover.',
  [CLUSTER_CANT_FAILOVER_EXPIRED]: 'Failover attempt expired.',
  [CLUSTER_CANT_FAILOVER_WAITING_VOTES]: 'Waiting for votes, but majority still not reached.',
};

/** clusterLogCantFailover: only on a new reason (or every 300 s), and not right after the master failed. */
export function clusterLogCantFailover(cs: ClusterState, reason: number): void {
  const nowSec = Math.floor(cs.env.mstime() / 1000);
  if (reason === cs.cantFailoverReason && nowSec - cs.lastlogTime < CLUSTER_CANT_FAILOVER_RELOG_PERIOD) return;
  cs.cantFailoverReason = reason;
  const master = cs.myself.slaveof;
  if (master && nodeFailed(master) && cs.env.mstime() - master.failTime < cs.nodeTimeout + 5000) return;
  cs.lastlogTime = nowSec;
  cs.env.log('warning', `Currently unable to failover: ${CANT_FAILOVER_TEXT[reason]}`);
}

/** Data age as Redis computes it: seconds resolution, from the replication link. */
function replicaDataAgeMs(cs: ClusterState): number {
  const nowSec = Math.floor(cs.env.mstime() / 1000);
  const since = cs.server.masterLinkUp() ? cs.server.masterLastInteraction() : cs.server.replDownSince();
  return (nowSec - since) * 1000;
}

/** clusterHandleSlaveFailover: runs every cron and whenever HANDLE_FAILOVER is flagged. */
export function clusterHandleSlaveFailover(cs: ClusterState): void {
  const myself = cs.myself;
  const now = cs.env.mstime();
  const authAge = now - cs.failoverAuthTime;
  const neededQuorum = Math.floor(cs.size / 2) + 1;
  const manualFailover = cs.mfEnd !== 0 && cs.mfCanStart;
  cs.todoBeforeSleep &= ~CLUSTER_TODO_HANDLE_FAILOVER;
  const authTimeout = Math.max(cs.nodeTimeout * 2, 2000);
  const authRetryTime = authTimeout * 2;
  const master = myself.slaveof;

  if (
    nodeIsMaster(myself) ||
    master === null ||
    (!nodeFailed(master) && !manualFailover) ||
    (cs.config.clusterReplicaNoFailover && !manualFailover) ||
    master.numslots === 0
  ) {
    cs.cantFailoverReason = CLUSTER_CANT_FAILOVER_NONE;
    return;
  }

  let dataAge = replicaDataAgeMs(cs);
  if (dataAge > cs.nodeTimeout) dataAge -= cs.nodeTimeout;
  const factor = cs.config.clusterReplicaValidityFactor;
  if (factor && dataAge > cs.config.replPingReplicaPeriod * 1000 + cs.nodeTimeout * factor && !manualFailover) {
    clusterLogCantFailover(cs, CLUSTER_CANT_FAILOVER_DATA_AGE);
    return;
  }

  if (authAge > authRetryTime) {
    const jitter = cs.env.rng.random() % 500;
    cs.failoverAuthTime = now + 500 + jitter;
    cs.failoverAuthCount = 0;
    cs.failoverAuthSent = false;
    cs.failoverAuthRank = clusterGetSlaveRank(cs);
    cs.failoverAuthTime += cs.failoverAuthRank * 1000;
    if (cs.mfEnd !== 0) {
      cs.failoverAuthTime = now;
      cs.failoverAuthRank = 0;
      cs.doBeforeSleep(CLUSTER_TODO_HANDLE_FAILOVER);
    }
    const delay = cs.failoverAuthTime - now;
    const offset = cs.server.replicationGetSlaveOffset();
    cs.env.log('warning', `Start of election delayed for ${delay} milliseconds (rank #${cs.failoverAuthRank}, offset ${offset}).`);
    const manual = cs.mfEnd !== 0;
    cs.env.emit({
      type: 'election-scheduled',
      subject: cs.env.nodeIx(master.name),
      delayMs: delay,
      fixedMs: manual ? 0 : 500,
      randomMs: manual ? 0 : jitter,
      rank: cs.failoverAuthRank,
      offset,
      manual,
    });
    // Let sibling replicas learn my offset, so that their ranks are right.
    clusterBroadcastPong(cs, true);
    return;
  }

  if (!cs.failoverAuthSent && cs.mfEnd === 0) {
    const newrank = clusterGetSlaveRank(cs);
    if (newrank > cs.failoverAuthRank) {
      const added = (newrank - cs.failoverAuthRank) * 1000;
      cs.failoverAuthTime += added;
      cs.failoverAuthRank = newrank;
      cs.env.log('warning', `Replica rank updated to #${newrank}, added ${added} milliseconds of delay.`);
      cs.env.emit({ type: 'election-rank', subject: cs.env.nodeIx(master.name), rank: newrank, addedMs: added });
    }
  }

  if (now < cs.failoverAuthTime) {
    clusterLogCantFailover(cs, CLUSTER_CANT_FAILOVER_WAITING_DELAY);
    return;
  }
  if (authAge > authTimeout) {
    if (cs.cantFailoverReason !== CLUSTER_CANT_FAILOVER_EXPIRED)
      cs.env.emit({ type: 'election-expired', subject: cs.env.nodeIx(master.name), epoch: cs.failoverAuthEpoch, votes: cs.failoverAuthCount });
    clusterLogCantFailover(cs, CLUSTER_CANT_FAILOVER_EXPIRED);
    return;
  }

  if (!cs.failoverAuthSent) {
    cs.currentEpoch++;
    cs.failoverAuthEpoch = cs.currentEpoch;
    cs.env.log('warning', `Starting a failover election for epoch ${cs.currentEpoch}.`);
    cs.env.emit({ type: 'election-started', subject: cs.env.nodeIx(master.name), epoch: cs.currentEpoch, needed: neededQuorum });
    clusterRequestFailoverAuth(cs);
    cs.failoverAuthSent = true;
    cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_FSYNC_CONFIG);
    return; // votes are counted on later calls
  }

  if (cs.failoverAuthCount >= neededQuorum) {
    cs.env.log('warning', "Failover election won: I'm the new master.");
    cs.env.emit({ type: 'election-won', subject: cs.env.nodeIx(master.name), epoch: cs.failoverAuthEpoch, votes: cs.failoverAuthCount, needed: neededQuorum });
    if (myself.configEpoch < cs.failoverAuthEpoch) {
      myself.configEpoch = cs.failoverAuthEpoch;
      cs.env.log('warning', `configEpoch set to ${myself.configEpoch} after successful failover`);
      cs.env.emit({ type: 'config-epoch', subject: cs.env.nodeIx(myself.name), epoch: myself.configEpoch, reason: 'failover', with: NONE, slot: -1 });
    }
    clusterFailoverReplaceYourMaster(cs);
  } else {
    clusterLogCantFailover(cs, CLUSTER_CANT_FAILOVER_WAITING_VOTES);
  }
}

/** clusterFailoverReplaceYourMaster: become master, take the old master's slots, tell everybody. */
export function clusterFailoverReplaceYourMaster(cs: ClusterState): void {
  const myself = cs.myself;
  const oldmaster = myself.slaveof;
  if (nodeIsMaster(myself) || oldmaster === null) return;
  // The offset it reached as a replica: where its history as master begins,
  // so every write past it in the old master's stream is not in the new one.
  const offset = cs.server.replicationGetSlaveOffset();
  clusterSetNodeAsMaster(cs, myself);
  cs.server.replicationUnsetMaster();
  cs.env.emit({ type: 'role', subject: cs.env.nodeIx(myself.name), role: 'master', master: NONE, wasReplicaOf: cs.env.nodeIx(oldmaster.name), offset, reset: false });
  const taken = oldmaster.numslots > 0 ? oldmaster.ownedSlots() : [];
  const bits = oldmaster.slots;
  for (let w = 0; w < SLOT_WORDS; w++) if (bits.word(w) !== 0) clusterRebindSlotWord(cs, w, bits.word(w), myself);
  if (taken.length > 0) cs.env.emit({ type: 'slot-owner', subject: cs.env.nodeIx(myself.name), slots: flatSlotRanges(taken), epoch: myself.configEpoch, reason: '' });
  clusterUpdateState(cs);
  cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_FSYNC_CONFIG);
  clusterBroadcastPong(cs, false);
  resetManualFailover(cs);
}
