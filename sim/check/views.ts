// The narrow, read-only window through which conditions and invariants look
// at a running cluster: its processes (live or not, their cluster state),
// and who is who. The run implements it (run/world-view.ts); tests build
// their own. Nothing here can change the world.

import { CLUSTER_NODE_FAIL, CLUSTER_NODE_PFAIL } from '../cluster/constants.ts';
import { nodeIsMaster, nodeIsSlave, type ClusterNode } from '../cluster/node.ts';
import type { ClusterState } from '../cluster/state.ts';
import type { NodeNames } from '../events/names.ts';
import type { NodeIx } from '../events/types.ts';

/** One process of the run, as checkers see it. */
export interface NodeView {
  /** Its index in the events (`node`, `subject`). */
  readonly ix: NodeIx;
  /** Scenario name of the process (A, A1, S1 …). */
  readonly name: string;
  /** Its current node ID. */
  readonly nodeId: string;
  /** Up and not paused: it answers, runs its cron and counts for convergence. */
  readonly live: boolean;
  /** Its cluster state while the process exists (running or paused); undefined while down. Read only. */
  readonly cs: ClusterState | undefined;
  /** Keys it holds in a slot (CLUSTER COUNTKEYSINSLOT); undefined while down. */
  keysInSlot(slot: number): number | undefined;
}

/** The cluster as checkers read it. */
export interface ClusterReader {
  /** Every process, in index order (stable objects). */
  readonly nodes: readonly NodeView[];
  /** A process by scenario name (names in a loaded scenario always exist). */
  node(name: string): NodeView | undefined;
  /** The process an event's node index names (undefined for clients and unknown IDs). */
  nodeAt(ix: NodeIx): NodeView | undefined;
  /** Who is who in the events: indices to names, node IDs to processes. */
  readonly names: NodeNames;
  /** Scenario name of a node ID (its first 8 characters when unknown). */
  nameOf(id: string): string;
}

/** A process by name; a loaded scenario's names always exist. */
export function nodeNamed(w: ClusterReader, name: string): NodeView {
  const n = w.node(name);
  if (!n) throw new Error(`unknown process ${name}`);
  return n;
}

/** The entry `observer` holds for `subject` (by its current node ID). */
export function entryFor(observer: NodeView, subject: NodeView): ClusterNode | undefined {
  return observer.cs?.nodes.get(subject.nodeId);
}

export type ViewRole = 'master' | 'replica' | 'unknown';

export function roleOf(n: ClusterNode | undefined): ViewRole {
  if (!n) return 'unknown';
  if (nodeIsMaster(n)) return 'master';
  if (nodeIsSlave(n)) return 'replica';
  return 'unknown';
}

export function isFlaggedFailing(n: ClusterNode | undefined): boolean {
  return n !== undefined && (n.flags & (CLUSTER_NODE_FAIL | CLUSTER_NODE_PFAIL)) !== 0;
}

/** The live processes (up and not paused), in index order. */
export function liveNodes(w: ClusterReader): NodeView[] {
  return w.nodes.filter((n) => n.live);
}

/** The observers a view condition looks through: one named node, or every live node. */
export function observers(w: ClusterReader, seenBy: string | undefined): NodeView[] {
  if (seenBy !== undefined) {
    const p = nodeNamed(w, seenBy);
    return p.live ? [p] : [];
  }
  return liveNodes(w);
}
