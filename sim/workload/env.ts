// What a workload sees of the world. Workloads sit beside the cluster, not
// inside it: they import core/ and cluster/keyslot only (design.md §1), and
// reach the scheduler, the seed and the network through this interface.
// The World satisfies it structurally (`new Workloads(world, specs)`), and
// tests satisfy it with a bare Scheduler + Network and fake servers.

import type { Prng } from '../core/prng.ts';
import type { Scheduler } from '../core/scheduler.ts';

/**
 * Callbacks of one client-side connection end. Same shape as the network's
 * EndpointHandler; declared here so that workload/ does not import net/.
 */
export interface ClientEndpoint {
  onOpen(): void;
  onData(payload: unknown): void;
  onClose(reason: string): void;
}

/** The part of the network a client uses. Connections are opaque handles. */
export interface ClientNetwork {
  /** Non-blocking connect; onOpen or onClose('refused' | 'timeout') follows. */
  connect(from: number, to: number, port: 'client', handler: ClientEndpoint): unknown;
  send(conn: unknown, pid: number, payload: unknown, label: string): void;
  /** Close our end; the peer reads EOF after what we already sent. */
  close(conn: unknown, pid: number): void;
}

export interface WorkloadHost {
  readonly sched: Scheduler;
  /** The world's root stream; each client takes `fork('workload:NAME:i')`. */
  readonly rng: Prng;
  readonly net: ClientNetwork;
  /** A network process outside the cluster, for one client; its id. */
  addClientProcess(name: string): number;
  /** Network id of whatever listens at ip:port (a node's client port). */
  resolve(ip: string, port: number, kind: 'client'): number | undefined;
  /** Scenario name of a process (for `acked by A` in reports). */
  processByPid(pid: number): { readonly name: string } | undefined;
}

/** A node address as clients know it (seeds, CLUSTER SLOTS entries, MOVED targets). */
export interface NodeAddress {
  readonly ip: string;
  readonly port: number;
}
