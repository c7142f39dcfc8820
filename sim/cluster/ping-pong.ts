// The PING / PONG / MEET branch of clusterProcessPacket (spec §7 B and C):
// reply, handshake completion, address updates, the PONG that clears PFAIL,
// role switches, slot configuration and UPDATE replies, epoch collisions and
// finally the gossip section.

import { NONE } from '../events/types.ts';
import {
  CLUSTERMSG_TYPE_MEET,
  CLUSTERMSG_TYPE_PING,
  CLUSTERMSG_TYPE_PONG,
  CLUSTER_NODE_HANDSHAKE,
  CLUSTER_NODE_MASTER,
  CLUSTER_NODE_MIGRATE_TO,
  CLUSTER_NODE_NOADDR,
  CLUSTER_NODE_NOFAILOVER,
  CLUSTER_NODE_PFAIL,
  CLUSTER_NODE_SLAVE,
  CLUSTER_SLOTS,
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from './constants.ts';
import { clusterHandleConfigEpochCollision, clusterUpdateSlotsConfigWith, isSlotUnclaimed } from './config-epoch.ts';
import { clearNodeFailureIfNeeded } from './failure-detection.ts';
import { clusterProcessGossipSection, clusterSendPing } from './gossip.ts';
import type { ClusterLink } from './link.ts';
import type { ClusterMsg } from './messages.ts';
import { clusterNodeAddSlave, clusterNodeRemoveSlave, nodeFailed, nodeInHandshake, nodeIsMaster, nodeIsSlave, nodeTimedOut, type ClusterNode } from './node.ts';
import {
  clusterAddNode,
  clusterDelNode,
  clusterDelNodeSlots,
  clusterLookupNode,
  clusterRenameNode,
  clusterSetNodeAsMaster,
  createClusterNode,
  freeClusterLink,
} from './node-table.ts';
import { clusterSendUpdate } from './send.ts';
import type { ClusterState } from './state.ts';

/**
 * Module-local copy of CLUSTER_SLOTS: loops over all 16384 slots read it on
 * every step, and an imported binding costs a getter call per read under
 * vitest's module runner.
 */
const SLOTS = CLUSTER_SLOTS;

/** nodeIp2String: the announced IP if any, else what the socket says. */
function nodeIp(cs: ClusterState, link: ClusterLink, announced: string): string {
  return announced !== '' ? announced : cs.env.busPeerIp(link.conn);
}

/** nodeUpdateAddressIfNeeded: a PING on a link other than our outbound one shows a new address. */
export function nodeUpdateAddressIfNeeded(cs: ClusterState, node: ClusterNode, link: ClusterLink, msg: ClusterMsg): boolean {
  if (link === node.link) return false;
  const ip = nodeIp(cs, link, msg.myip);
  if (node.port === msg.port && node.cport === msg.cport && node.pport === msg.pport && node.ip === ip) return false;
  node.ip = ip;
  node.port = msg.port;
  node.pport = msg.pport;
  node.cport = msg.cport;
  if (node.link) freeClusterLink(cs, node.link);
  node.flags &= ~CLUSTER_NODE_NOADDR;
  cs.env.log('warning', `Address updated for node ${node.name}, now ${node.ip}:${node.port}`);
  if (nodeIsSlave(cs.myself) && cs.myself.slaveof === node) cs.server.replicationSetMaster(node.ip, node.port);
  return true;
}

/** Returns false if the link was freed. */
export function processPingPongMeet(cs: ClusterState, link: ClusterLink, msg: ClusterMsg, sender: ClusterNode | null): boolean {
  const type = msg.type;
  const myself = cs.myself;
  const now = cs.env.mstime();

  if (type === CLUSTERMSG_TYPE_PING || type === CLUSTERMSG_TYPE_MEET) {
    // Learn our own IP from the socket: only peers send MEET, to our real address.
    if ((type === CLUSTERMSG_TYPE_MEET || myself.ip === '') && cs.config.clusterAnnounceIp === '') {
      const ip = cs.self.ip;
      if (ip !== myself.ip) {
        myself.ip = ip;
        cs.env.log('warning', `IP address for this node updated to ${myself.ip}`);
        cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG);
      }
    }
    if (!sender && type === CLUSTERMSG_TYPE_MEET) {
      const n = createClusterNode(cs, null, CLUSTER_NODE_HANDSHAKE);
      n.ip = nodeIp(cs, link, msg.myip);
      n.port = msg.port;
      n.pport = msg.pport;
      n.cport = msg.cport;
      clusterAddNode(cs, n);
      cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG);
      // Trust the gossip of a MEET even from an unknown sender (it only refreshes known nodes).
      clusterProcessGossipSection(cs, msg, link);
    }
    clusterSendPing(cs, link, CLUSTERMSG_TYPE_PONG);
  }

  if (!link.inbound && link.node) {
    const ln = link.node;
    if (nodeInHandshake(ln)) {
      if (sender) {
        if (cs.env.logEnabled('verbose'))
          cs.env.log('verbose', `Handshake: we already know node ${sender.name}, updating the address if needed.`);
        if (nodeUpdateAddressIfNeeded(cs, sender, link, msg)) cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE);
        clusterDelNode(cs, ln); // frees this link too
        return false;
      }
      clusterRenameNode(cs, ln, msg.sender);
      ln.flags &= ~CLUSTER_NODE_HANDSHAKE;
      ln.flags |= msg.flags & (CLUSTER_NODE_MASTER | CLUSTER_NODE_SLAVE);
      cs.env.emit({ type: 'handshake', subject: cs.env.nodeIx(ln.name), step: 'completed', ip: '', port: 0, cport: 0 });
      cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG);
    } else if (ln.name !== msg.sender) {
      // The address now answers with another ID: forget where this node lives.
      ln.flags |= CLUSTER_NODE_NOADDR;
      ln.ip = '';
      ln.port = 0;
      ln.pport = 0;
      ln.cport = 0;
      freeClusterLink(cs, link);
      cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG);
      return false;
    }
  }

  if (sender) {
    sender.flags = (sender.flags & ~CLUSTER_NODE_NOFAILOVER) | (msg.flags & CLUSTER_NODE_NOFAILOVER);
  }
  if (sender && type === CLUSTERMSG_TYPE_PING && !nodeInHandshake(sender) && nodeUpdateAddressIfNeeded(cs, sender, link, msg)) {
    cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE);
  }

  // Only a PONG on our outbound link proves the node answers our PINGs.
  if (!link.inbound && type === CLUSTERMSG_TYPE_PONG && link.node) {
    const ln = link.node;
    ln.pongReceived = now;
    ln.pingSent = 0;
    if (nodeTimedOut(ln)) {
      ln.flags &= ~CLUSTER_NODE_PFAIL;
      cs.env.emit({ type: 'pfail-cleared', subject: cs.env.nodeIx(ln.name) });
      cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE);
    } else if (nodeFailed(ln)) {
      clearNodeFailureIfNeeded(cs, ln);
    }
  }

  if (sender) updateRole(cs, sender, msg);

  // Slots: only when the claim differs from what we hold for the sender's master.
  let dirtySlots = false;
  if (sender) {
    const senderMaster = nodeIsMaster(sender) ? sender : sender.slaveof;
    if (senderMaster) dirtySlots = !senderMaster.slots.equals(msg.myslots);
  }
  if (sender && nodeIsMaster(sender) && dirtySlots) clusterUpdateSlotsConfigWith(cs, sender, msg.configEpoch, msg.myslots);
  if (sender && dirtySlots && msg.myslots.count > 0) {
    // The sender claims slots someone newer owns: tell it (one UPDATE per packet).
    const claimed = msg.myslots;
    for (let j = claimed.nextSet(0); j >= 0; j = claimed.nextSet(j + 1)) {
      const owner = cs.slots.owner(j);
      if (owner === sender || isSlotUnclaimed(cs, j)) continue;
      if (owner!.configEpoch > msg.configEpoch) {
        if (cs.env.logEnabled('verbose'))
          cs.env.log('verbose', `Node ${sender.name} has old slots configuration, sending an UPDATE message about ${owner!.name}`);
        clusterSendUpdate(cs, sender.link, owner!);
        break;
      }
    }
  }

  if (sender && nodeIsMaster(myself) && nodeIsMaster(sender) && msg.configEpoch === myself.configEpoch) {
    clusterHandleConfigEpochCollision(cs, sender);
  }

  if (sender) clusterProcessGossipSection(cs, msg, link);
  if (sender) {
    // Hostname ping extension: present → set, absent → cleared.
    sender.hostname = msg.hostname ?? '';
  }
  return !link.freed;
}

/** Role switch: the header's slaveof says whether the sender is a master or whose replica it is. */
function updateRole(cs: ClusterState, sender: ClusterNode, msg: ClusterMsg): void {
  if (msg.slaveof === null) {
    if (!nodeIsMaster(sender)) cs.env.emit({ type: 'role-seen', subject: cs.env.nodeIx(sender.name), role: 'master', master: NONE });
    clusterSetNodeAsMaster(cs, sender);
    return;
  }
  const master = clusterLookupNode(cs, msg.slaveof) ?? null;
  if (nodeIsMaster(sender)) {
    // A master turned into a replica.
    clusterDelNodeSlots(cs, sender);
    sender.flags &= ~(CLUSTER_NODE_MASTER | CLUSTER_NODE_MIGRATE_TO);
    sender.flags |= CLUSTER_NODE_SLAVE;
    cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE);
  }
  if (master && sender.slaveof !== master) {
    if (sender.slaveof) clusterNodeRemoveSlave(sender.slaveof, sender);
    clusterNodeAddSlave(master, sender);
    sender.slaveof = master;
    cs.env.emit({ type: 'role-seen', subject: cs.env.nodeIx(sender.name), role: 'replica', master: cs.env.nodeIx(master.name) });
    cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG);
  }
}
