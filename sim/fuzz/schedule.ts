// Fault schedules as data: what fast-check generates and shrinks for
// `sim fuzz`, and how a schedule becomes a scenario timeline. A schedule is a
// list of timed fault steps on node indices; the timeline adds an ending
// that undoes every fault still in force (heal, link and network resets,
// resume, restart of what is down) and then waits for the cluster to
// converge, so the converges-after-heal invariant (or, without it, the wait
// itself) can judge liveness. Steps that cannot do anything (a partition
// with one side, a failover sent to a killed node) are dropped rather than written.

import type { BusMessageType, Condition, NodeGroup, SourcePos, TimelineEntry } from '../scenario/types.ts';
import { nodeIdentities } from '../scenario/names.ts';

/** `3x1`: masters × replicas per master. */
export interface ClusterShape {
  readonly masters: number;
  readonly replicas: number;
}

export type FailoverMode = 'default' | 'force' | 'takeover';

/** One fault. Nodes are indices into the scenario's node list (A, B, C, A1, B1, C1 for 3x1). */
export type FaultStep =
  /** Each node's side (0..2); fewer than two non-empty sides is no partition. */
  | { readonly kind: 'partition'; readonly atMs: number; readonly sides: readonly number[] }
  | { readonly kind: 'isolate'; readonly atMs: number; readonly node: number }
  /** The node's outgoing traffic is cut, its incoming traffic still flows. */
  | { readonly kind: 'oneway'; readonly atMs: number; readonly node: number }
  | { readonly kind: 'heal'; readonly atMs: number }
  | { readonly kind: 'heal-between'; readonly atMs: number; readonly a: number; readonly b: number }
  | { readonly kind: 'kill'; readonly atMs: number; readonly node: number }
  | { readonly kind: 'restart'; readonly atMs: number; readonly node: number }
  /** SIGSTOP, for a while or until a resume (null). */
  | { readonly kind: 'pause'; readonly atMs: number; readonly node: number; readonly forMs: number | null }
  | { readonly kind: 'resume'; readonly atMs: number; readonly node: number }
  /** Latency and loss on every link of one node. */
  | { readonly kind: 'link'; readonly atMs: number; readonly node: number; readonly latencyMs: number; readonly loss: number }
  | { readonly kind: 'network'; readonly atMs: number; readonly latencyMs: number; readonly loss: number }
  /** CLUSTER FAILOVER [FORCE|TAKEOVER] sent to a node (a master answers with an error, as Redis does). */
  | { readonly kind: 'failover'; readonly atMs: number; readonly node: number; readonly mode: FailoverMode }
  /** Message-level drop (opt-in): `to` null is every other node; always for a while, so it ends. */
  | { readonly kind: 'drop'; readonly atMs: number; readonly types: readonly BusMessageType[]; readonly from: number; readonly to: number | null; readonly forMs: number }
  /** One link cut, both ways or (oneway) only from `a` to `b`. */
  | { readonly kind: 'cut'; readonly atMs: number; readonly a: number; readonly b: number; readonly oneway: boolean }
  /** Graceful SIGTERM: the node saves and stops (the ending restarts it). */
  | { readonly kind: 'shutdown'; readonly atMs: number; readonly node: number }
  /** DEBUG SLEEP: the node's event loop blocks (the step waits for the reply, as redis-cli would). */
  | { readonly kind: 'sleep'; readonly atMs: number; readonly node: number; readonly seconds: number }
  /** CONFIG SET of a failover-related parameter on one node. */
  | { readonly kind: 'config'; readonly atMs: number; readonly node: number; readonly parameter: ConfigParameter; readonly value: string }
  /** The replica's replication link is cut (cluster bus untouched); `restore` ends it. */
  | { readonly kind: 'repl-cut'; readonly atMs: number; readonly node: number }
  | { readonly kind: 'repl-restore'; readonly atMs: number; readonly node: number };

/** Parameters `config` steps change: the ones that decide whether and when a replica fails over. */
export type ConfigParameter = 'cluster-replica-no-failover' | 'cluster-replica-validity-factor' | 'cluster-allow-replica-migration';

/** Every fault kind, for swarm draws of which kinds a run may use. */
export const FAULT_KINDS = ['partition', 'isolate', 'oneway', 'heal', 'heal-between', 'kill', 'restart', 'pause', 'resume', 'link', 'network', 'failover', 'drop', 'cut', 'shutdown', 'sleep', 'config', 'repl-cut', 'repl-restore'] as const;
export type FaultKind = FaultStep['kind'];

export interface FaultSchedule {
  readonly steps: readonly FaultStep[];
  /** How long after the last fault everything is undone. */
  readonly healAfterMs: number;
}

/** What the ending waits for, and how long the cluster gets. */
export interface EndingSettings {
  /** Longest wait for convergence after everything is undone. */
  readonly settleMs: number;
  /** After converging, look again this much later: a cluster that flaps has not converged. */
  readonly recheckMs: number;
}

export function parseShape(text: string): ClusterShape | undefined {
  const m = /^\s*(\d+)\s*x\s*(\d+)\s*$/i.exec(text);
  if (!m) return undefined;
  const shape = { masters: Number(m[1]), replicas: Number(m[2]) };
  return shape.masters >= 1 && shape.masters <= 26 && shape.replicas <= 9 ? shape : undefined;
}

export function shapeText(s: ClusterShape): string {
  return `${s.masters}x${s.replicas}`;
}

/** Node names in index order (the order FaultStep indices refer to). */
export function shapeNodes(s: ClusterShape): string[] {
  return nodeIdentities({ masters: s.masters, replicasPerMaster: Array(s.masters).fill(s.replicas), spares: 0, added: [] }).map((n) => n.name);
}

const POS: SourcePos = { file: '<fuzz>', line: 0, col: 0 };
const named = (name: string) => ({ kind: 'name', name }) as const;
const group = (names: readonly string[], rest = false): NodeGroup => ({ members: names.map((n) => ({ kind: 'node', node: named(n) })), rest });
const REST: NodeGroup = { members: [], rest: true };
const COMMAND: Record<FailoverMode, string> = { default: 'CLUSTER FAILOVER', force: 'CLUSTER FAILOVER FORCE', takeover: 'CLUSTER FAILOVER TAKEOVER' };

/** Steps in time order (stable, so equal times keep the order they were generated in). */
export function sortedSteps(s: FaultSchedule): FaultStep[] {
  return s.steps.map((step, i) => ({ step, i })).sort((a, b) => a.step.atMs - b.step.atMs || a.i - b.i).map((x) => x.step);
}

/** The action of one step, or undefined when the step cannot do anything. */
function stepAction(step: FaultStep, nodes: readonly string[]): TimelineEntry['action'] | undefined {
  const n = (i: number): string => nodes[i % nodes.length]!;
  switch (step.kind) {
    case 'partition': {
      const sides = [0, 1, 2].map((side) => nodes.filter((_, i) => (step.sides[i] ?? 0) === side)).filter((g) => g.length > 0);
      return sides.length < 2 ? undefined : { type: 'partition', groups: sides.map((g) => group(g)) };
    }
    case 'isolate':
      return { type: 'isolate', node: named(n(step.node)) };
    case 'oneway':
      return { type: 'partition-between', from: group([n(step.node)]), to: REST, oneway: true };
    case 'heal':
      return { type: 'heal' };
    case 'heal-between':
      return n(step.a) === n(step.b) ? undefined : { type: 'heal', between: [group([n(step.a)]), group([n(step.b)])] };
    case 'kill':
    case 'restart':
    case 'resume':
      return { type: step.kind, node: named(n(step.node)) };
    case 'pause':
      return { type: 'pause', node: named(n(step.node)), ...(step.forMs !== null ? { forMs: step.forMs } : {}) };
    case 'link':
      return { type: 'link', between: [group([n(step.node)]), REST], change: { latency: { distribution: 'constant', valueMs: step.latencyMs }, lossProbability: step.loss, reset: false } };
    case 'network':
      return { type: 'network', change: { latency: { distribution: 'constant', valueMs: step.latencyMs }, lossProbability: step.loss, reset: false } };
    case 'failover': {
      const command = COMMAND[step.mode];
      return { type: 'redis', node: named(n(step.node)), command, args: command.split(' '), asking: false };
    }
    case 'drop': {
      const to = step.to === null || n(step.to) === n(step.from) ? REST : group([n(step.to)]);
      return { type: 'drop', messageTypes: [...step.types], from: group([n(step.from)]), to, forMs: step.forMs };
    }
    case 'cut':
      return n(step.a) === n(step.b) ? undefined : { type: 'partition-between', from: group([n(step.a)]), to: group([n(step.b)]), oneway: step.oneway };
    case 'shutdown':
      return { type: 'shutdown', node: named(n(step.node)) };
    case 'sleep':
      return redisAction(n(step.node), ['DEBUG', 'SLEEP', String(step.seconds)]);
    case 'config':
      return redisAction(n(step.node), ['CONFIG', 'SET', step.parameter, step.value]);
    case 'repl-cut':
    case 'repl-restore':
      return { type: 'replication', op: step.kind === 'repl-cut' ? 'cut' : 'restore', node: named(n(step.node)) };
  }
}

function redisAction(node: string, args: string[]): TimelineEntry['action'] {
  return { type: 'redis', node: named(node), command: args.join(' '), args, asking: false };
}

/** What is still in force after the steps, by a static reading of them (kill/restart decide up or down). */
function leftovers(steps: readonly FaultStep[], nodes: readonly string[]) {
  const n = (i: number): string => nodes[i % nodes.length]!;
  const down = new Set<string>();
  const paused = new Set<string>();
  const linked = new Set<string>();
  const replCut = new Set<string>();
  let partitioned = false;
  let network = false;
  let lastFaultEndMs = 0;
  for (const s of steps) {
    lastFaultEndMs = Math.max(lastFaultEndMs, s.atMs + (s.kind === 'drop' ? s.forMs : s.kind === 'sleep' ? s.seconds * 1000 : 0));
    if (s.kind === 'kill' || s.kind === 'shutdown') down.add(n(s.node));
    if (s.kind === 'restart') down.delete(n(s.node));
    if (s.kind === 'repl-cut') replCut.add(n(s.node));
    if (s.kind === 'repl-restore') replCut.delete(n(s.node));
    if (s.kind === 'cut') partitioned = true;
    if (s.kind === 'pause') paused.add(n(s.node));
    if (s.kind === 'link') linked.add(n(s.node));
    if (s.kind === 'network') network = true;
    if (s.kind === 'partition' || s.kind === 'isolate' || s.kind === 'oneway') partitioned = true;
  }
  const inOrder = (set: Set<string>): string[] => nodes.filter((x) => set.has(x));
  return { down: inOrder(down), paused: inOrder(paused), linked: inOrder(linked), replCut: inOrder(replCut), partitioned, network, lastFaultEndMs };
}

export interface FuzzTimeline {
  readonly entries: TimelineEntry[];
  /** When the ending starts undoing faults. */
  readonly closeAtMs: number;
  /** Fault steps that made it into the timeline. */
  readonly faults: number;
}

/**
 * Steps that can do something, in order: a step with no action, and a
 * CLUSTER FAILOVER sent to a node the schedule has killed and not restarted
 * (its client is refused, which says nothing about the cluster), are dropped.
 */
function liveSteps(steps: readonly FaultStep[], nodes: readonly string[]): FaultStep[] {
  const n = (i: number): string => nodes[i % nodes.length]!;
  const down = new Set<string>();
  return steps.filter((step) => {
    if (step.kind === 'kill' || step.kind === 'shutdown') down.add(n(step.node));
    if (step.kind === 'restart') down.delete(n(step.node));
    // Commands to a node that is down are refused, which says nothing about the cluster.
    if ((step.kind === 'failover' || step.kind === 'sleep' || step.kind === 'config') && down.has(n(step.node))) return false;
    return stepAction(step, nodes) !== undefined;
  });
}

export function scheduleTimeline(s: FaultSchedule, nodes: readonly string[], ending: EndingSettings): FuzzTimeline {
  const steps = liveSteps(sortedSteps(s), nodes);
  const at = (ms: number, action: TimelineEntry['action']): TimelineEntry => ({ timing: { kind: 'at', ms }, action, pos: POS });
  const entries = steps.map((step) => at(step.atMs, stepAction(step, nodes)!));
  const left = leftovers(steps, nodes);
  const lastAt = steps.reduce((m, step) => Math.max(m, step.atMs), 0);
  // A drop still in force would hold convergence back: the ending waits until the last one has expired.
  const closeAtMs = Math.max(lastAt + s.healAfterMs, left.lastFaultEndMs);
  if (left.partitioned) entries.push(at(closeAtMs, { type: 'heal' }));
  for (const x of left.linked) entries.push(at(closeAtMs, { type: 'link', between: [group([x]), REST], change: { reset: true } }));
  if (left.network) entries.push(at(closeAtMs, { type: 'network', change: { reset: true } }));
  for (const x of left.paused) entries.push(at(closeAtMs, { type: 'resume', node: named(x) }));
  for (const x of left.down) entries.push(at(closeAtMs, { type: 'restart', node: named(x) }));
  for (const x of left.replCut) entries.push(at(closeAtMs, { type: 'replication', op: 'restore', node: named(x) }));
  const settled = (): Condition[] => [
    { kind: 'converged', value: true, pos: POS },
    { kind: 'cluster-state', state: 'ok', pos: POS },
  ];
  // At closeAtMs, not right after the last step: a `for:` fault (drop) is
  // still in force until then, and a cluster that has not yet noticed it
  // would pass the wait at once.
  entries.push({ timing: { kind: 'at', ms: closeAtMs }, action: { type: 'wait', until: settled(), withinMs: ending.settleMs }, pos: POS });
  entries.push({ timing: { kind: 'after', ms: ending.recheckMs }, action: { type: 'check', condition: settled() }, pos: POS });
  return { entries, closeAtMs, faults: steps.length };
}
