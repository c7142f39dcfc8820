// Rule: what a scenario asks for is bounded at load time, so a run's time and
// memory are bounded before it starts. Past a limit of limits.ts the file is
// bad input: one error at the value (or the workload, or timeline entry) that
// crosses it, saying the limit and why; at the limit it loads.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatScenarioError } from '../../sim/scenario/errors.ts';
import { LIMITS } from '../../sim/scenario/limits.ts';
import { onlyError, scenarioOf } from './helpers.ts';

const line = (text: string): string => formatScenarioError(onlyError(text));

describe('simulated time', () => {
  it('a duration past a day is refused where it is written', () => {
    expect(line('duration: 1e308\n')).toBe(`test.yaml:1:11: duration: 1e+308 is longer than 24h; the limit is 24h (${LIMITS.timeMs.why})`);
  });

  it('so is any time or duration: at:, after:, for:, within:, timeout:, latency', () => {
    for (const [text, at] of [
      ['timeline:\n  - at: 1000000h\n    kill: A\n', '2:9'],
      ['timeline:\n  - after: 25h\n    kill: A\n', '2:12'],
      ['timeline:\n  - pause: { node: A, for: 90000s }\n', '2:28'],
      ['timeline:\n  - wait: { until: { converged: true }, within: 2000m }\n', '2:49'],
      ['workload:\n  - timeout: 100000000\n', '2:14'],
      ['network:\n  latency: 1ms..100000000s\n', '2:12'],
    ]) {
      const e = onlyError(text!);
      expect(`${e.line}:${e.col} ${e.code}`, text).toBe(`${at} too-large`);
      expect(e.reason, text).toMatch(/is longer than 24h; the limit is 24h/);
    }
  });

  it('a day exactly loads', () => {
    expect(scenarioOf('duration: 24h\n').durationMs).toBe(86_400_000);
  });
});

describe('workloads', () => {
  it('a rate whose operations over the run exceed the limit is refused at its workload', () => {
    expect(line('workload:\n  - name: w\n    rate: 1000000000/s\n')).toBe(
      `test.yaml:2:5: workload w: 1,000,000,000 operations/s for up to 1m is 60,000,000,000 operations; the limit is 5,000,000 (${LIMITS.workloadOps.why})`,
    );
  });

  it('the operations of all workloads add up, each over the window it may run', () => {
    const w = (name: string, to: string): string => `  - { name: ${name}, rate: 1000/s, to: ${to} }\n`;
    expect(scenarioOf(`duration: 2h\nworkload:\n${w('a', '1h')}${w('b', '23m')}`).workloads).toHaveLength(2);
    expect(line(`duration: 2h\nworkload:\n${w('a', '1h')}${w('b', '24m')}`)).toMatch(/^test\.yaml:4:5: workload b: 1,000 operations\/s for up to 24m is 1,440,000 operations \(5,040,000 in all\); the limit is 5,000,000/);
  });

  it('clients and clients × in-flight are limited over all workloads', () => {
    expect(line('workload:\n  - clients: 100000\n    in-flight: 100000\n')).toMatch(/^test\.yaml:2:14: clients: 100000 is more than 1000; the limit is 1000 /);
    expect(line('workload:\n  - { name: a, clients: 600, rate: 1/s }\n  - { name: b, clients: 600, rate: 1/s }\n')).toMatch(/^test\.yaml:3:5: workload b: 1,200 clients in all; the limit is 1000 /);
    expect(line('workload:\n  - { name: a, clients: 1000, in-flight: 101, rate: 1/s }\n')).toMatch(/^test\.yaml:2:5: workload a: clients × in-flight is 101,000 in all; the limit is 100,000 /);
    expect(scenarioOf('workload:\n  - { name: a, clients: 1000, in-flight: 100, rate: 1/s }\n').workloads[0]!.clients).toBe(1000);
  });

  it('key counts are limited, in both spellings', () => {
    expect(line('workload:\n  - keys: 1e308\n')).toBe(`test.yaml:2:11: keys: 1e+308 is more than 1,000,000; the limit is 1,000,000 (${LIMITS.keys.why})`);
    expect(onlyError('workload:\n  - keys: { count: 1000001 }\n').code).toBe('too-large');
    expect(scenarioOf('workload:\n  - keys: 1000000\n').workloads[0]!.keys.count).toBe(1_000_000);
  });
});

describe('the timeline', () => {
  const repeat = (outer: number, inner: number): string =>
    `timeline:\n  - repeat:\n      times: ${outer}\n      do:\n        - repeat:\n            times: ${inner}\n            do:\n              - after: 0\n                heal: all\n`;

  it('nested repeats multiply, and the total is limited at the entry that crosses it', () => {
    expect(line(repeat(1_000_000, 1_000_000))).toBe(
      `test.yaml:2:5: timeline: this repeat runs 1,000,000,000,000 steps, taking the timeline past 100,000 steps; the limit is 100,000 (${LIMITS.timelineSteps.why})`,
    );
    expect(scenarioOf(repeat(1000, 100)).timeline).toHaveLength(1);
  });

  it('the limit counts the whole timeline, repeats and plain entries together', () => {
    expect(line(`${repeat(1000, 100)}  - heal: all\n`)).toMatch(/^test\.yaml:10:5: timeline: this entry, taking the timeline past 100,000 steps/);
  });
});

describe('the name', () => {
  it('a name with control characters is refused (it names the report folder)', () => {
    expect(line('name: "a\\0b"\n')).toBe('test.yaml:1:7: name: "a\\x00b" has control characters; a name is one line of text');
    expect(line('name: "\\e[31mred"\n')).toBe('test.yaml:1:7: name: "\\x1b[31mred" has control characters; a name is one line of text');
  });
});

describe('the README', () => {
  it('lists every limit with its value', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    for (const l of Object.values(LIMITS)) expect(readme, l.what).toContain(`| ${l.what} | ${l.shown} |`);
  });
});
