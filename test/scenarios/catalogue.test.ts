// The scenario catalogue: every file in scenarios/ loads, tells a learner
// what it shows, asserts something, and passes with its pinned seed.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../sim/scenario/index.ts';
import { runScenario } from '../../sim/run/runner.ts';
import { formatHistoryEdn } from '../../sim/report/history-edn.ts';
import { buildSummary } from '../../sim/report/summary.ts';
import { jepsenProblems, parseHistoryEdn } from '../helpers/jepsen-history.ts';
import { schemaProblems, summarySchema } from '../helpers/json-schema.ts';

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
      // One per fault measured on real 7.0.15 (../shared/real-redis) beyond those above.
      'sigstop-replica', 'two-masters-crash', 'master-quick-restart', 'oneway-partition-into-master',
      'master-crash-two-replicas',
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
      // summary.json (and --json) keeps to schema/summary.schema.json.
      expect(schemaProblems(summarySchema(), JSON.parse(JSON.stringify(buildSummary(r, 1))))).toEqual([]);
      // history.edn keeps Jepsen's rules: index order, one op outstanding per process, retirement after info, nemesis ops.
      if (s.workloads.length > 0) expect(jepsenProblems(parseHistoryEdn(formatHistoryEdn(r.history, r.names)))).toEqual([]);
      if (f === 'split-brain.yaml') {
        // Its stale reads: each told with the node that answered and where the missed write was acked.
        const stale = r.reads.anomalies.filter((a) => a.kind === 'stale' || a.kind === 'lost');
        expect(stale.length).toBeGreaterThan(0);
        for (const a of stale) expect(a.why).toMatch(/ from A1 at .*had been acked by A at .* \(A on the minority side of partition \[A\]\|\[B,C,A1,B1,C1\]\)/);
      }
    });
  }
});
