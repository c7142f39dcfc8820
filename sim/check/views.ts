// Read-only views of a running World for conditions, invariants and
// narration: which processes are live, and what one node believes about
// another (by scenario name). Nothing here mutates the world.

import { CLUSTER_NODE_FAIL, CLUSTER_NODE_PFAIL, CLUSTER_OK } from '../cluster/constants.ts';
import { nodeIsMaster, nodeIsSlave, type ClusterNode } from '../cluster/node.ts';
import type { ClusterState } from '../cluster/state.ts';
import type { SimProcess } from '../run/process.ts';
import type { World } from '../run/world.ts';

/** A node whose process is up and not paused. */
export function liveProcesses(world: World): SimProcess[] {
  return world.processes.filter((p) => world.isUp(p));
}

/** Cluster state of a process that has a server (up or paused). */
export function stateOf(p: SimProcess): ClusterState | undefined {
  return p.server?.cs;
}

/** The entry `observer` holds for process `subject` (by its current node ID). */
export function entryFor(world: World, observer: SimProcess, subject: SimProcess): ClusterNode | undefined {
  return observer.server?.cs.nodes.get(subject.nodeId);
}

/** Scenario name of a node ID, as the world knows it. */
export function nameOfId(world: World, id: string): string {
  return world.recorder.names.nameOfId(id);
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

export function isClusterOk(p: SimProcess): boolean {
  return p.server?.cs.state === CLUSTER_OK;
}

/** The observers a view condition looks through: one named node, or every live node. */
export function observers(world: World, seenBy: string | undefined): SimProcess[] {
  if (seenBy !== undefined) {
    const p = world.process(seenBy);
    return world.isUp(p) ? [p] : [];
  }
  return liveProcesses(world);
}
