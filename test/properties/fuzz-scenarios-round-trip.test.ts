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
import { scenarioSpec, scheduleSettings, type FuzzSettings } from '../../sim/fuzz/fuzz.ts';
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
