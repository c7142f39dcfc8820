// Property: every generated schedule becomes a scenario file that loads,
// that to-yaml writes back to the very same text (so the file a failure
// leaves is the scenario that ran), and whose ending leaves no fault in
// force: every node killed and not restarted is restarted, every paused
// node resumed, partitions healed, link and network changes reset.
// No simulation runs here, so many schedules are cheap.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scheduleArbitrary } from '../../sim/fuzz/arbitraries.ts';
import { fuzzScenario } from '../../sim/fuzz/scenario.ts';
import { sortedSteps } from '../../sim/fuzz/schedule.ts';
import { caseArbitrary, caseScenario, scenarioSpec, scheduleSettings, type FuzzSettings } from '../../sim/fuzz/fuzz.ts';
import { swarmNodes } from '../../sim/fuzz/swarm.ts';
import { scenarioToYaml } from '../../sim/scenario/to-yaml.ts';
import type { Action } from '../../sim/scenario/types.ts';

const settings: FuzzSettings = { shape: { masters: 3, replicas: 2 }, seed: 3, runs: 1, messageDrops: true };
const nodes = ['A', 'B', 'C', 'A1', 'B1', 'C1', 'A2', 'B2', 'C2'];

describe('generated scenarios', () => {
  it('load, write back to the same text, and end with every fault undone', () => {
    fc.assert(
      fc.property(scheduleArbitrary(scheduleSettings(settings)), (schedule) => {
        const built = fuzzScenario(scenarioSpec(settings), schedule, 'gen.yaml');
        expect(scenarioToYaml(built.scenario)).toBe(built.text);
        const tl = built.scenario.timeline;
        const waitAt = tl.findIndex((e) => e.action.type === 'wait');
        expect(waitAt).toBe(tl.length - 2);
        const ending = tl.slice(built.faults, waitAt).map((e) => e.action);
        const named = (a: Action): string => ('node' in a && a.node.kind === 'name' ? a.node.name : '');
        const steps = sortedSteps(schedule);
        const down = new Set<string>();
        for (const s of steps) {
          if (s.kind === 'kill') down.add(nodes[s.node]!);
          if (s.kind === 'restart') down.delete(nodes[s.node]!);
        }
        expect(ending.filter((a) => a.type === 'restart').map(named).sort()).toEqual([...down].sort());
        const paused = new Set(steps.filter((s) => s.kind === 'pause').map((s) => nodes[(s as { node: number }).node]!));
        expect(ending.filter((a) => a.type === 'resume').map(named).sort()).toEqual([...paused].sort());
        const cuts = steps.some((s) => s.kind === 'isolate' || s.kind === 'oneway' || (s.kind === 'partition' && new Set(s.sides).size > 1));
        expect(ending.some((a) => a.type === 'heal')).toBe(cuts);
        expect(ending.some((a) => a.type === 'network' && a.change.reset)).toBe(steps.some((s) => s.kind === 'network'));
      }),
      { seed: 42, numRuns: 200 },
    );
  }, 60_000);
});

describe('swarm scenarios', () => {
  const swarmSettings: FuzzSettings = { seed: 5, runs: 1, messageDrops: true };

  it('keep every drawn cluster, configuration, network and workload parameter in the file, and undo every fault', () => {
    fc.assert(
      fc.property(caseArbitrary(swarmSettings), (c) => {
        const p = c.swarm!;
        const built = caseScenario(swarmSettings, c, 'gen.yaml');
        expect(scenarioToYaml(built.scenario)).toBe(built.text);
        const cl = built.scenario.cluster;
        expect(cl.masters).toBe(p.masters);
        expect(cl.replicasPerMaster).toEqual(p.replicas);
        expect(cl.spares).toBe(p.spares);
        expect(cl.config.clusterNodeTimeout).toBe(p.nodeTimeoutMs);
        expect(cl.config.clusterReplicaValidityFactor).toBe(p.validityFactor);
        expect(cl.config.clusterMigrationBarrier).toBe(p.migrationBarrier);
        expect(cl.config.clusterAllowReplicaMigration).toBe(p.allowReplicaMigration);
        expect(cl.config.clusterRequireFullCoverage).toBe(p.requireFullCoverage);
        expect(cl.overrides.length).toBe(p.noFailover.length);
        expect(built.scenario.network.lossProbability).toBe(p.loss);
        expect(built.scenario.workloads.length).toBe(p.workload ? 1 : 0);
        if (p.workload) expect(built.scenario.workloads[0]!.clients).toBe(p.workload.clients);
        // Every fault kind a step uses is one the swarm drew for this run.
        const kinds = new Set(p.faults.map((f) => f.kind));
        for (const s of c.schedule.steps) expect(kinds.has(s.kind), s.kind).toBe(true);
        // Replication cuts still in force are restored, shut-down nodes restarted, before the wait.
        const tl = built.scenario.timeline;
        const ending = tl.slice(built.faults, tl.findIndex((e) => e.action.type === 'wait')).map((e) => e.action);
        const cut = new Set<number>();
        const down = new Set<number>();
        const n = swarmNodes(p).length;
        for (const s of sortedSteps(c.schedule)) {
          if (s.kind === 'repl-cut') cut.add(s.node % n);
          if (s.kind === 'repl-restore') cut.delete(s.node % n);
          if (s.kind === 'kill' || s.kind === 'shutdown') down.add(s.node % n);
          if (s.kind === 'restart') down.delete(s.node % n);
        }
        expect(ending.filter((a) => a.type === 'replication' && a.op === 'restore').length).toBe(cut.size);
        expect(ending.filter((a) => a.type === 'restart').length).toBe(down.size);
        expect(built.scenario.invariants.enabled).toEqual(expect.arrayContaining(['failover-liveness', 'election-needs-majority']));
      }),
      { seed: 42, numRuns: 150 },
    );
  }, 60_000);
});
