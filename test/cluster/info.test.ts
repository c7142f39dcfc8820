import { describe, expect, it } from 'vitest';
import {
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_MASTER,
  CLUSTER_NODE_MYSELF,
  CLUSTER_NODE_PFAIL,
  CLUSTER_NODE_SLAVE,
  CLUSTER_OK,
  CLUSTERMSG_TYPE_FAIL,
  CLUSTERMSG_TYPE_PING,
  CLUSTERMSG_TYPE_PONG,
  CLUSTERMSG_TYPE_PUBLISHSHARD,
  CLUSTERMSG_TYPE_UPDATE,
} from '../../sim/cluster/constants.ts';
import { clusterNodeAddFailureReport } from '../../sim/cluster/failure-reports.ts';
import {
  clusterInfoString,
  clusterReplyCountFailureReports,
  clusterReplyLinks,
  clusterReplyShards,
  clusterReplySlots,
} from '../../sim/cluster/info.ts';
import type { ServerConfig } from '../../sim/config/index.ts';
import { replyToLine, type Reply } from '../../sim/core/reply.ts';
import { addNode, connectedLink, emptyState, nodeId, type TestState } from './fake-env.ts';

const [A, B, C, A1, B1] = ['a', 'b', 'c', 'a1', 'b1'].map(nodeId) as [string, string, string, string, string];

/** Seen from A: A 0-99 (epoch 1), B 100-199 (epoch 2), A1 replica of A, B1 replica of B, C empty master. */
function cluster(config: Partial<ServerConfig> = {}, myself = A): TestState {
  const t = emptyState(config);
  const me = (name: string): number => (name === myself ? CLUSTER_NODE_MYSELF : 0);
  addNode(t, { name: A, port: 30001, flags: CLUSTER_NODE_MASTER | me(A), epoch: 1, slots: [[0, 99]] });
  addNode(t, { name: B, port: 30002, flags: CLUSTER_NODE_MASTER | me(B), epoch: 2, slots: [[100, 199]], hostname: 'b.example' });
  addNode(t, { name: A1, port: 30004, flags: CLUSTER_NODE_SLAVE | me(A1), replicaOf: A, epoch: 4 });
  addNode(t, { name: B1, port: 30005, flags: CLUSTER_NODE_SLAVE | me(B1), replicaOf: B, epoch: 5 });
  addNode(t, { name: C, port: 30003, flags: CLUSTER_NODE_MASTER | me(C), epoch: 3 });
  for (const n of t.cs.nodes.values()) n.replOffset = 100;
  return t;
}

/** Reply → plain JS values (bulk → string|null, int → number, array → list) for readable expectations. */
function plain(r: Reply): unknown {
  switch (r.kind) {
    case 'array':
      return r.items?.map(plain) ?? null;
    case 'bulk':
      return r.value;
    case 'int':
      return r.value;
    default:
      return replyToLine(r);
  }
}

describe('CLUSTER INFO', () => {
  it('fields come in 7.0.15 order, each line ends in CRLF, stats list only types with a count', () => {
    const t = cluster();
    t.cs.state = CLUSTER_OK;
    t.cs.size = 2;
    t.cs.currentEpoch = 6;
    t.cs.statsBusMessagesSent[CLUSTERMSG_TYPE_PONG] = 7;
    t.cs.statsBusMessagesSent[CLUSTERMSG_TYPE_PING] = 5;
    t.cs.statsBusMessagesSent[CLUSTERMSG_TYPE_PUBLISHSHARD] = 1;
    t.cs.statsBusMessagesReceived[CLUSTERMSG_TYPE_UPDATE] = 2;
    t.cs.statClusterLinksBufferLimitExceeded = 3;
    expect(clusterInfoString(t.cs)).toBe(
      [
        'cluster_state:ok',
        'cluster_slots_assigned:200',
        'cluster_slots_ok:200',
        'cluster_slots_pfail:0',
        'cluster_slots_fail:0',
        'cluster_known_nodes:5',
        'cluster_size:2',
        'cluster_current_epoch:6',
        'cluster_my_epoch:1',
        'cluster_stats_messages_ping_sent:5',
        'cluster_stats_messages_pong_sent:7',
        'cluster_stats_messages_publishshard_sent:1',
        'cluster_stats_messages_sent:13',
        'cluster_stats_messages_update_received:2',
        'cluster_stats_messages_received:2',
        'total_cluster_links_buffer_limit_exceeded:3',
        '',
      ].join('\r\n'),
    );
  });

  it('slot counts split by owner health: FAIL wins over PFAIL', () => {
    const t = cluster();
    t.cs.nodes.get(A)!.flags |= CLUSTER_NODE_PFAIL;
    t.cs.nodes.get(B)!.flags |= CLUSTER_NODE_PFAIL | CLUSTER_NODE_FAIL;
    const info = clusterInfoString(t.cs);
    expect(info).toContain('cluster_state:fail\r\ncluster_slots_assigned:200\r\ncluster_slots_ok:0\r\n');
    expect(info).toContain('cluster_slots_pfail:100\r\ncluster_slots_fail:100\r\n');
    expect(info).toContain('cluster_stats_messages_sent:0\r\ncluster_stats_messages_received:0\r\n');
  });

  it("a replica's cluster_my_epoch is its master's configEpoch", () => {
    const t = cluster({}, A1);
    t.cs.statsBusMessagesReceived[CLUSTERMSG_TYPE_FAIL] = 1;
    expect(clusterInfoString(t.cs)).toContain('cluster_my_epoch:1\r\n');
  });
});

describe('CLUSTER SLOTS', () => {
  it('one entry per run of slots with one owner, in slot order, master first then available replicas', () => {
    const t = cluster();
    t.cs.slots.setOwner(50, null); // not through clusterDelSlot: only the slot table matters here
    expect(plain(clusterReplySlots(t.cs))).toEqual([
      [0, 49, ['127.0.0.1', 30001, A, []], ['127.0.0.1', 30004, A1, []]],
      [51, 99, ['127.0.0.1', 30001, A, []], ['127.0.0.1', 30004, A1, []]],
      [100, 199, ['127.0.0.1', 30002, B, ['hostname', 'b.example']], ['127.0.0.1', 30005, B1, []]],
    ]);
  });

  it('a failed replica and a replica with replication offset 0 are left out', () => {
    const t = cluster();
    t.cs.nodes.get(A1)!.flags |= CLUSTER_NODE_FAIL;
    t.cs.nodes.get(B1)!.replOffset = 0;
    const r = plain(clusterReplySlots(t.cs)) as unknown[][];
    expect(r.map((e) => e.length)).toEqual([3, 3]);
  });

  it("myself as a replica is judged by the replication layer's offset, not its table entry", () => {
    const t = cluster({}, A1);
    t.cs.myself.replOffset = 0;
    t.server.slaveOffset = 42;
    expect((plain(clusterReplySlots(t.cs)) as unknown[][])[0]).toHaveLength(4);
    t.server.slaveOffset = 0;
    t.cs.myself.replOffset = 100;
    expect((plain(clusterReplySlots(t.cs)) as unknown[][])[0]).toHaveLength(3);
  });

  it('preferred endpoint hostname: hostname or "?" first, ip moves to the metadata', () => {
    const t = cluster({ clusterPreferredEndpointType: 'hostname' });
    const [a, b] = plain(clusterReplySlots(t.cs)) as unknown[][];
    expect(a![2]).toEqual(['?', 30001, A, ['ip', '127.0.0.1']]);
    expect(b![2]).toEqual(['b.example', 30002, B, ['ip', '127.0.0.1']]);
  });

  it('preferred endpoint unknown-endpoint: a null endpoint, ip and hostname in the metadata', () => {
    const t = cluster({ clusterPreferredEndpointType: 'unknown-endpoint' });
    const [, b] = plain(clusterReplySlots(t.cs)) as unknown[][];
    expect(b![2]).toEqual([null, 30002, B, ['ip', '127.0.0.1', 'hostname', 'b.example']]);
  });
});

describe('CLUSTER SHARDS', () => {
  it('one shard per master in table order, slot-less masters too, master then its replicas', () => {
    const t = cluster();
    t.cs.slots.setOwner(150, t.cs.nodes.get(A)!); // shards read ranges from the slot table
    t.server.masterReplOffset = 777;
    const shards = plain(clusterReplyShards(t.cs)) as unknown[][];
    expect(shards.map((s) => s[1])).toEqual([[0, 99, 150, 150], [100, 149, 151, 199], []]);
    expect(shards[0]![3]).toEqual([
      ['id', A, 'port', 30001, 'ip', '127.0.0.1', 'endpoint', '127.0.0.1', 'role', 'master', 'replication-offset', 777, 'health', 'online'],
      ['id', A1, 'port', 30004, 'ip', '127.0.0.1', 'endpoint', '127.0.0.1', 'role', 'replica', 'replication-offset', 100, 'health', 'online'],
    ]);
    expect((shards[1]![3] as unknown[][])[0]).toContain('hostname');
    expect(shards[2]).toEqual(['slots', [], 'nodes', [expect.arrayContaining(['id', C, 'role', 'master'])]]);
  });

  it('health is fail for a FAIL node, loading for a replica at offset 0, else online', () => {
    const t = cluster();
    t.cs.nodes.get(A1)!.replOffset = 0;
    t.cs.nodes.get(B)!.flags |= CLUSTER_NODE_FAIL;
    const shards = plain(clusterReplyShards(t.cs)) as unknown[][];
    const health = (shard: number, i: number): unknown => ((shards[shard]![3] as unknown[][])[i] as unknown[]).at(-1);
    expect([health(0, 0), health(0, 1), health(1, 0), health(1, 1)]).toEqual(['online', 'loading', 'fail', 'online']);
  });

  it('a node with port 0 has no port key; endpoint follows the preferred type', () => {
    const t = cluster({ clusterPreferredEndpointType: 'unknown-endpoint' });
    t.cs.nodes.get(C)!.port = 0;
    const shards = plain(clusterReplyShards(t.cs)) as unknown[][];
    expect((shards[2]![3] as unknown[][])[0]).toEqual(
      ['id', C, 'ip', '127.0.0.1', 'endpoint', '', 'role', 'master', 'replication-offset', 100, 'health', 'online'],
    );
  });
});

describe('CLUSTER LINKS', () => {
  it('per node in table order: outbound (to) then inbound (from); events r when up, w while bytes are queued', () => {
    const t = cluster();
    const [b, a1] = [t.cs.nodes.get(B)!, t.cs.nodes.get(A1)!];
    b.link = connectedLink(t, b, false, 1000);
    b.inboundLink = connectedLink(t, b, true, 900);
    a1.link = connectedLink(t, a1, false, 1100);
    a1.link.connected = false;
    b.link.sendBufBytes = 2256;
    expect(plain(clusterReplyLinks(t.cs))).toEqual([
      ['direction', 'to', 'node', B, 'create-time', 1000, 'events', 'rw', 'send-buffer-allocated', 2256, 'send-buffer-used', 2256],
      ['direction', 'from', 'node', B, 'create-time', 900, 'events', 'r', 'send-buffer-allocated', 0, 'send-buffer-used', 0],
      ['direction', 'to', 'node', A1, 'create-time', 1100, 'events', '', 'send-buffer-allocated', 0, 'send-buffer-used', 0],
    ]);
  });
});

describe('CLUSTER COUNT-FAILURE-REPORTS', () => {
  it('counts only reports younger than node timeout × 2; an unknown id is an error', () => {
    const t = cluster({ clusterNodeTimeout: 1000 });
    const [b, c] = [t.cs.nodes.get(B)!, t.cs.nodes.get(C)!];
    clusterNodeAddFailureReport(t.cs, c, t.cs.nodes.get(A)!);
    t.env.now += 1500;
    clusterNodeAddFailureReport(t.cs, c, b);
    expect(clusterReplyCountFailureReports(t.cs, C)).toEqual({ kind: 'int', value: 2 });
    t.env.now += 501;
    expect(clusterReplyCountFailureReports(t.cs, C)).toEqual({ kind: 'int', value: 1 });
    expect(clusterReplyCountFailureReports(t.cs, 'nosuchnode')).toEqual({ kind: 'error', text: 'ERR Unknown node nosuchnode' });
  });
});
