// The contract between the invariant monitor and each safety invariant, and
// what they read beyond the cluster view (views.ts): time, faults, convergence. Invariants
// are fed the protocol events as they are emitted (the world is then exactly
// in the state the event describes) and are called again when the last
// event of a simulated instant has run. They never change the world: a
// violation is a value they return, and the run decides what to do with it.

import type { ClusterNode } from '../../cluster/node.ts';
import type { ClusterState } from '../../cluster/state.ts';
import type { NodeNames } from '../../events/names.ts';
import type { NodeIx, SimEvent } from '../../events/types.ts';
import { eventRow } from '../../events/vocabulary.ts';
import type { InvariantName } from '../../scenario/vocabulary.ts';
import type { ClusterReader, NodeView } from '../views.ts';

export type { NodeView };

/** The outcome of one convergence evaluation (see convergence.ts). */
export interface ConvergenceVerdict {
  readonly ok: boolean;
  readonly why: string;
  /** Live nodes that belong to a cluster (know at least one other node), in process order. */
  readonly members: readonly NodeView[];
}

/** What invariants may read: the cluster (views.ts), the clock, faults and convergence. Implemented over a World (run/world-view.ts) and by test fixtures. */
export interface InvariantWorld extends ClusterReader {
  /** Simulated ms. */
  now(): number;
  /** Faults in force right now, each as a short phrase; empty when everything is healed. */
  activeFaults(): string[];
  /** Whether the live cluster is converged at this instant (computed at most once per instant). */
  converged(): ConvergenceVerdict;
  /** The largest cluster-node-timeout of any node, in ms. */
  nodeTimeoutMs(): number;
  /**
   * Positions in `nodes` of the nodes whose currentEpoch or lastVoteEpoch was
   * assigned during the instant that just ended. Absent: the world cannot
   * tell, and every node must be looked at.
   */
  epochChanges?(): readonly number[];
}

export interface Violation {
  /** A built-in invariant's name, or a user invariant's. */
  readonly invariant: InvariantName | (string & {});
  /** Simulated ms at which it was seen. */
  readonly atMs: number;
  /** One sentence that names what was seen and what was expected. */
  readonly why: string;
  /** The event that broke it, when an event did (state checks have none). */
  readonly event?: SimEvent;
  /** Nodes involved: the report shows their last events. */
  readonly nodes: readonly string[];
}

export interface Invariant {
  readonly name: InvariantName | (string & {});
  /** Every recorded event, as it is emitted. */
  onEvent?(e: SimEvent, w: InvariantWorld): Violation | undefined;
  /** After the last event of an instant, before the monitor's convergence poll. */
  onInstantEnd?(w: InvariantWorld): Violation | undefined;
  /** True when this invariant needs the convergence verdict at this instant (e.g. a deadline fell due). */
  wantsConvergence?(now: number): boolean;
  /** The monitor evaluated convergence at this instant (converged or not). */
  onConvergence?(v: ConvergenceVerdict, w: InvariantWorld): Violation | undefined;
  /** A remark for the summary when the run ended with the invariant undecided (liveness). */
  pending?(now: number): string | undefined;
}

/**
 * The interval for a check whose cost grows with nodes²: `baseMs` up to 20
 * nodes, then spaced with nodes² so that per simulated second it costs what
 * it does at 20 nodes, at most `maxMs`.
 */
export function spacedForSize(nodes: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * Math.max(1, Math.ceil((nodes / 20) ** 2)));
}

/** `12.345s`, the way reports show simulated instants. */
export function sec(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}

/** The entry `cs` holds for process `ix` (under any ID it had: tables key nodes by ID). */
export function entryOf(cs: ClusterState, ix: NodeIx, w: InvariantWorld): ClusterNode | undefined {
  for (const n of cs.nodeList) if (w.names.processOfId(n.name) === ix) return n;
  return undefined;
}

/** The process `ix` as the invariants see it (undefined for clients and unknown IDs). */
export function viewOf(w: InvariantWorld, ix: NodeIx): NodeView | undefined {
  return w.nodeAt(ix);
}

/**
 * What the scenario did to the cluster, as opposed to what the cluster did:
 * a fault, an admin command's reply, a line of redis-cli output (a reshard
 * moves slots for as long as it prints).
 */
export function isDisturbance(e: SimEvent): boolean {
  return e.type === 'fault' || e.type === 'command' || e.type === 'redis-cli';
}

/** A short rendering of an event for a violation's text. */
export function eventText(e: SimEvent, names: NodeNames): string {
  const r = eventRow(e, names);
  return `${r.node} ${r.event}${r.subject ? ` ${r.subject}` : ''}${r.detail ? ` ${r.detail}` : ''} at ${sec(e.t)}`;
}

/**
 * Lives of a process: CLUSTER RESET HARD zeroes currentEpoch and
 * lastVoteEpoch and draws a new node ID, so what the node did before is
 * another node's history. A restart is the same life (nodes.conf reloads).
 */
export class Lives {
  private readonly lives: number[] = [];

  /** Feed every event; true when this one started a new life of e.node. */
  onEvent(e: SimEvent): boolean {
    if (e.type !== 'config-epoch' || e.reason !== 'reset-hard') return false;
    this.lives[e.node] = this.life(e.node) + 1;
    return true;
  }

  life(ix: NodeIx): number {
    return this.lives[ix] ?? 0;
  }

  /** `3#0`: a process in its current life. */
  key(ix: NodeIx): string {
    return `${ix}#${this.life(ix)}`;
  }
}
