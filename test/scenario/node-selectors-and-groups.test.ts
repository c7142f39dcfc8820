// Rule: wherever an action takes a node it may take a selector; partition,
// heal and link sides are groups of nodes (and, for partitions, workloads),
// with "*" for every node not named elsewhere.

import { describe, expect, it } from 'vitest';
import { errorsOf, onlyError, scenarioOf } from './helpers.ts';

const one = (yaml: string) => scenarioOf(`workload:\n  - name: writers\ntimeline:\n  - at: 1s\n${yaml}`).timeline[0]!.action;

describe('selectors', () => {
  it('nest: a replica of the owner of slot 0', () => {
    expect(one('    kill: { replica-of: { owner-of-slot: 0 } }\n')).toEqual({
      type: 'kill',
      node: { kind: 'replica-of', master: { kind: 'owner-of-slot', slot: 0 }, pick: 'first' },
    });
  });

  it('owner-of-slot and replica-of together are a conflict', () => {
    const e = onlyError('timeline:\n  - at: 1s\n    kill: { owner-of-slot: 1, replica-of: A }\n');
    // `    kill: { owner-of-slot: 1, ` is 30 characters: replica-of starts at col 31.
    expect([e.code, e.line, e.col]).toEqual(['conflicting-keys', 3, 31]);
  });

  it('an unknown selector key suggests the real one', () => {
    const e = onlyError('timeline:\n  - at: 1s\n    kill: { replica-off: A }\n');
    expect([e.code, e.line, e.col, e.suggestion]).toEqual(['unknown-key', 3, 13, 'replica-of']);
  });

  it('pick is first or random', () => {
    const e = onlyError('timeline:\n  - at: 1s\n    kill: { replica-of: A, pick: last }\n');
    // `    kill: { replica-of: A, pick: ` is 33 characters: the value is at col 34.
    expect([e.code, e.line, e.col]).toEqual(['bad-value', 3, 34]);
  });

  it('works for pause and redis targets too', () => {
    expect(one('    pause: { owner-of-slot: 5 }\n')).toEqual({ type: 'pause', node: { kind: 'owner-of-slot', slot: 5 } });
    expect(one('    redis: { node: { replica-of: B }, command: PING }\n')).toMatchObject({ node: { kind: 'replica-of', master: { name: 'B' } } });
  });
});

describe('groups', () => {
  it('isolate is kept as its own action (shorthand for [[A], "*"])', () => {
    expect(one('    isolate: A\n')).toEqual({ type: 'isolate', node: { kind: 'name', name: 'A' } });
  });

  it('a bare name is a one-node group; a workload name puts its clients in the group', () => {
    expect(one('    partition: [A, [B, writers], "*"]\n')).toEqual({
      type: 'partition',
      groups: [
        { members: [{ kind: 'node', node: { kind: 'name', name: 'A' } }], rest: false },
        { members: [{ kind: 'node', node: { kind: 'name', name: 'B' } }, { kind: 'workload', name: 'writers' }], rest: false },
        { members: [], rest: true },
      ],
    });
  });

  it('one group is not a partition', () => {
    const e = onlyError('timeline:\n  - at: 1s\n    partition: [[A, B]]\n');
    expect([e.code, e.line, e.col]).toEqual(['bad-value', 3, 16]);
  });

  it('a node in two groups, or two "*" groups', () => {
    expect(onlyError('timeline:\n  - at: 1s\n    partition: [[A], [A, B]]\n')).toMatchObject({ line: 3, col: 22 });
    expect(onlyError('timeline:\n  - at: 1s\n    partition: [[A], "*", "*"]\n')).toMatchObject({ line: 3, col: 27 });
  });

  it('the from/to form defaults to both directions', () => {
    expect(one('    partition: { from: A, to: "*" }\n')).toEqual({
      type: 'partition-between',
      from: { members: [{ kind: 'node', node: { kind: 'name', name: 'A' } }], rest: false },
      to: { members: [], rest: true },
      oneway: false,
    });
  });

  it('heal between needs two sides; link between takes groups', () => {
    expect(onlyError('timeline:\n  - at: 1s\n    heal: { between: [A] }\n')).toMatchObject({ code: 'bad-value', line: 3, col: 22 });
    expect(one('    link: { between: [[A], "*"], reset: true }\n')).toMatchObject({ type: 'link', change: { reset: true } });
  });

  it('a link change that changes nothing is refused', () => {
    expect(onlyError('timeline:\n  - at: 1s\n    link: { between: [A, B] }\n')).toMatchObject({ code: 'missing-key', line: 3, col: 11 });
  });

  it('YAML anchors and aliases stand for the node they name', () => {
    const s = scenarioOf('timeline:\n  - at: 1s\n    kill: &victim A1\n  - at: 2s\n    restart: *victim\n');
    expect(s.timeline.map((e) => e.action)).toEqual([
      { type: 'kill', node: { kind: 'name', name: 'A1' } },
      { type: 'restart', node: { kind: 'name', name: 'A1' } },
    ]);
  });
});

describe('workloads in groups', () => {
  it('a workload in a link side is refused with the reason', () => {
    const e = onlyError('workload:\n  - name: writers\ntimeline:\n  - at: 1s\n    link: { between: [writers, A], latency: 5ms }\n');
    expect([e.code, e.line, e.col]).toEqual(['bad-value', 5, 23]);
    expect(e.reason).toContain('is a workload');
  });

  it('a workload with a bad field still lends its name to groups', () => {
    const errs = errorsOf('workload:\n  - name: writers\n    rate: fast\ntimeline:\n  - at: 1s\n    partition: [[A, writers], "*"]\n');
    expect(errs.map((e) => [e.code, e.line])).toEqual([['bad-value', 3]]);
  });

  it('broken workload names do not turn into unknown-node errors', () => {
    const errs = errorsOf('workload:\n  - name: writers\n  - name: writers\ntimeline:\n  - at: 1s\n    partition: [[A, readers], "*"]\n');
    expect(errs.map((e) => [e.code, e.line])).toEqual([['duplicate-name', 3]]);
  });
});
