// Scenario → World: one process per planned node, the network section, and
// the cluster formed as `redis-cli --cluster create` leaves it (or bare
// nodes with `bootstrap: manual`), started before t=0 so that the timeline
// begins with a steady cluster.

import { defaultConfig, type ServerConfig } from '../config/index.ts';
import type { LogThreshold } from '../events/recorder.ts';
import type { NodePlan, Scenario } from '../scenario/types.ts';
import { toNetLatency } from './actions.ts';
import { connectFormedCluster, formClusterState, restoreOwnEpoch, type FormedNode } from './bootstrap.ts';
import { World } from './world.ts';

/**
 * Warm-up before t=0: long enough for masters to pass the 2 s writable
 * delay, for replicas to finish their first (diskless, 5 s delayed) full
 * sync, and for half-timeout pings to settle into their steady rhythm.
 */
export function warmupMs(scenario: Scenario): number {
  if (scenario.cluster.bootstrap === 'manual') return 0;
  const nt = Math.max(...scenario.nodes.map((n) => n.config.clusterNodeTimeout));
  const syncDelayMs = Math.max(...scenario.nodes.map((n) => serverConfig(n).replDisklessSyncDelay ?? 5)) * 1000;
  return Math.max(syncDelayMs + 3000, nt);
}

function serverConfig(plan: NodePlan): ServerConfig {
  // NodeConfig and ServerConfig share field names; fields scenarios cannot set keep Redis's defaults.
  return { ...defaultConfig(), ...(plan.config as Partial<ServerConfig>) };
}

export interface BuildOptions {
  seed: number;
  logLevel?: LogThreshold;
  keepTrace?: boolean;
}

export function buildWorld(scenario: Scenario, opts: BuildOptions): World {
  const warmup = warmupMs(scenario);
  const world = new World({
    seed: opts.seed,
    startMs: -warmup,
    latency: toNetLatency(scenario.network.latency),
    lossProbability: scenario.network.lossProbability,
    logLevel: opts.logLevel ?? 'verbose',
    keepTrace: opts.keepTrace ?? false,
    processes: scenario.nodes.map((n) => ({ name: n.name, ip: n.ip, port: n.port, cport: n.cport, config: serverConfig(n) })),
  });
  const running = scenario.nodes.filter((n) => n.runningAtStart);
  if (scenario.cluster.bootstrap === 'manual') {
    for (const n of running) world.start(world.process(n.name));
    return world;
  }
  const formed: FormedNode[] = running.map((n) => {
    const f: FormedNode = { proc: world.process(n.name), slots: n.slots.map((r) => [r.start, r.end] as const) };
    if (n.startRole === 'replica' && n.masterName) f.master = world.process(n.masterName);
    return f;
  });
  for (const f of formed) f.proc.disk.formed = (cs) => formClusterState(cs, formed, f);
  for (const f of formed) world.start(f.proc, (s) => restoreOwnEpoch(s, formed, f));
  connectFormedCluster(world, formed);
  return world;
}
