// Turning what a timeline entry names into processes, when the entry runs:
// node selectors (`owner-of-slot`, `replica-of` with `pick`) and partition
// groups (`"*"` = every node not named elsewhere; workloads = their clients).

import type { Prng } from '../core/prng.ts';
import type { GroupMember, NodeGroup, NodeRef } from '../scenario/types.ts';
import type { SimProcess } from './process.ts';
import type { World } from './world.ts';

export class Resolver {
  constructor(
    private readonly world: World,
    /** Seeded stream for `pick: random`. */
    private readonly rng: Prng,
    /** Network ids of a workload's client processes. */
    private readonly workloadPids: (name: string) => number[],
  ) {}

  node(ref: NodeRef): SimProcess {
    const w = this.world;
    switch (ref.kind) {
      case 'name':
        return w.process(ref.name);
      case 'owner-of-slot': {
        let best: { id: string; epoch: number } | undefined;
        for (const p of w.processes) {
          if (!w.isUp(p)) continue;
          const owner = p.server!.cs.slots.owner(ref.slot);
          if (owner && (!best || owner.configEpoch > best.epoch)) best = { id: owner.name, epoch: owner.configEpoch };
        }
        if (!best) throw new ResolveError(`no live node knows an owner of slot ${ref.slot}`);
        return this.byId(best.id);
      }
      case 'replica-of': {
        const master = this.node(ref.master);
        const replicas = this.replicasOf(master);
        if (replicas.length === 0) throw new ResolveError(`${master.name} has no replica`);
        return ref.pick === 'first' ? replicas[0]! : this.rng.pick(replicas);
      }
    }
  }

  /** Replicas of a master in index order, from its own view if live, else any live view. */
  replicasOf(master: SimProcess): SimProcess[] {
    const w = this.world;
    const views = [master, ...w.processes].filter((p) => w.isUp(p));
    for (const v of views) {
      const entry = v.server!.cs.nodes.get(master.nodeId);
      if (!entry) continue;
      return entry.slaves
        .map((s) => this.tryById(s.name))
        .filter((p): p is SimProcess => p !== undefined)
        .sort((a, b) => a.pid - b.pid);
    }
    return [];
  }

  private tryById(id: string): SimProcess | undefined {
    return this.world.processes.find((p) => p.nodeId === id);
  }

  private byId(id: string): SimProcess {
    const p = this.tryById(id);
    if (!p) throw new ResolveError(`node ${id.slice(0, 8)} is not a process of this scenario`);
    return p;
  }

  private memberPids(m: GroupMember): number[] {
    return m.kind === 'workload' ? this.workloadPids(m.name) : [this.node(m.node).pid];
  }

  /** Network ids of each group; `rest` takes every node not named in another group. */
  groups(groups: readonly NodeGroup[]): number[][] {
    const named = groups.map((g) => g.members.flatMap((m) => this.memberPids(m)));
    const all = new Set(named.flat());
    return groups.map((g, i) => {
      if (!g.rest) return named[i]!;
      const rest = this.world.processes.map((p) => p.pid).filter((pid) => !all.has(pid));
      return [...named[i]!, ...rest];
    });
  }

  /** Names of the processes (and clients) in a pid list, for fault descriptions. */
  describe(pids: readonly number[]): string {
    return pids.map((pid) => this.world.net.name(pid)).join(',');
  }
}

export class ResolveError extends Error {}
