// Literal fixtures for the invariant checkers: a small cluster in which
// every node holds its own table (built with the cluster tests' fake env),
// events written out by hand, and an InvariantWorld over them whose clock,
// liveness and faults the test sets.

import { CLUSTER_NODE_MASTER, CLUSTER_NODE_MYSELF, CLUSTER_NODE_SLAVE } from '../../sim/cluster/constants.ts';
import type { ClusterNode } from '../../sim/cluster/node.ts';
import type { ClusterState } from '../../sim/cluster/state.ts';
import { unixMs } from '../../sim/core/time.ts';
import { checkMembersConverged } from '../../sim/check/invariants/convergence.ts';
import type { ConvergenceVerdict, Invariant, InvariantWorld, NodeView, Violation } from '../../sim/check/invariants/types.ts';
import type { NodeIx, SimEvent } from '../../sim/events/types.ts';
import { E, ev, ix, NAMES } from '../helpers/event-builders.ts';

export { E, ev, ix, NAMES };
import { addNode, emptyState } from '../cluster/fake-env.ts';
import { idOf } from '../helpers/event-builders.ts';

export const NT = 3000;

export interface NodeSpec {
  /** Master with these slot ranges (default), or replica of `replicaOf`. */
  slots?: [number, number][];
  replicaOf?: string;
  epoch?: number;
}

/** redis-cli's 3×1 layout: A 0-5460 e1, B 5461-10922 e2, C 10923-16383 e3, one replica each. */
export const THREE_BY_ONE: Record<string, NodeSpec> = {
  A: { slots: [[0, 5460]], epoch: 1 },
  B: { slots: [[5461, 10922]], epoch: 2 },
  C: { slots: [[10923, 16383]], epoch: 3 },
  A1: { replicaOf: 'A' },
  B1: { replicaOf: 'B' },
  C1: { replicaOf: 'C' },
};

export { idOf };

export class FixtureNode implements NodeView {
  live = true;
  readonly ix: NodeIx;
  constructor(
    readonly name: string,
    public cs: ClusterState | undefined,
  ) {
    this.ix = ix(name);
  }
  get nodeId(): string {
    return idOf(this.name);
  }
  keysInSlot(): number | undefined {
    return this.cs ? 0 : undefined;
  }
  /** This node's entry for `name`. */
  entry(name: string): ClusterNode {
    const n = this.cs!.nodes.get(idOf(name));
    if (!n) throw new Error(`${this.name} does not know ${name}`);
    return n;
  }
}

export class FixtureWorld implements InvariantWorld {
  readonly nodes: FixtureNode[] = [];
  faults: string[] = [];
  readonly names = NAMES;
  private t = 0;

  constructor(specs: Record<string, NodeSpec>) {
    const names = Object.keys(specs);
    const masters = names.filter((n) => !specs[n]!.replicaOf);
    const ordered = [...masters, ...names.filter((n) => specs[n]!.replicaOf)];
    const maxEpoch = Math.max(0, ...masters.map((m) => specs[m]!.epoch ?? 0));
    for (const self of names) {
      const t = emptyState({ clusterNodeTimeout: NT });
      ordered.forEach((name, i) => {
        const s = specs[name]!;
        const role = s.replicaOf ? CLUSTER_NODE_SLAVE : CLUSTER_NODE_MASTER;
        const epoch = s.replicaOf ? (specs[s.replicaOf]!.epoch ?? 0) : (s.epoch ?? 0);
        addNode(t, {
          name: idOf(name),
          port: 30001 + i,
          flags: role | (name === self ? CLUSTER_NODE_MYSELF : 0),
          epoch,
          slots: s.slots,
          replicaOf: s.replicaOf ? idOf(s.replicaOf) : undefined,
        });
      });
      t.cs.currentEpoch = maxEpoch;
      t.cs.size = masters.filter((m) => (specs[m]!.slots ?? []).length > 0).length;
      this.nodes.push(new FixtureNode(self, t.cs));
    }
    this.at(0);
  }

  /** Move the clock (simulated ms); the nodes' mstime() follows. */
  at(t: number): this {
    this.t = t;
    for (const n of this.nodes) if (n.cs) (n.cs.env as unknown as { now: number }).now = unixMs(t);
    return this;
  }

  now(): number {
    return this.t;
  }

  node(name: string): FixtureNode {
    const n = this.nodes.find((x) => x.name === name);
    if (!n) throw new Error(`no node ${name}`);
    return n;
  }

  nodeAt(i: NodeIx): FixtureNode | undefined {
    return this.nodes.find((x) => x.ix === i);
  }

  cs(name: string): ClusterState {
    return this.node(name).cs!;
  }

  /** Every node's entry for `name` (to change what the whole cluster believes). */
  everywhere(name: string, fn: (n: ClusterNode, cs: ClusterState) => void): void {
    for (const o of this.nodes) if (o.cs) fn(o.cs.nodes.get(idOf(name))!, o.cs);
  }

  nameOf(id: string): string {
    return NAMES.nameOfId(id);
  }

  activeFaults(): string[] {
    return this.faults;
  }

  converged(): ConvergenceVerdict {
    return checkMembersConverged(this.nodes, (id) => this.nameOf(id));
  }

  nodeTimeoutMs(): number {
    return NT;
  }
}

/** Feed events in order; the first violation (or undefined). */
export function feed(inv: Invariant, w: InvariantWorld, events: readonly SimEvent[]): Violation | undefined {
  for (const e of events) {
    if (w instanceof FixtureWorld) w.at(e.t);
    const v = inv.onEvent?.(e, w);
    if (v) return v;
  }
  return undefined;
}
