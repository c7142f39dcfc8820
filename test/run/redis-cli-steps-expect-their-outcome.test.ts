// A `redis-cli:` step passes when the tool exits as `exit:` says (0 by
// default) and its output holds what `output:` says; `stdin:` answers its
// questions, one line each, `@B` standing for B's node ID.

import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run/runner.ts';
import { scenarioOf } from '../scenario/helpers.ts';

function stepFailures(timeline: string): string[] {
  const s = scenarioOf(`name: t\nduration: 40s\ncluster: { masters: 3, replicas: 0 }\ntimeline:\n${timeline}`);
  return runScenario(s, { seed: 1, timeline: false }).stepFailures.map((f) => f.why);
}

describe('redis-cli steps', () => {
  it('an unanswered question: exit 1 is a failure by default and the expected outcome with exit: 1', () => {
    const ask = '  - at: 1s\n    redis-cli: { command: "--cluster reshard @A --cluster-slots 10 --cluster-from @A"%s }\n';
    expect(stepFailures(ask.replace('%s', ''))).toEqual([
      'redis-cli exited with code 1: (simulated redis-cli: stdin has no more answers; pass --cluster-to or give stdin:)',
    ]);
    expect(stepFailures(ask.replace('%s', ', exit: 1, output: "What is the receiving node ID? "'))).toEqual([]);
    expect(stepFailures(ask.replace('%s', ', exit: 1, output: { matches: "^Ready to move" }'))).toEqual(['redis-cli output does not match /^Ready to move/']);
  });

  it('stdin answers the questions, @B being B\'s node ID; a success expected to fail is a failure', () => {
    const reshard = '  - at: 1s\n    redis-cli: { command: "--cluster reshard @A", stdin: [10, "@B", "@A", done, yes]%s }\n';
    expect(stepFailures(reshard.replace('%s', ', output: "Moving slot 0 from"'))).toEqual([]);
    expect(stepFailures(reshard.replace('%s', ', exit: 2'))).toEqual(['redis-cli exited with code 0, expected 2']);
  });
});
