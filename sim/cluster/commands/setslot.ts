// CLUSTER SETSLOT <slot> IMPORTING|MIGRATING <id> | STABLE | NODE <id>
// (spec §15.1): the steps of a resharding. Nothing is propagated; other
// nodes learn a new owner from its PING/PONG, which is why closing an import
// onto myself bumps my configEpoch (so my claim beats the old owner's) and
// broadcasts a PONG at once.

import { OK, type Reply } from '../../core/reply.ts';
import {
  CLUSTER_TODO_FSYNC_CONFIG,
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from '../constants.ts';
import { clusterBumpConfigEpochWithoutConsensus } from '../config-epoch.ts';
import { clusterBroadcastPong } from '../gossip.ts';
import { nodeIsSlave, type ClusterNode } from '../node.ts';
import { clusterAddSlot, clusterDelSlot } from '../node-table.ts';
import { clusterSetMaster } from '../roles.ts';
import type { ClusterState } from '../state.ts';
import { errorf, getSlotOrReply, lookupNode, type SubcommandProc } from './context.ts';

const TARGET_NOT_MASTER = errorf('Target node is not a master');

/** MIGRATING / IMPORTING / NODE target: known (each action words "unknown" its own way) and not a replica. */
function targetOrReply(cs: ClusterState, name: string, unknownText: string): ClusterNode | Reply {
  const n = lookupNode(cs, name);
  if (!n) return errorf(unknownText);
  if (nodeIsSlave(n)) return TARGET_NOT_MASTER;
  return n;
}

const isReply = (x: ClusterNode | Reply): x is Reply => 'kind' in x;

/** SETSLOT <slot> NODE <id> once the target is validated. */
function setSlotNode(cs: ClusterState, slot: number, n: ClusterNode): Reply | null {
  const myself = cs.myself;
  // Giving a slot away while keys of it are still here would lose them.
  if (cs.slots.owner(slot) === myself && n !== myself && cs.server.countKeysInSlot(slot) !== 0) {
    return errorf(`Can't assign hashslot ${slot} to a different node while I still hold keys for this hash slot.`);
  }
  // The last key has been moved out: the migration is over.
  if (cs.server.countKeysInSlot(slot) === 0 && cs.migratingSlotsTo.has(slot)) cs.migratingSlotsTo.delete(slot);

  const slotWasMine = cs.slots.owner(slot) === myself;
  clusterDelSlot(cs, slot);
  clusterAddSlot(cs, n, slot);
  cs.env.emit({ type: 'slot-owner', subject: cs.env.nodeIx(n.name), slots: [slot, slot], epoch: n.configEpoch, reason: 'setslot' });

  // A master left without slots follows the node that took its last one.
  if (slotWasMine && n !== myself && myself.numslots === 0 && cs.config.clusterAllowReplicaMigration) {
    cs.env.log('warning', `Configuration change detected. Reconfiguring myself as a replica of ${n.name}`);
    clusterSetMaster(cs, n);
    cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_FSYNC_CONFIG);
  }

  // Closing an import onto myself: take a new epoch without consensus so
  // the cluster accepts the move, and tell everybody now rather than at
  // the next ping. A collision this may cause is resolved by the usual
  // collision handling.
  if (n === myself && cs.importingSlotsFrom.has(slot)) {
    if (clusterBumpConfigEpochWithoutConsensus(cs, 'import', slot)) {
      cs.env.log('warning', `configEpoch updated after importing slot ${slot}`);
    }
    cs.importingSlotsFrom.delete(slot);
    clusterBroadcastPong(cs, false);
  }
  return null;
}

/** CLUSTER SETSLOT; the caller has checked argc ≥ 4. */
export const setSlotCommand: SubcommandProc = (ctx, argv) => {
  const cs = ctx.cs;
  const myself = cs.myself;
  if (nodeIsSlave(myself)) return errorf('Please use SETSLOT only with masters.');
  const slot = getSlotOrReply(argv[2]!);
  if (typeof slot !== 'number') return slot;
  const action = argv[3]!.toLowerCase();

  if (action === 'migrating' && argv.length === 5) {
    if (cs.slots.owner(slot) !== myself) return errorf(`I'm not the owner of hash slot ${slot}`);
    const n = targetOrReply(cs, argv[4]!, `I don't know about node ${argv[4]}`);
    if (isReply(n)) return n;
    cs.migratingSlotsTo.set(slot, n);
  } else if (action === 'importing' && argv.length === 5) {
    if (cs.slots.owner(slot) === myself) return errorf(`I'm already the owner of hash slot ${slot}`);
    const n = targetOrReply(cs, argv[4]!, `I don't know about node ${argv[4]}`);
    if (isReply(n)) return n;
    cs.importingSlotsFrom.set(slot, n);
  } else if (action === 'stable' && argv.length === 4) {
    cs.importingSlotsFrom.delete(slot);
    cs.migratingSlotsTo.delete(slot);
  } else if (action === 'node' && argv.length === 5) {
    const n = targetOrReply(cs, argv[4]!, `Unknown node ${argv[4]}`);
    if (isReply(n)) return n;
    const err = setSlotNode(cs, slot, n);
    if (err) return err;
  } else {
    return errorf('Invalid CLUSTER SETSLOT action or number of arguments. Try CLUSTER HELP');
  }
  cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE);
  return OK;
};
