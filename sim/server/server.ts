// One Redis process: the cluster bus state, the keyspace, replication and
// clients, and the event-loop shape around them: every handler is followed
// by afterEvent (beforeSleep); serverCron runs every 100 ms (clusterCron,
// client pause and blocked-client timeouts, shutdown, active expiry) and
// the 1 Hz jobs every 10th time (replicationCron, the AOF fsync, MIGRATE's
// socket cache); save points and BGSAVE children are checked every time. A
// restart builds a new RedisServer from what the old one left on disk
// (nodes.conf, and dump.rdb, or the AOF if enabled).

import { CLUSTER_NODE_HANDSHAKE, CLUSTER_NODE_MASTER, CLUSTER_NODE_MYSELF, CLUSTER_TODO_HANDLE_MANUALFAILOVER } from '../cluster/constants.ts';
import { clusterBeforeSleep, clusterCron } from '../cluster/cron.ts';
import type { BusHandlers } from '../cluster/env.ts';
import type { ConnHandle } from '../cluster/link.ts';
import { clusterAcceptHandler } from '../cluster/links-io.ts';
import { clusterAddNode, createClusterNode } from '../cluster/node-table.ts';
import { clusterUpdateMyselfFlags } from '../cluster/commands/config-command.ts';
import { clusterLoadConfig } from '../cluster/nodes-conf.ts';
import { clusterGenNodesDescription } from '../cluster/nodes-format.ts';
import { ClusterState } from '../cluster/state.ts';
import { RuntimeConfig, type ServerConfig } from '../config/index.ts';
import { OK, type Reply } from '../core/reply.ts';
import { Keyspace } from '../data/keyspace.ts';
import type { RdbFile } from '../data/rdb-file.ts';
import { AofState } from './aof.ts';
import { loadDataFromDisk } from './load-data.ts';
import { RdbState } from './rdb.ts';
import type { ClientConn } from './client.ts';
import { ClientPause } from './client-pause.ts';
import { ClientRegistry } from './clients.ts';
import { CommandDispatcher } from './command-dispatch.ts';
import type { DataHandlers, ServerEnv } from './env.ts';
import { MigrateSockets } from './migrate-sockets.ts';
import { WatchedKeys } from './multi.ts';
import { ServerReplication } from './replication.ts';
import { ShutdownState } from './shutdown.ts';
import { WaitingClients } from './wait.ts';

export interface ServerOptions {
  ip: string;
  port: number;
  cport: number;
  config: ServerConfig;
  /** nodes.conf left by a previous incarnation, or null for a brand-new node. */
  nodesConf: string | null;
  /** A structured nodes.conf (see run/bootstrap.ts) used instead of `nodesConf` when given. */
  formed?: ((cs: ClusterState) => void) | null;
  /** Name for a brand-new node (Redis draws it at random; the world derives it from the seed). */
  nodeId: string;
  /** Keyspace to start with (AOF reload), or undefined for an empty one. */
  keyspace?: Keyspace;
  /** dump.rdb left by a previous incarnation, loaded at start (not with appendonly yes). */
  rdb?: RdbFile | null;
}

/** How many times beforeSleep may run back to back for one event (see afterEvent). */
const MAX_LOOP_ITERATIONS = 3;
/** Keys with a TTL that one active-expire pass looks at (ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP). */
const ACTIVE_EXPIRE_KEYS_PER_LOOP = 20;

export class RedisServer {
  readonly cs: ClusterState;
  keyspace: Keyspace;
  readonly pause: ClientPause;
  readonly repl: ServerReplication;
  readonly clients: ClientRegistry;
  readonly dispatch: CommandDispatcher;
  readonly waits: WaitingClients;
  readonly shutdown: ShutdownState;
  readonly aof: AofState;
  readonly rdb: RdbState;
  readonly migrateSockets: MigrateSockets;
  /** server.watched_keys (WATCH). */
  readonly watches = new WatchedKeys();
  /** run_id: a new one per incarnation. */
  readonly runId: string;
  readonly startedAtMs: number;
  /** What CONFIG GET reads and CONFIG SET writes: the config record plus reported-only parameters. */
  readonly runtimeConfig: RuntimeConfig;
  /** server.active_expire_enabled (DEBUG SET-ACTIVE-EXPIRE). */
  activeExpireEnabled = true;
  private cronLoops = 0;

  constructor(
    readonly env: ServerEnv,
    readonly opts: ServerOptions,
  ) {
    this.keyspace = opts.keyspace ?? new Keyspace();
    this.runId = env.rng.fork('run_id').hexId(40);
    this.startedAtMs = env.mstime();
    this.pause = new ClientPause(() => env.mstime());
    this.clients = new ClientRegistry(this);
    this.pause.onUnpause = () => this.clients.unblockPostponedClients();
    this.waits = new WaitingClients(this);
    this.repl = new ServerReplication(this);
    this.dispatch = new CommandDispatcher(this);
    this.shutdown = new ShutdownState(this);
    this.aof = new AofState(this);
    this.rdb = new RdbState(this);
    this.migrateSockets = new MigrateSockets(this);
    this.cs = new ClusterState(env, opts.config, this.repl, { ip: opts.ip, port: opts.port, cport: opts.cport });
    // Every bus callback ends the event-loop iteration (looked up on each call: the timeline recorder wraps afterEvent).
    this.cs.serverBeforeSleep = () => this.afterEvent();
    this.runtimeConfig = new RuntimeConfig(opts.config, { port: opts.port });
  }

  get config(): ServerConfig {
    return this.opts.config;
  }

  /** clusterInit: load nodes.conf, or start as a lone master with a new name. */
  start(): void {
    const cs = this.cs;
    const text = this.opts.nodesConf;
    const formed = this.opts.formed;
    const result = formed ? (formed(cs), 'loaded' as const) : text ? clusterLoadConfig(cs, text) : 'empty';
    // clusterLoadConfig logs "Node configuration loaded, I'm ..." itself.
    if (result !== 'loaded') {
      if (typeof result === 'object') this.env.log('warning', result.error);
      const myself = createClusterNode(cs, this.opts.nodeId, CLUSTER_NODE_MYSELF | CLUSTER_NODE_MASTER);
      myself.port = this.opts.port;
      myself.cport = this.opts.cport;
      cs.myself = myself;
      clusterAddNode(cs, myself);
      this.env.log('notice', `No cluster configuration found, I'm ${myself.name}`);
      this.saveConfig();
    }
    // clusterInit's tail: the persisted address may be stale (the process
    // listens where it was started), and flags that follow the configuration
    // (NOFAILOVER, announced IP and hostname) are applied before any packet.
    cs.myself.port = this.opts.port;
    cs.myself.cport = this.opts.cport;
    clusterUpdateMyselfFlags(cs);
    if (this.config.clusterAnnounceIp) cs.myself.ip = this.config.clusterAnnounceIp;
    cs.myself.hostname = this.config.clusterAnnounceHostname;
    if (this.opts.keyspace === undefined) loadDataFromDisk(this, this.opts.rdb ?? null);
    this.repl.start();
    this.aof.start();
  }

  /** Role letter of log lines: S while replication is configured (server.masterhost), else M. */
  get roleChar(): 'M' | 'S' {
    return this.repl.masterHost !== null ? 'S' : 'M';
  }

  /**
   * clusterSaveConfig. The node table is rendered when the file is read (it
   * is immutable from the disk's point of view once the process dies, and
   * what changes between saves without a save is what nodes.conf loading
   * discards anyway: ping/pong times); the epochs line is fixed now, because
   * currentEpoch can move without a save (it is raised by any header).
   */
  saveConfig(): void {
    const cs = this.cs;
    const vars = `vars currentEpoch ${cs.currentEpoch} lastVoteEpoch ${cs.lastVoteEpoch}\n`;
    this.env.saveConfig(() => clusterGenNodesDescription(cs, CLUSTER_NODE_HANDSHAKE) + vars);
  }

  /** serverCron, every 100 ms. */
  cron(): void {
    if (this.shutdown.exiting) return;
    clusterCron(this.cs);
    this.pause.check();
    this.waits.handleTimeouts();
    this.shutdown.cron();
    if (this.shutdown.exiting) return;
    this.rdb.cron();
    if (this.activeExpireEnabled && this.repl.masterHost === null && !this.pause.active) this.activeExpireCycle();
    // run_with_period(1000): on the first call and every 10th after it.
    if (this.cronLoops % 10 === 0) {
      this.repl.cron();
      this.aof.cron();
      this.migrateSockets.cron();
    }
    this.cronLoops++;
    this.afterEvent();
  }

  /** activeExpireCycle on a master: delete keys whose TTL passed, each DEL propagated on its own. */
  private activeExpireCycle(): void {
    const expired = this.keyspace.activeExpireCycle(this.env.mstime(), ACTIVE_EXPIRE_KEYS_PER_LOOP);
    for (const key of expired) this.repl.propagate([['DEL', key]]);
  }

  /**
   * The end of an event-loop iteration (beforeSleep): blocked-client
   * timeouts, clusterBeforeSleep, WAITs that can return, unblocked clients,
   * the GETACK a WAIT asked for. A busy Redis wakes again within a
   * millisecond, so cluster work that beforeSleep itself flags (an election
   * it just scheduled, a state update) runs at once rather than at this
   * node's next event. Only the manual-failover re-check is left to the
   * next event: it waits for replication data.
   */
  afterEvent(): void {
    if (this.shutdown.exiting) return;
    this.waits.handleTimeouts();
    this.clusterBeforeSleepLoop();
    this.waits.processClientsWaitingReplicas();
    this.clients.processUnblockedClients();
    this.waits.sendGetackIfNeeded();
    if ((this.cs.todoBeforeSleep & ~CLUSTER_TODO_HANDLE_MANUALFAILOVER) !== 0) this.clusterBeforeSleepLoop();
  }

  private clusterBeforeSleepLoop(): void {
    for (let i = 0; i < MAX_LOOP_ITERATIONS; i++) {
      clusterBeforeSleep(this.cs, () => this.saveConfig());
      if ((this.cs.todoBeforeSleep & ~CLUSTER_TODO_HANDLE_MANUALFAILOVER) === 0) break;
    }
  }

  // ---- connections ----------------------------------------------------------------

  /** A bus connection from a peer was accepted. */
  acceptBus(conn: ConnHandle): BusHandlers {
    return clusterAcceptHandler(this.cs, conn);
  }

  /** A client (or a replica, or a MIGRATE source) connected to the client port. */
  acceptClient(conn: ConnHandle): DataHandlers | undefined {
    if (this.shutdown.exiting) return undefined;
    const h = this.clients.accept(conn);
    return {
      onOpen: () => {},
      onData: (d) => {
        h.onData(d);
        this.afterEvent();
      },
      onClose: (r) => {
        h.onClose(r);
        this.afterEvent();
      },
    };
  }

  // ---- for the world and the scenario runner -------------------------------------

  /**
   * Run a command as a client of this node would (routing included) and
   * return its reply. `asking` sends ASKING first. A command that blocks
   * (WAIT, DEBUG SLEEP, MIGRATE, a write while writes are paused) returns
   * undefined; `onReply` gets the reply whenever it comes (also for an
   * immediate one). `client` names a client kept between calls (MULTI, READONLY, AUTH).
   */
  command(argv: readonly string[], opts: { asking?: boolean; onReply?: (r: Reply) => void; client?: string } = {}): Reply | undefined {
    const r = this.clients.admin(argv, opts.asking ?? false, opts.onReply, opts.client);
    this.afterEvent();
    return r;
  }

  /** SIGTERM (the `shutdown:` action): a graceful shutdown starts at the next serverCron. */
  shutdownSignal(): void {
    this.shutdown.signal();
  }

  // ---- for the commands ---------------------------------------------------------

  /** A full sync replaces the whole dataset. */
  loadKeyspace(ks: Keyspace): void {
    this.keyspace = ks;
    this.watches.touchAll();
  }

  /** lookupKeyRead() for existence: an expired key is missing (and a master not paused deletes it, propagating DEL). */
  lookupKeyRead(key: string): boolean {
    const e = this.keyspace.peek(key);
    if (e === undefined) return false;
    if (e.expireAt < 0 || this.env.mstime() <= e.expireAt) return true;
    if (this.repl.masterHost === null && !this.pause.check()) {
      this.keyspace.delete(key);
      this.repl.propagate([['DEL', key]]);
    }
    return false;
  }

  /** DEBUG SLEEP: the process stops for `ms`; the reply is sent when it runs again. */
  sleepThenReply(c: ClientConn, ms: number): void {
    c.blocked = { type: 'pending' };
    this.env.blockFor(ms);
    this.env.schedule(ms, () => this.clients.unblock(c, OK));
  }

  /** CONFIG SET applied: what changes besides the value. */
  configApplied(changed: readonly (keyof ServerConfig)[], before: ServerConfig): void {
    if (changed.includes('replBacklogSize')) this.repl.history.resizeBacklog(this.config.replBacklogSize);
    if (changed.includes('appendonly') && this.config.appendonly !== before.appendonly) this.aof.enabledChanged(this.config.appendonly);
  }

  /** blocked_clients of INFO. */
  get blockedClients(): number {
    let n = 0;
    for (const c of this.clients.all) if (c.blocked !== null) n++;
    return n;
  }
}
