// Shared test helpers: load inline YAML and look at the errors as users see them.

import { formatScenarioError, type ScenarioError } from '../../sim/scenario/errors.ts';
import { loadScenario } from '../../sim/scenario/load.ts';
import type { Scenario } from '../../sim/scenario/types.ts';

export const FILE = 'test.yaml';

/** Errors of a scenario text (fails the test if it loaded). */
export function errorsOf(text: string): readonly ScenarioError[] {
  const r = loadScenario(FILE, text);
  if (r.ok) throw new Error('expected the scenario to be rejected, but it loaded');
  return r.errors;
}

/** The formatted one-line errors, as `sim check` prints them. */
export function linesOf(text: string): string[] {
  return errorsOf(text).map(formatScenarioError);
}

/** The loaded scenario (fails the test, showing the errors, if it did not load). */
export function scenarioOf(text: string): Scenario {
  const r = loadScenario(FILE, text);
  if (!r.ok) throw new Error(`expected the scenario to load:\n${r.errors.map(formatScenarioError).join('\n')}`);
  return r.scenario;
}

/** The single error of a text, asserting there is exactly one. */
export function onlyError(text: string): ScenarioError {
  const errs = errorsOf(text);
  if (errs.length !== 1) throw new Error(`expected one error, got ${errs.length}:\n${errs.map(formatScenarioError).join('\n')}`);
  return errs[0]!;
}
