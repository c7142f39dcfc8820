// clusterUpdateState: is the cluster "ok" from this node's point of view?
// Every slot covered by a non-FAIL owner (with full coverage required) and a
// majority of slot-owning masters reachable. A master that has just started,
// or just left the minority side, waits before turning writable again.

import {
  CLUSTER_FAIL,
  CLUSTER_MAX_REJOIN_DELAY,
  CLUSTER_MIN_REJOIN_DELAY,
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_PFAIL,
  CLUSTER_OK,
  CLUSTER_SLOTS,
  CLUSTER_TODO_UPDATE_STATE,
  CLUSTER_WRITABLE_DELAY,
} from './constants.ts';
import { NONE, type StateReason } from '../events/types.ts';
import { nodeIsMaster, type ClusterNode } from './node.ts';
import { H_FLAGS } from './node-store.ts';
import type { ClusterState } from './state.ts';

/**
 * Module-local copy of CLUSTER_SLOTS: loops over all 16384 slots read it on
 * every step, and an imported binding costs a getter call per read under
 * vitest's module runner.
 */
const SLOTS = CLUSTER_SLOTS;

/**
 * The first slot without an owner or with a FAIL owner, or -1. Kept until
 * a slot is rebound or a flag in the table changes (the versions of the slot
 * table and of the store): the state is updated after every event that
 * flags it, and most of those change neither.
 */
function firstUncoveredSlot(cs: ClusterState): number {
  const c = cs.coverage;
  if (c.slots === cs.slots.version && c.store === cs.store.version) return c.bad;
  c.slots = cs.slots.version;
  c.store = cs.store.version;
  // All bound and no owner failing (a look at each owner, not at each slot): covered.
  if (cs.slots.bound === SLOTS && !anyOwnerFailing(cs)) return (c.bad = -1);
  const rows = cs.slots.rows;
  const i32 = cs.store.i32;
  const FAIL = CLUSTER_NODE_FAIL; // read once: see SLOTS
  const FLAGS = H_FLAGS;
  let bad = -1;
  // Owners come in long runs: a slot with the owner of the one before passed the same test already.
  let last = -2;
  for (let j = 0; j < SLOTS; j++) {
    const r = rows[j]!;
    if (r === last) continue;
    last = r;
    if (r < 0 || i32[(r << 4) + FLAGS]! & FAIL) {
      bad = j;
      break;
    }
  }
  c.bad = bad;
  return bad;
}

/** Some entry that owns slots in the slot table is flagged FAIL. */
function anyOwnerFailing(cs: ClusterState): boolean {
  const st = cs.store;
  for (let r = 0; r < st.size; r++) {
    if ((st.i32[(r << 4) + H_FLAGS]! & CLUSTER_NODE_FAIL) !== 0 && cs.slots.ownedBy(r) > 0) return true;
  }
  return false;
}

export function clusterUpdateState(cs: ClusterState): void {
  const now = cs.env.mstime();
  cs.todoBeforeSleep &= ~CLUSTER_TODO_UPDATE_STATE;

  if (cs.firstCallTime === 0) cs.firstCallTime = now;
  if (nodeIsMaster(cs.myself) && cs.state === CLUSTER_FAIL && now - cs.firstCallTime < CLUSTER_WRITABLE_DELAY) return;

  let newState = CLUSTER_OK;
  // Why it is not ok, kept as numbers: a string here would be built on every call.
  let reason: StateReason = 'none';
  let badSlot = -1;
  let badOwner: ClusterNode | null = null;
  if (cs.config.clusterRequireFullCoverage) {
    const bad = firstUncoveredSlot(cs);
    if (bad >= 0) {
      newState = CLUSTER_FAIL;
      badSlot = bad;
      badOwner = cs.slots.owner(bad);
      reason = badOwner ? 'owner-fail' : 'unassigned';
    }
  }

  let size = 0;
  let reachable = 0;
  for (const n of cs.nodeList) {
    if (nodeIsMaster(n) && n.numslots > 0) {
      size++;
      if ((n.flags & (CLUSTER_NODE_FAIL | CLUSTER_NODE_PFAIL)) === 0) reachable++;
    }
  }
  cs.size = size;

  const neededQuorum = Math.floor(size / 2) + 1;
  if (reachable < neededQuorum) {
    newState = CLUSTER_FAIL;
    cs.amongMinorityTime = now;
    reason = 'minority';
  }

  if (newState !== cs.state) {
    const rejoinDelay = Math.min(Math.max(cs.nodeTimeout, CLUSTER_MIN_REJOIN_DELAY), CLUSTER_MAX_REJOIN_DELAY);
    if (newState === CLUSTER_OK && nodeIsMaster(cs.myself) && now - cs.amongMinorityTime < rejoinDelay) return;
    const text = newState === CLUSTER_OK ? 'ok' : 'fail';
    cs.env.log('warning', `Cluster state changed: ${text}`);
    const minority = reason === 'minority';
    cs.env.emit({
      type: 'state',
      state: text,
      reason,
      slot: minority ? -1 : badSlot,
      owner: reason === 'owner-fail' && badOwner ? cs.env.nodeIx(badOwner.name) : NONE,
      reachable: minority ? reachable : -1,
      size: minority ? size : -1,
      needed: minority ? neededQuorum : -1,
    });
    cs.state = newState;
  }
}
