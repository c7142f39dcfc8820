// For the library: a fault schedule `fuzz()` found (or any schedule) as the
// scenario file `sim fuzz` writes, ready for `sim run` and for
// scenarioFromYaml.

import { scenarioSpec, type FuzzSettings } from './fuzz.ts';
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
