// Keys grouped by hash slot, kept incrementally as keys come and go, for
// CLUSTER COUNTKEYSINSLOT / GETKEYSINSLOT, MIGRATE in batches and the
// "still hold keys for this hash slot" checks of CLUSTER SETSLOT.
//
// Same shape as Redis 7.0 (cluster.c slotToKeyAddEntry): per slot a count and
// a doubly linked list threaded through the key entries themselves, new keys
// inserted at the head. So GETKEYSINSLOT returns the newest key first, as the
// real server does, and adding or removing a key allocates nothing.

import { CLUSTER_SLOTS } from '../core/keyslot.ts';

/**
 * Module-local copy of CLUSTER_SLOTS: loops over all 16384 slots read it on
 * every step, and an imported binding costs a getter call per read under
 * vitest's module runner.
 */
const SLOTS = CLUSTER_SLOTS;

/** The part of a key entry the index uses; the keyspace's entries extend it. */
export interface SlotLinked {
  readonly key: string;
  readonly slot: number;
  prevInSlot: SlotLinked | null;
  nextInSlot: SlotLinked | null;
}

export class SlotToKeys {
  private readonly heads: Array<SlotLinked | null> = new Array<SlotLinked | null>(SLOTS).fill(null);
  private readonly counts = new Int32Array(SLOTS);

  add(e: SlotLinked): void {
    const first = this.heads[e.slot]!;
    e.prevInSlot = null;
    e.nextInSlot = first;
    if (first !== null) first.prevInSlot = e;
    this.heads[e.slot] = e;
    this.counts[e.slot]!++;
  }

  remove(e: SlotLinked): void {
    if (e.prevInSlot !== null) e.prevInSlot.nextInSlot = e.nextInSlot;
    else this.heads[e.slot] = e.nextInSlot;
    if (e.nextInSlot !== null) e.nextInSlot.prevInSlot = e.prevInSlot;
    e.prevInSlot = null;
    e.nextInSlot = null;
    this.counts[e.slot]!--;
  }

  count(slot: number): number {
    return this.counts[slot] ?? 0;
  }

  /** Up to `max` keys of the slot, newest first (CLUSTER GETKEYSINSLOT order). */
  keys(slot: number, max = Infinity): string[] {
    const out: string[] = [];
    for (let e = this.heads[slot] ?? null; e !== null && out.length < max; e = e.nextInSlot) out.push(e.key);
    return out;
  }

  /** Slots that hold at least one key, ascending. */
  nonEmptySlots(): number[] {
    const out: number[] = [];
    for (let s = 0; s < SLOTS; s++) if (this.counts[s]! > 0) out.push(s);
    return out;
  }

  clear(): void {
    this.heads.fill(null);
    this.counts.fill(0);
  }
}
