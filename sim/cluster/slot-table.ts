// clusterState.slots[]: the owner of each of the 16384 hash slots, as the
// owner's row in this instance's node store (-1: unassigned). A typed array
// rather than an array of 16384 references: that one is a large-object
// allocation (most of a millisecond) for every process start, which in a
// sweep of short runs was a tenth of each seed.

import { CLUSTER_SLOTS } from './constants.ts';
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
    if (n !== null && n.s !== this.store) throw new Error('SlotTable.setOwner: the node is not in this table');
    const before = this.rows[slot]!;
    const after = n === null ? -1 : n.i;
    if (before >= 0) {
      this.ownedByRow[before]!--;
      this.bound--;
    }
    if (after >= 0) {
      if (after >= this.ownedByRow.length) {
        const bigger = new Int32Array(Math.max(after + 1, this.ownedByRow.length * 2));
        bigger.set(this.ownedByRow);
        this.ownedByRow = bigger;
      }
      this.ownedByRow[after]!++;
      this.bound++;
    }
    this.rows[slot] = after;
    this.version++;
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
