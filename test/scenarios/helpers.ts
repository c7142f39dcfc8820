// Running the scenario files under scenarios/ from tests: load, run with a
// seed, and read the outcome (exit code, failed expectations, events and the
// nodes' own tables) the way `sim run` would see it.

import { row, rows } from '../helpers/events.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterState } from '../../sim/cluster/state.ts';
import type { EventRow } from '../../sim/events/vocabulary.ts';
import { runScenario, type RunResult } from '../../sim/run/runner.ts';
import { formatScenarioError, loadScenario } from '../../sim/scenario/index.ts';

export const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios');

export function scenarioText(file: string): string {
  return readFileSync(join(SCENARIOS, file), 'utf8');
}

/** Run a scenario text (as if saved as `file`) with one seed. */
export function runText(file: string, text: string, seed: number): RunResult {
  const loaded = loadScenario(file, text);
  if (!loaded.ok) throw new Error(loaded.errors.map(formatScenarioError).join('\n'));
  return runScenario(loaded.scenario, { seed, logLevel: 'warning', timeline: false }); // no timeline.html data: faster
}

const runs = new Map<string, RunResult>();

/** Run a file under scenarios/ with one seed (memoized: a run is deterministic, tests only read it). */
export function runFile(file: string, seed: number): RunResult {
  const key = `${file}#${seed}`;
  let r = runs.get(key);
  if (!r) runs.set(key, (r = runText(file, scenarioText(file), seed)));
  return r;
}

/** Why a run did not exit 0, for readable test failures. */
export function failures(r: RunResult): string[] {
  return [
    ...r.expectations.filter((e) => !e.ok).map((e) => `expectation at line ${e.expectation.pos.line}: ${e.why}`),
    ...r.stepFailures.map((f) => `step ${f.action} at ${f.at} ms: ${f.why}`),
  ];
}

/** A node's cluster state in this run (it must be running). */
export function cs(r: RunResult, name: string): ClusterState {
  const s = r.world.process(name).server;
  if (!s) throw new Error(`${name} is not running`);
  return s.cs;
}

export const nodeIdOf = (r: RunResult, name: string): string => r.world.process(name).nodeId;

/** Events matching a filter, in time order. */
export function eventsOf(r: RunResult, pred: (e: EventRow) => boolean): EventRow[] {
  return rows(r.world).filter(pred);
}

export function firstEvent(r: RunResult, pred: (e: EventRow) => boolean): EventRow | undefined {
  return rows(r.world).find(pred);
}

/** Replace the first occurrence of `from` in a scenario text, failing if it is absent. */
export function mutate(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`"${from}" is not in the scenario`);
  return text.replace(from, to);
}
