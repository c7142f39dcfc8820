// The read-only CLUSTER replies other than NODES: INFO, SLOTS, SHARDS,
// LINKS, COUNT-FAILURE-REPORTS, shaped as 7.0.15 sends them over RESP2
// (RESP3 maps become flat key/value arrays there, as in Redis).

import { array, bulk, error, int, NIL, type Reply } from '../core/reply.ts';
import { CLUSTER_OK, CLUSTER_SLOTS, CLUSTERMSG_TYPE_COUNT, MESSAGE_TYPE_STAT_NAMES } from './constants.ts';
import { clusterNodeFailureReportsCount } from './failure-reports.ts';
import type { ClusterLink } from './link.ts';
import { nodeFailed, nodeIsMaster, nodeIsMyself, nodeIsSlave, nodeTimedOut, type ClusterNode } from './node.ts';
import { clusterGenNodesSlotsInfo } from './nodes-format.ts';
import type { ClusterState } from './state.ts';

/**
 * Module-local copy of CLUSTER_SLOTS: loops over all 16384 slots read it on
 * every step, and an imported binding costs a getter call per read under
 * vitest's module runner.
 */
const SLOTS = CLUSTER_SLOTS;

/** CLUSTER INFO text: CRLF-terminated lines, message stats only for types with a non-zero count. */
export function clusterInfoString(cs: ClusterState): string {
  let assigned = 0;
  let ok = 0;
  let pfail = 0;
  let fail = 0;
  for (let j = 0; j < SLOTS; j++) {
    const n = cs.slots.owner(j);
    if (!n) continue;
    assigned++;
    if (nodeFailed(n)) fail++;
    else if (nodeTimedOut(n)) pfail++;
    else ok++;
  }
  const me = cs.myself;
  const myEpoch = nodeIsSlave(me) && me.slaveof ? me.slaveof.configEpoch : me.configEpoch;
  const lines = [
    `cluster_state:${cs.state === CLUSTER_OK ? 'ok' : 'fail'}`,
    `cluster_slots_assigned:${assigned}`,
    `cluster_slots_ok:${ok}`,
    `cluster_slots_pfail:${pfail}`,
    `cluster_slots_fail:${fail}`,
    `cluster_known_nodes:${cs.nodes.size}`,
    `cluster_size:${cs.size}`,
    `cluster_current_epoch:${cs.currentEpoch}`,
    `cluster_my_epoch:${myEpoch}`,
  ];
  for (const [dir, counts] of [
    ['sent', cs.statsBusMessagesSent],
    ['received', cs.statsBusMessagesReceived],
  ] as const) {
    let total = 0;
    for (let t = 0; t < CLUSTERMSG_TYPE_COUNT; t++) {
      if (counts[t] === 0) continue;
      total += counts[t]!;
      lines.push(`cluster_stats_messages_${MESSAGE_TYPE_STAT_NAMES[t]}_${dir}:${counts[t]}`);
    }
    lines.push(`cluster_stats_messages_${dir}:${total}`);
  }
  lines.push(`total_cluster_links_buffer_limit_exceeded:${cs.statClusterLinksBufferLimitExceeded}`);
  return lines.map((l) => `${l}\r\n`).join('');
}

/** getPreferredEndpoint (CLUSTER SHARDS `endpoint`, MOVED/ASK targets). */
export function getPreferredEndpoint(cs: ClusterState, n: ClusterNode): string {
  switch (cs.config.clusterPreferredEndpointType) {
    case 'ip':
      return n.ip;
    case 'hostname':
      return n.hostname !== '' ? n.hostname : '?';
    case 'unknown-endpoint':
      return '';
  }
}

/**
 * addNodeToNodeReply: [endpoint, port, id, {other networking metadata}].
 * The endpoint is null for unknown-endpoint; the metadata map lists `ip`
 * unless it is the endpoint, and `hostname` when known and not the endpoint.
 */
function nodeToNodeReply(cs: ClusterState, n: ClusterNode): Reply {
  const type = cs.config.clusterPreferredEndpointType;
  const endpoint = type === 'ip' ? bulk(n.ip) : type === 'hostname' ? bulk(n.hostname || '?') : NIL;
  const meta: Reply[] = [];
  if (type !== 'ip') meta.push(bulk('ip'), bulk(n.ip));
  if (type !== 'hostname' && n.hostname !== '') meta.push(bulk('hostname'), bulk(n.hostname));
  return array([endpoint, int(n.port), bulk(n.name), array(meta)]);
}

/** A node's replication offset as we know it; our own comes from the replication layer. */
function nodeReplOffset(cs: ClusterState, n: ClusterNode): number {
  if (!nodeIsMyself(n)) return n.replOffset;
  return nodeIsSlave(n) ? cs.server.replicationGetSlaveOffset() : cs.server.headerReplOffset(true);
}

/** isReplicaAvailable: CLUSTER SLOTS hides failed replicas and replicas that never synced (offset 0). */
function isReplicaAvailable(cs: ClusterState, n: ClusterNode): boolean {
  if (nodeFailed(n)) return false;
  const offset = nodeIsMyself(n) ? cs.server.replicationGetSlaveOffset() : n.replOffset;
  return offset !== 0;
}

/** CLUSTER SLOTS: one entry per run of consecutive slots with the same owner, in slot order. */
export function clusterReplySlots(cs: ClusterState): Reply {
  const entries: Reply[] = [];
  let owner: ClusterNode | null = null;
  let start = -1;
  for (let i = 0; i <= SLOTS; i++) {
    const n = i < SLOTS ? cs.slots.owner(i)! : null;
    if (n === owner) continue;
    if (owner) {
      const items = [int(start), int(i - 1), nodeToNodeReply(cs, owner)];
      for (const s of owner.slaves) if (isReplicaAvailable(cs, s)) items.push(nodeToNodeReply(cs, s));
      entries.push(array(items));
    }
    owner = n;
    start = i;
  }
  return array(entries);
}

/** addNodeDetailsToShardReply, as a flat key/value array. */
function shardNodeDetails(cs: ClusterState, n: ClusterNode): Reply {
  const kv: Reply[] = [bulk('id'), bulk(n.name)];
  // No TLS: the plaintext port is node.port; a node whose port is unknown (0) has no `port` key.
  if (n.port) kv.push(bulk('port'), int(n.port));
  kv.push(bulk('ip'), bulk(n.ip), bulk('endpoint'), bulk(getPreferredEndpoint(cs, n)));
  if (n.hostname !== '') kv.push(bulk('hostname'), bulk(n.hostname));
  const offset = nodeReplOffset(cs, n);
  const health = nodeFailed(n) ? 'fail' : nodeIsSlave(n) && offset === 0 ? 'loading' : 'online';
  kv.push(bulk('role'), bulk(nodeIsSlave(n) ? 'replica' : 'master'));
  kv.push(bulk('replication-offset'), int(offset), bulk('health'), bulk(health));
  return array(kv);
}

/** CLUSTER SHARDS: one shard per master (slot-less masters too), in table order. */
export function clusterReplyShards(cs: ClusterState): Reply {
  const slotInfo = clusterGenNodesSlotsInfo(cs, 0);
  const shards: Reply[] = [];
  for (const n of cs.nodes.values()) {
    if (!nodeIsMaster(n)) continue;
    const slots = (slotInfo.get(n) ?? []).flatMap(([s, e]) => [int(s), int(e)]);
    const members = [n, ...n.slaves].map((m) => shardNodeDetails(cs, m));
    shards.push(array([bulk('slots'), array(slots), bulk('nodes'), array(members)]));
  }
  return array(shards);
}

/**
 * addReplyClusterLinkDescription. `events` shows the registered handlers:
 * `r` once the connection is up, `w` while bytes wait in the send buffer.
 * The model keeps one byte count, so allocated = used (Redis's clusterCron
 * shrinks an idle buffer, so both are 0 at rest).
 */
function linkDescription(link: ClusterLink): Reply {
  const events = (link.connected ? 'r' : '') + (link.sendBufBytes > 0 ? 'w' : '');
  return array([
    bulk('direction'),
    bulk(link.inbound ? 'from' : 'to'),
    bulk('node'),
    bulk(link.node!.name),
    bulk('create-time'),
    int(link.ctime),
    bulk('events'),
    bulk(events),
    bulk('send-buffer-allocated'),
    int(link.sendBufBytes),
    bulk('send-buffer-used'),
    int(link.sendBufBytes),
  ]);
}

/** CLUSTER LINKS: per node in table order, its outbound link then its inbound link. */
export function clusterReplyLinks(cs: ClusterState): Reply {
  const out: Reply[] = [];
  for (const n of cs.nodes.values()) {
    if (n.link) out.push(linkDescription(n.link));
    if (n.inboundLink) out.push(linkDescription(n.inboundLink));
  }
  return array(out);
}

/** CLUSTER COUNT-FAILURE-REPORTS <id>: valid reports only (expired ones are pruned first). */
export function clusterReplyCountFailureReports(cs: ClusterState, name: string): Reply {
  const n = cs.nodes.get(name);
  if (!n) return error(`ERR Unknown node ${name}`);
  return int(clusterNodeFailureReportsCount(cs, n));
}
