// The scenario catalogue: every file in scenarios/ loads, tells a learner
// what it shows, asserts something, and passes with its pinned seed.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/index.ts';
import { runScenario } from '../../sim/run/runner.ts';

const dir = join(import.meta.dirname, '..', '..', 'scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('scenario catalogue', () => {
  it('covers what the Redis Cluster documentation and tutorials walk through', () => {
    const names = files.map((f) => f.replace(/\.yaml$/, ''));
    for (const required of [
      'split-brain', 'master-crash', 'replica-crash', 'sigstop-master-long', 'sigstop-master-short', 'debug-sleep',
      'manual-failover-default', 'manual-failover-force', 'manual-failover-takeover', 'takeover-majority-down',
      'asymmetric-partition', 'flapping-link', 'lossy-slow-network', 'replica-migration', 'replica-no-failover',
      'stale-replica', 'epoch-collision', 'add-node-rebalance', 'remove-node', 'resharding-under-load',
      'half-finished-migration', 'full-coverage-off',
      'cluster-fix-coverage', 'reshard-interactive', 'multi-exec', 'replica-reads', 'sunion-cross-slot',
    ])
      expect(names).toContain(required);
  });

  for (const f of files) {
    it(`${f}: has a description, a pinned seed and expectations, and passes`, () => {
      const loaded = loadScenario(`scenarios/${f}`, readFileSync(join(dir, f), 'utf8'));
      if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.line}:${e.col} ${e.reason}`).join('\n'));
      const s = loaded.scenario;
      expect(s.description.length).toBeGreaterThan(80);
      expect(s.seed).toBeDefined();
      expect(s.expect.length + s.timeline.filter((e) => e.action.type === 'check' || e.action.type === 'wait').length).toBeGreaterThan(0);
      const r = runScenario(s, { seed: s.seed!, timeline: false });
      const failed = [
        ...r.expectations.filter((x) => !x.ok).map((x) => `${x.expectation.pos.line}: ${x.why}`),
        ...r.stepFailures.map((x) => `${x.pos.line}: ${x.why}`),
      ];
      expect(failed).toEqual([]);
      expect(r.exitCode).toBe(0);
    });
  }
});
