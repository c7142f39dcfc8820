import { describe, expect, it } from 'vitest';
import {
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_HANDSHAKE,
  CLUSTER_NODE_MASTER,
  CLUSTER_NODE_MEET,
  CLUSTER_NODE_MIGRATE_TO,
  CLUSTER_NODE_MYSELF,
  CLUSTER_NODE_NOADDR,
  CLUSTER_NODE_NOFAILOVER,
  CLUSTER_NODE_PFAIL,
  CLUSTER_NODE_SLAVE,
} from '../../sim/cluster/constants.ts';
import { ClusterLink } from '../../sim/cluster/link.ts';
import {
  clusterGenNodeDescription,
  clusterGenNodesDescription,
  representClusterNodeFlags,
} from '../../sim/cluster/nodes-format.ts';
import { addNode, connectedLink, emptyState, nodeId, type TestState } from './fake-env.ts';

const A = nodeId('a');
const B = nodeId('b');
const C = nodeId('c');
const A1 = nodeId('a1');

/** Myself = A (master 0-99, epoch 1), B (master 100-199, epoch 2), A1 replica of A. */
function small(): TestState {
  const t = emptyState();
  addNode(t, { name: A, port: 30001, flags: CLUSTER_NODE_MYSELF | CLUSTER_NODE_MASTER, epoch: 1, slots: [[0, 99]] });
  addNode(t, { name: B, port: 30002, epoch: 2, slots: [[100, 199]], link: true });
  addNode(t, { name: A1, port: 30004, replicaOf: A, epoch: 4, link: true });
  return t;
}

const line = (t: TestState, name: string): string =>
  clusterGenNodesDescription(t.cs)
    .split('\n')
    .find((l) => l.startsWith(name))!;

describe('CLUSTER NODES line fields', () => {
  it('a line is id, ip:port@cport, flags, master, ping_sent, pong_received, epoch, link state, slots', () => {
    const t = small();
    const b = t.cs.nodes.get(B)!;
    b.pingSent = 1767225601234;
    b.pongReceived = 1767225600999;
    expect(line(t, B)).toBe(`${B} 127.0.0.1:30002@40002 master - 1767225601234 1767225600999 2 connected 100-199`);
  });

  it('flags are listed in display order myself,master,slave,fail?,fail,handshake,noaddr,nofailover', () => {
    const all =
      CLUSTER_NODE_NOFAILOVER | CLUSTER_NODE_NOADDR | CLUSTER_NODE_HANDSHAKE | CLUSTER_NODE_FAIL | CLUSTER_NODE_PFAIL;
    expect(representClusterNodeFlags(all | CLUSTER_NODE_SLAVE | CLUSTER_NODE_MYSELF)).toBe(
      'myself,slave,fail?,fail,handshake,noaddr,nofailover',
    );
    expect(representClusterNodeFlags(CLUSTER_NODE_MASTER | CLUSTER_NODE_MYSELF)).toBe('myself,master');
  });

  it('MEET and MIGRATE_TO are never shown, and a node with no shown flag says noflags', () => {
    expect(representClusterNodeFlags(CLUSTER_NODE_MASTER | CLUSTER_NODE_MIGRATE_TO)).toBe('master');
    expect(representClusterNodeFlags(CLUSTER_NODE_MEET)).toBe('noflags');
    expect(representClusterNodeFlags(0)).toBe('noflags');
  });

  it("a replica's line shows its master's config epoch, not its own", () => {
    const t = small();
    expect(line(t, A1)).toBe(`${A1} 127.0.0.1:30004@40004 slave ${A} 0 0 1 connected`);
    t.cs.nodes.get(A)!.configEpoch = 9;
    expect(line(t, A1)).toContain(` ${A} 0 0 9 connected`);
  });

  it('a replica whose master is unknown shows - and its own epoch', () => {
    const t = small();
    const r = addNode(t, { name: C, port: 30005, flags: CLUSTER_NODE_SLAVE, epoch: 7 });
    expect(r.slaveof).toBeNull();
    expect(line(t, C)).toBe(`${C} 127.0.0.1:30005@40005 slave - 0 0 7 disconnected`);
  });

  it('link state is connected as soon as an outbound link object exists, even while still connecting', () => {
    const t = small();
    const c = addNode(t, { name: C, port: 30003 });
    expect(line(t, C)).toMatch(/ disconnected$/);
    c.link = new ClusterLink(t.env.now, c, false, 'conn');
    expect(c.link.connected).toBe(false);
    expect(line(t, C)).toMatch(/ 0 connected$/);
  });

  it('an inbound link alone leaves a node disconnected; myself is always connected', () => {
    const t = small();
    const c = addNode(t, { name: C, port: 30003 });
    c.inboundLink = connectedLink(t, c, true);
    expect(line(t, C)).toMatch(/ disconnected$/);
    expect(t.cs.myself.link).toBeNull();
    expect(line(t, A)).toMatch(/ 1 connected 0-99$/);
  });

  it('a hostname follows the bus port after a comma', () => {
    const t = small();
    t.cs.nodes.get(B)!.hostname = 'b.example';
    expect(line(t, B)).toMatch(new RegExp(`^${B} 127\\.0\\.0\\.1:30002@40002,b\\.example master `));
  });
});

describe('CLUSTER NODES slots', () => {
  it('slots are ascending ranges and a single slot has no dash, up to slot 16383', () => {
    const t = emptyState();
    addNode(t, { name: A, port: 30001, flags: CLUSTER_NODE_MYSELF | CLUSTER_NODE_MASTER, slots: [16383, 0, [5, 7], 9] });
    expect(line(t, A)).toMatch(/ connected 0 5-7 9 16383$/);
  });

  it('a single line without slot info renders the same ranges from the node bitmap', () => {
    const t = emptyState();
    const a = addNode(t, { name: A, port: 30001, flags: CLUSTER_NODE_MYSELF | CLUSTER_NODE_MASTER, slots: [[0, 3], 10, [16380, 16383]] });
    expect(clusterGenNodeDescription(t.cs, a)).toBe(line(t, A));
  });

  it('migrating slots appear only on the myself line, as [slot->-target]', () => {
    const t = small();
    t.cs.migratingSlotsTo.set(50, t.cs.nodes.get(B)!);
    expect(line(t, A)).toBe(`${A} 127.0.0.1:30001@40001 myself,master - 0 0 1 connected 0-99 [50->-${B}]`);
    expect(line(t, B)).not.toContain('[');
  });

  it('importing slots appear as [slot-<-source], all entries in slot order', () => {
    const t = small();
    const b = t.cs.nodes.get(B)!;
    t.cs.importingSlotsFrom.set(150, b);
    t.cs.migratingSlotsTo.set(60, b);
    t.cs.importingSlotsFrom.set(120, b);
    expect(line(t, A)).toMatch(new RegExp(`0-99 \\[60->-${B}\\] \\[120-<-${B}\\] \\[150-<-${B}\\]$`));
  });

  it('a slot both migrating and importing shows only its migrating entry', () => {
    const t = small();
    const b = t.cs.nodes.get(B)!;
    t.cs.migratingSlotsTo.set(50, b);
    t.cs.importingSlotsFrom.set(50, b);
    expect(line(t, A).match(/\[/g)).toHaveLength(1);
    expect(line(t, A)).toContain(`[50->-${B}]`);
  });
});

describe('CLUSTER NODES whole text', () => {
  it('lines follow the table iteration order and each ends with a newline', () => {
    const t = small();
    const text = clusterGenNodesDescription(t.cs);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n')).toHaveLength(4);
    expect(text.split('\n').map((l) => l.slice(0, 40))).toEqual([A, B, A1, '']);
  });

  it('handshake nodes are listed unless the filter excludes them', () => {
    const t = small();
    addNode(t, { name: C, port: 30009, flags: CLUSTER_NODE_HANDSHAKE | CLUSTER_NODE_MEET });
    expect(clusterGenNodesDescription(t.cs)).toContain(`${C} 127.0.0.1:30009@40009 handshake - 0 0 0 disconnected\n`);
    expect(clusterGenNodesDescription(t.cs, CLUSTER_NODE_HANDSHAKE)).not.toContain(C);
  });
});
