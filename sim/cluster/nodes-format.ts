// CLUSTER NODES lines, which are also the lines of nodes.conf (7.0.15's
// clusterGenNodeDescription / clusterGenNodesDescription):
//
//   <id> <ip>:<port>@<cport>[,<hostname>] <flags> <master|-> <ping_sent> <pong_received>
//   <config-epoch> <connected|disconnected> [<slot>|<start>-<end> ...] [myself only: [s->-id] [s-<-id] ...]
//
// Clients, redis-cli --cluster and the report tooling parse this text, so it
// must match Redis byte for byte.

import { CLUSTER_NODE_MYSELF, CLUSTER_SLOTS, NODE_FLAG_NAMES } from './constants.ts';
import { nodeIsMyself, nodeIsSlave, type ClusterNode } from './node.ts';
import type { ClusterState } from './state.ts';

/**
 * Module-local copy of CLUSTER_SLOTS: loops over all 16384 slots read it on
 * every step, and an imported binding costs a getter call per read under
 * vitest's module runner.
 */
const SLOTS = CLUSTER_SLOTS;

/** Ascending [start, end] slot ranges (Redis's slot_info_pairs). */
export type SlotRanges = readonly (readonly [number, number])[];

/** representClusterNodeFlags: display names in table order, or `noflags`. */
export function representClusterNodeFlags(flags: number): string {
  const names: string[] = [];
  for (const [bit, name] of NODE_FLAG_NAMES) if (flags & bit) names.push(name);
  return names.length ? names.join(',') : 'noflags';
}

/** representSlotInfo: ` 5` for a single slot, ` 0-99` for a range, each with a leading space. */
export function representSlotInfo(ranges: SlotRanges): string {
  let s = '';
  for (const [start, end] of ranges) s += start === end ? ` ${start}` : ` ${start}-${end}`;
  return s;
}

/**
 * clusterGenNodesSlotsInfo: every node's ranges, built in one pass over the
 * slot table (cs.slots) rather than one 16384-bit scan per node, which is
 * why Redis added it. Nodes with a flag in `filter` get no entry.
 */
export function clusterGenNodesSlotsInfo(cs: ClusterState, filter = 0): Map<ClusterNode, [number, number][]> {
  const info = new Map<ClusterNode, [number, number][]>();
  let owner: ClusterNode | null = null;
  let start = -1;
  for (let i = 0; i <= SLOTS; i++) {
    const n = i < SLOTS ? cs.slots.owner(i)! : null;
    if (n === owner) continue;
    if (owner && !(owner.flags & filter)) {
      let list = info.get(owner);
      if (!list) info.set(owner, (list = []));
      list.push([start, i - 1]);
    }
    owner = n;
    start = i;
  }
  return info;
}

/**
 * The myself-only suffix: ` [slot->-target]` for a migrating slot, else
 * ` [slot-<-source]` for an importing one, in slot order. A slot that is
 * both shows only its migrating entry (Redis tests migrating first).
 */
function migratingImportingInfo(cs: ClusterState): string {
  if (cs.migratingSlotsTo.size === 0 && cs.importingSlotsFrom.size === 0) return '';
  const slots = [...new Set([...cs.migratingSlotsTo.keys(), ...cs.importingSlotsFrom.keys()])].sort((a, b) => a - b);
  let s = '';
  for (const slot of slots) {
    const to = cs.migratingSlotsTo.get(slot);
    if (to) s += ` [${slot}->-${to.name}]`;
    else s += ` [${slot}-<-${cs.importingSlotsFrom.get(slot)!.name}]`;
  }
  return s;
}

/**
 * clusterGenNodeDescription: one line, without the trailing newline.
 * `slotInfo` is the node's entry from clusterGenNodesSlotsInfo when the
 * caller renders the whole table; without it the ranges come from the
 * node's own bitmap, as in Redis when slot_info_pairs is unset (CLUSTER
 * REPLICAS renders single lines that way).
 */
export function clusterGenNodeDescription(cs: ClusterState, node: ClusterNode, slotInfo?: SlotRanges): string {
  // No TLS in the model, so the client port is always node.port (Redis may
  // show the plaintext pport to non-TLS clients of a TLS cluster).
  const host = node.hostname ? `,${node.hostname}` : '';
  let ci = `${node.name} ${node.ip}:${node.port}@${node.cport}${host} ${representClusterNodeFlags(node.flags)}`;
  ci += ` ${node.slaveof ? node.slaveof.name : '-'}`;
  // A replica shows its master's epoch: its own configEpoch is meaningless
  // (it is 0 after a load and the header value in other nodes' tables).
  const nodeEpoch = nodeIsSlave(node) && node.slaveof ? node.slaveof.configEpoch : node.configEpoch;
  // "connected" means a link object exists, even one still connecting.
  const linkState = node.link || node.flags & CLUSTER_NODE_MYSELF ? 'connected' : 'disconnected';
  ci += ` ${node.pingSent} ${node.pongReceived} ${nodeEpoch} ${linkState}`;
  if (slotInfo) ci += representSlotInfo(slotInfo);
  else if (node.numslots > 0) ci += representSlotInfo(node.slots.ranges());
  if (nodeIsMyself(node)) ci += migratingImportingInfo(cs);
  return ci;
}

/**
 * clusterGenNodesDescription: every node not matching a flag of `filter`
 * (0 = all, including handshake nodes; nodes.conf passes HANDSHAKE), in the
 * table's iteration order, each line ending in `\n`.
 */
export function clusterGenNodesDescription(cs: ClusterState, filter = 0): string {
  const slotInfo = clusterGenNodesSlotsInfo(cs, filter);
  let ci = '';
  for (const node of cs.nodes.values()) {
    if (node.flags & filter) continue;
    // A node owning nothing in cs.slots falls back to its bitmap, like
    // Redis's slot_info_pairs == NULL branch (normally both are empty).
    ci += clusterGenNodeDescription(cs, node, slotInfo.get(node)) + '\n';
  }
  return ci;
}
