// Which directed paths are cut. A partition silently drops packets (as a
// firewall DROP rule or a pulled cable does); it does not reset connections.
// Stored as a byte matrix so that the per-message check is one array read.

export class Partitions {
  private cap = 0;
  private blocked = new Uint8Array(0);
  private count = 0;

  /** Make room for process ids below n. */
  ensure(n: number): void {
    if (n <= this.cap) return;
    let cap = Math.max(16, this.cap);
    while (cap < n) cap *= 2;
    const next = new Uint8Array(cap * cap);
    for (let a = 0; a < this.cap; a++) {
      next.set(this.blocked.subarray(a * this.cap, a * this.cap + this.cap), a * cap);
    }
    this.blocked = next;
    this.cap = cap;
  }

  /** True if packets from `from` to `to` are dropped. */
  isBlocked(from: number, to: number): boolean {
    return this.count > 0 && this.blocked[from * this.cap + to] === 1;
  }

  /** Any path cut at all (lets the hot path skip the lookup). */
  get any(): boolean {
    return this.count > 0;
  }

  private set(from: number, to: number, value: 0 | 1): void {
    if (from === to) return;
    this.ensure(Math.max(from, to) + 1);
    const i = from * this.cap + to;
    if (this.blocked[i] === value) return;
    this.blocked[i] = value;
    this.count += value ? 1 : -1;
  }

  /** Cut every path between different groups, both ways. */
  splitGroups(groups: readonly (readonly number[])[]): void {
    for (let g = 0; g < groups.length; g++) {
      for (let h = 0; h < groups.length; h++) {
        if (g === h) continue;
        for (const a of groups[g]!) for (const b of groups[h]!) this.set(a, b, 1);
      }
    }
  }

  /** Cut only from → to (one-way partition). */
  cutOneWay(from: readonly number[], to: readonly number[]): void {
    for (const a of from) for (const b of to) this.set(a, b, 1);
  }

  /** Restore every path between the two sets, both ways. */
  healBetween(xs: readonly number[], ys: readonly number[]): void {
    for (const a of xs)
      for (const b of ys) {
        this.set(a, b, 0);
        this.set(b, a, 0);
      }
  }

  healAll(): void {
    this.blocked.fill(0);
    this.count = 0;
  }

  /** Directed pairs currently cut (for reports and the timeline's fault bands). */
  cutPairs(): [number, number][] {
    const out: [number, number][] = [];
    if (this.count === 0) return out;
    for (let a = 0; a < this.cap; a++)
      for (let b = 0; b < this.cap; b++) if (this.blocked[a * this.cap + b]) out.push([a, b]);
    return out;
  }
}
