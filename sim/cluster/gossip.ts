// PING / PONG / MEET and their gossip sections: clusterSendPing (which nodes
// a packet talks about), clusterBroadcastPong, and clusterProcessGossipSection
// (failure reports, pong-time refresh, address repair, learning new nodes).

import {
  CLUSTERMSG_TYPE_PING,
  CLUSTERMSG_TYPE_PONG,
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_HANDSHAKE,
  CLUSTER_NODE_NOADDR,
  CLUSTER_NODE_PFAIL,
} from './constants.ts';
import { markNodeAsFailingIfNeeded } from './failure-detection.ts';
import {
  clusterNodeAddFailureReport,
  clusterNodeDelFailureReport,
  clusterNodeFailureReportsCount,
} from './failure-reports.ts';
import type { ClusterLink } from './link.ts';
import type { ClusterMsg, GossipEntry } from './messages.ts';
import { nodeInHandshake, nodeIsMaster, nodeIsSlave, type ClusterNode } from './node.ts';
import {
  clusterAddNode,
  clusterBlacklistExists,
  clusterLookupNode,
  createClusterNode,
  freeClusterLink,
} from './node-table.ts';
import { clusterBuildMessageHdr, clusterSendMessage } from './send.ts';
import type { ClusterState } from './state.ts';

/**
 * The gossip entry for `n` as of now. Entries are immutable and a node's
 * entry changes only when its flags, address or whole-second ping/pong times
 * do, so the last one built is reused: at 1000 nodes a PING carries 100
 * entries and this keeps them from being garbage.
 */
function gossipEntry(n: ClusterNode): GossipEntry {
  const pingSent = Math.floor(n.pingSent / 1000);
  const pongReceived = Math.floor(n.pongReceived / 1000);
  const c = n.gossipCache;
  if (
    c !== null &&
    c.nodename === n.name &&
    c.pingSent === pingSent &&
    c.pongReceived === pongReceived &&
    c.flags === n.flags &&
    c.ip === n.ip &&
    c.port === n.port &&
    c.cport === n.cport &&
    c.pport === n.pport
  ) {
    return c;
  }
  const e: GossipEntry = { nodename: n.name, pingSent, pongReceived, ip: n.ip, port: n.port, cport: n.cport, flags: n.flags, pport: n.pport };
  n.gossipCache = e;
  return e;
}

/** clusterSendPing: a PING, PONG or MEET on `link`, with gossip about a few random nodes and every PFAIL node. */
export function clusterSendPing(cs: ClusterState, link: ClusterLink, type: number): void {
  const sentMark = ++cs.clusterPingsSent;
  const list = cs.nodeList;
  const size = list.length;
  let freshnodes = size - 2;
  let wanted = Math.floor(size / 10);
  if (wanted < 3) wanted = 3;
  if (wanted > freshnodes) wanted = freshnodes;
  let pfailWanted = cs.statsPfailNodes;

  // Only a PING on our outbound link starts the PFAIL clock. Fix: the
  // inbound case (the PING a master sends back on the MFSTART link) used to
  // set ping_sent too; cluster.c guards it with `!link->inbound`, since the
  // answer to that PING arrives on the inbound link and cannot clear it.
  if (!link.inbound && link.node && type === CLUSTERMSG_TYPE_PING) link.node.pingSent = cs.env.mstime();

  const gossip: GossipEntry[] = [];
  const rng = cs.env.rng;
  let maxiterations = wanted * 3;
  while (freshnodes > 0 && gossip.length < wanted && maxiterations-- > 0) {
    const n = list[rng.int(size)]!;
    if (n === cs.myself) continue;
    if (n.flags & CLUSTER_NODE_PFAIL) continue; // added below
    if (n.flags & (CLUSTER_NODE_HANDSHAKE | CLUSTER_NODE_NOADDR) || (n.link === null && n.numslots === 0)) {
      freshnodes--; // not quite right, as Redis says, but saves CPU
      continue;
    }
    if (n.lastInPingGossip === sentMark) continue;
    gossip.push(gossipEntry(n));
    n.lastInPingGossip = sentMark;
    freshnodes--;
  }

  if (pfailWanted > 0) {
    for (const n of cs.nodes.values()) {
      if (pfailWanted <= 0) break;
      if (n.flags & (CLUSTER_NODE_HANDSHAKE | CLUSTER_NODE_NOADDR)) continue;
      if (!(n.flags & CLUSTER_NODE_PFAIL)) continue;
      gossip.push(gossipEntry(n));
      pfailWanted--;
    }
  }

  clusterSendMessage(cs, link, clusterBuildMessageHdr(cs, type, { gossip }));
}

/** clusterBroadcastPong: to every node with an outbound link, or only to my master's replicas (LOCAL_SLAVES). */
export function clusterBroadcastPong(cs: ClusterState, localSlavesOnly: boolean): void {
  const myself = cs.myself;
  for (const n of cs.nodes.values()) {
    if (!n.link) continue;
    if (n === myself || nodeInHandshake(n)) continue;
    if (localSlavesOnly) {
      const localSlave = nodeIsSlave(n) && n.slaveof !== null && (n.slaveof === myself || n.slaveof === myself.slaveof);
      if (!localSlave) continue;
    }
    clusterSendPing(cs, n.link, CLUSTERMSG_TYPE_PONG);
  }
}

/** clusterProcessGossipSection. */
export function clusterProcessGossipSection(cs: ClusterState, msg: ClusterMsg, link: ClusterLink): void {
  const entries = msg.gossip;
  if (!entries || entries.length === 0) return;
  const sender = link.node ?? clusterLookupNode(cs, msg.sender) ?? null;
  const now = cs.env.mstime();
  for (const g of entries) {
    const flags = g.flags;
    const node = clusterLookupNode(cs, g.nodename);
    if (node) {
      // Failure reports count only from masters (in 7.0, any master, even slotless).
      if (sender && nodeIsMaster(sender) && node !== cs.myself) {
        if (flags & (CLUSTER_NODE_FAIL | CLUSTER_NODE_PFAIL)) {
          if (clusterNodeAddFailureReport(cs, node, sender) && cs.env.logEnabled('verbose')) {
            cs.env.log('verbose', `Node ${sender.name} reported node ${node.name} as not reachable.`);
          }
          markNodeAsFailingIfNeeded(cs, node);
        } else if (clusterNodeDelFailureReport(cs, node, sender) && cs.env.logEnabled('verbose')) {
          cs.env.log('verbose', `Node ${sender.name} reported node ${node.name} is back online.`);
        }
      }

      // A peer heard from the node more recently than we did: trust it, if we
      // are not waiting for a PONG ourselves and nobody reported it failing.
      if (!(flags & (CLUSTER_NODE_FAIL | CLUSTER_NODE_PFAIL)) && node.pingSent === 0 && clusterNodeFailureReportsCount(cs, node) === 0) {
        const pongtime = g.pongReceived * 1000;
        if (pongtime <= now + 500 && pongtime > node.pongReceived) node.pongReceived = pongtime;
      }

      // We cannot reach it but a peer can, at another address: try that one.
      if (
        node.flags & (CLUSTER_NODE_FAIL | CLUSTER_NODE_PFAIL) &&
        !(flags & CLUSTER_NODE_NOADDR) &&
        !(flags & (CLUSTER_NODE_FAIL | CLUSTER_NODE_PFAIL)) &&
        (node.ip !== g.ip || node.port !== g.port || node.pport !== g.pport || node.cport !== g.cport)
      ) {
        if (node.link) freeClusterLink(cs, node.link);
        node.ip = g.ip;
        node.port = g.port;
        node.pport = g.pport;
        node.cport = g.cport;
        node.flags &= ~CLUSTER_NODE_NOADDR;
      }
    } else if (sender && !(flags & CLUSTER_NODE_NOADDR) && !clusterBlacklistExists(cs, g.nodename)) {
      // Learned from a trusted peer: added with its real name and raw flags, no handshake.
      const n = createClusterNode(cs, g.nodename, flags);
      n.ip = g.ip;
      n.port = g.port;
      n.pport = g.pport;
      n.cport = g.cport;
      clusterAddNode(cs, n);
    }
  }
}
