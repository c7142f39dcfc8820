// Rule: times are durations with units or plain ms; negative durations,
// non-times, times beyond `duration:`, and timelines that would have to run
// backwards are errors at the value's line:col.

import { describe, expect, it } from 'vitest';
import { linesOf, onlyError, scenarioOf } from './helpers.ts';

describe('times', () => {
  it('negative after: is a negative duration', () => {
    const e = onlyError('timeline:\n  - after: -5s\n    kill: A\n');
    expect([e.code, e.line, e.col]).toEqual(['negative-duration', 2, 12]);
  });

  it('at: that is not a time', () => {
    expect(linesOf('timeline:\n  - at: soon\n    kill: A\n')).toEqual([
      'test.yaml:2:9: at is not a time (expected e.g. 30s, 1.5m or 250ms), got "soon"',
    ]);
  });

  it('at: after the scenario duration', () => {
    const e = onlyError('duration: 30s\ntimeline:\n  - at: 45s\n    kill: A\n');
    expect([e.code, e.line, e.col]).toEqual(['impossible-time', 3, 9]);
    expect(e.reason).toContain('after the end of the scenario');
  });

  it('by: beyond the scenario duration', () => {
    const e = onlyError('duration: 30s\nexpect:\n  - by: 31s\n    converged: true\n');
    expect([e.code, e.line, e.col]).toEqual(['impossible-time', 3, 9]);
  });

  it('expect at: that is not a time (and not "end")', () => {
    const e = onlyError('expect:\n  - at: finish\n    converged: true\n');
    expect([e.code, e.line, e.col]).toEqual(['bad-time', 2, 9]);
  });

  it('negative within: of a wait', () => {
    const e = onlyError('timeline:\n  - at: 1s\n    wait: { until: { converged: true }, within: -3s }\n');
    expect([e.code, e.line, e.col]).toEqual(['negative-duration', 3, 49]);
  });

  it('negative scenario duration, and a zero one', () => {
    expect(onlyError('duration: -1m\n')).toMatchObject({ code: 'negative-duration', line: 1, col: 11 });
    expect(onlyError('duration: 0s\n')).toMatchObject({ code: 'bad-value', line: 1, col: 11 });
  });

  it('both at: and after: on one entry: the second is blamed', () => {
    expect(linesOf('timeline:\n  - at: 1s\n    after: 2s\n    kill: A\n')).toEqual([
      'test.yaml:3:5: a timeline entry has either at: or after:, not both',
    ]);
  });

  it('an at: earlier than where the timeline has already got to', () => {
    const e = onlyError('timeline:\n  - at: 20s\n    kill: A\n  - after: 5s\n    kill: B\n  - at: 22s\n    restart: A\n');
    expect([e.code, e.line, e.col]).toEqual(['impossible-time', 6, 9]);
    expect(e.reason).toContain('not before 25.0s');
  });

  it('at: inside repeat is refused (every iteration would be the same instant)', () => {
    const e = onlyError('timeline:\n  - at: 1s\n    repeat:\n      times: 2\n      do:\n        - at: 5s\n          kill: A\n');
    expect([e.code, e.line, e.col]).toEqual(['impossible-time', 6, 11]);
  });

  it('workload to: must come after from:', () => {
    const e = onlyError('workload:\n  - name: w\n    from: 10s\n    to: 5s\n');
    expect([e.code, e.line, e.col]).toEqual(['impossible-time', 4, 9]);
  });

  it('accepts every unit and plain milliseconds, converted to ms', () => {
    const s = scenarioOf('duration: 2m\ntimeline:\n  - at: 1500\n    kill: A\n  - after: 1.5s\n    restart: A\n  - after: 250ms\n    kill: B\n  - at: 1m\n    restart: B\n');
    expect(s.durationMs).toBe(120_000);
    expect(s.timeline.map((e) => e.timing)).toEqual([
      { kind: 'at', ms: 1500 },
      { kind: 'after', ms: 1500 },
      { kind: 'after', ms: 250 },
      { kind: 'at', ms: 60_000 },
    ]);
  });

  it('without duration:, the default is 60s or the latest time mentioned', () => {
    expect(scenarioOf('name: x\n').durationMs).toBe(60_000);
    expect(scenarioOf('timeline:\n  - at: 100s\n    kill: A\n').durationMs).toBe(100_000);
    expect(scenarioOf('expect:\n  - by: 2m\n    converged: true\n').durationMs).toBe(120_000);
  });

  it('an entry without at:/after: runs right after the previous one', () => {
    const s = scenarioOf('timeline:\n  - at: 1s\n    kill: A\n  - check: { converged: false }\n');
    expect(s.timeline[1]!.timing).toEqual({ kind: 'after', ms: 0 });
  });
});
