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
import { H_FLAGS } from '../../cluster/node-store.ts';
import { clusterLookupRow } from '../../cluster/node-table.ts';
import type { ConvergenceVerdict, NodeView } from './types.ts';

// Copied once: under the tsx/vite module transform an imported constant is a
// property read through a getter, too slow for a loop over 16384 slots.
const FAILING = CLUSTER_NODE_FAIL | CLUSTER_NODE_PFAIL;
const MASTER = CLUSTER_NODE_MASTER;
const SLAVE = CLUSTER_NODE_SLAVE;
const SLOTS = CLUSTER_SLOTS;
const REC_FLAGS = H_FLAGS;

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

/** Pairs of slot tables last found to agree, with their versions then (see firstSlotDifference). */
const agreed = new WeakMap<ClusterState, { other: ClusterState; mine: number; theirs: number }>();

/**
 * First slot where two tables disagree (by owner ID), or -1. Runs of one
 * owner cost one comparison, and two tables found to agree are not compared
 * again until one of them rebinds a slot (SlotTable.version).
 */
export function firstSlotDifference(a: ClusterState, b: ClusterState): number {
  const seen = agreed.get(b);
  if (seen !== undefined && seen.other === a && seen.mine === b.slots.version && seen.theirs === a.slots.version) return -1;
  const s = compareSlotTables(a, b);
  if (s < 0) agreed.set(b, { other: a, mine: b.slots.version, theirs: a.slots.version });
  return s;
}

function compareSlotTables(a: ClusterState, b: ClusterState): number {
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

/** The master's ID index of a replica's entry, or -1 (myself's view of its own master: its handle). */
function masterGid(m: ClusterNode | null): number {
  return m === null ? -1 : m.s.gidOf(m.i);
}

/**
 * Fast path of the view check: `obs` holds an entry for `own` (the node as
 * it sees itself) that agrees on role, master and epoch and does not flag
 * it. Reads the entry by row; false sends the caller to the slow path,
 * which says what differs.
 */
function sameEntry(obs: ClusterState, own: ClusterNode): boolean {
  if (obs.ids !== own.s.ids) return false;
  const row = clusterLookupRow(obs, own.s.gidOf(own.i));
  if (row < 0) return false;
  const st = obs.store;
  const flags = st.i32[(row << 4) + REC_FLAGS]!;
  if (flags & FAILING) return false;
  const ownFlags = own.s.i32[(own.i << 4) + REC_FLAGS]!;
  const r = flags & MASTER ? 1 : flags & SLAVE ? 2 : 0;
  if (r !== (ownFlags & MASTER ? 1 : ownFlags & SLAVE ? 2 : 0)) return false;
  if (masterGid(st.slaveof[row]!) !== masterGid(own.slaveof)) return false;
  return r !== 1 || st.configEpoch[row] === own.configEpoch;
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
      if (sameEntry(obs.cs!, own)) continue;
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
