// The property every generated schedule must satisfy, judged on one run:
// no safety invariant violated (exit code 3), every expectation and checked
// step held (the ending's wait for convergence among them: before the
// invariant checkers existed this was the liveness check), and no internal
// error. A failure carries a key naming *which* thing failed, so shrinking
// can insist on the same failure instead of sliding to a different one.

import { checkDataProperties } from '../check/data-properties.ts';
import { describeExpectation } from '../scenario/describe.ts';
import { PROPERTY_NAMES } from '../scenario/vocabulary.ts';
import type { Scenario } from '../scenario/index.ts';
import { runScenario, type RunResult } from '../run/runner.ts';
import { violatedInvariants } from '../sweep/metrics.ts';
import { quickRunOptions } from '../sweep/worker.ts';

/** The opt-in properties every swarm scenario turns on (beyond the safety invariants, which are always on). */
export const FUZZ_PROPERTIES: readonly string[] = PROPERTY_NAMES;

export type Verdict =
  | { readonly ok: true; readonly traceHash: string }
  | {
      readonly ok: false;
      /** Same key = same failure (an invariant's name, an expectation's text, a step kind, or crash). */
      readonly key: string;
      /** One line for people: what was violated and why. */
      readonly why: string;
      /** The exit code `sim run` gives this scenario and seed. */
      readonly exitCode: number;
      readonly traceHash: string;
    };

/** Fault actions after which a node comes back from its disk. */
const RESTARTS: ReadonlySet<string> = new Set(['kill', 'restart', 'shutdown']);

const sec = (ms: number): string => `${(ms / 1000).toFixed(3)}s`;

/** The violation a run reports, if the runner has invariant checkers (read structurally, as sweep does). */
function violationOf(r: RunResult): { invariant: string; why: string; atMs: number } | undefined {
  return (r as { violation?: { invariant: string; why: string; atMs: number } }).violation;
}

/** The kills, restarts and shutdowns the scenario applied, by node name and time. */
function restartsOf(r: RunResult): { node: string; atMs: number }[] {
  return r.events.flatMap((e) => (e.type === 'fault' && RESTARTS.has(e.action) ? [{ node: r.names.name(e.subject), atMs: e.t }] : []));
}

export function judgeRun(r: RunResult): Verdict {
  const traceHash = r.world.trace.hex();
  if (r.exitCode === 3) {
    const v = violationOf(r);
    const names = violatedInvariants(r).map((i) => i.name);
    const name = v?.invariant ?? names[0] ?? 'unknown';
    const why = v ? `${v.why} (at ${sec(v.atMs)})` : (violatedInvariants(r)[0]?.why ?? '');
    return { ok: false, key: `invariant:${name}`, why: `safety invariant ${name} violated: ${why}`, exitCode: 3, traceHash };
  }
  const expectation = r.expectations.find((x) => !x.ok);
  if (expectation) {
    const what = describeExpectation(expectation.expectation);
    return { ok: false, key: `expect:${what}`, why: `expectation failed: ${what}: ${expectation.why}`, exitCode: r.exitCode, traceHash };
  }
  const step = r.stepFailures[0];
  if (step) {
    return { ok: false, key: `step:${step.action}`, why: `${step.action} failed at ${sec(step.at)}: ${step.why}`, exitCode: r.exitCode, traceHash };
  }
  // Data properties read the history, which only a run with clients has.
  const data = r.history ? checkDataProperties(r.lostWrites ?? [], r.history.ops(), restartsOf(r)) : undefined;
  if (data) return { ok: false, key: `property:${data.property}`, why: `property ${data.property} violated: ${data.why}`, exitCode: 1, traceHash };
  return { ok: true, traceHash };
}

/** Run and judge; an exception is itself a failure (exit 4), the most useful kind to find. */
export function judgeScenario(scenario: Scenario, seed: number): Verdict {
  let r: RunResult;
  try {
    r = runScenario(scenario, quickRunOptions(seed));
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { ok: false, key: 'crash', why: `internal error: ${msg}`, exitCode: 4, traceHash: '' };
  }
  return judgeRun(r);
}
