// The checkers' window onto a running World (check/views.ts ClusterReader,
// and the invariants' InvariantWorld): stable read-only views of the
// processes, the faults in force, and the convergence verdict of the current
// instant (computed at most once however many invariants ask). Nothing here
// writes to the world; the network is only queried.

import type { LinkConditions } from '../net/conditions.ts';
import type { SimProcess } from './process.ts';
import type { World } from './world.ts';
import { checkMembersConverged } from '../check/invariants/convergence.ts';
import type { ConvergenceVerdict, InvariantWorld, NodeView } from '../check/invariants/types.ts';

class ProcessView implements NodeView {
  constructor(
    private readonly world: World,
    private readonly p: SimProcess,
  ) {}
  get ix(): number {
    return this.p.pid;
  }
  get nodeId(): string {
    return this.p.nodeId;
  }
  keysInSlot(slot: number): number | undefined {
    return this.p.server?.keyspace.countKeysInSlot(slot);
  }
  get name(): string {
    return this.p.name;
  }
  get live(): boolean {
    return this.world.isUp(this.p);
  }
  get cs() {
    return this.p.server?.cs;
  }
}

function sameConditions(a: LinkConditions, b: LinkConditions): boolean {
  return a === b || (a.lossProbability === b.lossProbability && JSON.stringify(a.latency) === JSON.stringify(b.latency));
}

export class WorldView implements InvariantWorld {
  readonly nodes: readonly NodeView[];
  private readonly byName = new Map<string, NodeView>();
  private readonly byIx: NodeView[] = [];
  /** The scenario's own network section: what "links healed" means. */
  private readonly baseline: LinkConditions;
  private linksDegraded = false;
  private instant = 0;
  private cachedAt = -1;
  private cached: ConvergenceVerdict | undefined;
  private changed: readonly number[] = [];
  private readonly nameOfFn = (id: string): string => this.nameOf(id);

  constructor(private readonly world: World) {
    this.nodes = world.processes.map((p) => new ProcessView(world, p));
    for (const n of this.nodes) {
      this.byName.set(n.name, n);
      this.byIx[n.ix] = n;
    }
    const [a, b] = world.processes;
    this.baseline = a && b ? world.net.links.get(a.pid, b.pid) : world.net.links.get(0, 1);
  }

  /** The monitor calls this once per instant end: convergence is recomputed at most once per instant. */
  beginInstant(): void {
    this.instant++;
    this.changed = this.world.epochChanges.take();
  }

  epochChanges(): readonly number[] {
    return this.changed;
  }

  now(): number {
    return this.world.now;
  }

  node(name: string): NodeView | undefined {
    return this.byName.get(name);
  }

  nodeAt(ix: number): NodeView | undefined {
    return this.byIx[ix];
  }

  get names() {
    return this.world.recorder.names;
  }

  nameOf(id: string): string {
    return this.world.recorder.names.nameOfId(id);
  }

  nodeTimeoutMs(): number {
    let nt = 0;
    for (const p of this.world.processes) nt = Math.max(nt, p.server?.cs.nodeTimeout ?? p.config.clusterNodeTimeout);
    return nt;
  }

  converged(): ConvergenceVerdict {
    if (this.cachedAt !== this.instant || !this.cached) {
      this.cached = checkMembersConverged(this.nodes, this.nameOfFn);
      this.cachedAt = this.instant;
    }
    return this.cached;
  }

  /** Re-read link conditions (after a `link:` or `network:` action): differ from the baseline anywhere? */
  refreshLinks(): void {
    const ps = this.world.processes;
    const links = this.world.net.links;
    this.linksDegraded = false;
    for (const a of ps)
      for (const b of ps) {
        if (a !== b && !sameConditions(links.get(a.pid, b.pid), this.baseline)) {
          this.linksDegraded = true;
          return;
        }
      }
  }

  activeFaults(): string[] {
    const out: string[] = [];
    const net = this.world.net;
    if (net.partitions.any) out.push('a partition');
    if (net.faults.active) out.push('a message filter');
    if (this.linksDegraded) out.push('changed link conditions');
    for (const p of this.world.processes) if (p.server && net.state(p.pid) === 'paused') out.push(`${p.name} paused`);
    return out;
  }
}
