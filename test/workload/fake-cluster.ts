// A small fake of the server side of the client protocol, for client tests
// that must not depend on the real RedisServer: nodes listen on client
// ports of a real simulated Network and answer SET/GET/RPUSH/INCR, ASKING
// and CLUSTER SLOTS from their own view of slot ownership, with MOVED and
// ASK like getNodeByQuery. A test can script any reply per node.

import { keyHashSlot } from '../../sim/core/keyslot.ts';
import { Prng } from '../../sim/core/prng.ts';
import { array, bulk, error, int, NIL, OK, type Reply } from '../../sim/core/reply.ts';
import { Scheduler } from '../../sim/core/scheduler.ts';
import { Trace } from '../../sim/core/trace.ts';
import type { Connection, EndpointHandler } from '../../sim/net/connection.ts';
import { Network } from '../../sim/net/network.ts';
import type { ClientRequest, ClientResponse } from '../../sim/server/client-protocol.ts';
import type { WorkloadHost } from '../../sim/workload/env.ts';

/** A scripted answer: a reply, 'silent' (never answer), or undefined (behave normally). */
export type Script = (argv: readonly string[], node: FakeNode) => Reply | 'silent' | undefined;

export class FakeNode {
  readonly data = new Map<string, string | string[]>();
  /** This node's view: slot → index of the owning node, or -1. */
  readonly view = new Int16Array(16384).fill(-1);
  readonly migrating = new Map<number, number>();
  readonly importing = new Set<number>();
  /** Every command received, in order. */
  readonly received: string[][] = [];
  script: Script | undefined;

  constructor(
    readonly cluster: FakeCluster,
    readonly index: number,
    readonly name: string,
    readonly ip: string,
    readonly port: number,
    readonly pid: number,
  ) {}

  execute(argv: readonly string[], asking: boolean): Reply | 'silent' {
    if (this.cluster.logCommands) this.received.push([...argv]);
    const scripted = this.script?.(argv, this);
    if (scripted !== undefined) return scripted;
    const cmd = argv[0]!.toUpperCase();
    if (cmd === 'ASKING') return OK;
    if (cmd === 'CLUSTER') return this.clusterSlots();
    const key = argv[1]!;
    const slot = keyHashSlot(key);
    const owner = this.view[slot]!;
    if (owner < 0) return error('CLUSTERDOWN Hash slot not served');
    const served = owner === this.index ? !(this.migrating.has(slot) && !this.data.has(key)) : this.importing.has(slot) && asking;
    if (!served) {
      const to = owner === this.index ? this.cluster.nodes[this.migrating.get(slot)!]! : this.cluster.nodes[owner]!;
      const kind = owner === this.index ? 'ASK' : 'MOVED';
      return error(`${kind} ${slot} ${to.ip}:${to.port}`);
    }
    const v = this.data.get(key);
    switch (cmd) {
      case 'SET':
        this.data.set(key, argv[2]!);
        return OK;
      case 'GET':
        return v === undefined ? NIL : typeof v === 'string' ? bulk(v) : error('WRONGTYPE Operation against a key holding the wrong kind of value');
      case 'RPUSH': {
        if (typeof v === 'string') return error('WRONGTYPE Operation against a key holding the wrong kind of value');
        const list = v ?? [];
        list.push(argv[2]!);
        this.data.set(key, list);
        return int(list.length);
      }
      case 'INCR': {
        const n = v === undefined ? 0 : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : NaN;
        if (Number.isNaN(n)) return error('ERR value is not an integer or out of range');
        this.data.set(key, String(n + 1));
        return int(n + 1);
      }
    }
    return error(`ERR unknown command '${cmd}'`);
  }

  private clusterSlots(): Reply {
    const entries: Reply[] = [];
    let s = 0;
    while (s < 16384) {
      const o = this.view[s]!;
      let e = s;
      while (e + 1 < 16384 && this.view[e + 1] === o) e++;
      if (o >= 0) {
        const n = this.cluster.nodes[o]!;
        entries.push(array([int(s), int(e), array([bulk(n.ip), int(n.port), bulk(n.name.padEnd(40, '0')), array([])])]));
      }
      s = e + 1;
    }
    return array(entries);
  }
}

export interface FakeClusterOptions {
  nodes?: number;
  latencyMs?: number;
  seed?: number;
}

export class FakeCluster {
  readonly sched = new Scheduler();
  readonly rng: Prng;
  readonly net: Network;
  readonly nodes: FakeNode[] = [];
  readonly host: WorkloadHost;
  /** Keep every command in FakeNode.received (off for long runs). */
  logCommands = true;
  private readonly names = new Map<number, string>();

  constructor(opts: FakeClusterOptions = {}) {
    this.rng = new Prng(opts.seed ?? 1);
    this.net = new Network(this.sched, this.rng.fork('net'), new Trace(), { latency: { distribution: 'constant', ms: opts.latencyMs ?? 0.5 } });
    const count = opts.nodes ?? 3;
    for (let i = 0; i < count; i++) {
      const name = String.fromCharCode(65 + i);
      const ref: { node?: FakeNode } = {};
      const pid = this.net.addProcess(name, { listens: () => true, accept: (c: Connection) => this.accept(ref.node!, c) });
      ref.node = new FakeNode(this, i, name, '127.0.0.1', 7000 + i, pid);
      this.nodes.push(ref.node);
      this.names.set(pid, name);
    }
    // Even split, as redis-cli --cluster create does; every node agrees.
    const per = Math.ceil(16384 / count);
    for (let s = 0; s < 16384; s++) this.assign(s, Math.floor(s / per));
    const self = this;
    this.host = {
      sched: this.sched,
      rng: this.rng,
      net: this.net,
      addClientProcess(name: string) {
        const pid = self.net.addProcess(name, { listens: () => false, accept: () => undefined });
        self.names.set(pid, name);
        return pid;
      },
      resolve(ip: string, port: number) {
        return self.nodes.find((n) => n.ip === ip && n.port === port)?.pid;
      },
      processByPid(pid: number) {
        const name = self.names.get(pid);
        return name === undefined ? undefined : { name };
      },
    };
  }

  get seeds(): { ip: string; port: number }[] {
    return this.nodes.map((n) => ({ ip: n.ip, port: n.port }));
  }

  node(name: string): FakeNode {
    return this.nodes.find((n) => n.name === name)!;
  }

  /** Every node's view: `slot` is owned by node `owner`. */
  assign(slot: number, owner: number): void {
    for (const n of this.nodes) n.view[slot] = owner;
  }

  private accept(node: FakeNode, conn: Connection): EndpointHandler {
    let asking = false;
    return {
      onOpen: () => {},
      onData: (payload) => {
        const req = payload as ClientRequest;
        const wasAsking = asking;
        asking = false;
        const reply = node.execute(req.argv, wasAsking);
        if (req.argv[0]!.toUpperCase() === 'ASKING') asking = true;
        if (reply === 'silent') return;
        const resp: ClientResponse = { kind: 'resp', id: req.id, reply, woff: -1 }; // no replication here
        this.net.send(conn, node.pid, resp, 'reply');
      },
      onClose: () => {},
    };
  }
}

/** A key whose slot node `owner` serves in an even split of `nodes` nodes. */
export function keyOwnedBy(owner: number, nodes = 3, prefix = 'k'): string {
  const per = Math.ceil(16384 / nodes);
  for (let i = 0; ; i++) {
    const k = `${prefix}${i}`;
    if (Math.floor(keyHashSlot(k) / per) === owner) return k;
  }
}
