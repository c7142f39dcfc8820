// What one Redis process sees of the world: the cluster bus environment plus
// plain TCP connections for replication and clients, and the ability to
// block itself (DEBUG SLEEP). The world (sim/run) implements it per process.

import type { ClusterEnv } from '../cluster/env.ts';
import type { ConnHandle } from '../cluster/link.ts';

/** Callbacks for one non-bus connection (replication, clients). */
export interface DataHandlers {
  onOpen(): void;
  onData(payload: unknown): void;
  onClose(reason: string): void;
}

export interface ServerEnv extends ClusterEnv {
  /** Scenario name of this process (A, B1, …): for logs and events only. */
  readonly processName: string;
  /** Connect to another server's client port (replication uses this). */
  dataConnect(ip: string, port: number, handlers: DataHandlers): ConnHandle | undefined;
  dataSend(conn: ConnHandle, payload: unknown, label: string): void;
  dataClose(conn: ConnHandle): void;
  /** Block the whole process for `ms` (DEBUG SLEEP): nothing runs, traffic queues. */
  blockFor(ms: number): void;
}
