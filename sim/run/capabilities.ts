// Which parts of a scenario this build of the simulator can run. A scenario
// that needs more is refused up front with the list (exit 4), rather than
// run half-way and reported as if it had been simulated.

import type { Action, Scenario, TimelineEntry } from '../scenario/types.ts';

/** Action types not runnable yet, with the reason a user reads. */
function actionGap(_a: Action): string | undefined {
  // Every action type runs (redis-cli --cluster: sim/tools/redis-cli).
  return undefined;
}

function walk(entries: readonly TimelineEntry[], out: Set<string>): void {
  for (const e of entries) {
    const gap = actionGap(e.action);
    if (gap) out.add(gap);
    if (e.action.type === 'repeat') walk(e.action.body, out);
  }
}

export function unsupportedParts(s: Scenario): string[] {
  const out = new Set<string>();
  walk(s.timeline, out);
  return [...out];
}
