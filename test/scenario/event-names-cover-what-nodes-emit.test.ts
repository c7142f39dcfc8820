// `event:` conditions accept exactly the event vocabulary's names; every event
// a run writes to events.csv must be among them, or a user copying a name
// from events.csv into a scenario would be told it does not exist.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run/runner.ts';
import { formatScenarioError, loadScenario } from '../../sim/scenario/index.ts';
import { EVENT_NAMES } from '../../sim/scenario/vocabulary.ts';

const FILES = ['split-brain', 'manual-failover-default', 'replica-migration', 'reset-hard-rejoin', 'remove-node', 'epoch-collision'];

describe('event names', () => {
  it('every event in events.csv of the catalogue runs is a name `event:` conditions accept', () => {
    const seen = new Set<string>();
    for (const f of FILES) {
      const path = `scenarios/${f}.yaml`;
      const loaded = loadScenario(path, readFileSync(path, 'utf8'));
      if (!loaded.ok) throw new Error(`${path} does not load`);
      const r = runScenario(loaded.scenario, { seed: loaded.scenario.seed ?? 1, logLevel: 'warning', timeline: false });
      for (const e of r.world.recorder.events) seen.add(e.type);
    }
    // The runs do exercise the server-side events too.
    expect(seen).toContain('repl-sync');
    expect(seen).toContain('repl-link');
    const known = new Set<string>(EVENT_NAMES);
    expect([...seen].filter((n) => !known.has(n))).toEqual([]);
  });

  it('a name from events.csv loads in an event: condition, and one that is not an event is refused with a suggestion', () => {
    const text = (name: string) => `expect:\n  - at: end\n    event: { ${name}: A }\n`;
    for (const name of EVENT_NAMES) expect(loadScenario('x.yaml', text(name)).ok).toBe(true);
    const bad = loadScenario('x.yaml', text('pfial'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(formatScenarioError(bad.errors[0]!)).toMatch(/unknown event "pfial".*did you mean "pfail"/);
  });
});
