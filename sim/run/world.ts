// The composition root: one scheduler, one seed, one network, one recorder,
// and the Redis processes of a scenario. Everything else (the timeline,
// workloads, checkers, reports) drives or watches a World.

import { defaultConfig, type ServerConfig } from '../config/index.ts';
import type { LogThreshold } from '../events/recorder.ts';
import { CLUSTER_CRON_PERIOD_MS } from '../cluster/constants.ts';
import { NodeIds } from '../cluster/node-ids.ts';
import { Prng } from '../core/prng.ts';
import { Scheduler } from '../core/scheduler.ts';
import { unixMs } from '../core/time.ts';
import { Trace } from '../core/trace.ts';
import type { LinkConditions } from '../net/conditions.ts';
import type { Connection, EndpointHandler } from '../net/connection.ts';
import type { LatencyModel } from '../net/latency.ts';
import { Network } from '../net/network.ts';
import type { DataHandlers } from '../server/env.ts';
import { RedisServer } from '../server/server.ts';
import { EpochChanges } from './epoch-changes.ts';
import { makeNodeEnv } from './node-env.ts';
import { SimProcess } from './process.ts';
import { Recorder } from '../events/recorder.ts';

export interface ProcessSpec {
  name: string;
  ip: string;
  port: number;
  cport: number;
  config: ServerConfig;
}

export interface WorldOptions {
  seed: number;
  processes: readonly ProcessSpec[];
  latency?: LatencyModel;
  lossProbability?: number;
  logLevel?: LogThreshold;
  /** Retain every trace record (determinism diffs). */
  keepTrace?: boolean;
  /** Simulated time at which the world starts (negative: warm-up before t=0). */
  startMs?: number;
}

/** What a cron tick is scheduled with: the process and the incarnation the tick belongs to. */
interface CronTimer {
  readonly p: SimProcess;
  readonly inc: number;
}

/** A process just started (a new server), stopped, paused or resumed. */
export type ProcessChange = 'up' | 'paused' | 'resumed' | 'down';
export type ProcessListener = (p: SimProcess, change: ProcessChange) => void;

export class World {
  readonly sched = new Scheduler();
  readonly rng: Prng;
  readonly trace: Trace;
  readonly net: Network;
  readonly recorder: Recorder;
  /** Node IDs as indices, shared by every node of the run (gossip sections carry them). */
  readonly nodeIds = new NodeIds();
  readonly processes: SimProcess[] = [];
  /** Processes whose epochs changed since the invariant monitor last looked. */
  readonly epochChanges = new EpochChanges();
  private readonly byName = new Map<string, SimProcess>();
  private readonly byPid = new Map<number, SimProcess>();
  private readonly addresses = new Map<string, number>();
  private readonly clientPids = new Map<string, number>();
  /** Told of every process start, stop, pause and resume (report recorders; nothing in the run depends on them). */
  readonly processListeners: ProcessListener[] = [];

  constructor(readonly opts: WorldOptions) {
    this.rng = new Prng(opts.seed);
    this.trace = new Trace(opts.keepTrace ?? false);
    const defaults: Partial<LinkConditions> = { lossProbability: opts.lossProbability ?? 0 };
    if (opts.latency) defaults.latency = opts.latency;
    this.net = new Network(this.sched, this.rng.fork('net'), this.trace, defaults);
    this.recorder = new Recorder(this.trace, opts.logLevel ?? 'verbose');
    if (opts.startMs !== undefined) this.sched.startAt(opts.startMs);
    for (const spec of opts.processes) this.addProcess(spec);
  }

  private addProcess(spec: ProcessSpec): SimProcess {
    const pidRef = { pid: -1 };
    const pid = this.net.addProcess(spec.name, {
      listens: () => true,
      accept: (conn, port) => this.accept(pidRef.pid, conn, port),
    });
    pidRef.pid = pid;
    const id = this.rng.fork(`node-id:${spec.name}`).hexId(40);
    const phase = this.rng.fork(`cron-phase:${spec.name}`).int(CLUSTER_CRON_PERIOD_MS);
    const p = new SimProcess(pid, spec.name, spec.ip, spec.port, spec.cport, { ...defaultConfig(), ...spec.config }, id, phase);
    this.processes.push(p);
    this.byName.set(spec.name, p);
    this.byPid.set(pid, p);
    this.addresses.set(`${spec.ip}:${spec.cport}/bus`, pid);
    this.addresses.set(`${spec.ip}:${spec.port}/client`, pid);
    this.recorder.names.setName(pid, spec.name);
    this.recorder.names.bindId(id, pid);
    this.net.kill(pid); // not running until started
    return p;
  }

  /**
   * A process outside the cluster (a workload client, the redis-cli tool):
   * it only opens connections. Returns its network process id.
   */
  addClientProcess(name: string): number {
    const pid = this.net.addProcess(name, { listens: () => false, accept: () => undefined });
    this.clientPids.set(name, pid);
    this.recorder.names.setName(pid, name);
    return pid;
  }

  /** Network id of a client process added with addClientProcess. */
  clientPid(name: string): number | undefined {
    return this.clientPids.get(name);
  }

  process(name: string): SimProcess {
    const p = this.byName.get(name);
    if (!p) throw new Error(`unknown process ${name}`);
    return p;
  }

  processByPid(pid: number): SimProcess | undefined {
    return this.byPid.get(pid);
  }

  resolve(ip: string, port: number, kind: 'bus' | 'client'): number | undefined {
    return this.addresses.get(`${ip}:${port}/${kind}`);
  }

  get now(): number {
    return this.sched.now;
  }

  /** Simulated unix ms (what nodes call mstime()). */
  isUp(p: SimProcess): boolean {
    return this.net.state(p.pid) === 'up' && p.server !== null;
  }

  /** Killed, or never started: nothing listens on its ports. */
  isDown(p: SimProcess): boolean {
    return this.net.state(p.pid) === 'down' || p.server === null;
  }

  // ---- lifecycle ---------------------------------------------------------

  /** Start (or restart) a process from its disk. */
  start(p: SimProcess, init?: (server: RedisServer) => void): void {
    if (this.net.state(p.pid) !== 'down') return;
    this.net.restart(p.pid);
    p.incarnation++;
    p.osPid = 1000 + p.pid * 97 + p.incarnation * 7919;
    p.cronPending = false;
    p.resumeQueue = [];
    const env = makeNodeEnv(this, p, this.rng.fork(`node:${p.name}#${p.incarnation}`));
    const server = new RedisServer(env, {
      ip: p.ip,
      port: p.port,
      cport: p.cport,
      // CONFIG SET changes the running process only; a restart reads the configuration again.
      config: { ...p.config },
      formed: p.disk.formed,
      nodesConf: p.disk.formed ? null : p.disk.nodesConf,
      nodeId: p.nodeId,
      keyspace: p.config.appendonly && p.disk.aof ? p.disk.aof.load(unixMs(this.sched.now)) : undefined,
      // With appendonly yes the AOF is the data set (7.0 does not look at dump.rdb then).
      rdb: p.config.appendonly ? null : p.disk.rdb,
    });
    p.server = server;
    server.start();
    init?.(server);
    server.afterEvent();
    this.scheduleCron(p, p.incarnation);
    this.tell(p, 'up');
  }

  kill(p: SimProcess): void {
    if (this.net.state(p.pid) === 'down') return;
    this.net.kill(p.pid);
    p.server = null;
    this.tell(p, 'down');
  }

  pause(p: SimProcess): void {
    if (this.net.state(p.pid) !== 'up') return;
    this.net.pause(p.pid);
    this.tell(p, 'paused');
  }

  private tell(p: SimProcess, change: ProcessChange): void {
    for (const l of this.processListeners) l(p, change);
  }

  resume(p: SimProcess): void {
    if (this.net.state(p.pid) !== 'paused') return;
    // Timers that fell due first (a DEBUG SLEEP's reply is written as the
    // sleep returns), then what the kernel buffered.
    const timers = p.resumeQueue;
    p.resumeQueue = [];
    for (const fn of timers) this.sched.at(this.sched.now, fn);
    this.net.resume(p.pid);
    this.tell(p, 'resumed');
    if (p.cronPending) {
      // The overdue serverCron runs once, right after the buffered I/O.
      p.cronPending = false;
      this.sched.at(this.sched.now, this.cronTickFn, { p, inc: p.incarnation });
    }
  }

  /** DEBUG SLEEP: the process blocks itself; it resumes by itself. */
  blockProcess(p: SimProcess, ms: number): void {
    const inc = p.incarnation;
    // The command finishes its handler first, then the process is stuck.
    this.sched.at(this.sched.now, () => {
      if (p.incarnation !== inc || this.net.state(p.pid) !== 'up') return;
      this.pause(p);
      this.sched.after(ms, () => {
        if (p.incarnation === inc) this.resume(p);
      });
    });
  }

  /** Run `fn` in incarnation `inc` of `p` now, after it resumes if it is stopped, or never if it is gone. */
  runInProcess(p: SimProcess, inc: number, fn: () => void): void {
    if (p.incarnation !== inc || !p.server) return;
    const state = this.net.state(p.pid);
    if (state === 'down') return;
    if (state === 'paused') p.resumeQueue.push(fn);
    else fn();
  }

  /** SHUTDOWN / SIGTERM finished: the process exits once its current handler returns. */
  exitProcess(p: SimProcess): void {
    const inc = p.incarnation;
    this.sched.at(this.sched.now, () => {
      if (p.incarnation === inc) this.kill(p);
    });
  }

  /** The `shutdown:` action: SIGTERM; 7.0 waits for its replicas (up to 10 s), fsyncs the AOF, exits. */
  shutdown(p: SimProcess): void {
    if (!this.isUp(p)) return;
    p.server!.shutdownSignal();
  }

  /**
   * `replication: { cut: A1 }`: A1's replication link to its master (and any
   * it opens while cut) drops every packet, both ways; the cluster bus and
   * client traffic between the same nodes are untouched.
   */
  cutReplication(p: SimProcess): void {
    this.net.cutService(p.pid, 'repl');
  }

  restoreReplication(p: SimProcess): void {
    this.net.restoreService(p.pid, 'repl');
  }

  private scheduleCron(p: SimProcess, inc: number): void {
    this.sched.at(p.nextCronAfter(this.sched.now), this.cronTickFn, { p, inc });
  }

  /** The cron timer's callback, one for the world; its argument names the process incarnation (no closure per tick). */
  private readonly cronTickFn = (t: CronTimer): void => this.cronTick(t);

  private cronTick(t: CronTimer): void {
    const { p, inc } = t;
    if (p.incarnation !== inc || !p.server) return;
    const state = this.net.state(p.pid);
    if (state === 'down') return;
    if (state === 'paused') {
      p.cronPending = true;
      return;
    }
    p.server.cron();
    if (p.incarnation === inc && p.server) this.sched.after(CLUSTER_CRON_PERIOD_MS, this.cronTickFn, t);
  }

  // ---- network glue -------------------------------------------------------

  private accept(pid: number, conn: Connection, port: string): EndpointHandler | undefined {
    const p = this.byPid.get(pid);
    const server = p?.server;
    if (!p || !server) return undefined;
    if (port === 'bus') return server.acceptBus(conn);
    const h = server.acceptClient?.(conn);
    return h ? { onOpen: () => {}, onData: (d) => h.onData(d), onClose: (r) => h.onClose(r) } : undefined;
  }

  /** Close the server's event-loop iteration after each data-connection callback. */
  wrapServerHandlers(p: SimProcess, h: DataHandlers): DataHandlers {
    const after = (): void => p.server?.afterEvent();
    return {
      onOpen: () => {
        h.onOpen();
        after();
      },
      onData: (d) => {
        h.onData(d);
        after();
      },
      onClose: (r) => {
        h.onClose(r);
        after();
      },
    };
  }
}
