// redis-cli --cluster create host:port… [--cluster-replicas N]
// (clusterManagerCommandCreate): every node must be an empty cluster node;
// propose the layout (create-layout.ts); once confirmed, ADDSLOTS on the
// masters (the replicas' REPLICATE fails for now: they know nobody), give
// every node its own configEpoch 1..N, MEET them all with the first node,
// wait a second and then until they agree, send the replicas' REPLICATE,
// and check the result from the first node.

import { call, isErr, sleep, type Proc } from './effects.ts';
import { assignLayout, optimizeAntiAffinity } from './create-layout.ts';
import { checkCluster, showNodes } from './check.ts';
import { waitForClusterJoin } from './consistency.ts';
import { checkNewNode, freeNode, loadInfoFromNode, nodeConnect } from './load.ts';
import type { ClusterManager } from './manager.ts';
import { CliNode, parseClusterNodeAddress } from './node.ts';
import { CLUSTER_MANAGER_SLOTS } from './node.ts';
import { checkReply } from './slot-ops.ts';

/** clusterManagerAddSlots: one CLUSTER ADDSLOTS with every slot of the node. */
function* addSlots(node: CliNode): Proc<{ ok: boolean; err: string | null }> {
  const slots: number[] = [];
  for (let i = 0; i < CLUSTER_MANAGER_SLOTS; i++) if (node.slots[i]) slots.push(i);
  if (slots.length === 0) return { ok: false, err: null };
  const r = yield* call(node, 'CLUSTER', 'ADDSLOTS', ...slots);
  if (r === null) return { ok: false, err: null };
  if (isErr(r)) return { ok: false, err: r.text };
  return { ok: true, err: null };
}

/** clusterManagerFlushNodeConfig: REPLICATE for replicas (kept dirty on failure), ADDSLOTS for masters. */
function* flushNodeConfig(node: CliNode): Proc<{ ok: boolean; err: string | null }> {
  if (!node.dirty) return { ok: false, err: null };
  if (node.replicate !== null) {
    const r = yield* call(node, 'CLUSTER', 'REPLICATE', node.replicate);
    // Not known yet before the nodes meet: stays dirty, flushed again after the join.
    if (r === null || isErr(r)) return { ok: false, err: isErr(r) ? r.text : null };
    node.dirty = false;
    return { ok: true, err: null };
  }
  const added = yield* addSlots(node);
  node.dirty = false;
  return { ok: added.ok && added.err === null, err: added.err };
}

export function* clusterManagerCommandCreate(cm: ClusterManager, argv: readonly string[]): Proc<boolean> {
  const out = cm.out;
  cm.nodes = [];
  for (const addr of argv) {
    const a = parseClusterNodeAddress(addr);
    if (!a) {
      out.err(`Invalid address format: ${addr}\n`);
      return false;
    }
    const node = new CliNode(a.ip, a.port);
    if (!(yield* nodeConnect(cm, node))) return false;
    if (!(yield* checkNewNode(cm, node))) return false;
    cm.nodes.push(node);
  }
  const nodes = cm.nodes;
  const replicas = cm.cmd.replicas;
  const mastersCount = Math.trunc(nodes.length / (replicas + 1));
  if (mastersCount < 3) {
    out.log(
      `*** ERROR: Invalid configuration for cluster creation.\n*** Redis Cluster requires at least 3 master nodes.\n*** This is not possible with ${nodes.length} nodes and ${replicas} replicas per node.`,
    );
    out.log(`\n*** At least ${3 * (replicas + 1)} nodes are required.\n`);
    return false;
  }
  out.log(`>>> Performing hash slots allocation on ${nodes.length} nodes...\n`);
  const byIp = assignLayout(out, nodes, mastersCount, replicas);
  optimizeAntiAffinity(out, cm.rng, nodes, byIp);
  showNodes(cm);
  if (!cm.confirmWithYes('Can I set the above configuration?', false)) return true;

  for (const node of nodes) {
    const flushed = yield* flushNodeConfig(node);
    if (!flushed.ok && node.dirty && node.replicate === null) {
      if (flushed.err !== null) cm.printReplyError(node, flushed.err);
      return false;
    }
  }
  out.log('>>> Nodes configuration updated\n');
  out.log('>>> Assign a different config epoch to each node\n');
  let epoch = 1;
  for (const node of nodes) yield* call(node, 'cluster', 'set-config-epoch', epoch++);

  out.log('>>> Sending CLUSTER MEET messages to join the cluster\n');
  const first = nodes[0]!;
  for (const node of nodes.slice(1)) {
    // The two-argument form unless the first node's bus port is not port + 10000.
    const argv: (string | number)[] = ['cluster', 'meet', first.ip, first.port];
    if (first.busPort !== 0 && first.busPort !== first.port + 10000) argv.push(first.busPort);
    const r = yield* call(node, ...argv);
    if (r === null) {
      out.err('Failed to send CLUSTER MEET command.\n');
      return false;
    }
    if (!checkReply(cm, node, r)) return false;
  }
  // A second for the join to start, else the still-empty views would agree.
  yield* sleep(1000);
  yield* waitForClusterJoin(cm);
  for (const node of nodes) {
    if (!node.dirty) continue;
    const flushed = yield* flushNodeConfig(node);
    if (!flushed.ok && node.replicate === null) {
      if (flushed.err !== null) cm.printReplyError(node, flushed.err);
      return false;
    }
  }
  // Start over from the first node, as a `check` would.
  for (const node of nodes.slice(1)) freeNode(node);
  cm.nodes = [];
  if (!(yield* loadInfoFromNode(cm, first))) return false;
  yield* checkCluster(cm, false);
  return true;
}
