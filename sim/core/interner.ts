// Strings numbered in the order they are first seen, so that compact
// numeric columns (history, timeline records) can store a small integer and
// readers turn it back into the string.

export class Interner {
  /** values[i] is the string numbered i. */
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(initial: readonly string[] = []) {
    for (const s of initial) this.id(s);
  }

  get size(): number {
    return this.values.length;
  }

  /** The number of `s`, giving it the next one if it is new. */
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}
