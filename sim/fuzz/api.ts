// For the library: a fault schedule `fuzz()` found (or any schedule) as the
// scenario file `sim fuzz` writes, ready for `sim run` and for
// scenarioFromYaml.

import type fc from 'fast-check';
import { caseArbitrary, caseScenario as buildCase, scenarioSpec, type FuzzCase, type FuzzSettings } from './fuzz.ts';
import { fuzzScenario, type FuzzScenario } from './scenario.ts';
import type { FaultSchedule } from './schedule.ts';

export type { FuzzScenario };

/**
 * The scenario a schedule makes under `settings` (the same settings given to
 * fuzz()): its YAML `text`, the loaded `scenario`, and how many faults it has.
 * `file` names it in error positions and repro commands.
 */
export function scheduleScenario(settings: FuzzSettings, schedule: FaultSchedule, file = 'fuzz.yaml'): FuzzScenario {
  return fuzzScenario(scenarioSpec(settings), schedule, file);
}

/**
 * What `sim fuzz` draws, as a fast-check arbitrary for your own property:
 * with `settings.shape` a fault schedule for that cluster, without it a
 * swarm case (its own cluster, configuration, network, workload and fault
 * mix, then a schedule). Turn a case into a scenario with caseScenario().
 */
export function fuzzCases(settings: Omit<FuzzSettings, 'runs'> & { runs?: number }): fc.Arbitrary<FuzzCase> {
  return caseArbitrary({ runs: 1, ...settings });
}

/** The scenario `sim fuzz` would write for a case (its opt-in properties and data expectations included). */
export function caseScenario(settings: Omit<FuzzSettings, 'runs'> & { runs?: number }, c: FuzzCase, file = 'fuzz.yaml'): FuzzScenario {
  return buildCase({ runs: 1, ...settings }, c, file);
}
