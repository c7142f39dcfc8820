import { describe, expect, it } from 'vitest';
import {
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_HANDSHAKE,
  CLUSTER_NODE_MASTER,
  CLUSTER_NODE_MIGRATE_TO,
  CLUSTER_NODE_MYSELF,
  CLUSTER_NODE_PFAIL,
  CLUSTER_NODE_SLAVE,
} from '../../sim/cluster/constants.ts';
import { clusterGenNodesConfig, clusterLoadConfig, type ClusterLoadResult } from '../../sim/cluster/nodes-conf.ts';
import { clusterGenNodesDescription } from '../../sim/cluster/nodes-format.ts';
import { addNode, emptyState, nodeId, type TestState } from './fake-env.ts';

const A = nodeId('a');
const B = nodeId('b');
const C = nodeId('c');
const A1 = nodeId('a1');
const B1 = nodeId('b1');
const H = nodeId('e');
const LOAD_TIME = 1_800_000_000_123;

/** A saved-looking table seen from A: B is failing, A1 replicates A, slot 50 migrates to B. */
function saved(): TestState {
  const t = emptyState();
  const a = addNode(t, { name: A, port: 30001, flags: CLUSTER_NODE_MYSELF | CLUSTER_NODE_MASTER, epoch: 1, slots: [[0, 99], 200] });
  a.pongReceived = 1767225600000;
  const b = addNode(t, { name: B, port: 30002, flags: CLUSTER_NODE_MASTER | CLUSTER_NODE_FAIL, epoch: 2, slots: [[100, 199]] });
  b.pingSent = 1767225611111;
  b.pongReceived = 1767225600222;
  const a1 = addNode(t, { name: A1, port: 30004, replicaOf: A, epoch: 4, link: true });
  a1.pongReceived = 1767225600333;
  addNode(t, { name: H, port: 30009, flags: CLUSTER_NODE_HANDSHAKE });
  t.cs.migratingSlotsTo.set(50, b);
  t.cs.importingSlotsFrom.set(150, b);
  t.cs.currentEpoch = 6;
  t.cs.lastVoteEpoch = 5;
  return t;
}

function load(text: string, now = LOAD_TIME): TestState & { result: ClusterLoadResult } {
  const t = emptyState();
  t.env.now = now;
  return { ...t, result: clusterLoadConfig(t.cs, text) };
}

/** Replace every non-zero ping_sent / pong_received field by `time`. */
function withLoadTimes(text: string, time: number): string {
  return text.replace(/^(\S+ \S+ \S+ \S+) (\d+) (\d+) /gm, (_m, head: string, ping: string, pong: string) =>
    `${head} ${ping === '0' ? 0 : time} ${pong === '0' ? 0 : time} `,
  );
}

describe('saving nodes.conf', () => {
  it('nodes.conf is the CLUSTER NODES lines without handshake nodes, then a vars line', () => {
    const t = saved();
    const text = clusterGenNodesConfig(t.cs);
    expect(clusterGenNodesDescription(t.cs)).toContain(H);
    expect(text).not.toContain(H);
    expect(text).toBe(clusterGenNodesDescription(t.cs, CLUSTER_NODE_HANDSHAKE) + 'vars currentEpoch 6 lastVoteEpoch 5\n');
  });
});

describe('loading nodes.conf', () => {
  it('round trip: save, load, save gives the same text except the load-time ping/pong substitutions', () => {
    const first = clusterGenNodesConfig(saved().cs);
    const t = load(first);
    expect(t.result).toBe('loaded');
    const second = clusterGenNodesConfig(t.cs);
    // Links are not saved: A1 (the only node with a link) reads disconnected after the load.
    const expected = withLoadTimes(first, LOAD_TIME).replace(`slave ${A} 0 ${LOAD_TIME} 1 connected`, `slave ${A} 0 ${LOAD_TIME} 1 disconnected`);
    expect(expected).not.toBe(withLoadTimes(first, LOAD_TIME));
    expect(second).toBe(expected);
    expect(clusterGenNodesConfig(load(second).cs)).toBe(second);
  });

  it('non-zero ping_sent / pong_received become the load time, zero stays zero', () => {
    const t = load(clusterGenNodesConfig(saved().cs));
    const b = t.cs.nodes.get(B)!;
    expect([b.pingSent, b.pongReceived]).toEqual([LOAD_TIME, LOAD_TIME]);
    const a = t.cs.nodes.get(A)!;
    expect([a.pingSent, a.pongReceived]).toEqual([0, LOAD_TIME]);
  });

  it('a fail flag sets fail_time to the load time; fail? sets no time', () => {
    const t = load(clusterGenNodesConfig(saved().cs));
    expect(t.cs.nodes.get(B)!.failTime).toBe(LOAD_TIME);
    const text = `${A} 127.0.0.1:30001@40001 myself,master - 0 0 1 connected\n${C} 127.0.0.1:30003@40003 master,fail? - 0 0 3 disconnected\n`;
    const c = load(text).cs.nodes.get(C)!;
    expect(c.flags).toBe(CLUSTER_NODE_MASTER | CLUSTER_NODE_PFAIL);
    expect(c.failTime).toBe(0);
  });

  it("a replica's configEpoch is loaded as 0, while its line still shows its master's epoch", () => {
    const t = load(clusterGenNodesConfig(saved().cs));
    const a1 = t.cs.nodes.get(A1)!;
    expect(a1.configEpoch).toBe(0);
    expect(a1.slaveof).toBe(t.cs.nodes.get(A));
    expect(clusterGenNodesDescription(t.cs)).toContain(`${A1} 127.0.0.1:30004@40004 slave ${A} 0 ${LOAD_TIME} 1 disconnected`);
  });

  it('a replica line before its master creates the master, which its own line completes', () => {
    const text =
      `${B1} 127.0.0.1:30005@40005 slave ${B} 0 0 2 connected\n` +
      `${A} 127.0.0.1:30001@40001 myself,master - 0 0 1 connected 0-8191\n` +
      `${B} 127.0.0.1:30002@40002 master - 0 0 2 connected 8192-16383\n`;
    const t = load(text);
    const b = t.cs.nodes.get(B)!;
    expect([...t.cs.nodes.keys()]).toEqual([B1, B, A]);
    expect(b.flags).toBe(CLUSTER_NODE_MASTER | CLUSTER_NODE_MIGRATE_TO);
    expect(b.slaves).toEqual([t.cs.nodes.get(B1)]);
    expect(b.configEpoch).toBe(2);
    expect(t.cs.slots.owner(16383)).toBe(b);
  });

  it('myself, roles, slots and migrating/importing entries are restored', () => {
    const t = load(clusterGenNodesConfig(saved().cs));
    const [a, b] = [t.cs.nodes.get(A)!, t.cs.nodes.get(B)!];
    expect(t.cs.myself).toBe(a);
    expect(a.flags & (CLUSTER_NODE_MYSELF | CLUSTER_NODE_MASTER)).toBe(CLUSTER_NODE_MYSELF | CLUSTER_NODE_MASTER);
    expect(t.cs.nodes.get(A1)!.flags & CLUSTER_NODE_SLAVE).toBeTruthy();
    expect([a.numslots, b.numslots, t.cs.slots.owner(200)]).toEqual([101, 100, a]);
    expect(t.cs.migratingSlotsTo.get(50)).toBe(b);
    expect(t.cs.importingSlotsFrom.get(150)).toBe(b);
    expect([t.cs.currentEpoch, t.cs.lastVoteEpoch]).toEqual([6, 5]);
  });

  it('currentEpoch is raised to the largest configEpoch when the vars line is lower or missing', () => {
    const text = `${A} 127.0.0.1:30001@40001 myself,master - 0 0 1 connected\n${B} 127.0.0.1:30002@40002 master - 0 0 9 connected\nvars currentEpoch 3 lastVoteEpoch 2\n`;
    const t = load(text);
    expect([t.cs.currentEpoch, t.cs.lastVoteEpoch]).toEqual([9, 2]);
  });

  it('a slot already bound by an earlier line stays with that node', () => {
    const text = `${A} 127.0.0.1:30001@40001 myself,master - 0 0 1 connected 0-10\n${B} 127.0.0.1:30002@40002 master - 0 0 2 connected 5-20\n`;
    const t = load(text);
    expect(t.cs.slots.owner(5)!.name).toBe(A);
    expect(t.cs.nodes.get(B)!.numslots).toBe(10);
  });

  it('an address without @cport gets port + 10000; a hostname after a comma is kept; IPv6 splits at the last colon', () => {
    const text = `${A} ::1:7000 myself,master - 0 0 1 connected\n${B} 10.0.0.2:7001@17999,b.example master - 0 0 2 connected\n`;
    const t = load(text);
    const [a, b] = [t.cs.nodes.get(A)!, t.cs.nodes.get(B)!];
    expect([a.ip, a.port, a.cport, a.hostname]).toEqual(['::1', 7000, 17000, '']);
    expect([b.ip, b.port, b.cport, b.hostname]).toEqual(['10.0.0.2', 7001, 17999, 'b.example']);
  });

  it('blank lines are skipped; unknown vars are skipped with a warning; success is logged', () => {
    const text = `\n${A} 127.0.0.1:30001@40001 myself,master - 0 0 1 connected\n\nvars currentEpoch 1 shardId 7 lastVoteEpoch 0\n`;
    const t = load(text);
    expect(t.result).toBe('loaded');
    expect(t.env.logs).toEqual([
      { level: 'warning', text: "Skipping unknown cluster config variable 'shardId'" },
      { level: 'notice', text: `Node configuration loaded, I'm ${A}` },
    ]);
  });
});

describe('corrupt nodes.conf', () => {
  const me = `${A} 127.0.0.1:30001@40001 myself,master - 0 0 1 connected`;
  const corrupt = (text: string): unknown => load(text).result;

  it('a zero-length file is "empty" (start as a new node), not an error', () => {
    expect(corrupt('')).toBe('empty');
  });

  it.each([
    ['no myself line', `${B} 127.0.0.1:30002@40002 master - 0 0 2 connected\n`],
    ['only a newline', '\n'],
    ['fewer than eight fields', `${me}\n${B} 127.0.0.1:30002@40002 master - 0 0\n`],
    ['an id that is not 40 characters', `${me}\n${B.slice(1)} 127.0.0.1:30002@40002 master - 0 0 2 connected\n`],
    ['an id with capitals', `${me}\n${B.toUpperCase()} 127.0.0.1:30002@40002 master - 0 0 2 connected\n`],
    ['an address without a port', `${me}\n${B} 127.0.0.1 master - 0 0 2 connected\n`],
    ['a slot out of range', `${me} 16384\n`],
    ['a migrating entry without its closing bracket', `${me} [5->-${B}\n`],
    ['two myself lines', `${me}\n${B} 127.0.0.1:30002@40002 myself,master - 0 0 2 connected\n`],
    ['a vars line missing a value', `${me}\nvars currentEpoch\n`],
  ])('%s is a corrupted config file', (_what, text) => {
    expect(corrupt(text)).toMatchObject({ error: 'Unrecoverable error: corrupted cluster config file.' });
  });

  it('an unknown flag is a panic with its own message', () => {
    expect(corrupt(`${me.replace('myself,master', 'myself,primary')}\n`)).toMatchObject({
      error: 'Unknown flag in redis cluster config file',
      detail: "flag 'primary'",
    });
  });
});
