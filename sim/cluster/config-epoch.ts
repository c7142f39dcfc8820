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
import { clusterRebindSlotWord } from './node-table.ts';
import { clusterSetMaster } from './roles.ts';
import { lowestBit, popcount, SLOT_WORDS, type SlotBitmap } from './slot-bitmap.ts';
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

/** What clusterUpdateSlotsConfigWith learns while it walks the sender's claim. */
interface Claim {
  readonly sender: ClusterNode;
  readonly senderConfigEpoch: number;
  readonly curmaster: ClusterNode | null;
  /** Our own slots with keys that we lose. */
  readonly dirtySlots: number[];
  /** Slots rebound to the sender, ascending. */
  readonly rebound: number[];
  senderSlots: number;
  migratedOurSlots: number;
}

/**
 * Of the slots `bits` in word `w` (claimed by the sender, not bound to it),
 * those that go to the sender: unassigned, unclaimed, or owned with a lower
 * epoch, unless we are importing them (only a manual SETSLOT may close an
 * import).
 */
function slotsToTake(cs: ClusterState, c: Claim, w: number, bits: number): number {
  let take = 0;
  c.senderSlots += popcount(bits);
  const notClaiming = cs.ownerNotClaimingSlot.size > 0 ? cs.ownerNotClaimingSlot : null;
  for (; bits !== 0; bits &= bits - 1) {
    const bit = bits & -bits;
    const j = (w << 5) + lowestBit(bits);
    if (cs.importingSlotsFrom.size > 0 && cs.importingSlotsFrom.has(j)) continue;
    const owner = cs.slots.owner(j);
    if (owner !== null && (notClaiming === null || !notClaiming.has(j)) && owner.configEpoch >= c.senderConfigEpoch) continue;
    if (owner === cs.myself && cs.server.countKeysInSlot(j) > 0) c.dirtySlots.push(j);
    if (owner === c.curmaster && owner !== null) c.migratedOurSlots++;
    if (notClaiming !== null) notClaiming.delete(j);
    c.rebound.push(j);
    take |= bit;
  }
  if (take !== 0) cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_FSYNC_CONFIG);
  return take;
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
  const claim: Claim = { sender, senderConfigEpoch, curmaster, dirtySlots: [], rebound: [], senderSlots: 0, migratedOurSlots: 0 };
  // Only slots the sender claims or that we bind to it can change, so the
  // 16384-slot scan visits just those: the union of the two bitmaps, a word
  // (32 slots) at a time, in ascending order (our binding of the sender is
  // taken before anything is rebound; cs.slots.owner(j) === sender exactly
  // when its bitmap has j, as clusterAddSlot/clusterDelSlot keep them).
  const bound = sender.slots;
  for (let w = 0; w < SLOT_WORDS; w++) {
    const claimed = slots.word(w);
    const had = bound.word(w);
    if ((claimed | had) === 0) continue;
    const kept = claimed & had;
    claim.senderSlots += popcount(kept);
    if (cs.ownerNotClaimingSlot.size > 0) for (let b = kept; b !== 0; b &= b - 1) cs.ownerNotClaimingSlot.delete((w << 5) + lowestBit(b));
    // Keep the binding (no CLUSTERDOWN for clients) but stop vouching for it.
    for (let b = had & ~claimed; b !== 0; b &= b - 1) cs.ownerNotClaimingSlot.add((w << 5) + lowestBit(b));
    const take = slotsToTake(cs, claim, w, claimed & ~had);
    if (take !== 0) clusterRebindSlotWord(cs, w, take, sender);
  }
  const { dirtySlots, rebound, senderSlots, migratedOurSlots } = claim;
  const newmaster = migratedOurSlots > 0 ? sender : null;
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
