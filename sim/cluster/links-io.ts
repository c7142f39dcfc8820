// Bus connections as cluster.c handles them: opening an outbound link
// (createClusterLink + connect), the connect handler that sends the first
// PING or MEET, accepting inbound links, reading packets, and freeing a link
// on I/O errors. Node state never changes because a link broke; the cron
// opens a new one.

import { CLUSTERMSG_TYPE_MEET, CLUSTERMSG_TYPE_PING, CLUSTER_NODE_MEET } from './constants.ts';
import type { BusHandlers } from './env.ts';
import { clusterSendPing } from './gossip.ts';
import { ClusterLink, type ConnHandle } from './link.ts';
import type { ClusterNode } from './node.ts';
import { freeClusterLink } from './node-table.ts';
import type { ClusterState } from './state.ts';

/** The connection is gone (refused, timed out, reset, EOF): free the link. */
export function clusterLinkClosed(cs: ClusterState, link: ClusterLink, reason: string): void {
  if (link.freed) return;
  if (!link.inbound && !link.connected && link.node && cs.env.logEnabled('verbose')) {
    const n = link.node;
    const why = reason === 'refused' ? 'Connection refused' : reason === 'timeout' ? 'Connection timed out' : reason;
    cs.env.log('verbose', `Connection with Node ${n.name} at ${n.ip}:${n.cport} failed: ${why}`);
  }
  freeClusterLink(cs, link);
}

/**
 * The reconnect step of clusterNodeCronHandleReconnect: open an outbound link.
 * A synchronous connect failure counts as a sent PING (so that failure
 * detection still works); asynchronous ones do not.
 */
export function clusterCreateOutboundLink(cs: ClusterState, node: ClusterNode): void {
  const link = new ClusterLink(cs.env.mstime(), node, false, undefined, cs);
  const conn = cs.env.busConnect(node.ip, node.cport, link);
  if (conn === undefined) {
    if (node.pingSent === 0) node.pingSent = cs.env.mstime();
    link.freed = true;
    return;
  }
  link.conn = conn;
  node.link = link;
}

/** clusterLinkConnectHandler: connected; the first packet is a PING (or MEET), keeping an older ping_sent. */
export function clusterLinkConnectHandler(cs: ClusterState, link: ClusterLink): void {
  if (link.freed || !link.node) return;
  link.connected = true;
  const node = link.node;
  const oldPingSent = node.pingSent;
  clusterSendPing(cs, link, node.flags & CLUSTER_NODE_MEET ? CLUSTERMSG_TYPE_MEET : CLUSTERMSG_TYPE_PING);
  if (oldPingSent) node.pingSent = oldPingSent;
  node.flags &= ~CLUSTER_NODE_MEET;
}

/**
 * Adopt a connection that was established before this process's history
 * began (the steady cluster of t=0): an outbound link to `node`, or the
 * inbound link `node` opened to us, already bound to it.
 */
export function clusterAdoptLink(cs: ClusterState, node: ClusterNode, conn: ConnHandle, inbound: boolean): BusHandlers {
  const link = new ClusterLink(cs.env.mstime(), node, inbound, conn, cs);
  link.connected = true;
  if (inbound) node.inboundLink = link;
  else node.link = link;
  return link;
}

/** clusterAcceptHandler: an inbound link, not bound to a node until a known sender speaks on it. */
export function clusterAcceptHandler(cs: ClusterState, conn: ConnHandle): BusHandlers {
  const link = new ClusterLink(cs.env.mstime(), null, true, conn, cs);
  cs.unboundLinks.add(link);
  if (cs.env.logEnabled('verbose')) cs.env.log('verbose', `Accepting cluster node connection from ${cs.env.busPeerIp(conn)}`);
  return link;
}
