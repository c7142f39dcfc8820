// Config epochs and slot ownership: the rule that the higher configEpoch
// wins a slot (clusterUpdateSlotsConfigWith), collision handling between
// masters that share an epoch, and the bump without consensus used by
// TAKEOVER, BUMPEPOCH and SETSLOT NODE.

import { NONE } from '../events/types.ts';
import {
  CLUSTER_SLOTS,
  CLUSTER_TODO_FSYNC_CONFIG,
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from './constants.ts';
import { nodeIsMaster, type ClusterNode } from './node.ts';
import { clusterAddSlot, clusterDelSlot } from './node-table.ts';
import { clusterSetMaster } from './roles.ts';
import { lowestBit, SLOT_WORD_BITS, SLOT_WORDS, type SlotBitmap } from './slot-bitmap.ts';
import { flatSlotRanges } from './slot-ranges.ts';
import type { ClusterState } from './state.ts';

/**
 * Module-local copy of CLUSTER_SLOTS: loops over all 16384 slots read it on
 * every step, and an imported binding costs a getter call per read under
 * vitest's module runner.
 */
const SLOTS = CLUSTER_SLOTS;

/** isSlotUnclaimed: unassigned, or bound to a node that no longer claims it. */
export function isSlotUnclaimed(cs: ClusterState, slot: number): boolean {
  return cs.slots.owner(slot) === null || cs.ownerNotClaimingSlot.has(slot);
}

/** clusterGetMaxEpoch: the highest configEpoch known, or currentEpoch if higher. */
export function clusterGetMaxEpoch(cs: ClusterState): number {
  let max = 0;
  for (const n of cs.nodeList) if (n.configEpoch > max) max = n.configEpoch;
  return Math.max(max, cs.currentEpoch);
}

/** clusterBumpConfigEpochWithoutConsensus: true if myself got a new epoch. */
export function clusterBumpConfigEpochWithoutConsensus(cs: ClusterState, reason: 'takeover' | 'bumpepoch' | 'import', slot = -1): boolean {
  const maxEpoch = clusterGetMaxEpoch(cs);
  const myself = cs.myself;
  if (myself.configEpoch === 0 || myself.configEpoch !== maxEpoch) {
    cs.currentEpoch++;
    myself.configEpoch = cs.currentEpoch;
    cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_FSYNC_CONFIG);
    cs.env.log('warning', `New configEpoch set to ${myself.configEpoch}`);
    cs.env.emit({ type: 'config-epoch', subject: cs.env.nodeIx(myself.name), epoch: myself.configEpoch, reason, with: NONE, slot });
    return true;
  }
  return false;
}

/**
 * clusterHandleConfigEpochCollision: two masters with the same configEpoch;
 * the one with the lexicographically smaller ID takes a new epoch, so the
 * greatest ID never moves and all end up distinct.
 */
export function clusterHandleConfigEpochCollision(cs: ClusterState, sender: ClusterNode): void {
  const myself = cs.myself;
  if (sender.configEpoch !== myself.configEpoch || !nodeIsMaster(sender) || !nodeIsMaster(myself)) return;
  if (sender.name <= myself.name) return;
  cs.currentEpoch++;
  myself.configEpoch = cs.currentEpoch;
  cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_FSYNC_CONFIG);
  if (cs.env.logEnabled('verbose'))
    cs.env.log('verbose', `WARNING: configEpoch collision with node ${sender.name}. configEpoch set to ${myself.configEpoch}`);
  cs.env.emit({ type: 'config-epoch', subject: cs.env.nodeIx(myself.name), epoch: myself.configEpoch, reason: 'collision', with: cs.env.nodeIx(sender.name), slot: -1 });
}

/**
 * clusterUpdateSlotsConfigWith: `sender` claims `slots` with `senderConfigEpoch`.
 * Every claimed slot that is unassigned, unclaimed, or owned with a lower
 * epoch is rebound to the sender (unless we are importing it). If that
 * takes the last slot of my master (or of myself), follow the sender.
 */
export function clusterUpdateSlotsConfigWith(cs: ClusterState, sender: ClusterNode, senderConfigEpoch: number, slots: SlotBitmap): void {
  const myself = cs.myself;
  if (sender === myself) {
    cs.env.log('warning', 'Discarding UPDATE message about myself.');
    return;
  }
  const curmaster: ClusterNode | null = nodeIsMaster(myself) ? myself : myself.slaveof;
  let newmaster: ClusterNode | null = null;
  const dirtySlots: number[] = [];
  const rebound: number[] = [];
  let senderSlots = 0;
  let migratedOurSlots = 0;

  // Only slots the sender claims or that we bind to it can change, so the
  // 16384-slot scan visits just those: the union of the two bitmaps, word by
  // word, in ascending order (our binding of the sender is taken before the
  // loop rebinds anything; cs.slots.owner(j) === sender exactly when its bitmap
  // has j, as clusterAddSlot/clusterDelSlot keep them).
  const bound = sender.slots;
  for (let w = 0; w < SLOT_WORDS; w++) {
    let bits = slots.word(w) | bound.word(w);
    while (bits !== 0) {
      const j = w * SLOT_WORD_BITS + lowestBit(bits);
      bits &= bits - 1;
      const owner = cs.slots.owner(j)!;
      if (slots.has(j)) {
        senderSlots++;
        if (owner === sender) {
          cs.ownerNotClaimingSlot.delete(j);
          continue;
        }
        // Only a manual SETSLOT may close an import.
        if (cs.importingSlotsFrom.has(j)) continue;
        if (isSlotUnclaimed(cs, j) || owner.configEpoch < senderConfigEpoch) {
          if (owner === myself && cs.server.countKeysInSlot(j) > 0) dirtySlots.push(j);
          if (owner === curmaster && curmaster !== null) {
            newmaster = sender;
            migratedOurSlots++;
          }
          clusterDelSlot(cs, j);
          clusterAddSlot(cs, sender, j);
          cs.ownerNotClaimingSlot.delete(j);
          rebound.push(j);
          cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_FSYNC_CONFIG);
        }
      } else if (owner === sender) {
        // Keep the binding (no CLUSTERDOWN for clients) but stop vouching for it.
        cs.ownerNotClaimingSlot.add(j);
      }
    }
  }
  if (rebound.length > 0) cs.env.emit({ type: 'slot-owner', subject: cs.env.nodeIx(sender.name), slots: flatSlotRanges(rebound), epoch: senderConfigEpoch, reason: '' });

  if (
    newmaster &&
    curmaster &&
    curmaster.numslots === 0 &&
    (cs.config.clusterAllowReplicaMigration || senderSlots === migratedOurSlots)
  ) {
    cs.env.log('warning', `Configuration change detected. Reconfiguring myself as a replica of ${sender.name}`);
    clusterSetMaster(cs, sender);
    cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_FSYNC_CONFIG);
  } else if (myself.slaveof && myself.slaveof.slaveof && myself.slaveof.slaveof !== myself) {
    const grand = myself.slaveof.slaveof;
    cs.env.log('warning', `I'm a sub-replica! Reconfiguring myself as a replica of grandmaster ${grand.name}`);
    clusterSetMaster(cs, grand);
    cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_FSYNC_CONFIG);
  } else if (dirtySlots.length > 0) {
    for (const j of dirtySlots) cs.server.delKeysInSlot(j);
  }
}
