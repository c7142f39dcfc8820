// The contract between the invariant monitor and each safety invariant, and
// the narrow read-only window onto the world they look through. Invariants
// are fed the protocol events as they are emitted (the world is then exactly
// in the state the event describes) and are called again when the last
// event of a simulated instant has run. They never change the world: a
// violation is a value they return, and the run decides what to do with it.

import type { ClusterNode } from '../../cluster/node.ts';
import type { ClusterState } from '../../cluster/state.ts';
import type { SimEvent } from '../../events/recorder.ts';
import type { InvariantName } from '../../scenario/vocabulary.ts';

/** One process of the run, as the invariants see it. */
export interface NodeView {
  /** Scenario name of the process (A, A1, S1 …). */
  readonly name: string;
  /** Up and not paused: it answers, runs its cron and counts for convergence. */
  readonly live: boolean;
  /** Its cluster state while the process exists (running or paused); undefined while down. Read only. */
  readonly cs: ClusterState | undefined;
}

/** The outcome of one convergence evaluation (see convergence.ts). */
export interface ConvergenceVerdict {
  readonly ok: boolean;
  readonly why: string;
  /** Live nodes that belong to a cluster (know at least one other node), in process order. */
  readonly members: readonly NodeView[];
}

/** What invariants may read. Implemented over a World (world-view.ts) and by test fixtures. */
export interface InvariantWorld {
  /** Every process, in index order (stable objects). */
  readonly nodes: readonly NodeView[];
  /** Simulated ms. */
  now(): number;
  node(name: string): NodeView | undefined;
  /** Scenario name of a node ID (its first 8 characters when unknown). */
  nameOf(id: string): string;
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
  readonly invariant: InvariantName;
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
  readonly name: InvariantName;
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

/** Value of `key=` in an event's detail (values never contain spaces). */
export function detailValue(e: SimEvent, key: string): string | undefined {
  const d = e.detail;
  const k = `${key}=`;
  let i = 0;
  if (!d.startsWith(k)) {
    const j = d.indexOf(` ${k}`);
    if (j < 0) return undefined;
    i = j + 1;
  }
  i += k.length;
  const end = d.indexOf(' ', i);
  return end < 0 ? d.slice(i) : d.slice(i, end);
}

/** A numeric detail value, NaN when absent. */
export function detailNumber(e: SimEvent, key: string): number {
  const v = detailValue(e, key);
  return v === undefined ? NaN : Number(v);
}

/** `12.345s`, the way reports show simulated instants. */
/**
 * The interval for a check whose cost grows with nodes²: `baseMs` up to 20
 * nodes, then spaced with nodes² so that per simulated second it costs what
 * it does at 20 nodes, at most `maxMs`.
 */
export function spacedForSize(nodes: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * Math.max(1, Math.ceil((nodes / 20) ** 2)));
}

export function sec(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}

/** The entry `cs` holds for the node events call `name` (events name nodes, tables key them by ID). */
export function entryNamed(cs: ClusterState, name: string, w: InvariantWorld): ClusterNode | undefined {
  for (const n of cs.nodeList) if (w.nameOf(n.name) === name) return n;
  return undefined;
}

/**
 * What the scenario did to the cluster, as opposed to what the cluster did:
 * a fault, an admin command's reply, a line of redis-cli output (a reshard
 * moves slots for as long as it prints).
 */
export function isDisturbance(e: SimEvent): boolean {
  return e.event === 'fault' || e.event === 'command' || e.event === 'redis-cli';
}

/** A short rendering of an event for a violation's text. */
export function eventText(e: SimEvent): string {
  return `${e.node} ${e.event}${e.subject ? ` ${e.subject}` : ''}${e.detail ? ` ${e.detail}` : ''} at ${sec(e.t)}`;
}

/**
 * Lives of a process: CLUSTER RESET HARD zeroes currentEpoch and
 * lastVoteEpoch and draws a new node ID, so what the node did before is
 * another node's history. A restart is the same life (nodes.conf reloads).
 */
export class Lives {
  private readonly lives = new Map<string, number>();

  /** Feed every event; true when this one started a new life of e.node. */
  onEvent(e: SimEvent): boolean {
    if (e.event !== 'config-epoch' || detailValue(e, 'reason') !== 'reset-hard') return false;
    this.lives.set(e.node, this.life(e.node) + 1);
    return true;
  }

  life(name: string): number {
    return this.lives.get(name) ?? 0;
  }

  /** `A#0`: a process in its current life. */
  key(name: string): string {
    return `${name}#${this.life(name)}`;
  }
}
