// Seeded randomness: the only import of seedrandom in the simulator.
//
// Every subsystem draws from its own labelled fork (`fork('net')`,
// `fork('node:A1')`). A fork's stream depends only on the root seed and the
// chain of labels that leads to it, never on how many draws other forks have
// made or which other forks exist, so adding a draw in the network cannot
// shift an election delay (TigerBeetle's sub-seeds, madsim's per-task rngs).

import seedrandom from 'seedrandom';

export class Prng {
  /** The full label path, e.g. `7/node:A1`; also the seed of this stream. */
  readonly path: string;
  // alea's state. seedrandom seeds it (its Mash of the path); the generator
  // itself runs here, the same arithmetic as seedrandom's Alea.next, so the
  // draws are the same numbers without a closure call per draw (gossip
  // makes a hundred draws per packet).
  private s0: number;
  private s1: number;
  private s2: number;
  private c: number;

  constructor(seed: string | number) {
    this.path = String(seed);
    // alea: fast, good quality, and its state depends only on the seed string.
    const st = seedrandom.alea(this.path, { state: true }).state();
    this.s0 = st.s0;
    this.s1 = st.s1;
    this.s2 = st.s2;
    this.c = st.c;
  }

  /** Alea's next(): uniform in [0, 1). */
  private gen(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    return (this.s2 = t - this.c);
  }

  /** An independent stream for `label`; the same label always gives the same stream. */
  fork(label: string): Prng {
    return new Prng(`${this.path}/${label}`);
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.gen();
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.gen() * n);
  }

  /**
   * What the next `count` calls of int(n) will return, in order, without
   * drawing them: the stream is unchanged. For touching memory ahead of a
   * loop that will draw them (never for deciding anything).
   */
  peekInts(n: number, count: number, out: Int32Array): void {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let c = this.c;
    for (let k = 0; k < count; k++) {
      const t = 2091639 * s0 + c * 2.3283064365386963e-10;
      s0 = s1;
      s1 = s2;
      c = t | 0;
      s2 = t - c;
      out[k] = Math.floor(s2 * n);
    }
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  intBetween(lo: number, hi: number): number {
    return lo + Math.floor(this.gen() * (hi - lo + 1));
  }

  /**
   * What C's random() returns: a non-negative 31-bit integer. Redis writes
   * `random() % 500` for the election jitter; callers keep that shape.
   */
  random(): number {
    return Math.floor(this.gen() * 0x80000000);
  }

  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + this.gen() * (hi - lo);
  }

  /** Normal deviate (Box–Muller; one draw pair per call, no cached spare). */
  normal(mean: number, stddev: number): number {
    let u = this.gen();
    if (u < Number.MIN_VALUE) u = Number.MIN_VALUE;
    const v = this.gen();
    return mean + stddev * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Exponential deviate with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.gen());
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return p > 0 && this.gen() < p;
  }

  /** A uniformly chosen element; the list must not be empty. */
  pick<T>(list: readonly T[]): T {
    if (list.length === 0) throw new Error('Prng.pick from an empty list');
    return list[Math.floor(this.gen() * list.length)]!;
  }

  /** Fisher–Yates shuffle of a copy. */
  shuffled<T>(list: readonly T[]): T[] {
    const out = list.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.gen() * (i + 1));
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return out;
  }

  /** 40 lowercase hex characters, like a Redis node ID. */
  hexId(length = 40): string {
    let s = '';
    while (s.length < length) s += Math.floor(this.gen() * 0x10000).toString(16).padStart(4, '0');
    return s.slice(0, length);
  }
}
