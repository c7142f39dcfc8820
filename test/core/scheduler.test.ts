import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHeap } from '../../sim/core/heap.ts';
import { Scheduler } from '../../sim/core/scheduler.ts';

describe('event heap', () => {
  it('pops events in (time, seq) order for any push sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 400 }), (times) => {
        const h = new EventHeap();
        times.forEach((t, seq) => h.push(t, seq, () => {}, seq));
        const out: [number, number][] = [];
        const slot = { time: 0, fn: undefined, arg: undefined as unknown };
        while (h.popInto(slot)) out.push([slot.time, slot.arg as number]);
        const expected = times.map((t, seq) => [t, seq] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(out).toEqual(expected);
      }),
    );
  });
});

describe('scheduler', () => {
  it('runs events at the same instant in the order they were scheduled', () => {
    const s = new Scheduler();
    const seen: string[] = [];
    s.at(10, () => seen.push('a'));
    s.at(5, () => {
      seen.push('b');
      s.at(10, () => seen.push('c')); // scheduled later, same instant: runs after 'a'
    });
    s.at(10, () => seen.push('d'));
    s.runUntil(100);
    expect(seen).toEqual(['b', 'a', 'd', 'c']);
  });

  it('advances the clock to each event and to the end of the window', () => {
    const s = new Scheduler();
    const at: number[] = [];
    s.at(3, () => at.push(s.now));
    s.after(7.5, () => at.push(s.now));
    s.runUntil(50);
    expect(at).toEqual([3, 7.5]);
    expect(s.now).toBe(50);
    s.at(60, () => at.push(s.now));
    s.runUntil(55);
    expect(at).toHaveLength(2); // the event at 60 is not yet due
  });

  it('refuses to schedule in the past', () => {
    const s = new Scheduler();
    s.runUntil(10);
    expect(() => s.at(9, () => {})).toThrow(/before now/);
  });

  it('cancelled timers never fire; stop() returns control after the current event', () => {
    const s = new Scheduler();
    const seen: number[] = [];
    const t = s.timer(5, () => seen.push(5));
    s.at(6, () => {
      seen.push(6);
      s.stop();
    });
    s.at(7, () => seen.push(7));
    t.cancel();
    expect(s.runUntil(100)).toBe(false);
    expect(seen).toEqual([6]);
    expect(s.now).toBe(6);
  });
});
