// The invariant monitor: feeds every event to the enabled invariants as it
// is emitted, calls them again at the end of each simulated instant, and
// decides when the (costly) convergence verdict is worth computing. The
// first violation is kept with the last events of the nodes involved, and
// reported through `onViolation` (the runner stops the scheduler there);
// the monitor itself never touches the world.
//
// Cost: per event, one call per invariant (events are rare next to messages);
// per instant, O(nodes) for epochs-monotonic plus a few comparisons. The
// convergence verdict (O(nodes²) lookups, then O(nodes × 16384) when the
// views agree) is computed only while something happened since the cluster
// was last seen converged (every dirtyPollMs at most: DIRTY_POLL_MS up to 20
// nodes, spaced out with nodes² beyond, so that its cost per simulated
// second stays that of a 20-node cluster), when an invariant asks for it (a
// liveness deadline), and every SAFETY_NET_MS regardless, so a steady
// cluster is still re-examined now and then.

import type { NodeNames } from '../../events/names.ts';
import type { SimEvent } from '../../events/types.ts';
import { eventNode, eventSubject } from '../../events/vocabulary.ts';
import type { InvariantName } from '../../scenario/vocabulary.ts';
import { spacedForSize, type Invariant, type InvariantWorld, type Violation } from './types.ts';

export const DIRTY_POLL_MS = 100;
export const SAFETY_NET_MS = 30_000;

/** How often a changing cluster of `nodes` processes is polled for convergence. */
export function dirtyPollMs(nodes: number): number {
  return spacedForSize(nodes, DIRTY_POLL_MS, SAFETY_NET_MS);
}
/** Events of the involved nodes shown with a violation. */
export const CONTEXT_EVENTS = 10;

export interface InvariantResult {
  name: InvariantName | (string & {});
  ok: boolean;
  why: string;
  /** When it was violated; null when it held. */
  atMs: number | null;
}

export interface ViolationReport extends Violation {
  /** The last events that involve the violation's nodes (or all nodes: `*`), oldest first. */
  readonly context: readonly SimEvent[];
}

export interface MonitorOptions {
  world: InvariantWorld & { beginInstant?(): void };
  invariants: readonly Invariant[];
  /** The run's events so far (the recorder's array), for context. */
  events: readonly SimEvent[];
  onViolation?: (v: ViolationReport) => void;
}

/** The last `max` events that involve one of `nodes` (by name), or a fault on several nodes; oldest first. */
export function contextEvents(events: readonly SimEvent[], nodes: readonly string[], names: NodeNames, max = CONTEXT_EVENTS): SimEvent[] {
  const want = new Set(nodes);
  const out: SimEvent[] = [];
  for (let i = events.length - 1; i >= 0 && out.length < max; i--) {
    const e = events[i]!;
    const node = eventNode(e, names);
    if (want.has(node) || want.has(names.name(eventSubject(e))) || node === '*') out.push(e);
  }
  return out.reverse();
}

export class InvariantMonitor {
  private first: ViolationReport | undefined;
  private stopped = false;
  private dirty = true;
  private lastPoll = -Infinity;
  private readonly onEventInvs: Invariant[];
  private readonly onInstantInvs: Invariant[];
  private readonly convergenceInvs: Invariant[];
  private readonly pollMs: number;

  constructor(private readonly opts: MonitorOptions) {
    this.onEventInvs = opts.invariants.filter((i) => i.onEvent);
    this.onInstantInvs = opts.invariants.filter((i) => i.onInstantEnd);
    this.convergenceInvs = opts.invariants.filter((i) => i.onConvergence);
    this.pollMs = dirtyPollMs(opts.world.nodes.length);
  }

  get violation(): ViolationReport | undefined {
    return this.first;
  }

  onEvent(e: SimEvent): void {
    if (this.stopped) return;
    this.dirty = true;
    const w = this.opts.world;
    for (const inv of this.onEventInvs) {
      const v = inv.onEvent!(e, w);
      if (v) return this.violate(v);
    }
  }

  onInstantEnd(): void {
    if (this.stopped) return;
    const w = this.opts.world;
    w.beginInstant?.();
    for (const inv of this.onInstantInvs) {
      const v = inv.onInstantEnd!(w);
      if (v) return this.violate(v);
    }
    if (this.convergenceInvs.length === 0) return;
    const now = w.now();
    let due = (this.dirty && now - this.lastPoll >= this.pollMs) || now - this.lastPoll >= SAFETY_NET_MS;
    // A plain loop: this runs after every instant, and closures cost there.
    for (let i = 0; !due && i < this.convergenceInvs.length; i++) due = this.convergenceInvs[i]!.wantsConvergence?.(now) === true;
    if (!due) return;
    this.lastPoll = now;
    const verdict = w.converged();
    if (verdict.ok) this.dirty = false;
    for (const inv of this.convergenceInvs) {
      const v = inv.onConvergence!(verdict, w);
      if (v) return this.violate(v);
    }
  }

  /** The run is over: later events (reports written after the end) are not the cluster's doing. */
  finish(): void {
    this.stopped = true;
  }

  results(): InvariantResult[] {
    const now = this.opts.world.now();
    return this.opts.invariants.map((inv) => {
      if (this.first?.invariant === inv.name) return { name: inv.name, ok: false, why: this.first.why, atMs: this.first.atMs };
      const pending = this.first ? undefined : inv.pending?.(now);
      const why = this.first ? `held until the run stopped at ${(this.first.atMs / 1000).toFixed(3)}s` : (pending ?? '');
      return { name: inv.name, ok: true, why, atMs: null };
    });
  }

  private violate(v: Violation): void {
    this.stopped = true;
    this.first = { ...v, context: contextEvents(this.opts.events, v.nodes, this.opts.world.names) };
    this.opts.onViolation?.(this.first);
  }
}
