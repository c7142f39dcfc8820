import { describe, expect, it } from 'vitest';
import { History, type Completion, type OpF } from '../../sim/workload/history.ts';
import { findLostWrites, type FinalState } from '../../sim/workload/lost-writes.ts';
import type { SimEvent } from '../../sim/events/types.ts';
import { EventTimeline } from '../../sim/workload/ownership-timeline.ts';
import { E, ix, NAMES } from '../helpers/event-builders.ts';

/** A history written by hand: [f, key, value, invokeMs, type, completeMs, node, result?, offset?]. */
type Row = [OpF, string, string | null, number, Completion, number, string, (string | number | null)?, number?];
function history(rows: Row[]) {
  const h = new History();
  const p = h.addProcess('w-0');
  for (const [f, key, value, inv, type, done, node, result, offset] of rows) {
    const id = h.invoke(p, f, key, value, inv);
    h.complete(id, type, done, result ?? null, node, type === 'ok' ? '' : 'x', offset);
  }
  return h.ops();
}
const finalOf = (m: Record<string, string | string[]>): FinalState => ({ read: (k) => m[k] });

/** Split brain: A is cut off at 10 s, A1 wins epoch 7 at 15.9 s, the heal at 40 s turns A into A1's replica. */
const SPLIT_BRAIN: SimEvent[] = [
  E.fault(10_000, 'partition', { groups: E.groups(['A'], ['B', 'C', 'A1', 'B1', 'C1']) }),
  E.scheduled(14_900, 'A1', 'A', 842, 1234),
  E.won(15_900, 'A1', 'A', 7),
  E.role(15_900, 'A1', null, 'A', 1234),
  E.slotOwner(15_900, 'A1', 'A1', [0, 5460], 7),
  E.slotOwner(15_901, 'B', 'A1', [0, 5460], 7),
  E.fault(40_000, 'heal', { all: true }),
  E.slotOwner(40_003, 'A', 'A1', [0, 5460], 7),
  E.role(40_003, 'A', 'A1'),
];
const timeline = (events: SimEvent[]) => EventTimeline.from(events, NAMES);

describe('lost writes', () => {
  it('a write acked by the minority master, then overwritten when it resyncs from the promoted replica, is lost with its story', () => {
    const ops = history([
      ['set', 'key:1', 'w-0-0', 4999, 'ok', 5000, 'A'],
      ['set', 'key:1', 'w-0-1', 12_299, 'ok', 12_300, 'A', null, 1410],
    ]);
    const lost = findLostWrites(ops, finalOf({ 'key:1': 'w-0-0' }), timeline(SPLIT_BRAIN));
    expect(lost).toHaveLength(1);
    expect(lost[0]).toMatchObject({ f: 'set', key: 'key:1', value: 'w-0-1', node: 'A', ackedMs: 12_300, cause: 'failover', process: 'w-0' });
    expect(lost[0]!.why).toBe(
      'acked by A at 12.3 s while A was on the minority side of partition [A]|[B,C,A1,B1,C1]; ' +
        "A1 was promoted at 15.9 s (epoch 7, offset 1234 < 1410 where the write ends in A's stream); " +
        'A became a replica of A1 at 40.003 s and took its data; the final value is "w-0-0"',
    );
  });

  it('says the write had reached the promoted replica when its offset is not past the promotion offset, and gives the promotion offset alone when the write offset is unknown', () => {
    const reached = history([['set', 'key:1', 'w-0-1', 12_299, 'ok', 12_300, 'A', null, 1200]]);
    expect(findLostWrites(reached, finalOf({}), timeline(SPLIT_BRAIN))[0]!.why).toContain(
      "A1 was promoted at 15.9 s (epoch 7, offset 1234 ≥ 1200 where the write ends in A's stream)",
    );
    const unknown = history([['set', 'key:1', 'w-0-1', 12_299, 'ok', 12_300, 'A']]);
    expect(findLostWrites(unknown, finalOf({}), timeline(SPLIT_BRAIN))[0]!.why).toContain('A1 was promoted at 15.9 s (epoch 7, offset 1234 when promoted)');
  });

  it('falls back to the offset of the election when the promotion event carries none', () => {
    const events = SPLIT_BRAIN.map((e) => (e.type === 'role' && e.node === ix('A1') ? { ...e, offset: -1 } : e));
    const ops = history([['set', 'key:1', 'w-0-1', 12_299, 'ok', 12_300, 'A', null, 1410]]);
    expect(findLostWrites(ops, finalOf({}), timeline(events))[0]!.why).toContain('offset 1234 < 1410');
  });

  it('a SET overwritten by a concurrent or later write is not lost; one followed only by an earlier write is', () => {
    const ops = history([
      ['set', 'k', 'a', 100, 'ok', 110, 'A'],
      ['set', 'k', 'b', 105, 'ok', 120, 'A'], // concurrent with a: a may be ordered after it
      ['set', 'k', 'c', 200, 'ok', 210, 'A'], // strictly after a: a cannot overwrite it
    ]);
    const lost = findLostWrites(ops, finalOf({ k: 'a' }));
    expect(lost.map((l) => l.value)).toEqual(['c']);
    expect(lost[0]!.cause).toBe('unexplained');
  });

  it('an info write may take effect at any time: its value at the end excuses any acked SET; a failed one excuses none', () => {
    const ops = history([
      ['set', 'k', 'a', 100, 'ok', 110, 'A'],
      ['set', 'k', 'i', 50, 'info', 60, 'A'],
      ['set', 'k2', 'a2', 100, 'ok', 110, 'A'],
      ['set', 'k2', 'f2', 300, 'fail', 310, 'A'],
    ]);
    const lost = findLostWrites(ops, finalOf({ k: 'i', k2: 'f2' }));
    expect(lost.map((l) => `${l.key}=${l.value}`)).toEqual(['k2=a2']);
  });

  it('an acked RPUSH missing from the final list is lost; present ones and a missing key are reported plainly', () => {
    const ops = history([
      ['rpush', 'l', 'e1', 1, 'ok', 2, 'B'],
      ['rpush', 'l', 'e2', 3, 'ok', 4, 'B'],
      ['rpush', 'gone', 'e3', 5, 'ok', 6, 'B'],
    ]);
    const lost = findLostWrites(ops, finalOf({ l: ['e1'] }));
    expect(lost.map((l) => [l.value, l.why])).toEqual([
      ['e2', 'acked by B; the final list (1 elements) does not hold it'],
      ['e3', 'acked by B; the key is missing at the end'],
    ]);
  });

  it('an acked INCR is lost when the counter ends below its result, or when another acked INCR returned the same value', () => {
    const ops = history([
      ['incr', 'c', null, 1, 'ok', 2, 'A', 1],
      ['incr', 'c', null, 3, 'ok', 4, 'A', 2],
      ['incr', 'c', null, 12_000, 'ok', 12_001, 'A', 3], // on A's minority side: lost
      ['incr', 'c', null, 12_100, 'ok', 12_101, 'A', 4],
      ['incr', 'c', null, 16_000, 'ok', 16_001, 'A1', 3], // A1 continued from 2
    ]);
    const lost = findLostWrites(ops, finalOf({ c: '3' }), timeline(SPLIT_BRAIN));
    expect(lost.map((l) => [l.node, l.value, l.cause])).toEqual([
      ['A', '3', 'failover'],
      ['A', '4', 'failover'],
    ]);
    expect(lost[0]!.why).toMatch(/another acked INCR \(by A1 at 16.001 s\) also returned 3$/);
    expect(lost[1]!.why).toMatch(/the final counter is 3 < 4$/);
  });

  it('a master killed after the ack and restarted empty, with no failover, is a restart loss', () => {
    const tl = timeline([E.fault(20_000, 'kill', {}, 'B'), E.fault(25_000, 'restart', {}, 'B')]);
    const ops = history([['set', 'k', 'v', 10_000, 'ok', 10_001, 'B']]);
    const lost = findLostWrites(ops, finalOf({}), tl);
    expect(lost[0]!.cause).toBe('restart');
    expect(lost[0]!.why).toBe('acked by B at 10.001 s; B was killed at 20 s and restarted at 25 s without it; the key is missing at the end');
  });

  it('nothing in the timeline explains a loss: it is called unexplained, never blamed on a fault', () => {
    const ops = history([['set', 'k', 'v', 10_000, 'ok', 10_001, 'B']]);
    const lost = findLostWrites(ops, finalOf({ k: 'other' }), timeline(SPLIT_BRAIN));
    expect(lost[0]!.cause).toBe('unexplained');
    expect(lost[0]!.why).toContain('B kept slot');
  });

  it('acked writes that survive are not reported', () => {
    const ops = history([
      ['set', 'k', 'v', 1, 'ok', 2, 'B'],
      ['rpush', 'l', 'e', 1, 'ok', 2, 'B'],
      ['incr', 'c', null, 1, 'ok', 2, 'B', 1],
      ['get', 'k', null, 3, 'ok', 4, 'B', 'v'],
    ]);
    expect(findLostWrites(ops, finalOf({ k: 'v', l: ['e'], c: '1' }))).toEqual([]);
  });
});
