// clusterProcessPacket: what a node does with each packet, step by step as
// 7.0.15 does it (spec §7). The PING/PONG/MEET part (handshake, roles, slots,
// gossip) lives in ping-pong.ts; this file holds the common header
// processing and the other message types.

import { NONE } from '../events/types.ts';
import {
  CLUSTERMSG_FLAG0_PAUSED,
  CLUSTERMSG_TYPE_COUNT,
  CLUSTERMSG_TYPE_FAIL,
  CLUSTERMSG_TYPE_FAILOVER_AUTH_ACK,
  CLUSTERMSG_TYPE_FAILOVER_AUTH_REQUEST,
  CLUSTERMSG_TYPE_MEET,
  CLUSTERMSG_TYPE_MFSTART,
  CLUSTERMSG_TYPE_PING,
  CLUSTERMSG_TYPE_PONG,
  CLUSTERMSG_TYPE_UPDATE,
  CLUSTER_MF_PAUSE_MULT,
  CLUSTER_MF_TIMEOUT,
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_MYSELF,
  CLUSTER_NODE_PFAIL,
  CLUSTER_TODO_FSYNC_CONFIG,
  CLUSTER_TODO_HANDLE_FAILOVER,
  CLUSTER_TODO_HANDLE_MANUALFAILOVER,
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from './constants.ts';
import { clusterUpdateSlotsConfigWith } from './config-epoch.ts';
import { clusterSendPing } from './gossip.ts';
import type { ClusterLink } from './link.ts';
import { resetManualFailover } from './manual-failover.ts';
import type { ClusterMsg } from './messages.ts';
import { nodeInHandshake, nodeIsMaster, nodeIsSlave, type ClusterNode } from './node.ts';
import { clusterLookupNode, clusterSetNodeAsMaster, setClusterNodeToInboundClusterLink } from './node-table.ts';
import { processPingPongMeet } from './ping-pong.ts';
import type { ClusterState } from './state.ts';
import { clusterSendFailoverAuthIfNeeded } from './voting.ts';

/** getNodeFromLinkAndMsg: the sender, binding an inbound link to it on first sight. */
function getNodeFromLinkAndMsg(cs: ClusterState, link: ClusterLink, msg: ClusterMsg): ClusterNode | null {
  if (link.node && !nodeInHandshake(link.node)) return link.node;
  const sender = clusterLookupNode(cs, msg.sender) ?? null;
  if (sender && !link.node) setClusterNodeToInboundClusterLink(cs, sender, link);
  return sender;
}

/** Returns false when the link was freed while processing (stop reading it). */
export function clusterProcessPacket(cs: ClusterState, link: ClusterLink, msg: ClusterMsg): boolean {
  const type = msg.type;
  const now = cs.env.mstime();
  if (type < CLUSTERMSG_TYPE_COUNT) cs.statsBusMessagesReceived[type]!++;
  if (msg.totlen < 16) return true;

  const sender = getNodeFromLinkAndMsg(cs, link, msg);
  if (sender) sender.dataReceived = now;

  if (sender && !nodeInHandshake(sender)) {
    if (msg.currentEpoch > cs.currentEpoch) cs.currentEpoch = msg.currentEpoch;
    if (msg.configEpoch > sender.configEpoch) {
      sender.configEpoch = msg.configEpoch;
      cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_FSYNC_CONFIG);
    }
    sender.replOffset = msg.offset;
    sender.replOffsetTime = now;
    // Manual failover, replica side: the paused master tells us where to catch up to.
    if (
      cs.mfEnd !== 0 &&
      nodeIsSlave(cs.myself) &&
      cs.myself.slaveof === sender &&
      msg.mflags & CLUSTERMSG_FLAG0_PAUSED &&
      cs.mfMasterOffset === -1
    ) {
      cs.mfMasterOffset = sender.replOffset;
      cs.doBeforeSleep(CLUSTER_TODO_HANDLE_MANUALFAILOVER);
      cs.env.log('warning', `Received replication offset for paused master manual failover: ${cs.mfMasterOffset}`);
      cs.env.emit({ type: 'manual-failover', subject: cs.env.nodeIx(cs.myself.name), step: 'offset-received', mode: '', master: NONE, endMs: 0, offset: cs.mfMasterOffset });
    }
  }

  if (type === CLUSTERMSG_TYPE_PING || type === CLUSTERMSG_TYPE_PONG || type === CLUSTERMSG_TYPE_MEET) {
    return processPingPongMeet(cs, link, msg, sender);
  }

  switch (type) {
    case CLUSTERMSG_TYPE_FAIL: {
      const about = msg.failNodeName ?? '';
      if (!sender) {
        cs.env.log('notice', `Ignoring FAIL message from unknown node ${msg.sender} about ${about}`);
        return true;
      }
      const failing = clusterLookupNode(cs, about);
      if (failing && !(failing.flags & (CLUSTER_NODE_FAIL | CLUSTER_NODE_MYSELF))) {
        cs.env.log('notice', `FAIL message received from ${msg.sender} about ${about}`);
        failing.flags |= CLUSTER_NODE_FAIL;
        failing.failTime = now;
        failing.flags &= ~CLUSTER_NODE_PFAIL;
        cs.env.emit({ type: 'fail-received', subject: cs.env.nodeIx(failing.name), from: cs.env.nodeIx(msg.sender) });
        cs.doBeforeSleep(CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_SAVE_CONFIG);
      }
      return true;
    }
    case CLUSTERMSG_TYPE_FAILOVER_AUTH_REQUEST:
      if (sender) clusterSendFailoverAuthIfNeeded(cs, sender, msg);
      return true;
    case CLUSTERMSG_TYPE_FAILOVER_AUTH_ACK:
      // Counted if the voter is a master with slots and not behind the
      // election's epoch. Not tied to the epoch the vote was granted for:
      // 7.0's known flaw, kept on purpose.
      if (sender && nodeIsMaster(sender) && sender.numslots > 0 && msg.currentEpoch >= cs.failoverAuthEpoch) {
        cs.failoverAuthCount++;
        cs.env.emit({ type: 'vote-received', subject: cs.env.nodeIx(sender.name), epoch: msg.currentEpoch, count: cs.failoverAuthCount });
        cs.doBeforeSleep(CLUSTER_TODO_HANDLE_FAILOVER);
      }
      return true;
    case CLUSTERMSG_TYPE_MFSTART:
      if (!sender || sender.slaveof !== cs.myself) return true;
      resetManualFailover(cs);
      cs.mfEnd = now + CLUSTER_MF_TIMEOUT;
      cs.mfSlave = sender;
      cs.server.pauseWritesUntil(now + CLUSTER_MF_TIMEOUT * CLUSTER_MF_PAUSE_MULT);
      cs.env.log('warning', `Manual failover requested by replica ${sender.name}.`);
      cs.env.emit({ type: 'manual-failover', subject: cs.env.nodeIx(sender.name), step: 'master-paused', mode: '', master: NONE, endMs: 0, offset: -1 });
      // Answer at once so the replica learns the paused offset without waiting for the cron.
      clusterSendPing(cs, link, CLUSTERMSG_TYPE_PING);
      return true;
    case CLUSTERMSG_TYPE_UPDATE: {
      const u = msg.update;
      if (!sender || !u) return true;
      const n = clusterLookupNode(cs, u.nodename);
      if (!n) return true;
      if (n.configEpoch >= u.configEpoch) return true;
      if (nodeIsSlave(n)) clusterSetNodeAsMaster(cs, n);
      n.configEpoch = u.configEpoch;
      cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_FSYNC_CONFIG);
      clusterUpdateSlotsConfigWith(cs, n, u.configEpoch, u.slots);
      return true;
    }
    default:
      if (type >= CLUSTERMSG_TYPE_COUNT) cs.env.log('warning', `Received unknown packet type: ${type}`);
      return true;
  }
}
