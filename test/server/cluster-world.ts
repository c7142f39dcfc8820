// A small World for server tests: masters A, B, C … with replicas A1, B1 …,
// formed as `redis-cli --cluster create` leaves them (bootstrap.ts), run
// through a warm-up so that every replica has finished its first full sync
// by t = 0. Plus a network client that talks to a node's client port the
// way a workload client would.

import { defaultConfig, type ServerConfig } from '../../sim/config/index.ts';
import type { Reply } from '../../sim/core/reply.ts';
import type { LatencyModel } from '../../sim/net/latency.ts';
import type { Connection } from '../../sim/net/connection.ts';
import { formedNodesConf, restoreOwnEpoch, type FormedNode } from '../../sim/run/bootstrap.ts';
import type { SimProcess } from '../../sim/run/process.ts';
import { World } from '../../sim/run/world.ts';
import type { ClientRequest, ClientResponse } from '../../sim/server/client-protocol.ts';
import type { RedisServer } from '../../sim/server/server.ts';

export interface ClusterOptions {
  masters?: number;
  replicasPerMaster?: number;
  config?: Partial<ServerConfig>;
  seed?: number;
  latency?: LatencyModel;
  /** Warm-up before t = 0 (default 10 s: the 5 s diskless-sync delay plus slack). */
  warmupMs?: number;
}

export interface TestCluster {
  w: World;
  P(name: string): SimProcess;
  srv(name: string): RedisServer;
  /** Run the world until now + ms. */
  run(ms: number): void;
  /** RedisServer.command on a node; the immediate reply (undefined if it blocked). */
  cmd(name: string, ...argv: string[]): Reply | undefined;
  /** Log texts of a node, optionally only those from time `sinceMs` on. */
  logs(node: string, sinceMs?: number): string[];
}

const LETTERS = 'ABCDEFGH';

export function formedCluster(opts: ClusterOptions = {}): TestCluster {
  const masters = opts.masters ?? 3;
  const perMaster = opts.replicasPerMaster ?? 1;
  const names: string[] = [];
  for (let i = 0; i < masters; i++) names.push(LETTERS[i]!);
  for (let r = 1; r <= perMaster; r++) for (let i = 0; i < masters; i++) names.push(`${LETTERS[i]}${r}`);
  const config: ServerConfig = { ...defaultConfig(), clusterNodeTimeout: 3000, ...opts.config };
  const w = new World({
    seed: opts.seed ?? 1,
    startMs: -(opts.warmupMs ?? 10_000),
    logLevel: 'verbose',
    ...(opts.latency ? { latency: opts.latency } : {}),
    processes: names.map((name, i) => ({ name, ip: '127.0.0.1', port: 7000 + i, cport: 17000 + i, config: { ...config } })),
  });
  const P = (n: string): SimProcess => w.process(n);
  const per = Math.floor(16384 / masters);
  const formed: FormedNode[] = names.map((n, i) => {
    if (i < masters) {
      const last = i === masters - 1 ? 16383 : (i + 1) * per - 1;
      return { proc: P(n), slots: [[i * per, last]] as [number, number][] };
    }
    return { proc: P(n), master: P(n[0]!), slots: [] };
  });
  for (const f of formed) f.proc.disk.nodesConf = formedNodesConf(formed, f);
  for (const f of formed) w.start(f.proc, (s) => restoreOwnEpoch(s, formed, f));
  w.sched.runUntil(0);
  const srv = (n: string): RedisServer => {
    const s = P(n).server;
    if (!s) throw new Error(`${n} is not running`);
    return s;
  };
  return {
    w,
    P,
    srv,
    run: (ms) => w.sched.runUntil(w.now + ms),
    cmd: (n, ...argv) => srv(n).command(argv),
    logs: (node, sinceMs = -Infinity) => w.recorder.logs.filter((l) => w.recorder.names.name(l.node) === node && l.t >= sinceMs).map((l) => l.text),
  };
}

/** A client process with one connection to a node's client port; records every reply with its arrival time. */
export class NetClient {
  readonly replies = new Map<number, { t: number; reply: Reply }>();
  closed: string | undefined;
  private readonly conn: Connection;
  private readonly pid: number;
  private nextId = 1;

  constructor(
    private readonly w: World,
    name: string,
    node: SimProcess,
  ) {
    const pid = w.clientPid(name) ?? w.addClientProcess(name);
    this.conn = w.net.connect(pid, node.pid, 'client', {
      onOpen: () => {},
      onData: (p) => {
        const r = p as ClientResponse;
        this.replies.set(r.id, { t: w.now, reply: r.reply });
      },
      onClose: (reason) => {
        this.closed = reason;
      },
    });
    this.pid = pid;
  }

  /** Send a command now; returns its id. */
  send(...argv: string[]): number {
    const req: ClientRequest = { kind: 'req', id: this.nextId++, argv };
    this.w.net.send(this.conn, this.pid, req, `cmd:${argv[0]}`);
    return req.id;
  }

  reply(id: number): Reply | undefined {
    return this.replies.get(id)?.reply;
  }
}
