// Building and sending cluster bus messages: the header every message
// carries (clusterBuildMessageHdr), and the non-gossip senders: FAIL,
// UPDATE, FAILOVER_AUTH_REQUEST / ACK, MFSTART, and the broadcasts.

import {
  CLUSTERMSG_FLAG0_FORCEACK,
  CLUSTERMSG_FLAG0_PAUSED,
  CLUSTERMSG_TYPE_FAIL,
  CLUSTERMSG_TYPE_FAILOVER_AUTH_ACK,
  CLUSTERMSG_TYPE_FAILOVER_AUTH_REQUEST,
  CLUSTERMSG_TYPE_MFSTART,
  CLUSTERMSG_TYPE_UPDATE,
  CLUSTER_NODE_HANDSHAKE,
  CLUSTER_NODE_MYSELF,
  MESSAGE_TYPE_LABELS,
} from './constants.ts';
import type { ClusterLink } from './link.ts';
import { messageLength, type ClusterMsg, type GossipSection } from './messages.ts';
import { nodeIsMaster, nodeIsSlave, type ClusterNode } from './node.ts';
import type { SlotBitmap } from './slot-bitmap.ts';
import type { ClusterState } from './state.ts';

/** clusterBuildMessageHdr: the header as myself would fill it right now. */
export function clusterBuildMessageHdr(
  cs: ClusterState,
  type: number,
  body: { gossip?: GossipSection; failNodeName?: string; update?: ClusterMsg['update']; mflags?: number } = {},
): ClusterMsg {
  const myself = cs.myself;
  const master = nodeIsSlave(myself) && myself.slaveof ? myself.slaveof : myself;
  let mflags = body.mflags ?? 0;
  if (nodeIsMaster(myself) && cs.mfEnd !== 0) mflags |= CLUSTERMSG_FLAG0_PAUSED;
  const hostname = cs.config.clusterAnnounceHostname || undefined;
  const msg: ClusterMsg = {
    type,
    totlen: messageLength(type, body.gossip?.count ?? 0, hostname),
    port: cs.self.port,
    currentEpoch: cs.currentEpoch,
    configEpoch: master.configEpoch,
    offset: cs.server.headerReplOffset(!nodeIsSlave(myself)),
    sender: myself.name,
    myslots: master.slots,
    slaveof: myself.slaveof ? myself.slaveof.name : null,
    myip: cs.config.clusterAnnounceIp,
    pport: 0,
    cport: cs.self.cport,
    flags: myself.flags,
    state: cs.state,
    mflags,
  };
  if (body.gossip) msg.gossip = body.gossip;
  if (hostname) msg.hostname = hostname;
  if (body.failNodeName) msg.failNodeName = body.failNodeName;
  if (body.update) msg.update = body.update;
  return msg;
}

/** clusterSendMessage: queue on a link and count it. */
export function clusterSendMessage(cs: ClusterState, link: ClusterLink, msg: ClusterMsg): void {
  if (link.freed) return;
  cs.env.busSend(link.conn, msg, MESSAGE_TYPE_LABELS[msg.type] ?? 'UNKNOWN');
  cs.statsBusMessagesSent[msg.type]!++;
}

/** clusterBroadcastMessage: every node with an outbound link, except myself and handshake nodes. */
export function clusterBroadcastMessage(cs: ClusterState, msg: ClusterMsg): void {
  for (const n of cs.nodes.values()) {
    if (!n.link) continue;
    if (n.flags & (CLUSTER_NODE_MYSELF | CLUSTER_NODE_HANDSHAKE)) continue;
    clusterSendMessage(cs, n.link, msg);
  }
}

/** clusterSendFail: tell everybody that `nodename` is failing. */
export function clusterSendFail(cs: ClusterState, nodename: string): void {
  clusterBroadcastMessage(cs, clusterBuildMessageHdr(cs, CLUSTERMSG_TYPE_FAIL, { failNodeName: nodename }));
}

/** clusterSendUpdate: tell a stale node who owns its slots now (dropped if no link). */
export function clusterSendUpdate(cs: ClusterState, link: ClusterLink | null, node: ClusterNode): void {
  if (!link) return;
  // The owner's bitmap minus slots it no longer claims (owner_not_claiming_slot).
  let slots: SlotBitmap = node.slots;
  if (cs.ownerNotClaimingSlot.size > 0) {
    const ed = slots.edit();
    for (const s of cs.ownerNotClaimingSlot) ed.set(s, false);
    slots = ed.done();
  }
  const msg = clusterBuildMessageHdr(cs, CLUSTERMSG_TYPE_UPDATE, {
    update: { configEpoch: node.configEpoch, nodename: node.name, slots },
  });
  clusterSendMessage(cs, link, msg);
  cs.env.emit({ type: 'update-sent', subject: cs.env.nodeIx(link.node?.name ?? ''), about: cs.env.nodeIx(node.name), epoch: node.configEpoch });
}

/** clusterRequestFailoverAuth: broadcast the vote request (FORCEACK during a manual failover). */
export function clusterRequestFailoverAuth(cs: ClusterState): void {
  const mflags = cs.mfEnd !== 0 ? CLUSTERMSG_FLAG0_FORCEACK : 0;
  clusterBroadcastMessage(cs, clusterBuildMessageHdr(cs, CLUSTERMSG_TYPE_FAILOVER_AUTH_REQUEST, { mflags }));
}

/** clusterSendFailoverAuth: the vote, on my outbound link to the requester (dropped if none). */
export function clusterSendFailoverAuth(cs: ClusterState, node: ClusterNode): void {
  if (!node.link) return;
  clusterSendMessage(cs, node.link, clusterBuildMessageHdr(cs, CLUSTERMSG_TYPE_FAILOVER_AUTH_ACK));
}

/** clusterSendMFStart: a replica asks its master to start a manual failover. */
export function clusterSendMFStart(cs: ClusterState, node: ClusterNode): void {
  if (!node.link) return;
  clusterSendMessage(cs, node.link, clusterBuildMessageHdr(cs, CLUSTERMSG_TYPE_MFSTART));
}
