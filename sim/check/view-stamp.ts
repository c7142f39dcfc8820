// What view conditions read, reduced to numbers that only move when it
// changes: each process's liveness and cluster state object, its node
// table's version (flags, masters, replicas, slots, membership, names) and
// slot table's version, and how many events there are. A `by:` or
// `always:` expectation made only of such conditions is evaluated after
// every instant until decided; when none of these moved since its last
// evaluation, the answer is the same and the evaluation is skipped.

import type { ClusterState } from '../cluster/state.ts';
import type { Condition, ConditionSet } from '../scenario/types.ts';
import type { ClusterReader } from './views.ts';

const VIEW_KINDS: ReadonlySet<Condition['kind']> = new Set(['role', 'replica-of', 'replicas', 'known-nodes', 'flag', 'owner', 'converged', 'event']);

/** Conditions whose verdict depends only on what a ViewStamp covers. */
export function onlyViewConditions(set: ConditionSet): boolean {
  for (const c of set) if (!VIEW_KINDS.has(c.kind)) return false;
  return true;
}

export class ViewStamp {
  private readonly cs: (ClusterState | undefined)[] = [];
  private readonly live: boolean[] = [];
  private readonly store: number[] = [];
  private readonly slots: number[] = [];
  private events = -1;

  /** True when nothing covered changed since the last call; either way, remembers the world as it is now. */
  unchanged(w: ClusterReader, events: number): boolean {
    let same = this.events === events;
    this.events = events;
    const nodes = w.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const n = nodes[i]!;
      const cs = n.cs;
      const live = n.live;
      const store = cs === undefined ? -1 : cs.store.version;
      const slots = cs === undefined ? -1 : cs.slots.version;
      if (this.cs[i] !== cs || this.live[i] !== live || this.store[i] !== store || this.slots[i] !== slots) {
        same = false;
        this.cs[i] = cs;
        this.live[i] = live;
        this.store[i] = store;
        this.slots[i] = slots;
      }
    }
    if (this.cs.length !== nodes.length) same = false;
    return same;
  }
}
