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
    this.rows[slot] = n === null ? -1 : n.i;
    this.version++;
  }

  /** Every slot unassigned. */
  isEmpty(): boolean {
    for (let s = 0; s < this.rows.length; s++) if (this.rows[s]! >= 0) return false;
    return true;
  }
}
