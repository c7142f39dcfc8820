// Reading the cluster: connect to the entry node, check it runs in cluster
// mode, read its CLUSTER NODES, then connect to every node it knows and
// read each one's own line (clusterManagerLoadInfoFromNode). A node that
// cannot be reached, or that the entry node flags fail/noaddr, is left out;
// a master left out counts as unreachable.

import { call, connect, isErr, replyOk, replyString, type Proc } from './effects.ts';
import type { ClusterManager } from './manager.ts';
import { CliNode, FLAG_DISCONNECT, FLAG_FAIL, FLAG_NOADDR, loadNodesText } from './node.ts';
import { hostFromArgs, INVALID_HOST_ARG } from './options.ts';

/** clusterManagerNodeConnect: prints hiredis's error to stderr on failure. */
export function* nodeConnect(cm: ClusterManager, node: CliNode): Proc<boolean> {
  const err = yield* connect(node);
  if (err === null) return true;
  cm.out.err(`Could not connect to Redis at ${node.ip}:${node.port}: ${err}\n`);
  return false;
}

/** freeClusterManagerNode: its connection goes (the node object may linger). */
export function freeNode(node: CliNode): void {
  node.link?.close();
  node.link = null;
  for (const f of node.friends ?? []) freeNode(f);
  node.friends = null;
}

/** getLongInfoField: the field's integer, or null (LONG_MIN in C) when absent. */
export function infoField(info: string, field: string): number | null {
  const m = new RegExp(`(?:^|\\r?\\n)${field}:(-?\\d+)`).exec(info);
  return m ? Number(m[1]) : null;
}

/** INFO, or null with the error text (clusterManagerGetNodeRedisInfo). */
function* nodeInfoText(node: CliNode): Proc<{ info: string | null; err: string | null }> {
  const r = yield* call(node, 'INFO');
  if (r === null) return { info: null, err: null };
  if (isErr(r)) return { info: null, err: r.text };
  return { info: replyString(r), err: null };
}

/** clusterManagerNodeIsCluster. */
export function* nodeIsCluster(node: CliNode): Proc<{ ok: boolean; err: string | null }> {
  const { info, err } = yield* nodeInfoText(node);
  if (info === null) return { ok: false, err };
  // A missing field reads as LONG_MIN in C, which is true.
  return { ok: infoField(info, 'cluster_enabled') !== 0, err: null };
}

/** clusterManagerNodeIsEmpty: no keys in db0 and no other known node. */
export function* nodeIsEmpty(node: CliNode): Proc<{ ok: boolean; err: string | null }> {
  const { info, err } = yield* nodeInfoText(node);
  if (info === null) return { ok: false, err };
  if (info.includes('db0:')) return { ok: false, err: null };
  const r = yield* call(node, 'CLUSTER', 'INFO');
  if (!replyOk(r)) return { ok: false, err: isErr(r) ? r.text : null };
  return { ok: infoField(replyString(r), 'cluster_known_nodes') === 1, err: null };
}

/** clusterManagerNodeLoadInfo: CLUSTER NODES into `node` (and its friends). */
export function* nodeLoadInfo(cm: ClusterManager, node: CliNode, getFriends: boolean): Proc<{ ok: boolean; err: string | null }> {
  const r = yield* call(node, 'CLUSTER', 'NODES');
  if (!replyOk(r)) return { ok: false, err: isErr(r) ? r.text : null };
  const res = loadNodesText(node, replyString(r), getFriends);
  if (res.badAddress) cm.out.err('Error: invalid CLUSTER NODES reply\n');
  return { ok: res.ok, err: null };
}

/** "[ERR] Node ip:port <msg>" for a node not in cluster mode. */
export function printNotClusterNodeError(cm: ClusterManager, node: CliNode, err: string | null): void {
  cm.out.log(`[ERR] Node ${node.ip}:${node.port} ${err ?? 'is not configured as a cluster node.'}\n`);
}

export function printNotEmptyNodeError(cm: ClusterManager, node: CliNode, err: string | null): void {
  const msg = err ?? 'is not empty. Either the node already knows other nodes (check with CLUSTER NODES) or contains some key in database 0.';
  cm.out.log(`[ERR] Node ${node.ip}:${node.port} ${msg}\n`);
}

/**
 * A node that is to join (create, add-node) must run in cluster mode,
 * answer CLUSTER NODES and be empty; each failure prints its own error.
 */
export function* checkNewNode(cm: ClusterManager, node: CliNode): Proc<boolean> {
  const isCluster = yield* nodeIsCluster(node);
  if (!isCluster.ok) {
    printNotClusterNodeError(cm, node, isCluster.err);
    return false;
  }
  const loaded = yield* nodeLoadInfo(cm, node, false);
  if (!loaded.ok) {
    if (loaded.err !== null) cm.printReplyError(node, loaded.err);
    return false;
  }
  const empty = yield* nodeIsEmpty(node);
  if (!empty.ok) {
    printNotEmptyNodeError(cm, node, empty.err);
    return false;
  }
  return true;
}

/** clusterManagerLoadInfoFromNode: the whole cluster as seen from `node`. */
export function* loadInfoFromNode(cm: ClusterManager, node: CliNode): Proc<boolean> {
  if (node.link === null && !(yield* nodeConnect(cm, node))) return false;
  const isCluster = yield* nodeIsCluster(node);
  if (!isCluster.ok) {
    printNotClusterNodeError(cm, node, isCluster.err);
    freeNode(node);
    return false;
  }
  const loaded = yield* nodeLoadInfo(cm, node, true);
  if (!loaded.ok) {
    if (loaded.err !== null) cm.printReplyError(node, loaded.err);
    freeNode(node);
    return false;
  }
  for (const n of cm.nodes ?? []) if (n !== node) freeNode(n);
  cm.nodes = [node];
  for (const friend of node.friends ?? []) {
    let valid = false;
    if (friend.ip && friend.port && (friend.link !== null || (yield* nodeConnect(cm, friend)))) {
      const info = yield* nodeLoadInfo(cm, friend, false);
      if (!info.ok) cm.out.log(`[ERR] Unable to load info for node ${friend.ip}:${friend.port}\n`);
      else if (!(friend.flags & (FLAG_NOADDR | FLAG_DISCONNECT | FLAG_FAIL))) valid = true;
    }
    if (valid) cm.nodes.push(friend);
    else {
      if (!friend.isSlave) cm.unreachableMasters++;
      freeNode(friend);
    }
  }
  node.friends = null;
  // Count the replicas of every master.
  for (const n of cm.nodes) {
    if (n.replicate === null) continue;
    const master = cm.nodeByName(n.replicate);
    if (!master) cm.out.log(`*** WARNING: ${n.ip}:${n.port} claims to be slave of unknown node ID ${n.replicate}.\n`);
    else master.replicasCount++;
  }
  return true;
}

/**
 * The opening of most subcommands: parse `host:port` from the first argument
 * (getClusterHostFromCmdArgs) and load the cluster from that node.
 */
export function* loadInfoFromArgs(cm: ClusterManager, argv: readonly string[]): Proc<boolean> {
  const host = hostFromArgs(argv);
  if (!host) {
    cm.out.err(INVALID_HOST_ARG);
    return false;
  }
  return yield* loadInfoFromNode(cm, new CliNode(host.ip, host.port));
}
