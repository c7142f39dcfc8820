// The single-slot commands redis-cli builds its algorithms from
// (clusterManagerSetSlot, ClearSlotStatus, DelSlot, AddSlot, CountKeysInSlot,
// BumpEpoch, GetSlotOwner, SetSlotOwner), with the same error reporting:
// some print the node's error, some hand it back to the caller.

import type { Reply } from '../../core/reply.ts';
import { call, isErr, replyInt, replyItems, replyOk, replyString, type Proc } from './effects.ts';
import type { ClusterManager } from './manager.ts';
import type { CliNode } from './node.ts';

export type SetSlotResult = { ok: true } | { ok: false; err: string };

/** clusterManagerSetSlot: CLUSTER SETSLOT <slot> <status> <node2's ID>. */
export function* setSlot(node1: CliNode, node2: CliNode, slot: number, status: string): Proc<SetSlotResult> {
  const r = yield* call(node1, 'CLUSTER', 'SETSLOT', slot, status, node2.name ?? '');
  if (r === null) return { ok: false, err: 'CLUSTER SETSLOT failed to run' };
  if (isErr(r)) return { ok: false, err: r.text };
  return { ok: true };
}

/** clusterManagerSetSlot with err == NULL: the error is printed. */
export function* setSlotOrPrint(cm: ClusterManager, node1: CliNode, node2: CliNode, slot: number, status: string): Proc<boolean> {
  const r = yield* call(node1, 'CLUSTER', 'SETSLOT', slot, status, node2.name ?? '');
  if (r === null) return false;
  if (isErr(r)) {
    cm.printReplyError(node1, r.text);
    return false;
  }
  return true;
}

/** Print the error of a reply that is one (CheckRedisReply with err == NULL); true when fine. */
export function checkReply(cm: ClusterManager, n: CliNode, r: Reply | null): boolean {
  if (isErr(r)) cm.printReplyError(n, r.text);
  return replyOk(r);
}

export function* clearSlotStatus(cm: ClusterManager, node: CliNode, slot: number): Proc<boolean> {
  return checkReply(cm, node, yield* call(node, 'CLUSTER', 'SETSLOT', slot, 'STABLE'));
}

/** clusterManagerGetSlotOwner: the owner of `slot` by n's CLUSTER SLOTS, null if unassigned; err on an error reply. */
export function* getSlotOwner(cm: ClusterManager, n: CliNode, slot: number): Proc<{ owner: CliNode | null; err: string | null }> {
  const r = yield* call(n, 'CLUSTER', 'SLOTS');
  if (!replyOk(r)) return { owner: null, err: isErr(r) ? r.text : null };
  for (const range of replyItems(r)) {
    const [from, to, master] = replyItems(range);
    if (!from || !to || !master || slot < replyInt(from) || slot > replyInt(to)) continue;
    const fields = replyItems(master);
    let owner: CliNode | undefined;
    if (fields.length >= 3) owner = cm.nodeByName(replyString(fields[2]!));
    else {
      const ip = replyString(fields[0]!);
      const port = replyInt(fields[1]!);
      owner = (cm.nodes ?? []).find((nd) => nd.ip === ip && nd.port === port);
    }
    if (owner) return { owner, err: null };
  }
  return { owner: null, err: null };
}

/**
 * clusterManagerDelSlot: CLUSTER DELSLOTS; with `ignoreUnassigned`, an
 * error is fine when the node (by its CLUSTER SLOTS) has no owner for it.
 */
export function* delSlot(cm: ClusterManager, node: CliNode, slot: number, ignoreUnassigned: boolean): Proc<boolean> {
  const r = yield* call(node, 'CLUSTER', 'DELSLOTS', slot);
  let ok = replyOk(r);
  if (!ok && isErr(r) && ignoreUnassigned) {
    const { owner, err } = yield* getSlotOwner(cm, node, slot);
    if (!owner) {
      if (err === null) ok = true;
      else cm.printReplyError(node, err);
    }
  }
  if (!ok && isErr(r)) cm.printReplyError(node, r.text);
  return ok;
}

/** clusterManagerCountKeysInSlot: -1 on error. */
export function* countKeysInSlot(cm: ClusterManager, node: CliNode, slot: number): Proc<number> {
  const r = yield* call(node, 'CLUSTER', 'COUNTKEYSINSLOT', slot);
  if (!checkReply(cm, node, r)) return -1;
  return r!.kind === 'int' ? r!.value : -1;
}

/**
 * Run commands as one MULTI/EXEC (clusterManagerStartTransaction/Exec);
 * null when the transaction itself failed. A server without MULTI gets
 * the commands one by one: the simulated nodes run each command to
 * completion anyway, so nothing can come between them but other clients.
 */
export function* transaction(cm: ClusterManager, node: CliNode, cmds: (string | number)[][]): Proc<(Reply | null)[] | null> {
  const multi = yield* call(node, 'MULTI');
  if (isErr(multi) && /^ERR unknown command/.test(multi.text)) {
    const replies: (Reply | null)[] = [];
    for (const c of cmds) replies.push(yield* call(node, ...c));
    return replies;
  }
  if (!checkReply(cm, node, multi)) return null;
  for (const c of cmds) yield* call(node, ...c);
  const exec = yield* call(node, 'EXEC');
  if (!checkReply(cm, node, exec) || exec!.kind !== 'array') return null;
  return replyItems(exec!);
}

/**
 * clusterManagerSetSlotOwner: in one transaction DELSLOTS (if assigned),
 * ADDSLOTS, optionally SETSLOT STABLE, and BUMPEPOCH. Only an ADDSLOTS error counts.
 */
export function* setSlotOwner(cm: ClusterManager, owner: CliNode, slot: number, doClear: boolean): Proc<boolean> {
  const cmds: (string | number)[][] = [
    ['CLUSTER', 'DELSLOTS', slot],
    ['CLUSTER', 'ADDSLOTS', slot],
  ];
  if (doClear) cmds.push(['CLUSTER', 'SETSLOT', slot, 'STABLE']);
  cmds.push(['CLUSTER', 'BUMPEPOCH']);
  const replies = yield* transaction(cm, owner, cmds);
  if (replies === null) return false;
  for (let i = 0; i < replies.length; i++) {
    const r = replies[i]!;
    if (replyOk(r)) continue;
    // clusterManagerOnSetOwnerErr: errors other than ADDSLOTS's are ignored.
    if (i !== 1) continue;
    if (isErr(r)) cm.printReplyError(owner, r.text);
    return false;
  }
  return true;
}
