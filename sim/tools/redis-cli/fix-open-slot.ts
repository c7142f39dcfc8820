// clusterManagerFixOpenSlot: a slot left MIGRATING/IMPORTING somewhere (an
// interrupted reshard, a crash mid-migration). Find who owns it or holds its
// keys; if nobody clearly does, make the node with most keys the owner; then
// close the migration by the first case that fits:
//   1. one node migrating, one importing: finish the move;
//   2. only importing nodes: move their keys to the owner, close them;
//   3. one migrating, several importing (empty): move to the migration's
//      destination if it is among them, else close everything;
//   4. one migrating, nobody importing, no keys left: just close it.

import { call, replyItems, replyOk, type Proc } from './effects.ts';
import type { ClusterManager } from './manager.ts';
import { moveSlot, OPT_COLD, OPT_UPDATE, OPT_VERBOSE } from './move-slot.ts';
import type { CliNode } from './node.ts';
import { getNodeWithMostKeysInSlot, refuseWithUnreachableMasters } from './fix-coverage.ts';
import { checkReply, clearSlotStatus, countKeysInSlot, delSlot, setSlotOrPrint, setSlotOwner } from './slot-ops.ts';

const remove = (list: CliNode[], n: CliNode): void => {
  const i = list.indexOf(n);
  if (i >= 0) list.splice(i, 1);
};
const addrs = (list: CliNode[]): string => list.map((n) => `${n.ip}:${n.port}`).join(',');

export function* fixOpenSlot(cm: ClusterManager, slot: number): Proc<boolean> {
  const out = cm.out;
  refuseWithUnreachableMasters(cm, 'open slots');
  out.log(`>>> Fixing open slot ${slot}\n`);
  const masters = cm.masters();
  // Nodes claiming the slot in their configuration or holding keys of it.
  const owners: CliNode[] = [];
  for (const n of masters) {
    if (n.slots[slot]) owners.push(n);
    else {
      const r = yield* call(n, 'CLUSTER', 'COUNTKEYSINSLOT', slot);
      if (!checkReply(cm, n, r)) return false;
      if (r!.kind === 'int' && r!.value > 0) {
        out.log(`*** Found keys about slot ${slot} in non-owner node ${n.ip}:${n.port}!\n`);
        owners.push(n);
      }
    }
  }
  let owner: CliNode | null = owners.length === 1 ? owners[0]! : null;

  const migrating: CliNode[] = [];
  const importing: CliNode[] = [];
  for (const n of masters) {
    if (n.migrating.some(([s]) => Number(s) === slot)) migrating.push(n);
    else if (n.importing.some(([s]) => Number(s) === slot)) importing.push(n);
    else if (n !== owner) {
      // Neither migrating nor importing but holding keys: it counts as importing.
      const r = yield* call(n, 'CLUSTER', 'COUNTKEYSINSLOT', slot);
      if (!checkReply(cm, n, r)) return false;
      if (r!.kind === 'int' && r!.value > 0) {
        out.log(`*** Found keys about slot ${slot} in node ${n.ip}:${n.port}!\n`);
        importing.push(n);
      }
    }
  }
  const migratingStr = addrs(migrating);
  const importingStr = addrs(importing);
  if (migratingStr) out.out(`Set as migrating in: ${migratingStr}\n`);
  if (importingStr) out.out(`Set as importing in: ${importingStr}\n`);

  if (owner === null) {
    out.log('>>> No single clear owner for the slot, selecting an owner by # of keys...\n');
    owner = yield* getNodeWithMostKeysInSlot(cm, cm.nodes ?? [], slot);
    if (owner === null) {
      out.log("[ERR] Can't select a slot owner. Impossible to fix.\n");
      return false;
    }
    out.log(`*** Configuring ${owner.ip}:${owner.port} as the slot owner\n`);
    if (!(yield* clearSlotStatus(cm, owner, slot))) return false;
    if (!(yield* setSlotOwner(cm, owner, slot, false))) return false;
    owner.slots[slot] = 1;
    remove(migrating, owner);
    remove(importing, owner);
  }

  // Several owners: keep one, make the others importing from it.
  if (owners.length > 1) {
    for (const n of owners) {
      if (n === owner) continue;
      if (!(yield* delSlot(cm, n, slot, true))) return false;
      n.slots[slot] = 0;
      if (!(yield* setSlotOrPrint(cm, n, owner, slot, 'node'))) return false;
      if (!(yield* setSlotOrPrint(cm, n, owner, slot, 'importing'))) return false;
      remove(importing, n);
      importing.push(n);
      remove(migrating, n);
    }
  }

  if (migrating.length === 1 && importing.length === 1) {
    const [src, dst] = [migrating[0]!, importing[0]!];
    out.log(`>>> Case 1: Moving slot ${slot} from ${src.ip}:${src.port} to ${dst.ip}:${dst.port}\n`);
    return (yield* moveSlot(cm, src, dst, slot, OPT_VERBOSE | OPT_UPDATE, false)).ok;
  }
  if (migrating.length === 0 && importing.length > 0) {
    // redis-cli prints the slot number where it means the key count.
    out.log(`>>> Case 2: Moving all the ${slot} slot keys to its owner ${owner.ip}:${owner.port}\n`);
    for (const n of importing) {
      if (n === owner) continue;
      if (!(yield* moveSlot(cm, n, owner, slot, OPT_VERBOSE | OPT_COLD, false)).ok) return false;
      out.log(`>>> Setting ${slot} as STABLE in ${n.ip}:${n.port}\n`);
      if (!(yield* clearSlotStatus(cm, n, slot))) return false;
    }
    // Moved cold: tell every other master who owns it now.
    for (const n of cm.nodes ?? []) {
      if (n === owner || n.isSlave) continue;
      if (!(yield* setSlotOrPrint(cm, n, owner, slot, 'NODE'))) return false;
    }
    return true;
  }
  if (migrating.length === 1 && importing.length > 1) {
    const src = migrating[0]!;
    const targetId = src.migrating.find(([s]) => Number(s) === slot)![1];
    let dst: CliNode | null = null;
    for (const n of importing) {
      if ((yield* countKeysInSlot(cm, n, slot)) > 0) return unhandled(cm, slot, migratingStr, importingStr, owner);
      if (n.name === targetId) dst = n;
    }
    if (dst !== null) {
      out.log(`>>> Case 3: Moving slot ${slot} from ${src.ip}:${src.port} to ${dst.ip}:${dst.port} and closing it on all the other importing nodes.\n`);
      if (!(yield* moveSlot(cm, src, dst, slot, OPT_VERBOSE, false)).ok) return false;
      for (const n of importing) if (n !== dst && !(yield* clearSlotStatus(cm, n, slot))) return false;
      return true;
    }
    out.log(`>>> Case 3: Closing slot ${slot} on both migrating and importing nodes.\n`);
    if (!(yield* clearSlotStatus(cm, src, slot))) return false;
    for (const n of importing) if (!(yield* clearSlotStatus(cm, n, slot))) return false;
    return true;
  }
  let tryToClose = importing.length === 0 && migrating.length === 1;
  if (tryToClose) {
    const n = migrating[0]!;
    if (owner !== n) {
      const r = yield* call(n, 'CLUSTER', 'GETKEYSINSLOT', slot, 10);
      if (!checkReply(cm, n, r)) return false;
      tryToClose = replyOk(r) && replyItems(r).length === 0;
    }
  }
  if (!tryToClose) return unhandled(cm, slot, migratingStr, importingStr, owner);
  const n = migrating[0]!;
  out.log(`>>> Case 4: Closing slot ${slot} on ${n.ip}:${n.port}\n`);
  return checkReply(cm, n, yield* call(n, 'CLUSTER', 'SETSLOT', slot, 'STABLE'));
}

function unhandled(cm: ClusterManager, slot: number, migratingStr: string, importingStr: string, owner: CliNode): boolean {
  cm.out.log(
    `[ERR] Sorry, redis-cli can't fix this slot yet (work in progress). Slot is set as migrating in ${migratingStr}, as importing in ${importingStr}, owner is ${owner.ip}:${owner.port}\n`,
  );
  return false;
}
