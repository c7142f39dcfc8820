// "Converged", as sim/check/converged.ts defines it (every live node agrees
// on slot owners, roles, masters and the masters' configEpochs, and flags
// no live node as failing), evaluated fast enough to run many times per
// simulated second, and over the cluster's members only: a live node that
// knows no other node (just started, or after CLUSTER RESET) is not part of
// any cluster yet, so it cannot keep the others from having converged.
//
// Differences from checkConverged, both deliberate: nodes are identified by
// the ID they use now (cs.myself.name), which stays right across CLUSTER
// RESET HARD; and no live node at all counts as converged (nothing to agree
// on), where the expectation says "no live node".

import { CLUSTER_NODE_FAIL, CLUSTER_NODE_MASTER, CLUSTER_NODE_PFAIL, CLUSTER_NODE_SLAVE, CLUSTER_SLOTS } from '../../cluster/constants.ts';
import type { ClusterNode } from '../../cluster/node.ts';
import type { ClusterState } from '../../cluster/state.ts';
import type { ConvergenceVerdict, NodeView } from './types.ts';

// Copied once: under the tsx/vite module transform an imported constant is a
// property read through a getter, too slow for a loop over 16384 slots.
const FAILING = CLUSTER_NODE_FAIL | CLUSTER_NODE_PFAIL;
const MASTER = CLUSTER_NODE_MASTER;
const SLAVE = CLUSTER_NODE_SLAVE;
const SLOTS = CLUSTER_SLOTS;

/** Same three-way answer as views.ts roleOf, without the allocation of a string per call. */
function role(n: ClusterNode): number {
  if (n.flags & MASTER) return 1;
  if (n.flags & SLAVE) return 2;
  return 0;
}

const ROLE_TEXT = ['unknown', 'master', 'replica'];

/** A node that knows nobody but itself is not (yet, or any more) a cluster member. */
export function isLone(cs: ClusterState): boolean {
  return cs.nodes.size <= 1;
}

/** The live members of the cluster, in process order. */
export function clusterMembers(nodes: readonly NodeView[]): NodeView[] {
  const out: NodeView[] = [];
  for (const n of nodes) if (n.live && n.cs && !isLone(n.cs)) out.push(n);
  return out;
}

/** First slot where two tables disagree (by owner ID), or -1. Runs of one owner cost one comparison. */
export function firstSlotDifference(a: ClusterState, b: ClusterState): number {
  const ra = a.slots.rows;
  const rb = b.slots.rows;
  let lastA = -2;
  let lastB = -2;
  for (let s = 0; s < SLOTS; s++) {
    const x = ra[s]!;
    const y = rb[s]!;
    if (x === lastA && y === lastB) continue;
    if (x < 0 !== y < 0) return s;
    if (x >= 0 && a.slots.owner(s)!.name !== b.slots.owner(s)!.name) return s;
    lastA = x;
    lastB = y;
  }
  return -1;
}

export function checkMembersConverged(nodes: readonly NodeView[], nameOf: (id: string) => string): ConvergenceVerdict {
  const members = clusterMembers(nodes);
  const no = (why: string): ConvergenceVerdict => ({ ok: false, why, members });
  if (members.length === 0) return { ok: true, why: 'no live cluster member', members };
  // Views first: they disagree far more often than slot tables, and cost N² lookups, not N × 16384.
  for (const obs of members) {
    const table = obs.cs!.nodes;
    for (const subj of members) {
      const own = subj.cs!.myself;
      const n = table.get(own.name);
      if (n === undefined) return no(`${obs.name} does not know ${subj.name}`);
      if (n.flags & FAILING) return no(`${obs.name} flags live ${subj.name} as failing`);
      const r = role(n);
      if (r !== role(own)) return no(`${obs.name} sees ${subj.name} as ${ROLE_TEXT[r]}, it is ${ROLE_TEXT[role(own)]}`);
      const master = n.slaveof === null ? null : n.slaveof.name;
      const ownMaster = own.slaveof === null ? null : own.slaveof.name;
      if (master !== ownMaster) return no(`${obs.name} and ${subj.name} disagree on whom ${subj.name} replicates`);
      if (r === 1 && n.configEpoch !== own.configEpoch)
        return no(`${obs.name} sees ${subj.name} at configEpoch ${n.configEpoch}, it has ${own.configEpoch}`);
    }
  }
  const ref = members[0]!;
  for (const obs of members) {
    if (obs === ref) continue;
    const s = firstSlotDifference(ref.cs!, obs.cs!);
    if (s >= 0) {
      const who = (n: ClusterNode | null): string => (n ? nameOf(n.name) : 'nobody');
      return no(`slot ${s}: ${ref.name} says ${who(ref.cs!.slots.owner(s)!)}, ${obs.name} says ${who(obs.cs!.slots.owner(s)!)}`);
    }
  }
  return { ok: true, why: '', members };
}
