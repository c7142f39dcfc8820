// Rule: a value of the wrong type is an error at the value, saying what was
// expected and what was found.

import { describe, expect, it } from 'vitest';
import { linesOf, onlyError } from './helpers.ts';

describe('wrong types', () => {
  it('a word where a count is expected', () => {
    expect(linesOf('cluster:\n  masters: three\n')).toEqual(['test.yaml:2:12: masters: expected a whole number, got "three"']);
  });

  it('a fraction where a count is expected', () => {
    expect(onlyError('cluster:\n  spares: 1.5\n')).toMatchObject({ code: 'wrong-type', line: 2, col: 11 });
  });

  it('a non-boolean where true/false is expected', () => {
    const e = onlyError('workload:\n  - name: w\n    follow-redirects: maybe\n');
    expect([e.code, e.line, e.col]).toEqual(['wrong-type', 3, 23]);
  });

  it('a map where a list is expected', () => {
    const e = onlyError('timeline:\n  at: 1s\n  kill: A\n');
    expect([e.code, e.line, e.col]).toEqual(['wrong-type', 2, 3]);
    expect(e.reason).toBe('timeline: expected a list, got a map');
  });

  it('a list where a node is expected', () => {
    const e = onlyError('timeline:\n  - at: 1s\n    kill: [A, B]\n');
    expect([e.code, e.line, e.col]).toEqual(['wrong-type', 3, 11]);
  });

  it('an empty value is blamed on its key', () => {
    const e = onlyError('cluster:\n  masters:\n');
    expect([e.code, e.line, e.col]).toEqual(['wrong-type', 2, 3]);
    expect(e.reason).toBe('masters: expected a whole number, got nothing');
  });

  it('a config value Redis would refuse', () => {
    expect(linesOf('cluster:\n  config:\n    appendonly: maybe\n')).toEqual(['test.yaml:3:17: appendonly must be "yes" or "no", got "maybe"']);
  });

  it('a scenario duration written like a redis.conf number gets the ms suggestion', () => {
    expect(linesOf('cluster:\n  config:\n    cluster-node-timeout: 5s\n')).toEqual([
      'test.yaml:3:27: cluster-node-timeout must be a whole number (redis.conf units), got "5s" (did you mean "5000"?)',
    ]);
  });

  it('a duration for a parameter in seconds gets the seconds suggestion', () => {
    const e = onlyError('cluster:\n  config:\n    repl-timeout: 30s\n');
    expect([e.code, e.suggestion]).toEqual(['bad-value', '30']);
  });

  it('a memory value is read with Redis units and no space before the unit', () => {
    expect(linesOf('cluster:\n  config:\n    repl-backlog-size: 1 mb\n')).toEqual([
      'test.yaml:3:24: repl-backlog-size must be a size like 1048576, 512kb or 1mb, got "1 mb"',
    ]);
  });

  it('an enum value with a typo suggests the valid one', () => {
    const e = onlyError('cluster:\n  bootstrap: manul\n');
    expect([e.code, e.line, e.col, e.suggestion]).toEqual(['bad-value', 2, 14, 'manual']);
  });

  it('a rate without a unit', () => {
    const e = onlyError('workload:\n  - rate: fast\n');
    expect([e.code, e.line, e.col]).toEqual(['bad-value', 2, 11]);
  });

  it('a reply regular expression that does not compile', () => {
    const e = onlyError('timeline:\n  - at: 1s\n    redis: { node: A, command: PING, reply: { matches: "(" } }\n');
    // 4 spaces + `redis: { node: A, command: PING, reply: { matches: ` is 55 characters: the quote is at col 56.
    expect([e.code, e.line, e.col]).toEqual(['bad-value', 3, 56]);
  });

  it('a redis-cli line that is not the --cluster tool, or an unknown subcommand', () => {
    expect(onlyError('timeline:\n  - at: 1s\n    redis-cli: "PING"\n')).toMatchObject({ code: 'bad-value', line: 3, col: 16 });
    expect(onlyError('timeline:\n  - at: 1s\n    redis-cli: "--cluster reshrd A"\n')).toMatchObject({ suggestion: 'reshard' });
  });
});
