// CLUSTER REPLICATE <id> and CLUSTER FORGET <id>: an administrator changing
// this node's place in the cluster, or removing a node from its table.
// Neither is propagated: FORGET only holds cluster-wide if it is sent to
// every node within the blacklist's minute (spec §16).

import { OK } from '../../core/reply.ts';
import { CLUSTER_TODO_SAVE_CONFIG, CLUSTER_TODO_UPDATE_STATE } from '../constants.ts';
import { nodeIsMaster, nodeIsSlave } from '../node.ts';
import { clusterBlacklistAddNode, clusterDelNode } from '../node-table.ts';
import { clusterSetMaster } from '../roles.ts';
import { errorf, lookupNode, type SubcommandProc } from './context.ts';

/**
 * REPLICATE: a replica may switch masters freely; a master must be empty
 * (no slots, no keys), since becoming a replica discards its data.
 */
export const replicateCommand: SubcommandProc = (ctx, argv) => {
  const cs = ctx.cs;
  const n = lookupNode(cs, argv[2]!);
  if (!n) return errorf(`Unknown node ${argv[2]}`);
  if (n === cs.myself) return errorf("Can't replicate myself");
  if (nodeIsSlave(n)) return errorf('I can only replicate a master, not a replica.');
  if (nodeIsMaster(cs.myself) && (cs.myself.numslots !== 0 || cs.server.dbSize() !== 0)) {
    return errorf('To set a master the node must be empty and without assigned slots.');
  }
  clusterSetMaster(cs, n);
  cs.doBeforeSleep(CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_SAVE_CONFIG);
  return OK;
};

/**
 * FORGET: delete the node (its slots become unassigned, the failure
 * reports it made are dropped) and blacklist its ID for 60 s so that
 * gossip from nodes that still know it does not add it straight back.
 */
export const forgetCommand: SubcommandProc = (ctx, argv) => {
  const cs = ctx.cs;
  const n = lookupNode(cs, argv[2]!);
  if (!n) return errorf(`Unknown node ${argv[2]}`);
  if (n === cs.myself) return errorf("I tried hard but I can't forget myself...");
  if (nodeIsSlave(cs.myself) && cs.myself.slaveof === n) return errorf("Can't forget my master!");
  clusterBlacklistAddNode(cs, n);
  clusterDelNode(cs, n);
  cs.doBeforeSleep(CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_SAVE_CONFIG);
  return OK;
};
