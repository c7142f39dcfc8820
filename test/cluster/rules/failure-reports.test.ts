// Failure reports (spec §6.2 step 1, §9.2; clusterProcessGossipSection and
// clusterNodeCleanupFailureReports in cluster.c 7.0.15): a gossip entry
// flagged PFAIL or FAIL is a report only when its sender is a master (in 7.0
// any master, even one without slots); one report per reporter, refreshed on
// repetition, valid for NT × 2, withdrawn when the reporter gossips the node
// as healthy again.

import { describe, expect, it } from 'vitest';
import { CLUSTERMSG_TYPE_PING, CLUSTER_NODE_FAIL, CLUSTER_NODE_MASTER, CLUSTER_NODE_PFAIL } from '../../../sim/cluster/constants.ts';
import { clusterNodeFailureReportsCount } from '../../../sim/cluster/failure-reports.ts';
import { clusterDelNode } from '../../../sim/cluster/node-table.ts';
import { ID, NT, THREE_BY_ONE, formed, gossip, logs, node, packet, recvIn, type Label, type TestState } from './helpers.ts';

/** `from` tells me (B's table) that A is PFAIL. */
function reportA(t: TestState, from: Label, flags = CLUSTER_NODE_MASTER | CLUSTER_NODE_PFAIL): void {
  const f = node(t, from);
  recvIn(t, f, packet(t, f, CLUSTERMSG_TYPE_PING, { gossip: [gossip(node(t, 'A'), flags)] }));
}

const reporters = (t: TestState, l: Label): string[] => node(t, l).failReports.map((fr) => fr.node.name);

describe('who may report', () => {
  it('a master reporting a node PFAIL adds a failure report, logged once', () => {
    const t = formed('B');
    reportA(t, 'C');
    expect(reporters(t, 'A')).toEqual([ID.C]);
    expect(logs(t, 'verbose')).toEqual([`Node ${ID.C} reported node ${ID.A} as not reachable.`]);
    reportA(t, 'C');
    expect(reporters(t, 'A')).toEqual([ID.C]);
    expect(logs(t, 'verbose')).toHaveLength(1);
  });

  it('FAIL in the entry counts like PFAIL', () => {
    const t = formed('B');
    reportA(t, 'C', CLUSTER_NODE_MASTER | CLUSTER_NODE_FAIL);
    expect(reporters(t, 'A')).toEqual([ID.C]);
  });

  it('a replica reporting a node PFAIL adds nothing', () => {
    const t = formed('B');
    reportA(t, 'C1');
    expect(reporters(t, 'A')).toEqual([]);
    expect(logs(t, 'verbose')).toEqual([]);
  });

  it('a master without slots still reports in 7.0 (Valkey 8 requires slots)', () => {
    const layout = { ...THREE_BY_ONE, masters: [...THREE_BY_ONE.masters, ['S', null, 0] as ['S', null, number]] };
    const t = formed('B', { layout });
    reportA(t, 'S');
    expect(reporters(t, 'A')).toEqual([ID.S]);
  });

  it('nobody can report me to myself', () => {
    const t = formed('A');
    reportA(t, 'C');
    expect(reporters(t, 'A')).toEqual([]);
  });
});

describe('how long a report lives', () => {
  it('a report is valid for NT × 2 after its last repetition, then pruned when counted', () => {
    const t = formed('B');
    const t0 = t.env.now;
    reportA(t, 'C');
    const a = node(t, 'A');
    t.env.now = t0 + 2 * NT;
    expect(clusterNodeFailureReportsCount(t.cs, a)).toBe(1);
    t.env.now = t0 + 2 * NT + 1;
    expect(clusterNodeFailureReportsCount(t.cs, a)).toBe(0);
    expect(a.failReports).toEqual([]);
  });

  it('repeating a report refreshes its time', () => {
    const t = formed('B');
    const t0 = t.env.now;
    reportA(t, 'C');
    t.env.now = t0 + NT;
    reportA(t, 'C');
    t.env.now = t0 + 3 * NT;
    expect(clusterNodeFailureReportsCount(t.cs, node(t, 'A'))).toBe(1);
  });

  it('the reporter gossiping the node healthy withdraws its report', () => {
    const t = formed('B');
    reportA(t, 'C');
    reportA(t, 'C', CLUSTER_NODE_MASTER);
    expect(reporters(t, 'A')).toEqual([]);
    expect(logs(t, 'verbose')).toContain(`Node ${ID.C} reported node ${ID.A} is back online.`);
  });

  it('a healthy entry from another master does not withdraw C’s report', () => {
    const layout = { ...THREE_BY_ONE, masters: [...THREE_BY_ONE.masters, ['S', null, 0] as ['S', null, number]] };
    const t = formed('B', { layout });
    reportA(t, 'C');
    reportA(t, 'S', CLUSTER_NODE_MASTER);
    expect(reporters(t, 'A')).toEqual([ID.C]);
  });

  it('deleting a node deletes the reports it made', () => {
    const t = formed('B');
    reportA(t, 'C');
    clusterDelNode(t.cs, node(t, 'C'));
    expect(reporters(t, 'A')).toEqual([]);
  });
});
