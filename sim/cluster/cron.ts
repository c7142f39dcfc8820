// clusterCron (every 100 ms, on each node's own phase) and
// clusterBeforeSleep (after every batch of events), in Redis's order.

import {
  CLUSTERMSG_TYPE_PING,
  CLUSTER_FAIL,
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_HANDSHAKE,
  CLUSTER_NODE_MIGRATE_TO,
  CLUSTER_NODE_MYSELF,
  CLUSTER_NODE_NOADDR,
  CLUSTER_NODE_PFAIL,
  CLUSTER_TODO_HANDLE_FAILOVER,
  CLUSTER_TODO_HANDLE_MANUALFAILOVER,
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from './constants.ts';
import { clusterUpdateState } from './cluster-state.ts';
import { clusterHandleSlaveFailover } from './failover.ts';
import { clusterSendPing } from './gossip.ts';
import { clusterCreateOutboundLink } from './links-io.ts';
import { clusterHandleManualFailover, manualFailoverCheckTimeout } from './manual-failover.ts';
import { clusterCountNonFailingSlaves, nodeFailed, nodeHasAddr, nodeIsMaster, nodeIsSlave, type ClusterNode } from './node.ts';
import { clusterDelNode, freeClusterLink } from './node-table.ts';
import { clusterHandleSlaveMigration } from './replica-migration.ts';
import type { ClusterState } from './state.ts';

/** clusterNodeCronHandleReconnect: true if the node was deleted (expired handshake). */
function clusterNodeCronHandleReconnect(cs: ClusterState, node: ClusterNode, handshakeTimeout: number, now: number): boolean {
  if (node.flags & (CLUSTER_NODE_MYSELF | CLUSTER_NODE_NOADDR)) return false;
  if (node.flags & CLUSTER_NODE_PFAIL) cs.statsPfailNodes++;
  if (node.flags & CLUSTER_NODE_HANDSHAKE && now - node.ctime > handshakeTimeout) {
    cs.env.emit({ type: 'handshake', subject: cs.env.nodeIx(node.name), step: 'timed-out', ip: '', port: 0, cport: 0 });
    clusterDelNode(cs, node);
    return true;
  }
  if (node.link === null) clusterCreateOutboundLink(cs, node);
  return false;
}

export function clusterCron(cs: ClusterState): void {
  cs.cronIteration++;
  // clusterUpdateMyselfHostname. Fix: this step was missing, so a node
  // started with cluster-announce-hostname never showed its own hostname on
  // its `myself` line (peers did learn it from the ping extension).
  cs.myself.hostname = cs.config.clusterAnnounceHostname;
  const nt = cs.nodeTimeout;
  const handshakeTimeout = Math.max(nt, 1000);
  let now = cs.env.mstime();
  const myself = cs.myself;

  // 1. Reconnects (and PFAIL count for gossip). Backwards: deletion swaps in the last node.
  cs.statsPfailNodes = 0;
  const list = cs.nodeList;
  for (let i = list.length - 1; i >= 0; i--) {
    const node = list[i];
    if (node) clusterNodeCronHandleReconnect(cs, node, handshakeTimeout, now);
  }

  // 2. Once a second, PING the node with the oldest PONG among 5 random picks.
  if (cs.cronIteration % 10 === 0) {
    let minPongNode: ClusterNode | null = null;
    let minPong = 0;
    for (let j = 0; j < 5; j++) {
      const n = list[cs.env.rng.int(list.length)]!;
      if (n.link === null || n.pingSent !== 0) continue;
      if (n.flags & (CLUSTER_NODE_MYSELF | CLUSTER_NODE_HANDSHAKE)) continue;
      if (minPongNode === null || minPong > n.pongReceived) {
        minPongNode = n;
        minPong = n.pongReceived;
      }
    }
    if (minPongNode) clusterSendPing(cs, minPongNode.link!, CLUSTERMSG_TYPE_PING);
  }

  // 3. Per node: orphan accounting, link recycling, half-timeout pings, PFAIL.
  let orphanedMasters = 0;
  let maxSlaves = 0;
  let thisSlaves = 0;
  let updateState = false;
  const iAmSlave = nodeIsSlave(myself);
  for (const node of list) {
    now = cs.env.mstime();
    if (node.flags & (CLUSTER_NODE_MYSELF | CLUSTER_NODE_NOADDR | CLUSTER_NODE_HANDSHAKE)) continue;

    if (iAmSlave && nodeIsMaster(node) && !nodeFailed(node)) {
      const okslaves = clusterCountNonFailingSlaves(node);
      if (okslaves === 0 && node.numslots > 0 && node.flags & CLUSTER_NODE_MIGRATE_TO) orphanedMasters++;
      if (okslaves > maxSlaves) maxSlaves = okslaves;
      if (myself.slaveof === node) thisSlaves = okslaves;
    }

    const pingDelay = now - node.pingSent;
    const dataDelay = now - node.dataReceived;
    // No answer and no traffic for NT/2 on an old link: maybe the connection is bad; reconnect.
    if (node.link && now - node.link.ctime > nt && node.pingSent && pingDelay > nt / 2 && dataDelay > nt / 2) {
      freeClusterLink(cs, node.link);
    }

    if (node.link && node.pingSent === 0 && now - node.pongReceived > nt / 2) {
      clusterSendPing(cs, node.link, CLUSTERMSG_TYPE_PING);
      continue;
    }

    if (cs.mfEnd !== 0 && nodeIsMaster(myself) && cs.mfSlave === node && node.link) {
      clusterSendPing(cs, node.link, CLUSTERMSG_TYPE_PING);
      continue;
    }

    if (node.pingSent === 0) continue;

    const nodeDelay = pingDelay < dataDelay ? pingDelay : dataDelay;
    if (nodeDelay > nt && !(node.flags & (CLUSTER_NODE_PFAIL | CLUSTER_NODE_FAIL))) {
      if (cs.env.logEnabled('debug')) cs.env.log('debug', `*** NODE ${node.name} possibly failing`);
      node.flags |= CLUSTER_NODE_PFAIL;
      cs.env.emit({ type: 'pfail', subject: cs.env.nodeIx(node.name), noPongMs: pingDelay, silenceMs: dataDelay, timeoutMs: nt });
      updateState = true;
    }
  }

  // 4. A replica whose replication is off starts it once its master has an address.
  if (iAmSlave && !cs.server.replicationConfigured() && myself.slaveof && nodeHasAddr(myself.slaveof)) {
    cs.server.replicationSetMaster(myself.slaveof.ip, myself.slaveof.port);
  }

  manualFailoverCheckTimeout(cs);

  if (nodeIsSlave(myself)) {
    clusterHandleManualFailover(cs);
    clusterHandleSlaveFailover(cs);
    if (orphanedMasters > 0 && maxSlaves >= 2 && thisSlaves === maxSlaves && cs.config.clusterAllowReplicaMigration) {
      clusterHandleSlaveMigration(cs, maxSlaves);
    }
  }

  if (updateState || cs.state === CLUSTER_FAIL) clusterUpdateState(cs);
}

/**
 * clusterBeforeSleep: deferred work flagged during event handling. Flags
 * raised while it runs stay for the next loop iteration, as in Redis.
 * `saveConfig` writes nodes.conf (the caller renders it).
 */
export function clusterBeforeSleep(cs: ClusterState, saveConfig: () => void): void {
  const flags = cs.todoBeforeSleep;
  cs.todoBeforeSleep = 0;
  if (flags & CLUSTER_TODO_HANDLE_MANUALFAILOVER) {
    if (nodeIsSlave(cs.myself)) {
      clusterHandleManualFailover(cs);
      clusterHandleSlaveFailover(cs);
    }
  } else if (flags & CLUSTER_TODO_HANDLE_FAILOVER) {
    clusterHandleSlaveFailover(cs);
  }
  if (flags & CLUSTER_TODO_UPDATE_STATE) clusterUpdateState(cs);
  if (flags & CLUSTER_TODO_SAVE_CONFIG) saveConfig();
}
