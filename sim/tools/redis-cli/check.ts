// clusterManagerCheckCluster: do the nodes agree, are slots open (migrating
// or importing anywhere), are all 16384 covered, and optionally does any
// slot have several owners. With `fix` each problem found is handed to its
// fixer. Also the per-master summary that `check` and `info` print first.

import { call, replyInt, type Proc } from './effects.ts';
import { isConfigConsistent } from './consistency.ts';
import { fixMultipleSlotOwners, fixSlotsCoverage } from './fix-coverage.ts';
import { fixOpenSlot } from './fix-open-slot.ts';
import { fixed2, nodeInfo } from './format.ts';
import type { ClusterManager } from './manager.ts';
import { CLUSTER_MANAGER_SLOTS, type CliNode } from './node.ts';
import { countKeysInSlot } from './slot-ops.ts';

/** clusterManagerShowNodes. */
export function showNodes(cm: ClusterManager): void {
  for (const node of cm.nodes ?? []) cm.out.out(`${nodeInfo(node, 0)}\n`);
}

/** clusterManagerShowClusterInfo: keys, slots and replicas per master, from DBSIZE. */
export function* showClusterInfo(cm: ClusterManager): Proc<void> {
  let masters = 0;
  let keys = 0;
  for (const node of cm.nodes ?? []) {
    if (node.isSlave || node.name === null) continue;
    const replicas = (cm.nodes ?? []).filter((n) => n !== node && n.isSlave && n.replicate === node.name).length;
    const r = yield* call(node, 'DBSIZE');
    if (r === null || r.kind !== 'int') {
      cm.printReplyError(node, r !== null && r.kind === 'error' ? r.text : '');
      return;
    }
    const dbsize = replyInt(r);
    cm.out.out(`${node.ip}:${node.port} (${node.name.slice(0, 8)}...) -> ${dbsize} keys | ${node.slotsCount} slots | ${replicas} slaves.\n`);
    masters++;
    keys += dbsize;
  }
  cm.out.log(`[OK] ${keys} keys in ${masters} masters.\n`);
  cm.out.out(`${fixed2(Math.fround(keys / Math.fround(CLUSTER_MANAGER_SLOTS)))} keys per slot on average.\n`);
}

/** clusterManagerGetCoveredSlots: marks covered slots, returns how many. */
export function coveredSlots(cm: ClusterManager, all: Uint8Array): number {
  let total = 0;
  for (const node of cm.nodes ?? []) {
    for (let i = 0; i < CLUSTER_MANAGER_SLOTS; i++) {
      if (node.slots[i] && !all[i]) {
        all[i] = 1;
        total++;
      }
    }
  }
  return total;
}

/**
 * The open slots and the nodes reporting them. redis-cli keeps them in a
 * hash table and fixes them in its iteration order; here they are in slot
 * order (the same set, possibly a different order when several are open).
 */
function openSlots(cm: ClusterManager): number[] {
  const open = new Set<number>();
  for (const n of cm.nodes ?? []) {
    for (const [kind, list] of [['migrating', n.migrating], ['importing', n.importing]] as const) {
      if (list.length === 0) continue;
      for (const [slot] of list) open.add(Number(slot));
      cm.onError(`[WARNING] Node ${n.ip}:${n.port} has slots in ${kind} state ${list.map(([s]) => s).join(',')}.`);
    }
  }
  return [...open].sort((a, b) => a - b);
}

export function* checkCluster(cm: ClusterManager, quiet: boolean): Proc<boolean> {
  const first = cm.nodes?.[0];
  if (!first) return false;
  const out = cm.out;
  out.log(`>>> Performing Cluster Check (using node ${first.ip}:${first.port})\n`);
  let result = true;
  if (!quiet) showNodes(cm);
  if (!(yield* isConfigConsistent(cm))) {
    cm.onError("[ERR] Nodes don't agree about configuration!");
    result = false;
  } else out.log('[OK] All nodes agree about slots configuration.\n');

  out.log('>>> Check for open slots...\n');
  const open = openSlots(cm);
  if (open.length > 0) {
    result = false;
    out.log(`[WARNING] The following slots are open: ${open.join(',')}.\n`);
    if (cm.cmd.fix) {
      for (const slot of open) {
        result = yield* fixOpenSlot(cm, slot);
        if (!result) break;
      }
    }
  }

  out.log('>>> Check slots coverage...\n');
  const slots = new Uint8Array(CLUSTER_MANAGER_SLOTS);
  if (coveredSlots(cm, slots) === CLUSTER_MANAGER_SLOTS) out.log(`[OK] All ${CLUSTER_MANAGER_SLOTS} slots covered.\n`);
  else {
    cm.onError(`[ERR] Not all ${CLUSTER_MANAGER_SLOTS} slots are covered by nodes.\n`);
    result = false;
    if (cm.cmd.fix && (yield* fixSlotsCoverage(cm, slots)) > 0) result = true;
  }

  if (cm.cmd.searchMultipleOwners) result = (yield* checkMultipleOwners(cm)) && result;
  return result;
}

/** --cluster-search-multiple-owners: every slot claimed (or holding keys) on more than one master. */
function* checkMultipleOwners(cm: ClusterManager): Proc<boolean> {
  cm.out.log('>>> Check for multiple slot owners...\n');
  let result = true;
  let multiple = 0;
  for (let slot = 0; slot < CLUSTER_MANAGER_SLOTS; slot++) {
    const owners: CliNode[] = [];
    for (const n of cm.masters()) {
      if (n.slots[slot]) owners.push(n);
      else if ((yield* countKeysInSlot(cm, n, slot)) > 0) owners.push(n);
    }
    if (owners.length <= 1) continue;
    result = false;
    cm.out.log(`[WARNING] Slot ${slot} has ${owners.length} owners:\n`);
    for (const n of owners) cm.out.log(`    ${n.ip}:${n.port}\n`);
    multiple++;
    if (cm.cmd.fix) {
      result = yield* fixMultipleSlotOwners(cm, slot, owners);
      if (!result) {
        cm.out.log(`Failed to fix multiple owners for slot ${slot}\n`);
        break;
      }
      multiple--;
    }
  }
  if (multiple === 0) cm.out.log('[OK] No multiple owners found.\n');
  return result;
}
