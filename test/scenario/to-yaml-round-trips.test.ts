// Rule: scenarioToYaml writes a file that loads back to the same Scenario
// (everything but source positions and the file name), for every scenario in
// scenarios/ and for the fixture that uses the whole language. The fuzzer
// depends on this: the file it writes must be the scenario that failed.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/load.ts';
import { NotWritableError, scenarioToYaml } from '../../sim/scenario/to-yaml.ts';
import type { Scenario } from '../../sim/scenario/types.ts';
import { scenarioOf } from './helpers.ts';

const repo = join(import.meta.dirname, '..', '..');

/** The scenario with `pos` and `file` removed at every depth. */
function comparable(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(comparable);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'pos' && k !== 'file').map(([k, x]) => [k, comparable(x)]));
  }
  return v;
}

function roundTrip(s: Scenario): { text: string; again: Scenario } {
  const text = scenarioToYaml(s);
  const r = loadScenario('again.yaml', text);
  if (!r.ok) throw new Error(`written scenario does not load:\n${r.errors.map((e) => `${e.line}:${e.col} ${e.reason}`).join('\n')}\n---\n${text}`);
  return { text, again: r.scenario };
}

const files = [
  ...readdirSync(join(repo, 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => `scenarios/${f}`),
  'test/fixtures/scenarios/full-language.yaml',
  'test/fixtures/scenarios/split-brain.yaml',
];

describe('to-yaml', () => {
  it.each(files)('%s loads back to the same scenario', (file) => {
    const r = loadScenario(file, readFileSync(join(repo, file), 'utf8'));
    if (!r.ok) throw new Error(`${file} does not load`);
    const { again, text } = roundTrip(r.scenario);
    expect(comparable(again)).toEqual(comparable(r.scenario));
    // Writing the re-loaded scenario gives the same text: the output is a fixed point.
    expect(scenarioToYaml(again)).toBe(text);
  });

  it('writes the short forms a person would', () => {
    const s = scenarioOf(`
name: short
seed: 7
duration: 90s
cluster: { masters: 3, replicas: 1, config: { cluster-node-timeout: 3000 } }
timeline:
  - at: 10s
    partition: [[A], "*"]
  - at: 40s
    heal: all
  - at: 41.5s
    pause: { node: B, for: 250ms }
expect:
  - by: 20s
    event: { election-won: A1 }
`);
    const text = scenarioToYaml(s, { header: ['found by a test', '', 'second paragraph'] });
    expect(text).toBe(`# found by a test
#
# second paragraph
name: short
seed: 7
duration: 90s
cluster:
  masters: 3
  replicas: 1
  config:
    cluster-node-timeout: 3000
timeline:
  - at: 10s
    partition: [ [ A ], "*" ]
  - at: 40s
    heal: all
  - at: 41.5s
    pause: { node: B, for: 250ms }
expect:
  - by: 20s
    event: { election-won: A1 }
`);
  });

  it('keeps values that YAML would otherwise retype (numbers, yes/no, "*") as the loader read them', () => {
    const s = scenarioOf(`
cluster: { masters: 2, replicas: 0, config: { cluster-announce-hostname: "123" }, nodes: { A: { appendonly: "no" } } }
timeline:
  - redis: { node: A, command: "GET 1", reply: "1" }
  - after: 1.25s
    drop: { type: [PING, pong], from: "*", to: B, for: 1ms }
  - network: { latency: { distribution: normal, mean: 1ms, stddev: 0.3ms, floor: 0.1ms } }
expect:
  - at: end
    event: { name: election-scheduled, detail: { rank: "1", delay: "<1000" } }
`);
    const { again } = roundTrip(s);
    expect(comparable(again)).toEqual(comparable(s));
  });

  it('refuses a condition set that no single map can express', () => {
    const s = scenarioOf(`
expect:
  - at: end
    converged: true
`);
    const c = s.expect[0]!.conditions[0]!;
    const doubled: Scenario = { ...s, expect: [{ ...s.expect[0]!, conditions: [c, c] }] };
    expect(() => scenarioToYaml(doubled)).toThrow(NotWritableError);
  });
});
