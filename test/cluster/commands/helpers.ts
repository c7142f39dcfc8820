// Shared fixtures for the CLUSTER command tests: a small cluster seen from
// one node, and a one-call way to run a subcommand against it.

import { clusterCommand } from '../../../sim/cluster/commands/cluster-command.ts';
import { CLUSTER_NODE_MASTER, CLUSTER_NODE_MYSELF, CLUSTER_NODE_SLAVE } from '../../../sim/cluster/constants.ts';
import type { ServerConfig } from '../../../sim/config/index.ts';
import { clusterGenNodesConfig } from '../../../sim/cluster/nodes-conf.ts';
import { replyToLine } from '../../../sim/core/reply.ts';
import { addNode, emptyState, nodeId, type TestState } from '../fake-env.ts';

export const [A, B, C, A1, B1] = ['a', 'b', 'c', 'a1', 'b1'].map(nodeId) as [string, string, string, string, string];

/**
 * Three shards seen from `me`: A 0-99 (epoch 1), B 100-199 (epoch 2),
 * C 200-299 (epoch 3), A1 replica of A, B1 replica of B. currentEpoch 3.
 * Every node but myself has a connected outbound link.
 */
export function threeShards(me: string = A, config: Partial<ServerConfig> = {}): TestState {
  const t = emptyState(config);
  const flag = (n: string, role: number): number => role | (n === me ? CLUSTER_NODE_MYSELF : 0);
  const link = (n: string): boolean => n !== me;
  addNode(t, { name: A, port: 30001, epoch: 1, slots: [[0, 99]], flags: flag(A, CLUSTER_NODE_MASTER), link: link(A) });
  addNode(t, { name: B, port: 30002, epoch: 2, slots: [[100, 199]], flags: flag(B, CLUSTER_NODE_MASTER), link: link(B) });
  addNode(t, { name: C, port: 30003, epoch: 3, slots: [[200, 299]], flags: flag(C, CLUSTER_NODE_MASTER), link: link(C) });
  addNode(t, { name: A1, port: 30004, replicaOf: A, flags: flag(A1, CLUSTER_NODE_SLAVE), link: link(A1) });
  addNode(t, { name: B1, port: 30005, replicaOf: B, flags: flag(B1, CLUSTER_NODE_SLAVE), link: link(B1) });
  t.cs.currentEpoch = 3;
  return t;
}

/** A lone master with no slots, as a brand-new node. */
export function loneMaster(config: Partial<ServerConfig> = {}): TestState {
  const t = emptyState(config);
  addNode(t, { name: A, port: 30001, flags: CLUSTER_NODE_MYSELF | CLUSTER_NODE_MASTER });
  return t;
}

/** Run CLUSTER <args...> on the test node; the reply as one line (`OK`, `-ERR ...`, `(integer) 3`). */
export function cluster(t: TestState, ...args: string[]): string {
  const ctx = { cs: t.cs, saveConfigNow: () => t.env.saveConfig(() => clusterGenNodesConfig(t.cs)) };
  return replyToLine(clusterCommand(ctx, ['CLUSTER', ...args]));
}

/** Log texts at a level, in order. */
export const logs = (t: TestState, level?: string): string[] =>
  t.env.logs.filter((l) => level === undefined || l.level === level).map((l) => l.text);

/** Events of one name, as `subject detail`. */
export const events = (t: TestState, name: string): string[] =>
  t.env.events.filter((e) => e.event === name).map((e) => `${e.subject} ${e.detail}`);

/** Labels of the bus messages sent, each with the first 4 characters of the recipient link. */
export const sentLabels = (t: TestState): string[] => t.env.sent.map((s) => `${s.label}->${String(s.conn).slice(5, 9)}`);
