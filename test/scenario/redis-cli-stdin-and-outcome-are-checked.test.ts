// Rule: a `redis-cli:` map is read like the string form plus stdin:, exit:
// and output:, and its mistakes are one-line errors at their position.

import { describe, expect, it } from 'vitest';
import { linesOf, scenarioOf } from './helpers.ts';

const step = (body: string): string => `timeline:\n  - at: 1s\n    redis-cli: ${body}\n`;

describe('redis-cli: as a map', () => {
  it('stdin lines become typed lines; numbers are text; exit and output are kept', () => {
    const s = scenarioOf(step('{ command: "--cluster reshard @A", stdin: [100, "@B", all, "yes"], exit: 1, output: { matches: "^Ready" } }'));
    expect(s.timeline[0]!.action).toMatchObject({ type: 'redis-cli', stdin: '100\n@B\nall\nyes\n', exit: 1, output: { kind: 'matches', pattern: '^Ready' } });
    expect(scenarioOf(step('{ command: "--cluster fix @A", stdin: "yes" }')).timeline[0]!.action).toMatchObject({ stdin: 'yes' });
  });

  it('errors point at the field', () => {
    expect(linesOf(step('{ command: "--cluster fix @A", stdin: ["@Z"] }'))).toEqual(['test.yaml:3:54: redis-cli stdin: unknown node "@Z"']);
    expect(linesOf(step('{ command: "--cluster fix @A", exit: 300 }'))[0]).toBe('test.yaml:3:53: redis-cli exit must be at most 255, got 300');
    expect(linesOf(step('{ stdin: [yes] }'))[0]).toBe('test.yaml:3:16: redis-cli needs command: (or is written as a plain string)');
    expect(linesOf(step('{ command: "--cluster fix @A", stdn: [yes] }'))[0]).toMatch(/^test\.yaml:3:\d+: unknown key "stdn" in redis-cli \(did you mean "stdin"\?\)$/);
  });
});
