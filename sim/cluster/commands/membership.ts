// The commands that change which nodes this one knows and follows (spec
// §16): CLUSTER RESET turns it back into a lone empty master; FORGET drops a
// node from its table; REPLICATE makes it a replica. None is propagated:
// FORGET only holds cluster-wide if it reaches every node within the
// blacklist's minute, since gossip from any node that still knows the
// forgotten one brings it back.

import { NONE } from '../../events/types.ts';
import { OK } from '../../core/reply.ts';
import {
  CLUSTER_SLOTS,
  CLUSTER_TODO_FSYNC_CONFIG,
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from '../constants.ts';
import { resetManualFailover } from '../manual-failover.ts';
import { nodeIsMaster, nodeIsSlave } from '../node.ts';
import {
  clusterBlacklistAddNode,
  clusterDelNode,
  clusterDelSlot,
  clusterRenameNode,
  clusterSetNodeAsMaster,
} from '../node-table.ts';
import { clusterCloseAllSlots, clusterSetMaster } from '../roles.ts';
import { flatSlotRanges } from '../slot-ranges.ts';
import type { ClusterState } from '../state.ts';
import { errorf, lookupNode, SYNTAX_ERROR, type SubcommandProc } from './context.ts';

/**
 * Module-local copy of CLUSTER_SLOTS: loops over all 16384 slots read it on
 * every step, and an imported binding costs a getter call per read under
 * vitest's module runner.
 */
const SLOTS = CLUSTER_SLOTS;

// ---- CLUSTER RESET [HARD|SOFT] ---------------------------------------------
// SOFT keeps the node's ID and epochs; HARD also zeroes the epochs and
// draws a new node ID, so peers that still know the old ID see a stranger.
// redis-cli --cluster and tests use it to recycle nodes.

/** clusterReset. */
export function clusterReset(cs: ClusterState, hard: boolean): void {
  const myself = cs.myself;

  // A replica becomes a master and drops its copy of the old master's data.
  if (nodeIsSlave(myself)) {
    const oldmaster = myself.slaveof;
    clusterSetNodeAsMaster(cs, myself);
    cs.server.replicationUnsetMaster();
    cs.server.emptyData();
    cs.env.emit({ type: 'role', subject: cs.env.nodeIx(myself.name), role: 'master', master: NONE, wasReplicaOf: oldmaster ? cs.env.nodeIx(oldmaster.name) : NONE, offset: -1, reset: true });
  }

  clusterCloseAllSlots(cs);
  resetManualFailover(cs);

  const unbound: number[] = [];
  for (let j = 0; j < SLOTS; j++) if (clusterDelSlot(cs, j)) unbound.push(j);
  if (unbound.length > 0) cs.env.emit({ type: 'slot-owner', subject: NONE, slots: flatSlotRanges(unbound), epoch: -1, reason: 'reset' });

  for (const n of [...cs.nodeList]) if (n !== myself) clusterDelNode(cs, n);

  if (hard) {
    cs.currentEpoch = 0;
    cs.lastVoteEpoch = 0;
    myself.configEpoch = 0;
    cs.env.log('warning', 'configEpoch set to 0 via CLUSTER RESET HARD');
    cs.env.emit({ type: 'config-epoch', subject: cs.env.nodeIx(myself.name), epoch: 0, reason: 'reset-hard', with: NONE, slot: -1 });
    // getRandomHexChars: a fresh identity from this node's random stream.
    const oldName = myself.name;
    clusterRenameNode(cs, myself, cs.env.rng.hexId(40));
    cs.env.log('notice', `Node hard reset, now I'm ${myself.name}`);
    cs.env.nodeIdChanged?.(myself.name);
    cs.env.emit({ type: 'node-id', subject: cs.env.nodeIx(oldName), oldId: oldName, newId: myself.name });
  }

  cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_FSYNC_CONFIG);
}

/** CLUSTER RESET; the caller has checked argc is 2 or 3. */
export const resetCommand: SubcommandProc = (ctx, argv) => {
  const cs = ctx.cs;
  let hard = false;
  if (argv.length === 3) {
    const opt = argv[2]!.toLowerCase();
    if (opt === 'hard') hard = true;
    else if (opt !== 'soft') return SYNTAX_ERROR;
  }
  // A replica's keys are a copy and may go; a master's would be lost.
  if (nodeIsMaster(cs.myself) && cs.server.dbSize() !== 0) {
    return errorf("CLUSTER RESET can't be called with master nodes containing keys");
  }
  clusterReset(cs, hard);
  return OK;
};

// ---- CLUSTER REPLICATE <id>, CLUSTER FORGET <id> ----------------------------

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
