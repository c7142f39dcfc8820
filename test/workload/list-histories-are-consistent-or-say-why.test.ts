import { describe, expect, it } from 'vitest';
import { History, type Completion } from '../../sim/workload/history.ts';
import { checkListHistories } from '../../sim/workload/list-consistency.ts';
import type { FinalState } from '../../sim/workload/lost-writes.ts';
import { keyOwnedBy } from './fake-cluster.ts';
import { clientSetup } from './helpers.ts';

type Row = ['rpush' | 'set', string, string, number, Completion, number];
function history(rows: Row[]) {
  const h = new History();
  const p = h.addProcess('w-0');
  for (const [f, key, value, inv, type, done] of rows) h.complete(h.invoke(p, f, key, value, inv), type, done, null, 'A', '');
  return h.ops();
}
const finalOf = (m: Record<string, string | string[]>): FinalState => ({ read: (k) => m[k] });

describe('history: consistent (list appends)', () => {
  it('holds when every list equals its acked appends in order; info appends may or may not be there', () => {
    const ops = history([
      ['rpush', 'l', 'a', 1, 'ok', 2],
      ['rpush', 'l', 'b', 3, 'info', 1003],
      ['rpush', 'l', 'c', 1004, 'ok', 1005],
      ['rpush', 'm', 'x', 1, 'info', 1001],
      ['rpush', 'm', 'y', 2, 'fail', 3],
    ]);
    const v = checkListHistories(ops, finalOf({ l: ['a', 'b', 'c'] }));
    expect(v).toEqual({ ok: true, why: '', anomalies: [], keysChecked: 2 });
    expect(checkListHistories(ops, finalOf({ l: ['a', 'c'], m: ['x'] })).ok).toBe(true);
  });

  it('an RPUSH acked once but applied twice because of a retry is a duplication (end to end through the client)', () => {
    const { fc, history: h, run } = clientSetup();
    const key = keyOwnedBy(1);
    const b = fc.node('B');
    let crashed = false;
    b.script = (argv, node) => {
      if (argv[0] !== 'RPUSH' || crashed) return undefined;
      crashed = true;
      node.data.set(argv[1]!, [argv[2]!]); // applied …
      fc.sched.after(0, () => fc.net.kill(node.pid)); // … then the node dies before answering
      fc.sched.after(100, () => fc.net.restart(node.pid));
      return 'silent';
    };
    expect(run('rpush', key, 'w-0-0').type).toBe('ok');
    const final: FinalState = { read: (k) => b.data.get(k) };
    const v = checkListHistories(h.ops(), final);
    expect(v.ok).toBe(false);
    expect(v.anomalies).toEqual([
      { key, kind: 'duplicated', element: 'w-0-0', detail: expect.stringMatching(/appears more than once \(RPUSH acked once at 0\.\d+ s\)$/) },
    ]);
    expect(v.why).toContain(`${key}: w-0-0 appears more than once`);
  });

  it('a missing acked append is lost; an element nobody appended is unexpected', () => {
    const ops = history([
      ['rpush', 'l', 'a', 1, 'ok', 2],
      ['rpush', 'l', 'b', 3, 'ok', 4],
      ['rpush', 'l', 'f', 5, 'fail', 6],
    ]);
    const v = checkListHistories(ops, finalOf({ l: ['a', 'f'] }));
    expect(v.anomalies.map((a) => [a.kind, a.element])).toEqual([
      ['unexpected', 'f'],
      ['lost', 'b'],
    ]);
    expect(v.why).toBe('l: f was never appended by a non-failed RPUSH; l: b acked by A at 0.004 s is missing');
  });

  it('an append acked before another was invoked must come first', () => {
    const ops = history([
      ['rpush', 'l', 'a', 1, 'ok', 2],
      ['rpush', 'l', 'b', 10, 'ok', 11],
      ['rpush', 'l', 'c', 9, 'ok', 12], // concurrent with b: either order is fine
    ]);
    expect(checkListHistories(ops, finalOf({ l: ['a', 'c', 'b'] })).ok).toBe(true);
    const v = checkListHistories(ops, finalOf({ l: ['b', 'a', 'c'] }));
    expect(v.anomalies.map((a) => [a.kind, a.element])).toEqual([['reordered', 'a']]);
    expect(v.why).toBe('l: a (acked at 0.002 s) comes after b (invoked at 0.01 s)');
  });

  it('keys that a SET may have overwritten are not list keys; a list key holding a string is an anomaly', () => {
    const ops = history([
      ['rpush', 'l', 'a', 1, 'ok', 2],
      ['set', 'l', 's', 3, 'info', 4],
      ['rpush', 'm', 'b', 1, 'ok', 2],
    ]);
    const v = checkListHistories(ops, finalOf({ l: 's', m: 'oops' }));
    expect(v.keysChecked).toBe(1);
    expect(v.anomalies.map((a) => a.kind)).toEqual(['not-a-list']);
  });

  it('summarises many anomalies in one line', () => {
    const rows: Row[] = [];
    for (let i = 0; i < 5; i++) rows.push(['rpush', 'l', `e${i}`, i * 10, 'ok', i * 10 + 1]);
    const v = checkListHistories(history(rows), finalOf({ l: [] }));
    expect(v.anomalies).toHaveLength(5);
    expect(v.why).toMatch(/; and 2 more$/);
  });
});
