// Binary min-heap of events ordered by (time, seq): the innermost loop of
// every run. The heap itself holds only numbers (time, seq, and the index of
// the event's payload slot) in typed arrays, so sifting moves no object
// references: no GC write barriers, no allocation once the arrays have grown.
// Payloads (callback + argument) sit in a slot pool recycled through a free
// list.

export type EventFn = (arg: any) => void;

const INITIAL = 1024;

export class EventHeap {
  private times = new Float64Array(INITIAL);
  private seqs = new Float64Array(INITIAL);
  private ids = new Int32Array(INITIAL);
  private fns: (EventFn | undefined)[] = new Array(INITIAL).fill(undefined);
  private args: unknown[] = new Array(INITIAL).fill(undefined);
  private free = new Int32Array(INITIAL);
  private nfree = INITIAL;
  private n = 0;

  constructor() {
    for (let i = 0; i < INITIAL; i++) this.free[i] = INITIAL - 1 - i;
  }

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.times[0]! : Infinity;
  }

  push(time: number, seq: number, fn: EventFn, arg: unknown): void {
    if (this.n === this.times.length) this.grow();
    const id = this.free[--this.nfree]!;
    this.fns[id] = fn;
    this.args[id] = arg;
    const times = this.times;
    const seqs = this.seqs;
    const ids = this.ids;
    let i = this.n++;
    // Sift up: move parents down until the new key's slot is found.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p]!;
      if (pt < time || (pt === time && seqs[p]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[p]!;
      ids[i] = ids[p]!;
      i = p;
    }
    times[i] = time;
    seqs[i] = seq;
    ids[i] = id;
  }

  /**
   * Remove the earliest event and hand it over through `out` (time, fn, arg)
   * without allocating a result object. Returns false when the heap is empty.
   */
  popInto(out: { time: number; fn: EventFn | undefined; arg: unknown }): boolean {
    if (this.n === 0) return false;
    const times = this.times;
    const seqs = this.seqs;
    const ids = this.ids;
    const top = ids[0]!;
    out.time = times[0]!;
    out.fn = this.fns[top];
    out.arg = this.args[top];
    this.fns[top] = undefined;
    this.args[top] = undefined;
    this.free[this.nfree++] = top;
    const last = --this.n;
    if (last > 0) {
      // Floyd's bottom-up deletion: walk the hole down to a leaf along the
      // smaller children (one comparison per level), then sift the former
      // last element up from there. It usually belongs near the bottom, so
      // this makes about half the comparisons of a classic sift-down.
      const t = times[last]!;
      const s = seqs[last]!;
      const d = ids[last]!;
      let i = 0;
      let c = 1;
      while (c < last) {
        const r = c + 1;
        if (r < last) {
          const ct = times[c]!;
          const rt = times[r]!;
          if (rt < ct || (rt === ct && seqs[r]! < seqs[c]!)) c = r;
        }
        times[i] = times[c]!;
        seqs[i] = seqs[c]!;
        ids[i] = ids[c]!;
        i = c;
        c = 2 * i + 1;
      }
      while (i > 0) {
        const p = (i - 1) >> 1;
        const pt = times[p]!;
        if (pt < t || (pt === t && seqs[p]! < s)) break;
        times[i] = pt;
        seqs[i] = seqs[p]!;
        ids[i] = ids[p]!;
        i = p;
      }
      times[i] = t;
      seqs[i] = s;
      ids[i] = d;
    }
    return true;
  }

  private grow(): void {
    const old = this.times.length;
    const cap = old * 2;
    const times = new Float64Array(cap);
    times.set(this.times);
    this.times = times;
    const seqs = new Float64Array(cap);
    seqs.set(this.seqs);
    this.seqs = seqs;
    const ids = new Int32Array(cap);
    ids.set(this.ids);
    this.ids = ids;
    const free = new Int32Array(cap);
    free.set(this.free.subarray(0, this.nfree));
    for (let i = cap - 1; i >= old; i--) free[this.nfree++] = i;
    this.free = free;
    for (let i = old; i < cap; i++) {
      this.fns.push(undefined);
      this.args.push(undefined);
    }
  }
}
