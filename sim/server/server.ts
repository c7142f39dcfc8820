// One Redis process: the cluster bus state, the keyspace and replication,
// and the event-loop shape around them (every handler is followed by
// clusterBeforeSleep; serverCron runs clusterCron every 100 ms and the
// replication cron every second). A restart builds a new RedisServer from
// what the old one left on disk (nodes.conf, and the AOF if enabled).

import { CLUSTER_NODE_MASTER, CLUSTER_NODE_MYSELF, CLUSTER_TODO_HANDLE_MANUALFAILOVER } from '../cluster/constants.ts';
import type { ServerConfig } from '../cluster/config.ts';
import { clusterBeforeSleep, clusterCron } from '../cluster/cron.ts';
import type { BusHandlers } from '../cluster/env.ts';
import type { ConnHandle } from '../cluster/link.ts';
import { clusterAcceptHandler } from '../cluster/links-io.ts';
import { nodeIsSlave } from '../cluster/node.ts';
import { clusterAddNode, createClusterNode } from '../cluster/node-table.ts';
import { clusterGenNodesConfig, clusterLoadConfig } from '../cluster/nodes-conf.ts';
import { ClusterState } from '../cluster/state.ts';
import { Keyspace } from '../data/keyspace.ts';
import type { DataHandlers, ServerEnv } from './env.ts';
import { ServerReplication } from './replication.ts';

export interface ServerOptions {
  ip: string;
  port: number;
  cport: number;
  config: ServerConfig;
  /** nodes.conf left by a previous incarnation, or null for a brand-new node. */
  nodesConf: string | null;
  /** Name for a brand-new node (Redis draws it at random; the world derives it from the seed). */
  nodeId: string;
  /** Keyspace to start with (AOF reload), or undefined for an empty one. */
  keyspace?: Keyspace;
}

/** How many times beforeSleep may run back to back for one event (see afterEvent). */
const MAX_LOOP_ITERATIONS = 3;

export class RedisServer {
  readonly cs: ClusterState;
  readonly keyspace: Keyspace;
  readonly repl: ServerReplication;
  private cronTicks = 0;

  constructor(
    readonly env: ServerEnv,
    readonly opts: ServerOptions,
  ) {
    this.keyspace = opts.keyspace ?? new Keyspace();
    this.repl = new ServerReplication(this);
    this.cs = new ClusterState(env, opts.config, this.repl, { ip: opts.ip, port: opts.port, cport: opts.cport });
  }

  get config(): ServerConfig {
    return this.opts.config;
  }

  /** clusterInit: load nodes.conf, or start as a lone master with a new name. */
  start(): void {
    const cs = this.cs;
    const text = this.opts.nodesConf;
    const result = text ? clusterLoadConfig(cs, text) : 'empty';
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
    // The persisted address may be stale; the process listens where it was started.
    cs.myself.port = this.opts.port;
    cs.myself.cport = this.opts.cport;
    this.repl.start();
  }

  /** Role letter of log lines: M master, S replica. */
  get roleChar(): 'M' | 'S' {
    return this.cs.myself && nodeIsSlave(this.cs.myself) ? 'S' : 'M';
  }

  saveConfig(): void {
    this.env.saveConfig(clusterGenNodesConfig(this.cs));
  }

  /** serverCron's share: clusterCron every call (100 ms), replicationCron every 10th. */
  cron(): void {
    clusterCron(this.cs);
    if (++this.cronTicks % 10 === 0) this.repl.cron();
    this.afterEvent();
  }

  /**
   * The end of an event-loop iteration: clusterBeforeSleep. A busy Redis
   * wakes again within a millisecond, so work that beforeSleep itself
   * flags (an election it just scheduled, a state update) runs at once
   * rather than at this node's next event. Only the manual-failover
   * re-check is left to the next event: it waits for replication data.
   */
  afterEvent(): void {
    for (let i = 0; i < MAX_LOOP_ITERATIONS; i++) {
      clusterBeforeSleep(this.cs, () => this.saveConfig());
      if ((this.cs.todoBeforeSleep & ~CLUSTER_TODO_HANDLE_MANUALFAILOVER) === 0) break;
    }
  }

  /** A bus connection from a peer was accepted. */
  acceptBus(conn: ConnHandle): BusHandlers {
    const h = clusterAcceptHandler(this.cs, conn);
    return this.wrapBus(h);
  }

  /** A client (or replica) connected to the client port; until the data path lands, refuse it. */
  acceptClient(_conn: ConnHandle): DataHandlers | undefined {
    return undefined;
  }

  /** Bus handlers that close the event-loop iteration after each callback. */
  wrapBus(h: BusHandlers): BusHandlers {
    return {
      onOpen: () => {
        h.onOpen();
        this.afterEvent();
      },
      onMessage: (m) => {
        h.onMessage(m);
        this.afterEvent();
      },
      onClose: (r) => {
        h.onClose(r);
        this.afterEvent();
      },
    };
  }
}
