// Slot bitmaps (16384 bits), shared and immutable. Every PING/PONG carries
// the sender's bitmap and every node keeps one per known master; at 1000
// nodes, copying them per message or per view would dominate the run. So a
// bitmap is never modified once built: changes make a new one, which is then
// interned, and equal bitmaps are (almost always) the same object, so the
// "dirty slots" test in clusterProcessPacket is usually a pointer compare.

import { CLUSTER_SLOTS } from './constants.ts';

/**
 * Module-local copy of CLUSTER_SLOTS: loops over all 16384 slots read it on
 * every step, and an imported binding costs a getter call per read under
 * vitest's module runner.
 */
const SLOTS = CLUSTER_SLOTS;

const WORDS = SLOTS / 32;
/** Slots per word of a bitmap's storage, and words per bitmap. */
export const SLOT_WORD_BITS = 32;
export const SLOT_WORDS = WORDS;

/** The first slot in [from, to] missing from a bitmap given by its words, or -1. */
export function firstMissingSlot(word: (i: number) => number, from: number, to: number): number {
  for (let w = from >>> 5; w <= to >>> 5; w++) {
    const lo = w === from >>> 5 ? from & 31 : 0;
    const hi = w === to >>> 5 ? to & 31 : 31;
    const mask = (hi === 31 ? -1 : (1 << (hi + 1)) - 1) & (-1 << lo);
    const gaps = ~word(w) & mask;
    if (gaps !== 0) return (w << 5) + lowestBit(gaps);
  }
  return -1;
}

/** Index of the lowest set bit of a non-zero 32-bit word. */
export function lowestBit(w: number): number {
  return 31 - Math.clz32(w & -w);
}

export class SlotBitmap {
  /** Number of slots set. */
  readonly count: number;
  /** Content hash, for interning. */
  readonly hash: number;

  private constructor(private readonly words: Uint32Array) {
    let count = 0;
    let h = 0x811c9dc5;
    for (let i = 0; i < WORDS; i++) {
      const w = words[i]!;
      if (w !== 0) {
        count += popcount(w);
        h = Math.imul(h ^ i, 0x01000193);
        h = Math.imul(h ^ w, 0x01000193);
      }
    }
    this.count = count;
    this.hash = h >>> 0;
  }

  static readonly EMPTY: SlotBitmap = new SlotBitmap(new Uint32Array(WORDS));

  /** Build from a list of slots or [start, end] ranges. */
  static of(slots: Iterable<number | readonly [number, number]>): SlotBitmap {
    const w = new Uint32Array(WORDS);
    for (const s of slots) {
      if (typeof s === 'number') w[s >>> 5]! |= 1 << (s & 31);
      else for (let j = s[0]; j <= s[1]; j++) w[j >>> 5]! |= 1 << (j & 31);
    }
    return intern(new SlotBitmap(w));
  }

  has(slot: number): boolean {
    return (this.words[slot >>> 5]! & (1 << (slot & 31))) !== 0;
  }

  /** Slots 32i .. 32i+31 as the bits of one word (loops skip empty words). */
  word(i: number): number {
    return this.words[i]!;
  }

  /** The first set slot at or after `from`, or -1: `for (j = b.nextSet(0); j >= 0; j = b.nextSet(j + 1))`. */
  nextSet(from: number): number {
    let i = from >>> 5;
    if (i >= WORDS) return -1;
    let w = this.words[i]! & (-1 << (from & 31));
    while (w === 0) {
      if (++i >= WORDS) return -1;
      w = this.words[i]!;
    }
    return (i << 5) + lowestBit(w);
  }

  /** A bitmap with `slot` set or cleared (this one when nothing changes). */
  with(slot: number, on: boolean): SlotBitmap {
    if (this.has(slot) === on) return this;
    const w = this.words.slice();
    if (on) w[slot >>> 5]! |= 1 << (slot & 31);
    else w[slot >>> 5]! &= ~(1 << (slot & 31));
    return intern(new SlotBitmap(w));
  }

  /** Start a batch of edits (one copy for many slot changes). */
  edit(): SlotBitmapEditor {
    return new SlotBitmapEditor(this.words.slice(), this);
  }

  equals(other: SlotBitmap): boolean {
    if (this === other) return true;
    if (this.hash !== other.hash || this.count !== other.count) return false;
    for (let i = 0; i < WORDS; i++) if (this.words[i] !== other.words[i]) return false;
    return true;
  }

  /** Calls fn for every set slot in ascending order. */
  forEach(fn: (slot: number) => void): void {
    for (let i = 0; i < WORDS; i++) {
      let w = this.words[i]!;
      while (w !== 0) {
        const bit = lowestBit(w);
        fn(i * 32 + bit);
        w &= w - 1;
      }
    }
  }

  /** Set slots as ascending [start, end] ranges (CLUSTER NODES / SLOTS layout). */
  ranges(): [number, number][] {
    const out: [number, number][] = [];
    let start = -1;
    for (let s = 0; s <= SLOTS; s++) {
      const on = s < SLOTS && this.has(s);
      if (on && start < 0) start = s;
      else if (!on && start >= 0) {
        out.push([start, s - 1]);
        start = -1;
      }
    }
    return out;
  }
}

export class SlotBitmapEditor {
  private changed = false;
  constructor(
    private readonly words: Uint32Array,
    private readonly original: SlotBitmap,
  ) {}
  has(slot: number): boolean {
    return (this.words[slot >>> 5]! & (1 << (slot & 31))) !== 0;
  }
  word(i: number): number {
    return this.words[i]!;
  }
  set(slot: number, on: boolean): void {
    const before = this.words[slot >>> 5]!;
    const after = on ? before | (1 << (slot & 31)) : before & ~(1 << (slot & 31));
    if (after !== before) {
      this.words[slot >>> 5] = after;
      this.changed = true;
    }
  }
  /** Replace word `i` (slots 32i .. 32i+31) with `bits`. */
  setWord(i: number, bits: number): void {
    if (this.words[i] === bits >>> 0) return;
    this.words[i] = bits;
    this.changed = true;
  }
  done(): SlotBitmap {
    if (!this.changed) return this.original;
    return intern(makeBitmap(this.words));
  }
}

// Construction goes through a private constructor; expose it to the editor.
const makeBitmap = (words: Uint32Array): SlotBitmap =>
  new (SlotBitmap as unknown as new (w: Uint32Array) => SlotBitmap)(words);

/** Number of set bits of a 32-bit word. */
export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

// Interning: a small table of recently built bitmaps keyed by hash. A miss
// only costs sharing, never correctness (equals() still compares content).
const TABLE_SIZE = 4096;
const table: (SlotBitmap | undefined)[] = new Array(TABLE_SIZE);

function intern(b: SlotBitmap): SlotBitmap {
  if (b.count === 0) return SlotBitmap.EMPTY;
  const i = b.hash & (TABLE_SIZE - 1);
  const hit = table[i];
  if (hit && hit.equals(b)) return hit;
  table[i] = b;
  return b;
}
