// Reads are held to register (GET) and list (LRANGE) semantics: a read may
// return any write that could be the latest one linearized before it, and
// nothing else. Each case is a history whose verdict follows from the
// definition of linearizability, worked out by hand.

import { describe, expect, it } from 'vitest';
import { History, type Op } from '../../sim/workload/history.ts';
import type { LostWrite } from '../../sim/workload/lost-writes.ts';
import { checkReads } from '../../sim/workload/read-check.ts';

function kinds(ops: Op[], lost: LostWrite[] = []): string[] {
  return checkReads(ops, lost).anomalies.map((a) => `${a.kind} ${a.value}${a.missed ? ` missed ${a.missed}` : ''}`);
}

describe('read checker', () => {
  it('a read that returns an overwritten value after the overwrite was acked is stale; one concurrent with it is not', () => {
    const h = new History();
    const p = h.addProcess('w-0');
    const q = h.addProcess('w-1');
    h.complete(h.invoke(p, 'set', 'k', 'x', 0), 'ok', 1, null, 'A', '');
    h.complete(h.invoke(p, 'set', 'k', 'y', 2), 'ok', 3, null, 'A1', '');
    h.complete(h.invoke(q, 'get', 'k', null, 2.5), 'ok', 3.5, 'x', 'A', ''); // concurrent with y's SET: may read x
    h.complete(h.invoke(q, 'get', 'k', null, 4), 'ok', 5, 'x', 'A', ''); // y acked at 3, before: stale
    h.complete(h.invoke(q, 'get', 'k', null, 6), 'ok', 7, 'y', 'A1', '');
    expect(kinds(h.ops())).toEqual(['stale "x" missed y']);
    const a = checkReads(h.ops(), [], { side: (n) => (n === 'A' ? ' (A on the minority side of partition [A]|[B,C])' : '') }).anomalies[0]!;
    expect(a.why).toBe(
      'GET k → "x" from A at 0.005 s (A on the minority side of partition [A]|[B,C]): "y" had been acked by A1 at 0.003 s, before this read began',
    );
  });

  it('nil after an acked write is stale; nil before any write completed is fine', () => {
    const h = new History();
    const p = h.addProcess('w-0');
    const q = h.addProcess('w-1');
    h.complete(h.invoke(q, 'get', 'k', null, 0), 'ok', 1, null, 'A', '');
    h.complete(h.invoke(p, 'set', 'k', 'x', 0.5), 'ok', 2, null, 'A', '');
    h.complete(h.invoke(q, 'get', 'k', null, 1.5), 'ok', 2.5, null, 'A', ''); // overlaps the SET
    h.complete(h.invoke(q, 'get', 'k', null, 3), 'ok', 4, null, 'B', '');
    expect(kinds(h.ops())).toEqual(['stale nil missed x']);
  });

  it('a write only an info op made is in effect once a read saw it: an older read after that is stale', () => {
    const h = new History();
    const p = h.addProcess('w-0');
    const q = h.addProcess('w-1');
    h.complete(h.invoke(p, 'set', 'k', 'x', 0), 'ok', 1, null, 'A', '');
    h.complete(h.invoke(p, 'set', 'k', 'y', 2), 'info', 50, null, 'A', 'timeout');
    h.complete(h.invoke(q, 'get', 'k', null, 3), 'ok', 4, 'y', 'A', '');
    h.complete(h.invoke(q, 'get', 'k', null, 5), 'ok', 6, 'x', 'B', '');
    expect(kinds(h.ops())).toEqual(['stale "x" missed y']);
  });

  it('values no write could have made are phantom: never written, only by a failed write, written after the read', () => {
    const h = new History();
    const p = h.addProcess('w-0');
    const q = h.addProcess('w-1');
    h.complete(h.invoke(p, 'set', 'k', 'f', 0), 'fail', 1, null, 'A', 'MOVED 1 127.0.0.1:7001');
    h.complete(h.invoke(q, 'get', 'k', null, 2), 'ok', 3, 'f', 'A', '');
    h.complete(h.invoke(q, 'get', 'k', null, 4), 'ok', 5, 'zz', 'A', '');
    h.complete(h.invoke(q, 'get', 'k', null, 6), 'ok', 7, 'late', 'A', '');
    h.complete(h.invoke(p, 'set', 'k', 'late', 8), 'ok', 9, null, 'A', '');
    expect(kinds(h.ops())).toEqual(['phantom "f"', 'phantom "zz"', 'phantom "late"']);
  });

  it('a list read that lacks an append acked before it began is stale; one that lacks a concurrent append is not', () => {
    const h = new History();
    const p = h.addProcess('w-0');
    const q = h.addProcess('w-1');
    h.complete(h.invoke(p, 'rpush', 'l', 'a', 0), 'ok', 1, null, 'A', '');
    h.complete(h.invoke(p, 'rpush', 'l', 'b', 2), 'ok', 4, null, 'A', '');
    h.complete(h.invoke(q, 'lrange', 'l', null, 3), 'ok', 3.5, ['a'], 'A', '');
    h.complete(h.invoke(q, 'lrange', 'l', null, 5), 'ok', 6, ['a'], 'B', '');
    h.complete(h.invoke(q, 'lrange', 'l', null, 7), 'ok', 8, ['a', 'c'], 'A', '');
    expect(kinds(h.ops())).toEqual(['stale ["a"] missed b', 'phantom ["a","c"]']);
  });

  it('a stale read whose missed write is among the lost writes is a lost read, told with the loss', () => {
    const h = new History();
    const p = h.addProcess('w-0');
    const q = h.addProcess('w-1');
    h.complete(h.invoke(p, 'set', 'k', 'x', 0), 'ok', 1, null, 'A', '');
    const y = h.invoke(p, 'set', 'k', 'y', 2);
    h.complete(y, 'ok', 3, null, 'A', '');
    h.complete(h.invoke(q, 'get', 'k', null, 10), 'ok', 11, 'x', 'A1', '');
    const lost = [{ op: y, why: 'acked by A at 0.003 s while A was isolated; A1 was promoted at 0.008 s' } as LostWrite];
    const [a] = checkReads(h.ops(), lost).anomalies;
    expect(a!.kind).toBe('lost');
    expect(a!.why).toBe('GET k → "x" from A1 at 0.011 s: "y" had been acked by A at 0.003 s, before this read began, a write that was lost: acked by A at 0.003 s while A was isolated; A1 was promoted at 0.008 s');
  });
});

/**
 * SET x (from 0) and SET y (from 0.5) both acknowledged at 10; meanwhile one
 * process reads x (1-2), y (3-4) and then `third` (5-6, from B).
 */
function writesXYThenReads(third: string): History {
  const h = new History();
  const p = h.addProcess('w-0');
  const q = h.addProcess('w-1');
  const r = h.addProcess('r');
  const x = h.invoke(p, 'set', 'k', 'x', 0);
  const y = h.invoke(q, 'set', 'k', 'y', 0.5);
  h.complete(h.invoke(r, 'get', 'k', null, 1), 'ok', 2, 'x', 'A', '');
  h.complete(h.invoke(r, 'get', 'k', null, 3), 'ok', 4, 'y', 'A', '');
  h.complete(h.invoke(r, 'get', 'k', null, 5), 'ok', 6, third, 'B', '');
  h.complete(x, 'ok', 10, null, 'A', '');
  h.complete(y, 'ok', 10, null, 'A', '');
  return h;
}

describe('the exact register test (zones)', () => {
  it('x, then y, then x again, by reads that do not overlap, while both writes are still running: no order explains the last read', () => {
    const h = writesXYThenReads('x');
    // Single reads pass: y began (0.5) before x was in effect (2). The three reads together do not.
    expect(kinds(h.ops())).toEqual(['stale "x" missed y']);
    expect(checkReads(h.ops(), []).anomalies[0]!.why).toContain('"y" (read from A at 0.004 s) and "x" were each seen after the other was in effect');
  });

  it('x then y then y, or reads concurrent with both writes, are fine', () => {
    const h = writesXYThenReads('y');
    expect(kinds(h.ops())).toEqual([]);
  });
});
