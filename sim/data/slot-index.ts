// Keys grouped by hash slot, kept incrementally as keys come and go, for
// CLUSTER COUNTKEYSINSLOT / GETKEYSINSLOT, MIGRATE in batches and the
// "still hold keys for this hash slot" checks of CLUSTER SETSLOT.
//
// Same shape as Redis 7.0 (cluster.c slotToKeyAddEntry): per slot a count and
// a doubly linked list threaded through the key entries themselves, new keys
// inserted at the head. So GETKEYSINSLOT returns the newest key first, as the
// real server does, and adding or removing a key allocates nothing (but the
// first key of a slot, which makes the slot's bucket).

/** The part of a key entry the index uses; the keyspace's entries extend it. */
export interface SlotLinked {
  readonly key: string;
  readonly slot: number;
  prevInSlot: SlotLinked | null;
  nextInSlot: SlotLinked | null;
}

/** One slot's list: its newest key and how many there are. */
interface Bucket {
  head: SlotLinked | null;
  count: number;
}

/**
 * Buckets exist only for slots that hold keys: a keyspace is made for every
 * process start and every full sync, most hold a few slots' worth of keys or
 * none, and a 16384-entry array costs more to allocate (a large-object page)
 * than a run of six nodes spends on everything else.
 */
export class SlotToKeys {
  private readonly buckets = new Map<number, Bucket>();

  add(e: SlotLinked): void {
    let b = this.buckets.get(e.slot);
    if (b === undefined) this.buckets.set(e.slot, (b = { head: null, count: 0 }));
    const first = b.head;
    e.prevInSlot = null;
    e.nextInSlot = first;
    if (first !== null) first.prevInSlot = e;
    b.head = e;
    b.count++;
  }

  remove(e: SlotLinked): void {
    const b = this.buckets.get(e.slot)!;
    if (e.prevInSlot !== null) e.prevInSlot.nextInSlot = e.nextInSlot;
    else b.head = e.nextInSlot;
    if (e.nextInSlot !== null) e.nextInSlot.prevInSlot = e.prevInSlot;
    e.prevInSlot = null;
    e.nextInSlot = null;
    if (--b.count === 0) this.buckets.delete(e.slot);
  }

  count(slot: number): number {
    return this.buckets.get(slot)?.count ?? 0;
  }

  /** Up to `max` keys of the slot, newest first (CLUSTER GETKEYSINSLOT order). */
  keys(slot: number, max = Infinity): string[] {
    const out: string[] = [];
    for (let e = this.buckets.get(slot)?.head ?? null; e !== null && out.length < max; e = e.nextInSlot) out.push(e.key);
    return out;
  }

  /** Slots that hold at least one key, ascending. */
  nonEmptySlots(): number[] {
    return [...this.buckets.keys()].sort((a, b) => a - b);
  }

  clear(): void {
    this.buckets.clear();
  }
}
