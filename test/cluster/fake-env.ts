// A ClusterEnv and ServerHooks for unit tests of the cluster code: the clock
// is a number the test sets, bus traffic and logs are recorded, replication
// answers come from plain fields. Plus small builders for node tables.

import { ClusterLink } from '../../sim/cluster/link.ts';
import { defaultConfig, type ServerConfig } from '../../sim/config/index.ts';
import type { LogLevel } from '../../sim/events/recorder.ts';
import { CLUSTER_NODE_MASTER, CLUSTER_NODE_MYSELF, CLUSTER_NODE_SLAVE } from '../../sim/cluster/constants.ts';
import type { BusHandlers, ClusterEnv, ServerHooks } from '../../sim/cluster/env.ts';
import type { ClusterMsg } from '../../sim/cluster/messages.ts';
import { clusterNodeAddSlave, type ClusterNode } from '../../sim/cluster/node.ts';
import { clusterAddNode, clusterAddSlot, createClusterNode } from '../../sim/cluster/node-table.ts';
import { ClusterState } from '../../sim/cluster/state.ts';
import { Prng } from '../../sim/core/prng.ts';
import type { EventBody, SimEvent } from '../../sim/events/types.ts';
import { eventRow, type EventRow } from '../../sim/events/vocabulary.ts';

export class FakeEnv implements ClusterEnv {
  /** What mstime() returns; tests move it by hand. */
  now = 1_767_225_600_000;
  rng = new Prng('fake-env');
  readonly sent: { conn: unknown; msg: ClusterMsg; label: string }[] = [];
  readonly closed: unknown[] = [];
  readonly logs: { level: LogLevel; text: string }[] = [];
  /** Emitted events as values (node and time are the fake's: -1 and mstime()). */
  readonly emitted: SimEvent[] = [];
  /** Node IDs by the index events carry for them. */
  private readonly ids: string[] = [];
  readonly saved: string[] = [];
  private nextConn = 1;

  mstime(): number {
    return this.now;
  }
  busConnect(_ip: string, _cport: number, _handlers: BusHandlers): unknown {
    return `conn${this.nextConn++}`;
  }
  busSend(conn: unknown, msg: ClusterMsg, label: string): void {
    this.sent.push({ conn, msg, label });
  }
  busClose(conn: unknown): void {
    this.closed.push(conn);
  }
  busPeerIp(): string {
    return '127.0.0.1';
  }
  emit(body: EventBody): void {
    this.emitted.push({ t: this.now, node: -1, ...body } as SimEvent);
  }
  nodeIx(id: string): number {
    if (id === '') return -1;
    const i = this.ids.indexOf(id);
    return i >= 0 ? i : this.ids.push(id) - 1;
  }
  /** The emitted events as events.csv rows, with node IDs printed whole (tests label them). */
  get events(): EventRow[] {
    const namer = { name: (ix: number): string => this.ids[ix] ?? '' };
    return this.emitted.map((e) => eventRow(e, namer));
  }
  clearEvents(): void {
    this.emitted.length = 0;
  }
  logEnabled(): boolean {
    return true;
  }
  log(level: LogLevel, text: string): void {
    this.logs.push({ level, text });
  }
  saveConfig(render: () => string): void {
    // Render at once: tests read what the file would hold right after the save.
    this.saved.push(render());
  }
}

export class FakeServer implements ServerHooks {
  masterReplOffset = 0;
  slaveOffset = 0;
  replicationConfiguredFlag = false;
  masterLinkUpFlag = false;
  keysInSlot = new Map<number, number>();

  headerReplOffset(isMaster: boolean): number {
    return isMaster ? this.masterReplOffset : this.slaveOffset;
  }
  replicationGetSlaveOffset(): number {
    return this.slaveOffset;
  }
  replicationConfigured(): boolean {
    return this.replicationConfiguredFlag;
  }
  masterLinkUp(): boolean {
    return this.masterLinkUpFlag;
  }
  masterLastInteraction(): number {
    return 0;
  }
  replDownSince(): number {
    return 0;
  }
  replicationSetMaster(): void {}
  replicationUnsetMaster(): void {}
  countKeysInSlot(slot: number): number {
    return this.keysInSlot.get(slot) ?? 0;
  }
  getKeysInSlot(slot: number, count: number): string[] {
    const n = Math.min(count, this.countKeysInSlot(slot));
    return Array.from({ length: n }, (_, i) => `key:${slot}:${i}`);
  }
  delKeysInSlot(slot: number): number {
    const n = this.countKeysInSlot(slot);
    this.keysInSlot.delete(slot);
    return n;
  }
  dbSize(): number {
    let n = 0;
    for (const v of this.keysInSlot.values()) n += v;
    return n;
  }
  emptyData(): void {
    this.keysInSlot.clear();
  }
  pauseWritesUntil(): void {}
  unpauseWrites(): void {}
}

export interface TestState {
  cs: ClusterState;
  env: FakeEnv;
  server: FakeServer;
}

/** An empty ClusterState (no nodes, no myself), as clusterLoadConfig expects. */
export function emptyState(config: Partial<ServerConfig> = {}, port = 30001): TestState {
  const env = new FakeEnv();
  const server = new FakeServer();
  const cs = new ClusterState(env, { ...defaultConfig(), ...config }, server, {
    ip: '127.0.0.1',
    port,
    cport: port + 10000,
  });
  return { cs, env, server };
}

/** A 40-character node id that reads as its label: `a` → `aaaa…`, `m1` → `m1m1…`. */
export function nodeId(label: string): string {
  return label.repeat(Math.ceil(40 / label.length)).slice(0, 40);
}

export interface NodeSpec {
  name: string;
  port: number;
  flags?: number;
  epoch?: number;
  slots?: (number | [number, number])[];
  replicaOf?: string;
  hostname?: string;
  /** Give the node an outbound link (CLUSTER NODES `connected`). */
  link?: boolean;
}

/** Add a node to the table with address, epoch, slots, master and optional outbound link. */
export function addNode(t: TestState, spec: NodeSpec): ClusterNode {
  const { cs } = t;
  const flags = spec.flags ?? (spec.replicaOf ? CLUSTER_NODE_SLAVE : CLUSTER_NODE_MASTER);
  const n = createClusterNode(cs, spec.name, flags);
  n.ip = '127.0.0.1';
  n.port = spec.port;
  n.cport = spec.port + 10000;
  n.configEpoch = spec.epoch ?? 0;
  n.hostname = spec.hostname ?? '';
  clusterAddNode(cs, n);
  if (flags & CLUSTER_NODE_MYSELF) cs.myself = n;
  if (spec.replicaOf) {
    const m = cs.nodes.get(spec.replicaOf)!;
    n.slaveof = m;
    clusterNodeAddSlave(m, n);
  }
  for (const s of spec.slots ?? []) {
    if (typeof s === 'number') clusterAddSlot(cs, n, s);
    else for (let j = s[0]; j <= s[1]; j++) clusterAddSlot(cs, n, j);
  }
  if (spec.link) n.link = connectedLink(t, n, false);
  return n;
}

/** A link object to or from `n`, already connected. */
export function connectedLink(t: TestState, n: ClusterNode, inbound: boolean, ctime = t.env.now): ClusterLink {
  const link = new ClusterLink(ctime, n, inbound, `link-${n.name.slice(0, 4)}-${inbound ? 'in' : 'out'}`);
  link.connected = true;
  return link;
}
