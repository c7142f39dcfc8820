// Binary min-heap of events ordered by (time, seq). Keys live in parallel
// typed arrays and payloads in plain arrays, so push/pop allocate nothing once
// the arrays have grown: this is the innermost loop of every run.

export type EventFn = (arg: any) => void;

export class EventHeap {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private fns: (EventFn | undefined)[] = new Array(1024);
  private args: unknown[] = new Array(1024);
  private n = 0;

  get size(): number {
    return this.n;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.n > 0 ? this.times[0]! : Infinity;
  }

  push(time: number, seq: number, fn: EventFn, arg: unknown): void {
    if (this.n === this.times.length) this.grow();
    let i = this.n++;
    const times = this.times;
    const seqs = this.seqs;
    const fns = this.fns;
    const args = this.args;
    // Sift up: move parents down until the slot for the new key is found.
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pt = times[p]!;
      if (pt < time || (pt === time && seqs[p]! < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[p]!;
      fns[i] = fns[p];
      args[i] = args[p];
      i = p;
    }
    times[i] = time;
    seqs[i] = seq;
    fns[i] = fn;
    args[i] = arg;
  }

  /**
   * Remove the earliest event and hand it to `run` (time, fn, arg) without
   * allocating a result object. Returns false when the heap is empty.
   */
  popInto(out: { time: number; fn: EventFn | undefined; arg: unknown }): boolean {
    if (this.n === 0) return false;
    const times = this.times;
    const seqs = this.seqs;
    const fns = this.fns;
    const args = this.args;
    out.time = times[0]!;
    out.fn = fns[0];
    out.arg = args[0];
    const last = --this.n;
    if (last > 0) {
      const t = times[last]!;
      const s = seqs[last]!;
      const f = fns[last];
      const a = args[last];
      let i = 0;
      const half = last >> 1;
      while (i < half) {
        let c = 2 * i + 1;
        const r = c + 1;
        if (r < last && (times[r]! < times[c]! || (times[r] === times[c] && seqs[r]! < seqs[c]!))) c = r;
        const ct = times[c]!;
        if (t < ct || (t === ct && s < seqs[c]!)) break;
        times[i] = ct;
        seqs[i] = seqs[c]!;
        fns[i] = fns[c];
        args[i] = args[c];
        i = c;
      }
      times[i] = t;
      seqs[i] = s;
      fns[i] = f;
      args[i] = a;
    }
    fns[last] = undefined;
    args[last] = undefined;
    return true;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const times = new Float64Array(cap);
    times.set(this.times);
    const seqs = new Float64Array(cap);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
    this.fns.length = cap;
    this.args.length = cap;
  }
}
