// The workloads of one run, and the one history they all write. This is
// what the runner holds:
//
//   const workloads = new Workloads(world, scenario.workloads, seeds);
//   resolver: (name) => workloads.pids(name)       // partitions naming a workload
//   workloads.schedule();                            // from:/to: of every workload
//   hooks.workload = (op, name) => workloads[op](name);   // timeline start/stop
//   ... run ...
//   workloads.finish();                              // ops still out end as info/fail
//   workloads.history                                // → history.csv, checks
//
// Client processes are created in the constructor, so partitions can name
// them before any workload starts.

import type { NodeAddress, WorkloadHost } from './env.ts';
import { Workload, type WorkloadParams } from './generator.ts';
import { History } from './history.ts';
import type { ClientStats } from './cluster-client.ts';

/** Scheduling fields of a scenario WorkloadSpec. */
export interface WorkloadWindow extends WorkloadParams {
  /** Start time, or null when only the timeline starts it. */
  readonly fromMs: number | null;
  readonly toMs: number;
}

export class Workloads {
  readonly history = new History();
  private readonly byName = new Map<string, Workload>();
  private readonly windows: readonly WorkloadWindow[];

  constructor(
    private readonly host: WorkloadHost,
    specs: readonly WorkloadWindow[],
    /** Nodes every client knows at startup (its "startup nodes"). */
    seeds: readonly NodeAddress[],
  ) {
    this.windows = specs;
    for (const spec of specs) this.byName.set(spec.name, new Workload(host, spec, seeds, this.history));
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  private get(name: string): Workload {
    const w = this.byName.get(name);
    if (!w) throw new Error(`unknown workload ${name}`);
    return w;
  }

  /** Network ids of a workload's clients (for partition groups that name it). */
  pids(name: string): number[] {
    return this.get(name).pids;
  }

  /** Timeline `workload: { start: NAME }`. */
  start(name: string): void {
    this.get(name).start();
  }

  /** Timeline `workload: { stop: NAME }`. */
  stop(name: string): void {
    this.get(name).stop();
  }

  isRunning(name: string): boolean {
    return this.get(name).running;
  }

  /** Schedule every workload's `from:` start and `to:` stop (times before now run at once). */
  schedule(): void {
    const sched = this.host.sched;
    for (const spec of this.windows) {
      const w = this.get(spec.name);
      if (spec.fromMs !== null) sched.at(Math.max(spec.fromMs, sched.now), () => w.start());
      sched.at(Math.max(spec.toMs, sched.now), () => w.stop());
    }
  }

  /** The run is over: stop everything; operations still in progress end now. */
  finish(): void {
    for (const w of this.byName.values()) w.finish();
  }

  /** Per client: what its cluster client saw (MOVED, ASK, timeouts …). */
  clientStats(): { client: string; stats: ClientStats; slotMapRefreshes: number }[] {
    const out: { client: string; stats: ClientStats; slotMapRefreshes: number }[] = [];
    for (const w of this.byName.values()) {
      for (const c of w.clients) out.push({ client: c.client.name, stats: { ...c.client.stats }, slotMapRefreshes: c.client.refresher.refreshes });
    }
    return out;
  }
}
