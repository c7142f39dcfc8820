// The keys a workload touches: `pattern` with `%d` replaced by 0..count-1,
// named and hashed to slots on first use only (a million-key workload
// touches what it touches).
//
// Data-type families: set and get work on strings, rpush and lrange on
// lists, incr on counters. Sharing one key between families makes most ops fail with
// WRONGTYPE or "not an integer" (an RPUSH to a key a SET wrote), which
// says nothing about the cluster and hides lost writes behind failures. So
// when a mix has several families, key i belongs to family i mod F (in the
// order strings, lists, counters), and each op picks uniformly among its
// family's keys. With fewer keys than families, every op shares every key.

import { keyHashSlot } from '../core/keyslot.ts';
import type { Prng } from '../core/prng.ts';
import type { OpF } from './history.ts';

const FAMILY: Readonly<Record<OpF, number>> = { set: 0, get: 0, rpush: 1, lrange: 1, incr: 2 };

/** Key i of a pattern: every `%d` replaced by i. */
export function keyName(pattern: string, i: number): string {
  return pattern.split('%d').join(String(i));
}

export class KeySpace {
  private readonly names: (string | undefined)[];
  private readonly slots: Int16Array;
  /** Family index of each op kind present in the mix (-1: shared keys). */
  private readonly familyOf = new Int8Array(5).fill(-1);
  private readonly families: number;

  constructor(
    private readonly pattern: string,
    readonly count: number,
    ops: readonly OpF[],
  ) {
    this.names = new Array<string | undefined>(count);
    this.slots = new Int16Array(count).fill(-1);
    const present = [...new Set(ops.map((f) => FAMILY[f]))].sort();
    this.families = count >= present.length ? present.length : 1;
    if (this.families > 1) for (const f of ops) this.familyOf[FAMILY_INDEX[f]] = present.indexOf(FAMILY[f]);
  }

  /** Draw the index of a key for op `f`. */
  pick(f: OpF, rng: Prng): number {
    const fam = this.familyOf[FAMILY_INDEX[f]]!;
    if (fam < 0) return rng.int(this.count);
    const n = this.families;
    return fam + n * rng.int(Math.floor((this.count - 1 - fam) / n) + 1);
  }

  key(i: number): string {
    return (this.names[i] ??= keyName(this.pattern, i));
  }

  slot(i: number): number {
    let s = this.slots[i]!;
    if (s < 0) s = this.slots[i] = keyHashSlot(this.key(i));
    return s;
  }
}

const FAMILY_INDEX: Readonly<Record<OpF, number>> = { set: 0, get: 1, rpush: 2, incr: 3, lrange: 4 };
