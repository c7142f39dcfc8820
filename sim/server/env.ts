// What one Redis process sees of the world: the cluster bus environment plus
// plain TCP connections for replication and clients, timers, its disk, and
// the ability to block itself (DEBUG SLEEP) or exit (SHUTDOWN). The world
// (sim/run) implements it per process incarnation.

import type { ClusterEnv } from '../cluster/env.ts';
import type { ConnHandle } from '../cluster/link.ts';
import type { AofFile } from '../data/aof-file.ts';
import type { RdbFile } from '../data/rdb-file.ts';

/** Callbacks for one non-bus connection (replication, clients). */
export interface DataHandlers {
  onOpen(): void;
  onData(payload: unknown): void;
  onClose(reason: string): void;
}

/**
 * What a data connection is for. `repl` is a replica's link to its master
 * (the only traffic `replication: { cut }` stops); `client` is anything else
 * on the client port (MIGRATE's connection to its target).
 */
export type DataService = 'client' | 'repl';

/** A pending timer. */
export interface TimerHandle {
  cancel(): void;
}

export interface ServerEnv extends ClusterEnv {
  /** Scenario name of this process (A, B1, …): for logs and events only. */
  readonly processName: string;
  /** Connect to another server's client port. */
  dataConnect(ip: string, port: number, handlers: DataHandlers, service?: DataService): ConnHandle | undefined;
  dataSend(conn: ConnHandle, payload: unknown, label: string): void;
  dataClose(conn: ConnHandle): void;
  /**
   * Run `fn` after `delayMs` of simulated time, in this incarnation only (a
   * process stopped by SIGSTOP runs it when it resumes). For what Redis does
   * outside its event loop: a fork child finishing, a blocking socket timeout.
   */
  schedule(delayMs: number, fn: () => void): TimerHandle;
  /** Block the whole process for `ms` (DEBUG SLEEP): nothing runs, traffic queues. */
  blockFor(ms: number): void;
  /** appendonly yes: the AOF as of this fsync (the world keeps it across restarts). */
  saveAof(file: AofFile): void;
  /** dump.rdb written (SAVE, a BGSAVE child, SHUTDOWN, a replica's full sync); the world keeps it across restarts. */
  saveRdb(file: RdbFile): void;
  /** exit(0) after a graceful shutdown: the process ends once the current handler returns. */
  exit(): void;
}
