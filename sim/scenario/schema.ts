// The top level of a scenario file. Sections are read in dependency order —
// cluster (node names), workloads (workload names), then everything that
// refers to them — and assembled into a Scenario with defaults filled in.

import { hasControls } from '../core/printable.ts';
import { checkTimelineSteps, checkWorkloadCost } from './cost.ts';
import { checkDownNodes } from './down-nodes.ts';
import { planNodes } from './names.ts';
import { readCluster } from './schema-cluster.ts';
import { readExpectations, readInvariants } from './schema-expect.ts';
import { readNetwork } from './schema-network.ts';
import { readTimeline } from './schema-timeline.ts';
import { readWorkloads } from './schema-workload.ts';
import { Scope } from './scope.ts';
import type { Scenario, WorkloadSpec } from './types.ts';
import type { TimelineEntry } from './types-timeline.ts';
import { checkKeys, describe, isEmpty, readDuration, readMap, readNumber, readString, type ReadContext, type YNode } from './yaml-read.ts';

export const TOP_LEVEL_KEYS = ['name', 'description', 'seed', 'duration', 'cluster', 'network', 'workload', 'timeline', 'expect', 'invariants'] as const;

/** Used when `duration:` is absent and nothing in the file mentions a later time. */
export const DEFAULT_DURATION_MS = 60_000;

/** Validate a whole document; undefined when `ctx` collected errors. */
export function readScenario(ctx: ReadContext, root: YNode, defaultName: string): Scenario | undefined {
  if (isEmpty(root)) {
    ctx.error(root, 'wrong-type', 'the scenario file is empty (expected keys such as name, cluster, timeline, expect)');
    return undefined;
  }
  const fields = readMap(ctx, root, 'scenario');
  if (!fields) return undefined;
  const f = checkKeys(ctx, fields, TOP_LEVEL_KEYS, 'the scenario');
  const name = f.get('name') ? readName(ctx, f.get('name')!.at) : defaultName;
  const description = f.get('description') ? readDescription(ctx, f.get('description')!.at) : '';
  const seed = f.get('seed') ? readNumber(ctx, f.get('seed')!.at, 'seed', { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER }) : undefined;
  const explicitDurationMs = f.get('duration') ? readDuration(ctx, f.get('duration')!.at, 'duration', { positive: true }) : undefined;

  const cluster = readCluster(ctx, f.get('cluster')?.value);
  const scope = new Scope(ctx, cluster.names, cluster.spec.add.map((a) => a.name), null, explicitDurationMs);
  const workloads = readWorkloads(scope, f.get('workload')?.value);
  scope.workloads = workloads.namesOk ? workloads.drafts.map((w) => w.name) : null;
  const network = readNetwork(ctx, f.get('network')?.value);
  const timeline = readTimeline(scope, f.get('timeline')?.value);
  if (cluster.names !== null) checkDownNodes(ctx, timeline, cluster.names, cluster.spec.add.map((a) => a.name));
  const expect = readExpectations(scope, f.get('expect')?.value);
  const invariants = readInvariants(scope, f.get('invariants')?.value);
  checkTimelineSteps(ctx, timeline);
  if (ctx.errors.length > 0 || name === undefined || description === undefined) return undefined;

  const durationMs = explicitDurationMs ?? Math.max(DEFAULT_DURATION_MS, scope.latestMentionedMs);
  const startedByTimeline = workloadsStarted(timeline);
  const specs: WorkloadSpec[] = workloads.drafts.map((w) => ({
    ...w,
    // A workload the timeline starts and that has no `from:` waits for that start.
    fromMs: w.fromMs ?? (startedByTimeline.has(w.name) ? null : 0),
    toMs: w.toMs ?? durationMs,
  }));
  checkWorkloadCost(ctx, specs);
  if (ctx.errors.length > 0) return undefined;
  return {
    file: ctx.file,
    name,
    description,
    ...(seed !== undefined ? { seed } : {}),
    durationMs,
    cluster: cluster.spec,
    nodes: planNodes(cluster.spec),
    network,
    workloads: specs,
    timeline,
    expect,
    invariants,
  };
}

/** `name:` is one line of text: it names the report folder and heads every report. */
function readName(ctx: ReadContext, node: YNode): string | undefined {
  const name = readString(ctx, node, 'name');
  if (name !== undefined && hasControls(name)) return ctx.error(node, 'bad-value', `name: ${describe(node)} has control characters; a name is one line of text`);
  return name;
}

/** `description:` is prose: lines and tabs, but no other control characters (it is printed to terminals). */
function readDescription(ctx: ReadContext, node: YNode): string | undefined {
  // A folded `>` block ends in a newline; the description is prose, so drop trailing space.
  const text = readString(ctx, node, 'description')?.trimEnd();
  if (text !== undefined && hasControls(text.replace(/[\n\t]/g, ' '))) return ctx.error(node, 'bad-value', 'description: has control characters other than line breaks and tabs');
  return text;
}

/** Names of workloads that some `workload: { start }` action starts, repeat bodies included. */
function workloadsStarted(entries: readonly TimelineEntry[], into = new Set<string>()): Set<string> {
  for (const e of entries) {
    if (e.action.type === 'workload' && e.action.op === 'start') into.add(e.action.workload);
    if (e.action.type === 'repeat') workloadsStarted(e.action.body, into);
  }
  return into;
}
