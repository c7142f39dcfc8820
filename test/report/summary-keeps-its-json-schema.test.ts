// summary.json (what `sim run --json` prints) is described by
// schema/summary.schema.json; catalogue summaries are validated against it in
// test/scenarios/catalogue.test.ts. Here: the validator itself catches what
// the schema forbids, and a summary carries no float noise.

import { describe, expect, it } from 'vitest';
import { buildSummary } from '../../sim/report/summary.ts';
import { runScenario } from '../../sim/run/runner.ts';
import { schemaProblems, summarySchema } from '../helpers/json-schema.ts';
import { scenarioFrom } from './helpers.ts';

describe('summary.json schema', () => {
  const s = scenarioFrom(`
name: tiny
seed: 2
duration: 3s
cluster: { masters: 3 }
network: { latency: 0.1ms..0.7ms }
workload: { name: w, rate: 200/s, keys: 20, mix: { set: 0.5, get: 0.5 } }
expect:
  - by: 2.5s
    cluster-state: ok
`);
  const summary = JSON.parse(JSON.stringify(buildSummary(runScenario(s, { seed: 2 }), 12))) as Record<string, unknown>;

  it('a run summary conforms, with reads and writes counted', () => {
    expect(schemaProblems(summarySchema(), summary)).toEqual([]);
    expect((summary.reads as { checked: number }).checked).toBeGreaterThan(0);
  });

  it('the validator reports a missing field, a wrong type, an unknown field and float noise', () => {
    const bad = { ...summary, seed: 'one', extra: 1, simulated_ms: 0.30000000000000004 } as Record<string, unknown>;
    delete bad.repro;
    expect(schemaProblems(summarySchema(), bad)).toEqual([
      '$: missing repro',
      '$.seed: string, expected integer',
      '$: unexpected property extra',
      '$.simulated_ms: 0.30000000000000004 has float noise (more than 3 decimals)',
    ]);
  });

  it('times are rounded to the microsecond', () => {
    const text = JSON.stringify(summary);
    expect(text).not.toMatch(/\d\.\d{4,}/);
  });
});
