// Every scenario under scenarios/ runs with all safety invariants on (none
// of them disables one) and violates none, for a few seeds each.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../sim/run/runner.ts';
import { INVARIANT_NAMES, loadScenario } from '../../sim/scenario/index.ts';
import { SCENARIOS, scenarioText } from '../scenarios/helpers.ts';

const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).sort();
const SEEDS = [1, 2];

describe('scenarios/ hold every safety invariant', () => {
  it('there are scenarios to run', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  for (const file of files) {
    it(`${file}: all ${INVARIANT_NAMES.length} invariants on, none violated (seeds ${SEEDS.join(', ')})`, () => {
      const loaded = loadScenario(`scenarios/${file}`, scenarioText(file));
      if (!loaded.ok) throw new Error(`${file} does not load`);
      expect(loaded.scenario.invariants.disabled).toEqual([]);
      for (const seed of SEEDS) {
        const r = runScenario(loaded.scenario, { seed, logLevel: 'warning', timeline: false });
        const broken = r.invariants.filter((i) => !i.ok).map((i) => `seed ${seed}: ${i.name} at ${i.atMs} ms: ${i.why}`);
        expect(broken).toEqual([]);
        expect(r.invariants.map((i) => i.name)).toEqual([...INVARIANT_NAMES]);
        expect(r.exitCode).not.toBe(3);
      }
    }, 300_000);
  }
});
