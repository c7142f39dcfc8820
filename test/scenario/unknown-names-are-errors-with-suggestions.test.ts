// Rule: unknown keys, node names, workloads, actions and conditions are
// errors at the exact line:col of the offending word, with the nearest valid
// word suggested when one is close.

import { describe, expect, it } from 'vitest';
import { linesOf, onlyError } from './helpers.ts';

describe('unknown words', () => {
  it('unknown top-level key points at the key and suggests the nearest', () => {
    expect(linesOf('name: x\nclustr:\n  masters: 3\n')).toEqual(['test.yaml:2:1: unknown key "clustr" in the scenario (did you mean "cluster"?)']);
  });

  it('unknown key inside cluster', () => {
    const e = onlyError('cluster:\n  masterz: 3\n');
    expect([e.code, e.line, e.col, e.suggestion]).toEqual(['unknown-key', 2, 3, 'masters']);
  });

  it('unknown redis.conf parameter suggests the real name', () => {
    const e = onlyError('cluster:\n  config:\n    cluster-node-timout: 5000\n');
    expect([e.code, e.line, e.col, e.suggestion]).toEqual(['unknown-key', 3, 5, 'cluster-node-timeout']);
  });

  it('a real redis.conf parameter the simulator only reports is refused as such, without a guess', () => {
    expect(linesOf('cluster:\n  config:\n    maxmemory: 1mb\n')).toEqual([
      'test.yaml:3:5: redis.conf parameter "maxmemory" is not modelled by the simulator (CONFIG GET only reports it), so cluster.config cannot set it',
    ]);
  });

  it('a hyphen-tail of a parameter name suggests the full name', () => {
    const e = onlyError('cluster:\n  config:\n    node-timeout: 5000\n');
    expect(e.suggestion).toBe('cluster-node-timeout');
  });

  it('unknown node in an action; a case slip suggests the real name', () => {
    const e = onlyError('timeline:\n  - at: 1s\n    kill: a1\n');
    expect([e.code, e.line, e.col, e.suggestion]).toEqual(['unknown-node', 3, 11, 'A1']);
  });

  it('unknown node as a condition key', () => {
    const e = onlyError('expect:\n  - at: end\n    role: { B11: master }\n');
    expect([e.code, e.line, e.col, e.suggestion]).toEqual(['unknown-node', 3, 13, 'B1']);
  });

  it('no suggestion when two names are equally near', () => {
    // D1 is one edit from A1, B1 and C1 alike.
    const e = onlyError('timeline:\n  - at: 1s\n    kill: D1\n');
    expect([e.code, e.suggestion]).toEqual(['unknown-node', undefined]);
  });

  it('unknown node referenced as @name inside a command points inside the string', () => {
    const e = onlyError('timeline:\n  - at: 1s\n    redis: { node: A, command: "CLUSTER FORGET @CC1" }\n');
    expect([e.code, e.line, e.col, e.suggestion]).toEqual(['unknown-node', 3, 48, '@C1']);
  });

  it('@name.previous must also name a known node', () => {
    const e = onlyError("timeline:\n  - at: 1s\n    redis-cli: --cluster del-node @A @Z9.previous\n");
    // `    redis-cli: ` is 15 characters, so the plain string starts at col 16;
    // "@Z9" is at offset 22 of it ("--cluster " 10 + "del-node " 9 + "@A " 3).
    expect([e.code, e.line, e.col]).toEqual(['unknown-node', 3, 38]);
    expect(e.reason).toContain('"@Z9.previous"');
  });

  it('unknown workload suggests the declared one', () => {
    const e = onlyError('workload:\n  - name: writers\ntimeline:\n  - at: 1s\n    workload: { stop: writer }\n');
    expect([e.code, e.line, e.col, e.suggestion]).toEqual(['unknown-workload', 5, 23, 'writers']);
  });

  it('unknown action suggests the nearest action', () => {
    expect(linesOf('timeline:\n  - at: 1s\n    isolte: A\n')).toEqual(['test.yaml:3:5: unknown action "isolte" (did you mean "isolate"?)']);
  });

  it('unknown condition suggests the nearest condition', () => {
    expect(linesOf('expect:\n  - at: end\n    converge: true\n')).toEqual([
      'test.yaml:3:5: unknown condition "converge" in expectation (did you mean "converged"?)',
    ]);
  });

  it('unknown event name in the short form', () => {
    const e = onlyError('expect:\n  - at: end\n    event: { election-win: A1 }\n');
    expect([e.code, e.line, e.col, e.suggestion]).toEqual(['unknown-name', 3, 14, 'election-won']);
  });

  it('unknown invariant name', () => {
    const e = onlyError('invariants:\n  one-vote-per-epoc: false\n');
    expect([e.code, e.line, e.col, e.suggestion]).toEqual(['unknown-name', 2, 3, 'one-vote-per-epoch']);
    const all = linesOf('invariants:\n  disable: [epochs-monotonik]\n');
    expect(all).toEqual(['test.yaml:2:13: unknown invariant "epochs-monotonik" (did you mean "epochs-monotonic"?)']);
  });

  it('start: names a node that was not declared under cluster.add', () => {
    const e = onlyError('timeline:\n  - at: 1s\n    start: A\n');
    expect([e.code, e.line, e.col]).toEqual(['bad-value', 3, 12]);
    expect(e.reason).toContain('restart');
  });

  it('a broken cluster shape does not echo unknown-node errors everywhere', () => {
    // masters is wrong, so node names are guesses: only the masters error is reported.
    const lines = linesOf('cluster:\n  masters: many\ntimeline:\n  - at: 1s\n    kill: Q\n');
    expect(lines).toEqual(['test.yaml:2:12: masters: expected a whole number, got "many"']);
  });
});
