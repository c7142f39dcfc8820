// How a run attaches the safety invariants to its world: a monitor over the
// checkers' read-only view, fed every event as it is emitted; the runner
// calls onInstantEnd() after the last event of each instant and stops the
// run in `onViolation`.

import { createInvariant, InvariantMonitor, type ViolationReport } from '../check/invariants/index.ts';
import { userInvariant, type UserInvariant } from '../check/invariants/user.ts';
import { CHECK_NAMES, type InvariantName, type KnownFlaw } from '../scenario/vocabulary.ts';
import type { WorldView } from './world-view.ts';
import type { World } from './world.ts';

/** Watch `world` (through `view`) with the invariants `enabled`, in the vocabulary's order, then the user's own. */
export function watchInvariants(
  world: World,
  view: WorldView,
  enabled: readonly InvariantName[],
  user: readonly UserInvariant[],
  onViolation: (v: ViolationReport) => void,
  knownFlaws: readonly KnownFlaw[] = [],
): InvariantMonitor {
  const names = CHECK_NAMES.filter((n) => enabled.includes(n));
  const ctx = { startMs: world.now, refreshLinks: () => view.refreshLinks(), nodes: world.processes.length, knownFlaws };
  const monitor = new InvariantMonitor({
    world: view,
    invariants: [...names.map((n) => createInvariant(n, ctx)), ...user.map(userInvariant)],
    events: world.recorder.events,
    onViolation,
  });
  world.recorder.onEvent((e) => monitor.onEvent(e));
  return monitor;
}
