// What EXEC sends to replicas, as 7.0.15 propagates it (recorded with a
// replication tap on a real server): one write alone, several writes in one
// MULTI … EXEC block, nothing for reads or a failed command. And which
// writes make a WATCHed key dirty: any client's write to it (its own too),
// FLUSHALL; not a …STORE that only reads it.

import { describe, expect, it } from 'vitest';
import { replyToLine } from '../../sim/core/reply.ts';
import { formedCluster, type TestCluster } from './cluster-world.ts';

/** Run a session on A through a named client and return what A propagated meanwhile. */
function propagated(t: TestCluster, ...cmds: string[][]): { replies: string[]; stream: string[][] } {
  const repl = t.srv('A').repl;
  const stream: string[][] = [];
  const original = repl.propagate.bind(repl);
  repl.propagate = (ops) => {
    stream.push(...ops.map((o) => [...o]));
    original(ops);
  };
  const replies = cmds.map((argv) => replyToLine(t.srv('A').command(argv, { client: 'tx' })!));
  repl.propagate = original;
  return { replies, stream };
}

describe('EXEC propagates the transaction as one unit', () => {
  const t = formedCluster();
  it('one write: the command alone', () => {
    expect(propagated(t, ['MULTI'], ['SET', 'b', '1'], ['EXEC']).stream).toEqual([['SET', 'b', '1']]);
  });
  it('several writes (a read between them): MULTI … EXEC around the writes', () => {
    const r = propagated(t, ['MULTI'], ['SET', 'b', '1'], ['GET', 'b'], ['INCR', 'b'], ['EXEC']);
    expect(r.replies.at(-1)).toBe('[OK,"1",(integer) 2]');
    expect(r.stream).toEqual([['MULTI'], ['SET', 'b', '1'], ['INCR', 'b'], ['EXEC']]);
  });
  it('only reads, or a write that failed: nothing', () => {
    expect(propagated(t, ['MULTI'], ['GET', 'b'], ['EXEC']).stream).toEqual([]);
    expect(propagated(t, ['MULTI'], ['INCR', 'b'], ['LPUSH', 'b', 'x'], ['EXEC']).stream).toEqual([['INCR', 'b']]);
  });
  it('the replica applies the block', () => {
    propagated(t, ['MULTI'], ['SET', '{b}x', '1'], ['SET', '{b}y', '2'], ['EXEC']);
    t.run(100);
    expect([t.srv('A1').keyspace.peek('{b}x')?.value, t.srv('A1').keyspace.peek('{b}y')?.value]).toEqual(['1', '2']);
  });
});

describe('what makes a watched key dirty', () => {
  const t = formedCluster();
  const run = (...cmds: string[][]): string => cmds.map((argv) => replyToLine(t.srv('A').command(argv, { client: 'w' })!)).at(-1)!;
  const other = (...argv: string[]): void => void t.srv('A').command(argv);
  it('a …STORE that only reads the watched key leaves it clean; one that writes it makes it dirty', () => {
    other('SADD', '{b}s', 'm');
    expect(run(['WATCH', '{b}s'])).toBe('OK');
    other('SUNIONSTORE', '{b}dst', '{b}s');
    expect(run(['MULTI'], ['SCARD', '{b}s'], ['EXEC'])).toBe('[(integer) 1]');
    run(['WATCH', '{b}dst']);
    other('SUNIONSTORE', '{b}dst', '{b}s');
    expect(run(['MULTI'], ['SCARD', '{b}dst'], ['EXEC'])).toBe('(nil)');
  });
  it('FLUSHALL makes every watched key dirty; a key of the same name written after EXEC does not matter', () => {
    run(['WATCH', '{b}s']);
    other('FLUSHALL');
    expect(run(['MULTI'], ['SCARD', '{b}s'], ['EXEC'])).toBe('(nil)');
    expect(run(['MULTI'], ['SCARD', '{b}s'], ['EXEC'])).toBe('[(integer) 0]');
  });
  it('a watched key that expires makes EXEC fail', () => {
    other('SET', '{b}t', 'v', 'PX', '50');
    run(['WATCH', '{b}t']);
    t.run(100);
    expect(run(['MULTI'], ['GET', '{b}t'], ['EXEC'])).toBe('(nil)');
  });
});
