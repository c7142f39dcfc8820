// Slot bitmaps are shared and immutable; loops that must visit only set
// slots (clusterUpdateSlotsConfigWith, the UPDATE check of a PING) walk them
// with nextSet/word. Checked against a plain Set of slots on random bitmaps.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLUSTER_SLOTS } from '../../sim/cluster/constants.ts';
import { SLOT_WORDS, SlotBitmap } from '../../sim/cluster/slot-bitmap.ts';

const slotSets = fc.uniqueArray(fc.integer({ min: 0, max: CLUSTER_SLOTS - 1 }), { maxLength: 300 });

describe('slot bitmaps', () => {
  it('nextSet walks exactly the set slots in ascending order', () => {
    fc.assert(
      fc.property(slotSets, (slots) => {
        const b = SlotBitmap.of(slots);
        const seen: number[] = [];
        for (let j = b.nextSet(0); j >= 0; j = b.nextSet(j + 1)) seen.push(j);
        expect(seen).toEqual([...slots].sort((x, y) => x - y));
      }),
    );
  });

  it('nextSet finds slot 16383 and slot 0, and says -1 past the end', () => {
    const b = SlotBitmap.of([0, 31, 32, 16383]);
    expect([b.nextSet(0), b.nextSet(1), b.nextSet(32), b.nextSet(33), b.nextSet(16384)]).toEqual([0, 31, 32, 16383, -1]);
    expect(SlotBitmap.EMPTY.nextSet(0)).toBe(-1);
  });

  it('word i holds slots 32i..32i+31 as bits', () => {
    fc.assert(
      fc.property(slotSets, (slots) => {
        const b = SlotBitmap.of(slots);
        const fromWords: number[] = [];
        for (let i = 0; i < SLOT_WORDS; i++) {
          const w = b.word(i);
          for (let bit = 0; bit < 32; bit++) if ((w >>> bit) & 1) fromWords.push(i * 32 + bit);
        }
        expect(fromWords).toEqual([...slots].sort((x, y) => x - y));
      }),
    );
  });
});
