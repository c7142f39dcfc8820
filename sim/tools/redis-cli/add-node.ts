// redis-cli --cluster add-node new_host:new_port existing_host:existing_port
// [--cluster-slave [--cluster-master-id <id>]] (clusterManagerCommandAddNode):
// check the existing cluster, check the new node is an empty cluster node,
// copy the cluster's functions to a new master, MEET it with the first node,
// and for a replica wait for the join and send CLUSTER REPLICATE.

import { call, isErr, replyItems, replyOk, replyString, sleep, type Proc } from './effects.ts';
import { checkCluster } from './check.ts';
import { waitForClusterJoin } from './consistency.ts';
import { checkNewNode, loadInfoFromNode, nodeConnect } from './load.ts';
import { nodeWithLeastReplicas, type ClusterManager } from './manager.ts';
import { CliNode } from './node.ts';
import { checkReply } from './slot-ops.ts';
import { hostFromArgs, INVALID_HOST_ARG } from './options.ts';

/**
 * Copy the cluster's functions to the new node (FUNCTION DUMP / LIST /
 * RESTORE). Simulated nodes have no functions at all, so a node that does
 * not know FUNCTION has an empty library: the steps print what 7.0 prints
 * for an empty library without sending commands the node cannot answer.
 */
function* copyFunctions(cm: ClusterManager, refnode: CliNode, newNode: CliNode, ip: string, port: number): Proc<boolean> {
  const out = cm.out;
  out.log('>>> Getting functions from cluster\n');
  const dump = yield* call(refnode, 'FUNCTION', 'DUMP');
  const unknown = isErr(dump) && /^ERR unknown command/.test(dump.text);
  if (!replyOk(dump) && !unknown) {
    out.log(`>>> Failed retrieving Functions from the cluster, skip this step as Redis version do not support function command (error = '${isErr(dump) ? dump.text : 'NULL reply'}')\n`);
    return true;
  }
  out.log(`>>> Send FUNCTION LIST to ${ip}:${port} to verify there is no functions in it\n`);
  if (!unknown) {
    const list = yield* call(newNode, 'FUNCTION', 'LIST');
    if (!replyOk(list)) {
      out.log(`>>> Failed on CLUSTER LIST (error = '${isErr(list) ? list.text : 'NULL reply'}')\r\n`);
      return false;
    }
    if (replyItems(list).length > 0) {
      out.log('>>> New node already contains functions and can not be added to the cluster. Use FUNCTION FLUSH and try again.\r\n');
      return false;
    }
  }
  out.log(`>>> Send FUNCTION RESTORE to ${ip}:${port}\n`);
  if (!unknown) {
    const restored = yield* call(newNode, 'FUNCTION', 'RESTORE', replyString(dump!));
    if (!replyOk(restored)) {
      out.log(`>>> Failed loading functions to the new node (error = '${isErr(restored) ? restored.text : 'NULL reply'}')\r\n`);
      return false;
    }
  }
  return true;
}

export function* clusterManagerCommandAddNode(cm: ClusterManager, argv: readonly string[]): Proc<boolean> {
  const out = cm.out;
  const ref = hostFromArgs(argv.slice(1));
  const add = hostFromArgs(argv.slice(0, 1));
  if (!ref || !add) {
    out.err(INVALID_HOST_ARG);
    return false;
  }
  out.log(`>>> Adding node ${add.ip}:${add.port} to cluster ${ref.ip}:${ref.port}\n`);
  const refnode = new CliNode(ref.ip, ref.port);
  if (!(yield* loadInfoFromNode(cm, refnode))) return false;
  if (!(yield* checkCluster(cm, false))) return false;

  // Resolve the master first, so that a bad ID aborts before anything changes.
  let master: CliNode | undefined;
  if (cm.cmd.slave) {
    if (cm.cmd.masterId !== null) {
      master = cm.nodeByName(cm.cmd.masterId);
      if (!master) {
        out.log(`[ERR] No such master ID ${cm.cmd.masterId}\n`);
        return false;
      }
    } else {
      master = nodeWithLeastReplicas(cm)!;
      out.out(`Automatically selected master ${master.ip}:${master.port}\n`);
    }
  }

  const newNode = new CliNode(add.ip, add.port);
  if (!(yield* nodeConnect(cm, newNode))) {
    out.log(`[ERR] Sorry, can't connect to node ${add.ip}:${add.port}\n`);
    return false;
  }
  if (!(yield* checkNewNode(cm, newNode))) return false;
  const first = cm.nodes![0]!;
  cm.nodes!.push(newNode);
  if (!master && !(yield* copyFunctions(cm, refnode, newNode, add.ip, add.port))) return false;

  out.log(`>>> Send CLUSTER MEET to node ${add.ip}:${add.port} to make it join the cluster.\n`);
  const meet: (string | number)[] = ['CLUSTER', 'MEET', first.ip, first.port];
  if (first.busPort !== 0 && first.busPort !== first.port + 10000) meet.push(first.busPort);
  if (!checkReply(cm, newNode, yield* call(newNode, ...meet))) return false;
  if (master) {
    yield* sleep(1000);
    yield* waitForClusterJoin(cm);
    out.log(`>>> Configure node as replica of ${master.ip}:${master.port}.\n`);
    if (!checkReply(cm, newNode, yield* call(newNode, 'CLUSTER', 'REPLICATE', master.name ?? ''))) return false;
  }
  out.log('[OK] New node added correctly.\n');
  return true;
}

