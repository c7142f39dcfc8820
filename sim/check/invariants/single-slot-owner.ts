// single-slot-owner: in every member's view of a converged cluster, each
// slot is bound to at most one node, that node is a master, and the slot
// bitmaps of the table agree with the slot table: the owner's bitmap has the
// slot and no other entry claims it. Converged means every member has the
// same slot table, so this says that exactly one master serves each slot
// and every node routes clients to it. While a partition lasts two masters
// may both claim a slot (split brain, §11.6); Redis promises that one of the
// claims is gone once the cluster converges (§10.3, the higher configEpoch
// wins and the loser is sent an UPDATE).
//
// Cost: one member's table is checked slot by slot; the others have the
// same slot table (that is what converged means), so for them it is enough
// that each owner's bitmap is the same as in the first table (bitmaps are
// interned: usually one pointer comparison) and that their bitmaps hold no
// more slots than the table binds: O(nodes) each.

import { CLUSTER_SLOTS } from '../../cluster/constants.ts';
import { nodeIsMaster, type ClusterNode } from '../../cluster/node.ts';
import type { ClusterState } from '../../cluster/state.ts';
import type { ConvergenceVerdict, Invariant, InvariantWorld, Violation } from './types.ts';

const SLOTS = CLUSTER_SLOTS; // a local copy: imported constants are getters under the module transform

/** Slots bound in a table. */
function boundSlots(cs: ClusterState): number {
  return cs.slots.bound;
}

/** Bits set in all of a table's bitmaps: no more than it binds when no entry claims extra slots. */
function bitmapSlots(cs: ClusterState): number {
  let bits = 0;
  for (const n of cs.nodeList) bits += n.numslots;
  return bits;
}

function extraClaim(cs: ClusterState, nameOf: (id: string) => string): string {
  for (const n of cs.nodeList)
    for (let s = 0; s < SLOTS && n.numslots > 0; s++)
      if (n.hasSlot(s) && cs.slots.owner(s) !== n)
        return `${nameOf(n.name)}'s slot bitmap claims slot ${s}, bound to ${cs.slots.owner(s) ? nameOf(cs.slots.owner(s)!.name) : 'nobody'}`;
  return 'its slot bitmaps and its slot table disagree';
}

/** What is wrong with one node's table, checked slot by slot, or undefined. */
export function slotTableProblem(cs: ClusterState, nameOf: (id: string) => string): string | undefined {
  const rows = cs.slots.rows;
  // A run of slots bound to one owner at a time (the owner checks hold for the whole run).
  for (let s = 0; s < SLOTS; ) {
    const r = rows[s]!;
    let end = s;
    while (end + 1 < SLOTS && rows[end + 1] === r) end++;
    if (r >= 0) {
      const owner = cs.slots.owner(s)!;
      if (!nodeIsMaster(owner)) return `slot ${s} is bound to ${nameOf(owner.name)}, which it sees as a replica`;
      if (cs.nodes.get(owner.name) !== owner) return `slot ${s} is bound to ${nameOf(owner.name)}, which is not in its table`;
      const missing = owner.firstSlotMissing(s, end);
      if (missing >= 0) return `slot ${missing} is bound to ${nameOf(owner.name)}, whose slot bitmap lacks it`;
    }
    s = end + 1;
  }
  // Every bound slot is in its owner's bitmap; if the bitmaps hold no more bits than that, nobody else claims one.
  return bitmapSlots(cs) === boundSlots(cs) ? undefined : extraClaim(cs, nameOf);
}

/**
 * Another member's table, given that it binds the same slots to the same
 * names as `ref` (converged), which binds `bound` slots.
 */
export function sameTableProblem(cs: ClusterState, ref: ClusterState, bound: number, nameOf: (id: string) => string): string | undefined {
  for (const n of ref.nodeList) {
    if (n.numslots === 0) continue;
    const mine = cs.nodes.get(n.name);
    if (!mine) return `slots are bound to ${nameOf(n.name)}, which is not in its table`;
    if (!nodeIsMaster(mine)) return `slots are bound to ${nameOf(n.name)}, which it sees as a replica`;
    if (!mine.slots.equals(n.slots)) return `${nameOf(n.name)}'s slot bitmap differs from the slots its table binds to it`;
  }
  return bitmapSlots(cs) === bound ? undefined : extraClaim(cs, nameOf);
}

export class SingleSlotOwner implements Invariant {
  readonly name = 'single-slot-owner' as const;
  /**
   * The members' tables when they last passed, each with its store version
   * (flags, slots, membership) and slot-table version: while none of them
   * moves, they pass again without being looked at.
   */
  private passed: { cs: ClusterState; store: number; slots: number }[] = [];

  private unchanged(members: ConvergenceVerdict['members']): boolean {
    if (members.length !== this.passed.length) return false;
    for (let i = 0; i < members.length; i++) {
      const cs = members[i]!.cs!;
      const p = this.passed[i]!;
      if (p.cs !== cs || p.store !== cs.store.version || p.slots !== cs.slots.version) return false;
    }
    return true;
  }

  onConvergence(v: ConvergenceVerdict, w: InvariantWorld): Violation | undefined {
    if (!v.ok || v.members.length === 0) return undefined;
    if (this.unchanged(v.members)) return undefined;
    const violation = this.check(v, w);
    this.passed = violation ? [] : v.members.map((m) => ({ cs: m.cs!, store: m.cs!.store.version, slots: m.cs!.slots.version }));
    return violation;
  }

  private check(v: ConvergenceVerdict, w: InvariantWorld): Violation | undefined {
    const nameOf = (id: string): string => w.nameOf(id);
    const ref = v.members[0]!.cs!;
    const bound = boundSlots(ref);
    for (const m of v.members) {
      const problem = m.cs === ref ? slotTableProblem(ref, nameOf) : sameTableProblem(m.cs!, ref, bound, nameOf);
      if (problem)
        return { invariant: this.name, atMs: w.now(), why: `in the converged cluster, ${m.name}'s view: ${problem}`, nodes: [m.name] };
    }
    return undefined;
  }
}
