// What a Redis node sees of the world outside cluster.c. The cluster code
// never imports the network or the scheduler: it reaches them only through
// ClusterEnv (time, randomness, bus sockets, events, logs, nodes.conf) and
// reaches the rest of its own server (replication, keyspace, client pause)
// through ServerHooks. This keeps the protocol testable on its own and keeps
// the dependency arrows of design.md §1.

import type { Prng } from '../core/prng.ts';
import type { EventBody, NodeIx } from '../events/types.ts';
import type { LogLevel } from '../events/recorder.ts';
import type { ConnHandle } from './link.ts';
import type { ClusterMsg } from './messages.ts';
import type { NodeIds } from './node-ids.ts';

/** Callbacks the environment invokes for one bus connection (a ClusterLink); `payload` is a ClusterMsg. */
export interface BusHandlers {
  onOpen(): void;
  onData(payload: unknown): void;
  onClose(reason: string): void;
}

export interface ClusterEnv {
  /** The run's node IDs as indices, shared by every node of the run (gossip carries them); a node alone may do without. */
  readonly nodeIds?: NodeIds;
  /**
   * Rows a node table starts with (the run's node count): a formed cluster's
   * tables are filled at once, and growing each by doubling would copy and
   * drop every table's columns ten times over at 1000 nodes.
   */
  readonly tableRows?: number;
  /** mstime(): unix milliseconds, whole. */
  mstime(): number;
  /** This node's seeded stream (where Redis calls random()). */
  rng: Prng;
  /**
   * Start a non-blocking connect to a bus address. Returns undefined when
   * the connect fails synchronously (address unknown to the world).
   */
  busConnect(ip: string, cport: number, handlers: BusHandlers): ConnHandle | undefined;
  busSend(conn: ConnHandle, msg: ClusterMsg, label: string): void;
  busClose(conn: ConnHandle): void;
  /** IP of the peer of an accepted connection (what the socket reports). */
  busPeerIp(conn: ConnHandle): string;
  /** A protocol event, stamped by the world with the time and this process. */
  emit(e: EventBody): void;
  /** The events' index for a node ID (`node.name`); '' is NONE. A map lookup: no text is made. */
  nodeIx(id: string): NodeIx;
  /**
   * CLUSTER RESET HARD gave myself the new ID `id`. Not a Redis call: the
   * world keeps its record of who is who (events name the process by either ID).
   */
  nodeIdChanged?(id: string): void;
  /** True when a line at this level would be written (skip formatting otherwise). */
  logEnabled(level: LogLevel): boolean;
  log(level: LogLevel, text: string): void;
  /**
   * Persist nodes.conf. `render` produces the whole file as of this save; it
   * may be called later (when the file is read), so it must not depend on
   * state that changes after the save unless that state is never saved anyway.
   */
  saveConfig(render: () => string): void;
  /**
   * currentEpoch or lastVoteEpoch was just given a new value. Not a Redis
   * call: the simulator's epoch invariant watches only the nodes that report
   * here, instead of every node after every event.
   */
  epochsChanged?(): void;
}

/** The parts of the Redis server that cluster.c calls into. */
export interface ServerHooks {
  /** Offset for the bus header: master_repl_offset if master, processed offset if replica. */
  headerReplOffset(isMaster: boolean): number;
  /** replicationGetSlaveOffset(): processed offset of the (cached) master client, ≥ 0. */
  replicationGetSlaveOffset(): number;
  /** server.masterhost != NULL: replication is configured towards some master. */
  replicationConfigured(): boolean;
  /** REPL_STATE_CONNECTED with the master. */
  masterLinkUp(): boolean;
  /** Unix seconds of the last interaction with the master (server.master->lastinteraction). */
  masterLastInteraction(): number;
  /** Unix seconds since the master link went down (server.repl_down_since; 0 = never up). */
  replDownSince(): number;
  /** replicationSetMaster(ip, port). */
  replicationSetMaster(ip: string, port: number): void;
  /** replicationUnsetMaster(): become a master (new replication ID). */
  replicationUnsetMaster(): void;
  countKeysInSlot(slot: number): number;
  /** CLUSTER GETKEYSINSLOT: up to `count` keys of a slot. */
  getKeysInSlot(slot: number, count: number): string[];
  /** delKeysInSlot(): remove every key of a slot; returns how many. */
  delKeysInSlot(slot: number): number;
  dbSize(): number;
  /** Flush the keyspace (CLUSTER RESET on a replica). */
  emptyData(): void;
  /** pauseClients(PAUSE_DURING_FAILOVER, until, CLIENT_PAUSE_WRITE). */
  pauseWritesUntil(unixMs: number): void;
  /** unpauseClients(PAUSE_DURING_FAILOVER). */
  unpauseWrites(): void;
}
