// After fast-check has shrunk a failing schedule, a last pass for people:
// drop each step that is not needed, then round each remaining time to a
// whole second (and pause/drop lengths likewise), keeping every change only
// if the schedule still fails the same way. fast-check's own shrinking
// already removes steps and lowers numbers, but lands on times like 4.3s;
// a reader of the scenario file should see 4s when 4s fails just as well.
// Each attempt is one simulation, so the pass takes at most `budget` runs.

import type { FaultSchedule, FaultStep } from './schedule.ts';

/** Does this schedule still fail the same way? (One simulation run.) */
export type StillFails = (s: FaultSchedule) => boolean;

export interface PolishResult {
  readonly schedule: FaultSchedule;
  /** Simulations run. */
  readonly attempts: number;
  /** Changes kept. */
  readonly kept: number;
}

const SECOND = 1000;
const roundSecond = (ms: number): number => Math.round(ms / SECOND) * SECOND;

/** The same step with its times rounded to whole seconds (lengths never to zero), or undefined if nothing changes. */
function rounded(step: FaultStep): FaultStep | undefined {
  const r: Record<string, unknown> = { ...step, atMs: roundSecond(step.atMs) };
  if (step.kind === 'pause' && step.forMs !== null) r.forMs = Math.max(SECOND, roundSecond(step.forMs));
  if (step.kind === 'drop') r.forMs = Math.max(SECOND, roundSecond(step.forMs));
  const changed = Object.keys(r).some((k) => r[k] !== (step as unknown as Record<string, unknown>)[k]);
  return changed ? (r as unknown as FaultStep) : undefined;
}

export function polishSchedule(start: FaultSchedule, stillFails: StillFails, budget: number): PolishResult {
  let current = start;
  let attempts = 0;
  let kept = 0;
  const attempt = (candidate: FaultSchedule): boolean => {
    if (attempts >= budget) return false;
    attempts++;
    if (!stillFails(candidate)) return false;
    current = candidate;
    kept++;
    return true;
  };
  // Removal first: fewer steps make every later attempt cheaper to read and to run.
  for (let i = current.steps.length - 1; i >= 0 && current.steps.length > 1; i--) {
    attempt({ ...current, steps: current.steps.filter((_, j) => j !== i) });
  }
  for (let i = 0; i < current.steps.length; i++) {
    const r = rounded(current.steps[i]!);
    if (r) attempt({ ...current, steps: current.steps.map((s, j) => (j === i ? r : s)) });
  }
  const heal = roundSecond(current.healAfterMs);
  if (heal !== current.healAfterMs) attempt({ ...current, healAfterMs: heal });
  return { schedule: current, attempts, kept };
}
