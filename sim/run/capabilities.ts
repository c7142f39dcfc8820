// Which parts of a scenario this build of the simulator can run. A scenario
// that needs more is refused up front with the list (exit 4), rather than
// run half-way and reported as if it had been simulated.

import type { Action, Condition, Scenario, TimelineEntry } from '../scenario/types.ts';
import { RedisServer } from '../server/server.ts';

const hasServerCommand = typeof (RedisServer.prototype as { command?: unknown }).command === 'function';

/** Action types not runnable yet, with the reason a user reads. */
function actionGap(a: Action): string | undefined {
  switch (a.type) {
    case 'redis':
      return hasServerCommand ? undefined : '`redis:` commands (the command dispatcher is not built yet)';
    case 'redis-cli':
      return '`redis-cli --cluster` actions (the tool model is not built yet)';
    case 'workload':
      return '`workload:` start/stop (client workloads are not built yet)';
    case 'replication':
      return '`replication: cut/restore` (the replication stream is not built yet)';
    default:
      return undefined;
  }
}

const DATA_CONDITIONS = new Set(['in-sync', 'lost-writes', 'history', 'replicas-consistent', 'keys-readable']);

function conditionGap(c: Condition): string | undefined {
  return DATA_CONDITIONS.has(c.kind) ? `the \`${c.kind}\` condition (needs the data path, not built yet)` : undefined;
}

function walk(entries: readonly TimelineEntry[], out: Set<string>): void {
  for (const e of entries) {
    const gap = actionGap(e.action);
    if (gap) out.add(gap);
    if (e.action.type === 'repeat') walk(e.action.body, out);
    if (e.action.type === 'wait') for (const c of e.action.until) addCond(c, out);
    if (e.action.type === 'check') for (const c of e.action.condition) addCond(c, out);
  }
}

function addCond(c: Condition, out: Set<string>): void {
  const gap = conditionGap(c);
  if (gap) out.add(gap);
}

export function unsupportedParts(s: Scenario): string[] {
  const out = new Set<string>();
  if (s.workloads.length > 0) out.add('`workload:` (client workloads are not built yet)');
  walk(s.timeline, out);
  for (const e of s.expect) for (const c of e.conditions) addCond(c, out);
  return [...out];
}
