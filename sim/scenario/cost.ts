// What a scenario that reads well will cost to run, checked against the
// limits of limits.ts once the whole file is known (durations and workload
// windows decide how many operations a rate means): clients and in-flight
// lanes over all workloads, the operations the workloads may issue, and the
// timeline's steps with `repeat` expanded. Each error points at the
// workload or timeline entry that takes the total past the limit.

import { formatDurationMs } from '../core/time.ts';
import type { ReadContext } from './yaml-read.ts';
import { LIMITS, overLimit } from './limits.ts';
import type { WorkloadSpec } from './types.ts';
import type { TimelineEntry } from './types-timeline.ts';

const count = (n: number): string => (n >= 1e15 ? n.toExponential(1) : Math.round(n).toLocaleString('en-US'));

/** Steps of an entry: 1, or a repeat's body steps times its count (saturating: nested repeats multiply). */
function stepsOf(e: TimelineEntry): number {
  if (e.action.type !== 'repeat') return 1;
  const body = e.action.body.reduce((sum, x) => sum + stepsOf(x), 0);
  return Math.min(1e300, e.action.times * body);
}

/** Timeline steps after `repeat`: refused at the entry that takes the total past the limit. */
export function checkTimelineSteps(ctx: ReadContext, timeline: readonly TimelineEntry[]): void {
  let total = 0;
  for (const e of timeline) {
    const steps = stepsOf(e);
    total += steps;
    if (total <= LIMITS.timelineSteps.max) continue;
    const what = e.action.type === 'repeat' ? `this repeat runs ${count(steps)} steps` : 'this entry';
    ctx.errorAt(e.pos, 'too-large', overLimit('timelineSteps', `timeline: ${what}, taking the timeline past ${LIMITS.timelineSteps.shown} steps`));
    return;
  }
}

/** Operations a workload may issue: its rate over the longest window it may run (from 0 if the timeline starts it). */
export function workloadOps(w: WorkloadSpec): number {
  return (w.ratePerSec * Math.max(0, w.toMs - (w.fromMs ?? 0))) / 1000;
}

/** Clients, lanes and operations over all workloads, each refused at the workload that crosses its limit. */
export function checkWorkloadCost(ctx: ReadContext, workloads: readonly WorkloadSpec[]): void {
  let clients = 0;
  let lanes = 0;
  let ops = 0;
  const crossed = { clients: false, lanes: false, ops: false };
  for (const w of workloads) {
    clients += w.clients;
    lanes += w.clients * w.inFlight;
    ops += workloadOps(w);
    if (clients > LIMITS.clients.max && !crossed.clients) {
      crossed.clients = true;
      ctx.errorAt(w.pos, 'too-large', overLimit('clients', `workload ${w.name}: ${count(clients)} clients in all`));
    }
    if (lanes > LIMITS.lanes.max && !crossed.lanes) {
      crossed.lanes = true;
      ctx.errorAt(w.pos, 'too-large', overLimit('lanes', `workload ${w.name}: clients × in-flight is ${count(lanes)} in all`));
    }
    if (ops > LIMITS.workloadOps.max && !crossed.ops) {
      crossed.ops = true;
      const window = formatDurationMs(w.toMs - (w.fromMs ?? 0));
      const what = `workload ${w.name}: ${count(w.ratePerSec)} operations/s for up to ${window} is ${count(workloadOps(w))} operations${ops > workloadOps(w) ? ` (${count(ops)} in all)` : ''}`;
      ctx.errorAt(w.pos, 'too-large', overLimit('workloadOps', what));
    }
  }
}
