// The CLUSTER subcommands that only read: NODES, MYID, INFO, SLOTS, SHARDS,
// LINKS, COUNT-FAILURE-REPORTS, REPLICAS/SLAVES, KEYSLOT, COUNTKEYSINSLOT,
// GETKEYSINSLOT; plus SAVECONFIG, which writes nothing but nodes.conf. The
// renderers live in nodes-format.ts and info.ts; this file picks the reply
// shape (RESP2: NODES and INFO are bulk strings, MYID a bulk, REPLICAS an
// array of NODES lines without their newline).

import { string2ll } from '../../core/command-args.ts';
import { array, bulk, int, OK } from '../../core/reply.ts';
import { CLUSTER_SLOTS, CLUSTER_TODO_FSYNC_CONFIG, CLUSTER_TODO_SAVE_CONFIG } from '../constants.ts';
import {
  clusterInfoString,
  clusterReplyCountFailureReports,
  clusterReplyLinks,
  clusterReplyShards,
  clusterReplySlots,
} from '../info.ts';
import { keyHashSlot } from '../../core/keyslot.ts';
import { nodeIsSlave } from '../node.ts';
import { clusterGenNodeDescription, clusterGenNodesDescription } from '../nodes-format.ts';
import { errorf, lookupNode, NOT_AN_INTEGER, type SubcommandProc } from './context.ts';

export const nodesCommand: SubcommandProc = (ctx) => bulk(clusterGenNodesDescription(ctx.cs, 0));

export const myidCommand: SubcommandProc = (ctx) => bulk(ctx.cs.myself.name);

export const infoCommand: SubcommandProc = (ctx) => bulk(clusterInfoString(ctx.cs));

export const slotsCommand: SubcommandProc = (ctx) => clusterReplySlots(ctx.cs);

export const shardsCommand: SubcommandProc = (ctx) => clusterReplyShards(ctx.cs);

export const linksCommand: SubcommandProc = (ctx) => clusterReplyLinks(ctx.cs);

export const countFailureReportsCommand: SubcommandProc = (ctx, argv) => {
  // Same lookup rule as every other <node-id> argument (malformed IDs are unknown).
  if (!lookupNode(ctx.cs, argv[2]!)) return errorf(`Unknown node ${argv[2]}`);
  return clusterReplyCountFailureReports(ctx.cs, argv[2]!);
};

/** REPLICAS / SLAVES <id>: the master's replicas, in the order this node learned them. */
export const replicasCommand: SubcommandProc = (ctx, argv) => {
  const n = lookupNode(ctx.cs, argv[2]!);
  if (!n) return errorf(`Unknown node ${argv[2]}`);
  if (nodeIsSlave(n)) return errorf('The specified node is not a master');
  return array(n.slaves.map((s) => bulk(clusterGenNodeDescription(ctx.cs, s))));
};

export const keyslotCommand: SubcommandProc = (_ctx, argv) => int(keyHashSlot(argv[2]!));

export const countKeysInSlotCommand: SubcommandProc = (ctx, argv) => {
  const slot = string2ll(argv[2]!);
  if (slot === null) return NOT_AN_INTEGER;
  if (slot < 0n || slot >= BigInt(CLUSTER_SLOTS)) return errorf('Invalid slot');
  return int(ctx.cs.server.countKeysInSlot(Number(slot)));
};

/** GETKEYSINSLOT <slot> <count>: both numbers parse before either is range-checked. */
export const getKeysInSlotCommand: SubcommandProc = (ctx, argv) => {
  const slot = string2ll(argv[2]!);
  if (slot === null) return NOT_AN_INTEGER;
  const maxkeys = string2ll(argv[3]!);
  if (maxkeys === null) return NOT_AN_INTEGER;
  if (slot < 0n || slot >= BigInt(CLUSTER_SLOTS) || maxkeys < 0n) return errorf('Invalid slot or number of keys');
  const server = ctx.cs.server;
  const inSlot = server.countKeysInSlot(Number(slot));
  const numkeys = maxkeys > BigInt(inSlot) ? inSlot : Number(maxkeys);
  return array(server.getKeysInSlot(Number(slot), numkeys).map((k) => bulk(k)));
};

/** SAVECONFIG: write nodes.conf now (with fsync), which settles any pending save. */
export const saveConfigCommand: SubcommandProc = (ctx) => {
  ctx.saveConfigNow();
  ctx.cs.todoBeforeSleep &= ~(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_FSYNC_CONFIG);
  return OK;
};
