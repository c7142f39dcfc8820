// "Do the nodes agree?" as redis-cli asks it: each node's CLUSTER NODES
// reduced to a signature (every node that owns slots, with its slot ranges,
// sorted), compared across all nodes; and the wait for a new cluster to
// converge, one second per dot, with the unreachable-bus-port report every
// 20-odd seconds (clusterManagerWaitForClusterJoin).

import { call, isErr, replyString, sleep, type Proc } from './effects.ts';
import type { ClusterManager } from './manager.ts';
import { parseClusterNodeAddress, type CliNode } from './node.ts';

/** The lines of the node's CLUSTER NODES (without the empty one after the last newline); null on an error. */
function* clusterNodesLines(node: CliNode): Proc<string[] | null> {
  const r = yield* call(node, 'CLUSTER', 'NODES');
  if (r === null || isErr(r)) return null;
  const lines = replyString(r).split('\n');
  lines.pop();
  return lines;
}

/** clusterManagerGetConfigSignature: `id:ranges|id:ranges…`, or null when no node has slots (or on error). */
export function* getConfigSignature(node: CliNode): Proc<string | null> {
  const lines = yield* clusterNodesLines(node);
  if (lines === null) return null;
  const configs: string[] = [];
  for (const line of lines) {
    const tokens = line.split(' ');
    // Only lines with an eighth space have slot tokens after it.
    if (tokens.length < 9) continue;
    const rest = tokens.slice(8);
    if (rest.join(' ').length === 0) continue;
    const slots = rest.filter((t) => !t.startsWith('['));
    if (slots.length === 0) continue;
    configs.push(`${tokens[0]}:${slots.sort().join(',')}`);
  }
  if (configs.length === 0) return null;
  return configs.sort().join('|');
}

/** clusterManagerIsConfigConsistent: every node's signature equal (and not null). */
export function* isConfigConsistent(cm: ClusterManager): Proc<boolean> {
  if (cm.nodes === null) return false;
  if (cm.nodes.length <= 1) return true;
  let first: string | null = null;
  for (const node of cm.nodes) {
    const cfg = yield* getConfigSignature(node);
    if (cfg === null) return false;
    if (first === null) first = cfg;
    else if (cfg !== first) return false;
  }
  return true;
}

/** clusterManagerGetDisconnectedLinks: addresses this node has no working link to (or is still meeting). */
function* disconnectedLinks(node: CliNode): Proc<string[] | null> {
  const lines = yield* clusterNodesLines(node);
  if (lines === null) return null;
  const out: string[] = [];
  for (const line of lines) {
    const tokens = line.split(' ');
    const [name, addr, flags] = tokens;
    const linkStatus = tokens[7];
    if (name === undefined || addr === undefined || flags === undefined || linkStatus === undefined) continue;
    if (flags.includes('myself')) continue;
    const disconnected = flags.includes('disconnected') || linkStatus.includes('disconnected');
    if (disconnected || flags.includes('handshake')) out.push(addr);
  }
  return out;
}

/** clusterManagerGetLinkStatus: unreachable address → the nodes that cannot reach it. */
function* linkStatus(cm: ClusterManager): Proc<Map<string, string[]>> {
  const status = new Map<string, string[]>();
  for (const node of cm.nodes ?? []) {
    for (const addr of (yield* disconnectedLinks(node)) ?? []) {
      let from = status.get(addr);
      if (!from) status.set(addr, (from = []));
      from.push(`${node.ip}:${node.port}`);
    }
  }
  return status;
}

const CLUSTER_JOIN_CHECK_AFTER = 20;

/** clusterManagerWaitForClusterJoin: poll once a second until the nodes agree (forever if they never do). */
export function* waitForClusterJoin(cm: ClusterManager): Proc<void> {
  cm.out.out('Waiting for the cluster to join\n');
  let counter = 0;
  const checkAfter = CLUSTER_JOIN_CHECK_AFTER + Math.trunc((cm.nodes?.length ?? 0) * Math.fround(0.15));
  while (!(yield* isConfigConsistent(cm))) {
    cm.out.out('.');
    yield* sleep(1000);
    if (++counter > checkAfter) {
      const status = yield* linkStatus(cm);
      if (status.size > 0) {
        cm.out.out('\n');
        cm.out.log(`Warning: ${status.size} node(s) may be unreachable\n`);
        for (const [addr, from] of status) {
          const a = parseClusterNodeAddress(addr);
          if (a && a.busPort) cm.out.log(` - The port ${a.busPort} of node ${a.ip} may be unreachable from:\n`);
          else cm.out.log(` - Node ${addr} may be unreachable from:\n`);
          for (const f of from) cm.out.log(`   ${f}\n`);
          cm.out.log('Cluster bus ports must be reachable by every node.\nRemember that cluster bus ports are different from standard instance ports.\n');
        }
      }
      counter = 0;
    }
  }
  cm.out.out('\n');
}
