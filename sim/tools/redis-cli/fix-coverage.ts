// Slots nobody serves (clusterManagerFixSlotsCoverage) and slots claimed by
// several masters (clusterManagerFixMultipleSlotOwners). Uncovered slots are
// sorted by where their keys are: nowhere (give them to a random master),
// on one node (give them to it), on several (pick the node with most keys
// and move the others' keys there). Each group asks for confirmation, and
// --cluster-yes does not answer these prompts: only stdin does.

import { call, CliExit, replyItems, type Proc } from './effects.ts';
import { slotsString } from './format.ts';
import { nodeMasterRandom, type ClusterManager } from './manager.ts';
import { moveSlot, OPT_COLD, OPT_VERBOSE } from './move-slot.ts';
import { CLUSTER_MANAGER_SLOTS, type CliNode } from './node.ts';
import { checkReply, clearSlotStatus, countKeysInSlot, delSlot, setSlotOrPrint, setSlotOwner } from './slot-ops.ts';

/**
 * Both fixes stop (exit 1) when masters are unreachable, unless
 * --cluster-fix-with-unreachable-masters: `what` is "slots coverage" or "open slots".
 */
export function refuseWithUnreachableMasters(cm: ClusterManager, what: string): void {
  if (cm.unreachableMasters === 0 || cm.cmd.fixWithUnreachableMasters) return;
  cm.out.log(
    `*** Fixing ${what} with ${cm.unreachableMasters} unreachable masters is dangerous: redis-cli will assume that slots about masters that are not reachable are not covered, and will try to reassign them to the reachable nodes. This can cause data loss and is rarely what you want to do. If you really want to proceed use the --cluster-fix-with-unreachable-masters option.\n`,
  );
  throw new CliExit(1);
}

/** clusterManagerGetNodeWithMostKeysInSlot (masters only; null on an error reply). */
export function* getNodeWithMostKeysInSlot(cm: ClusterManager, nodes: readonly CliNode[], slot: number): Proc<CliNode | null> {
  let node: CliNode | null = null;
  let numkeys = 0;
  for (const n of nodes) {
    if (n.isSlave || n.replicate !== null) continue;
    const r = yield* call(n, 'CLUSTER', 'COUNTKEYSINSLOT', slot);
    if (!checkReply(cm, n, r)) return null;
    const v = r!.kind === 'int' ? r!.value : 0;
    if (v > numkeys || node === null) {
      numkeys = v;
      node = n;
    }
  }
  return node;
}

function printSlotsList(cm: ClusterManager, slots: readonly number[]): void {
  const bits = new Uint8Array(CLUSTER_MANAGER_SLOTS);
  for (const s of slots) bits[s] = 1;
  cm.out.out(`${slotsString(bits)}\n`);
}

/** Returns the number of slots fixed, or -1 on an error. */
export function* fixSlotsCoverage(cm: ClusterManager, covered: Uint8Array): Proc<number> {
  const out = cm.out;
  refuseWithUnreachableMasters(cm, 'slots coverage');
  out.log('>>> Fixing slots coverage...\n');
  // Which masters hold keys of each uncovered slot (in slot order; redis-cli's hash table order may differ).
  const holders = new Map<number, CliNode[]>();
  for (let i = 0; i < CLUSTER_MANAGER_SLOTS; i++) {
    if (covered[i]) continue;
    const withKeys: CliNode[] = [];
    for (const n of cm.nodes ?? []) {
      if (n.isSlave || n.replicate !== null) continue;
      const r = yield* call(n, 'CLUSTER', 'GETKEYSINSLOT', i, 1);
      if (!checkReply(cm, n, r)) return -1;
      if (replyItems(r).length > 0) withKeys.push(n);
    }
    holders.set(i, withKeys);
  }
  const none = [...holders].filter(([, ns]) => ns.length === 0).map(([s]) => s);
  const single = [...holders].filter(([, ns]) => ns.length === 1).map(([s]) => s);
  const multi = [...holders].filter(([, ns]) => ns.length > 1).map(([s]) => s);
  let fixed = 0;

  // No keys anywhere: a random master; keys on one node: that node.
  const groups = [
    { slots: none, what: 'have no keys across the cluster', ask: 'Fix these slots by covering with a random node?', pick: () => nodeMasterRandom(cm) },
    { slots: single, what: 'have keys in just one node', ask: 'Fix these slots by covering with those nodes?', pick: (s: number) => holders.get(s)![0]! },
  ];
  for (const g of groups) {
    if (g.slots.length === 0) continue;
    out.out(`The following uncovered slots ${g.what}:\n`);
    printSlotsList(cm, g.slots);
    if (!cm.confirmWithYes(g.ask, true)) continue;
    for (const s of g.slots) {
      const n = g.pick(s);
      out.log(`>>> Covering slot ${s} with ${n.ip}:${n.port}\n`);
      if (!(yield* setSlotOwner(cm, n, s, false))) return -1;
      n.slots[s] = 1;
      fixed++;
    }
  }
  if (multi.length > 0) {
    out.out('The following uncovered slots have keys in multiple nodes:\n');
    printSlotsList(cm, multi);
    if (cm.confirmWithYes('Fix these slots by moving keys into a single node?', true)) {
      for (const s of multi) {
        const nodes = holders.get(s)!;
        const target = yield* getNodeWithMostKeysInSlot(cm, nodes, s);
        if (target === null) return -1;
        out.log(`>>> Covering slot ${s} moving keys to ${target.ip}:${target.port}\n`);
        if (!(yield* setSlotOwner(cm, target, s, true))) return -1;
        target.slots[s] = 1;
        for (const src of nodes) {
          if (src === target) continue;
          if (!(yield* setSlotOrPrint(cm, src, target, s, 'NODE'))) return -1;
          // Importing on the source too (though its keys leave), so that MIGRATE is not redirected.
          if (!(yield* setSlotOrPrint(cm, src, target, s, 'IMPORTING'))) return -1;
          if (!(yield* moveSlot(cm, src, target, s, OPT_VERBOSE | OPT_COLD, false)).ok) return -1;
          if (!(yield* clearSlotStatus(cm, src, s))) return -1;
        }
        fixed++;
      }
    }
  }
  return fixed;
}

/** clusterManagerFixMultipleSlotOwners: one owner (most keys), the others forget the slot and hand over their keys. */
export function* fixMultipleSlotOwners(cm: ClusterManager, slot: number, owners: CliNode[]): Proc<boolean> {
  cm.out.log(`>>> Fixing multiple owners for slot ${slot}...\n`);
  const owner = (yield* getNodeWithMostKeysInSlot(cm, owners, slot)) ?? owners[0]!;
  cm.out.log(`>>> Setting slot ${slot} owner: ${owner.ip}:${owner.port}\n`);
  if (!(yield* setSlotOwner(cm, owner, slot, false))) return false;
  let ok = false;
  for (const n of cm.nodes ?? []) {
    if (n === owner || n.isSlave) continue;
    const count = yield* countKeysInSlot(cm, n, slot);
    ok = count >= 0;
    if (!ok) break;
    yield* delSlot(cm, n, slot, true);
    if (!(yield* setSlotOrPrint(cm, n, owner, slot, 'node'))) return false;
    if (count > 0) {
      ok = (yield* moveSlot(cm, n, owner, slot, OPT_VERBOSE | OPT_COLD, false)).ok;
      if (!ok) break;
    }
  }
  return ok;
}
