// redis-cli --cluster del-node host:port node_id (clusterManagerCommandDeleteNode):
// refuse a node that still owns slots; otherwise move its replicas to the
// master with fewest replicas, send CLUSTER FORGET to every other node, and
// CLUSTER RESET SOFT to the node itself. In 7.0 the node keeps running as an
// empty master that knows nobody (redis-trib used to shut it down).

import { call, type Proc } from './effects.ts';
import { hostFromArgs, INVALID_HOST_ARG } from './options.ts';
import { loadInfoFromNode } from './load.ts';
import { nodeWithLeastReplicas, type ClusterManager } from './manager.ts';
import { CliNode } from './node.ts';
import { checkReply } from './slot-ops.ts';

export function* clusterManagerCommandDeleteNode(cm: ClusterManager, argv: readonly string[]): Proc<boolean> {
  const out = cm.out;
  const ref = hostFromArgs(argv.slice(0, 1));
  if (!ref) {
    out.err(INVALID_HOST_ARG);
    return false;
  }
  const nodeId = argv[1]!;
  out.log(`>>> Removing node ${nodeId} from cluster ${ref.ip}:${ref.port}\n`);
  if (!(yield* loadInfoFromNode(cm, new CliNode(ref.ip, ref.port)))) return false;

  const node = cm.nodeByName(nodeId);
  if (!node) {
    out.log(`[ERR] No such node ID ${nodeId}\n`);
    return false;
  }
  if (node.slotsCount !== 0) {
    out.log(`[ERR] Node ${node.ip}:${node.port} is not empty! Reshard data away and try again.\n`);
    return false;
  }

  out.log('>>> Sending CLUSTER FORGET messages to the cluster...\n');
  for (const n of cm.nodes ?? []) {
    if (n === node) continue;
    if (n.replicate !== null && n.replicate.toLowerCase() === nodeId.toLowerCase()) {
      // Its master is going away: give it another one.
      const master = nodeWithLeastReplicas(cm)!;
      out.log(`>>> ${n.ip}:${n.port} as replica of ${master.ip}:${master.port}\n`);
      if (!checkReply(cm, n, yield* call(n, 'CLUSTER', 'REPLICATE', master.name ?? ''))) return false;
    }
    if (!checkReply(cm, n, yield* call(n, 'CLUSTER', 'FORGET', nodeId))) return false;
  }

  out.log('>>> Sending CLUSTER RESET SOFT to the deleted node.\n');
  return checkReply(cm, node, yield* call(node, 'CLUSTER', 'RESET', 'SOFT'));
}
