// clusterState.slots[]: the owner of each of the 16384 hash slots, as the
// owner's row in this instance's node store (-1: unassigned). A typed array
// rather than an array of 16384 references: that one is a large-object
// allocation (most of a millisecond) for every process start, which in a
// sweep of short runs was a tenth of each seed.

import { CLUSTER_SLOTS } from './constants.ts';
import { lowestBit } from './slot-bitmap.ts';
import type { ClusterNode } from './node.ts';
import type { NodeStore } from './node-store.ts';

export class SlotTable {
  /** The owner's store row of each slot, -1 for none. */
  readonly rows = new Int32Array(CLUSTER_SLOTS).fill(-1);
  /** Bumped by every rebinding (and by renaming a node): checkers keep what they found until it moves. */
  version = 0;
  /** Slots with an owner. */
  bound = 0;
  /** Slots bound to each store row. */
  private ownedByRow = new Int32Array(16);

  constructor(private readonly store: NodeStore) {}

  /** Number of slots (CLUSTER_SLOTS). */
  get length(): number {
    return this.rows.length;
  }

  /** The node serving `slot`, or null. */
  owner(slot: number): ClusterNode | null {
    const r = this.rows[slot]!;
    return r < 0 ? null : this.store.handle[r]!;
  }

  /** Bind `slot` to `n` (an entry of this table) or unbind it. */
  setOwner(slot: number, n: ClusterNode | null): void {
    if (n !== null) this.checkEntry(n);
    const before = this.rows[slot]!;
    const after = n === null ? -1 : n.i;
    if (before >= 0) {
      this.ownedByRow[before]!--;
      this.bound--;
    }
    if (after >= 0) {
      this.grow(after);
      this.ownedByRow[after]!++;
      this.bound++;
    }
    this.rows[slot] = after;
    this.version++;
  }

  /** Bind slots a..b (inclusive) to `n`, as setOwner would one by one. */
  setOwnerRange(a: number, b: number, n: ClusterNode | null): void {
    for (let j = a; j <= b; j++) this.unbind(j);
    if (n !== null) {
      this.checkEntry(n);
      this.rows.fill(n.i, a, b + 1);
      this.grow(n.i);
      this.ownedByRow[n.i]! += b - a + 1;
      this.bound += b - a + 1;
    }
    this.version++;
  }

  /** Bind the slots of `mask` in word `w` (slots 32w .. 32w+31) to `n`, as setOwner would one by one. */
  setOwnerWord(w: number, mask: number, n: ClusterNode): void {
    this.checkEntry(n);
    this.grow(n.i);
    for (let bits = mask; bits !== 0; bits &= bits - 1) {
      const j = (w << 5) + lowestBit(bits);
      this.unbind(j);
      this.rows[j] = n.i;
      this.ownedByRow[n.i]!++;
      this.bound++;
    }
    this.version++;
  }

  private unbind(j: number): void {
    const before = this.rows[j]!;
    if (before < 0) return;
    this.ownedByRow[before]!--;
    this.bound--;
    this.rows[j] = -1;
  }

  private checkEntry(n: ClusterNode): void {
    if (n.s !== this.store) throw new Error('SlotTable.setOwner: the node is not in this table');
  }

  private grow(row: number): void {
    if (row < this.ownedByRow.length) return;
    const bigger = new Int32Array(Math.max(row + 1, this.ownedByRow.length * 2));
    bigger.set(this.ownedByRow);
    this.ownedByRow = bigger;
  }

  /** How many slots are bound to store row `row`. */
  ownedBy(row: number): number {
    return row < this.ownedByRow.length ? this.ownedByRow[row]! : 0;
  }

  /** Every slot unassigned. */
  isEmpty(): boolean {
    for (let s = 0; s < this.rows.length; s++) if (this.rows[s]! >= 0) return false;
    return true;
  }
}
