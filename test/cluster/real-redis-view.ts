// Rebuilds, as a simulator ClusterState, what one node of the recorded real
// cluster (test/fixtures/real-redis-formats/README.md) knew when it was
// recorded. The topology (ids, ports, roles, epochs, slots, migration) is
// written out below by hand; only values that depend on the run's clock
// and traffic are copied from the recordings: ping/pong times, link
// creation times, replication offsets, message counters, and the dict
// order of the node table (Redis's hash order, which the simulator does
// not reproduce by design).

import { readFileSync } from 'node:fs';
import {
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_HANDSHAKE,
  CLUSTER_NODE_MASTER,
  CLUSTER_NODE_MEET,
  CLUSTER_NODE_MYSELF,
  CLUSTER_NODE_NOFAILOVER,
  CLUSTER_NODE_SLAVE,
  CLUSTER_OK,
  MESSAGE_TYPE_STAT_NAMES,
} from '../../sim/cluster/constants.ts';
import type { ServerConfig } from '../../sim/config/index.ts';
import { clusterNodeAddSlave } from '../../sim/cluster/node.ts';
import type { Reply } from '../../sim/core/reply.ts';
import { RespParser } from '../fixtures/real-redis/resp-client.ts';
import { addNode, connectedLink, emptyState, type TestState } from './fake-env.ts';

export const FIXTURES = new URL('../fixtures/real-redis-formats/', import.meta.url);

export const ID: Readonly<Record<number, string>> = {
  31001: 'c1f9166e6ed950c57f0d04c2d48f1347072b9713',
  31002: 'fcfc3b295f1f4e8c8529ded9a0a493b3b731c7be',
  31003: 'f2710f34e5d5f5dc7b1fae3722f28973d6e3451d',
  31004: '36537a581e9778a91957f916fd5c0697aa446cd9',
  31005: '84a0473b4cd9421815838c69d1727188e19f8a90',
  31006: 'aeeba0a848bf55bd5376092dd2256a4ddbf0d858',
};

interface Member {
  port: number;
  /** redis-cli gave every node its own epoch 1..6 (SET-CONFIG-EPOCH), replicas included. */
  epoch: number;
  replicaOf?: number;
  slots?: (number | [number, number])[];
  hostname?: string;
}

/** After `redis-cli --cluster create`, slot 100 moved to 31003 and 31003 announced a hostname. */
export const TOPOLOGY: readonly Member[] = [
  { port: 31001, epoch: 1, slots: [[0, 99], [101, 5460]] },
  { port: 31002, epoch: 2, slots: [[5461, 10922]] },
  { port: 31003, epoch: 3, slots: [100, [10923, 16383]], hostname: 'node3.example' },
  { port: 31004, epoch: 4, replicaOf: 31002 },
  { port: 31005, epoch: 5, replicaOf: 31003 },
  { port: 31006, epoch: 6, replicaOf: 31001 },
];
/** Slot 3300 was left half-way: 31001 MIGRATING to 31002, 31002 IMPORTING from 31001. */
export const MIGRATING_SLOT = 3300;

/**
 * steady: as set up; replica-failed: 31006 shut down and marked FAIL;
 * handshake: 31001 just ran CLUSTER MEET 127.0.0.1 31999 (nobody there);
 * nofailover: 31006 back, 31004 with cluster-replica-no-failover yes.
 */
export type Phase = 'steady' | 'replica-failed' | 'handshake' | 'nofailover';

export function fixtureText(file: string): string {
  return readFileSync(new URL(file, FIXTURES), 'utf8');
}

export function fixtureReply(file: string): Reply {
  const p = new RespParser();
  p.feed(readFileSync(new URL(file, FIXTURES)));
  const r = p.next();
  if (!r) throw new Error(`incomplete RESP in ${file}`);
  return r;
}

/** A flat key/value array reply (a RESP3 map in RESP2) as an object. */
export function kv(r: Reply): Record<string, Reply> {
  if (r.kind !== 'array' || !r.items) throw new Error('not an array reply');
  const out: Record<string, Reply> = {};
  for (let i = 0; i < r.items.length; i += 2) out[(r.items[i] as { value: string }).value] = r.items[i + 1]!;
  return out;
}

const num = (r: Reply | undefined): number => (r?.kind === 'int' ? r.value : NaN);
const str = (r: Reply | undefined): string => (r?.kind === 'bulk' ? (r.value ?? '') : '');

/** The state of node `port` in `phase`, with the run-dependent values of its recordings. */
export function realView(phase: Phase, port: number, config: Partial<ServerConfig> = {}): TestState {
  const t = emptyState(config, port);
  const { cs } = t;
  const lines = fixtureText(`${phase}/nodes-${port}.txt`).split('\n').filter(Boolean);
  for (const line of lines) {
    const f = line.split(' ');
    const id = f[0]!;
    const member = TOPOLOGY.find((m) => ID[m.port] === id);
    if (!member) {
      // The node being met in the handshake phase: random name, no link yet.
      addNode(t, { name: id, port: 31999, flags: CLUSTER_NODE_HANDSHAKE | CLUSTER_NODE_MEET });
      continue;
    }
    let flags = member.replicaOf ? CLUSTER_NODE_SLAVE : CLUSTER_NODE_MASTER;
    if (member.port === port) flags |= CLUSTER_NODE_MYSELF;
    if (phase === 'replica-failed' && member.port === 31006) flags |= CLUSTER_NODE_FAIL;
    if (phase === 'nofailover' && member.port === 31004) flags |= CLUSTER_NODE_NOFAILOVER;
    const n = addNode(t, {
      name: id,
      port: member.port,
      flags,
      epoch: member.epoch,
      slots: member.slots ?? [],
      ...(member.hostname ? { hostname: member.hostname } : {}),
    });
    n.pingSent = Number(f[4]);
    n.pongReceived = Number(f[5]);
  }
  // Roles are wired after all nodes exist: a replica may be listed before its master.
  for (const m of TOPOLOGY) {
    if (!m.replicaOf || !cs.nodes.has(ID[m.port]!)) continue;
    const r = cs.nodes.get(ID[m.port]!)!;
    r.slaveof = cs.nodes.get(ID[m.replicaOf]!)!;
    clusterNodeAddSlave(r.slaveof, r);
  }
  if (port === 31001) cs.migratingSlotsTo.set(MIGRATING_SLOT, cs.nodes.get(ID[31002]!)!);
  if (port === 31002) cs.importingSlotsFrom.set(MIGRATING_SLOT, cs.nodes.get(ID[31001]!)!);
  cs.currentEpoch = 6;
  cs.state = CLUSTER_OK;
  cs.size = 3;
  copyLinks(t, phase, port);
  copyOffsets(t, `${phase}/shards-${port}.resp`);
  copyStats(t, phase, port);
  return t;
}

function copyLinks(t: TestState, phase: Phase, port: number): void {
  const links = fixtureReply(`${phase}/links-${port}.resp`);
  for (const item of links.kind === 'array' ? (links.items ?? []) : []) {
    const l = kv(item);
    const n = t.cs.nodes.get(str(l.node))!;
    const link = connectedLink(t, n, str(l.direction) === 'from', num(l['create-time']));
    link.sendBufBytes = num(l['send-buffer-used']);
    if (link.inbound) n.inboundLink = link;
    else n.link = link;
  }
}

/** Replication offsets (they grow during the recording) from a CLUSTER SHARDS recording. */
export function copyOffsets(t: TestState, shardsFile: string): void {
  const shards = fixtureReply(shardsFile);
  for (const shard of shards.kind === 'array' ? (shards.items ?? []) : []) {
    const nodes = kv(shard).nodes!;
    for (const d of nodes.kind === 'array' ? (nodes.items ?? []) : []) {
      const details = kv(d);
      const n = t.cs.nodes.get(str(details.id))!;
      n.replOffset = num(details['replication-offset']);
      if (n === t.cs.myself) t.server.masterReplOffset = t.server.slaveOffset = n.replOffset;
    }
  }
}

function copyStats(t: TestState, phase: Phase, port: number): void {
  for (const line of fixtureText(`${phase}/info-${port}.txt`).split('\r\n')) {
    const m = /^cluster_stats_messages_(.+)_(sent|received):(\d+)$/.exec(line);
    if (!m) continue;
    const type = (MESSAGE_TYPE_STAT_NAMES as readonly string[]).indexOf(m[1]!);
    if (type < 0) throw new Error(`unknown message type in ${line}`);
    (m[2] === 'sent' ? t.cs.statsBusMessagesSent : t.cs.statsBusMessagesReceived)[type] = Number(m[3]);
  }
}
