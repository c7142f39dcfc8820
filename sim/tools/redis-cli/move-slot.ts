// Moving one slot (clusterManagerMoveSlot): open it on both sides
// (IMPORTING on the target first, then MIGRATING on the source), move its
// keys in batches of --cluster-pipeline with GETKEYSINSLOT + MIGRATE … KEYS,
// then give it to the target: target first (so that a crash cannot leave
// the slot ownerless, redis#7116), then the source, then every other master.

import { call, isErr, replyItems, replyString, type Proc } from './effects.ts';
import type { Reply } from '../../core/reply.ts';
import type { ClusterManager } from './manager.ts';
import type { CliNode } from './node.ts';
import { getSlotOwner, setSlot } from './slot-ops.ts';

export const OPT_COLD = 1 << 1;
export const OPT_UPDATE = 1 << 2;
export const OPT_QUIET = 1 << 6;
export const OPT_VERBOSE = 1 << 7;

const HASH_ZERO = '0'.repeat(40);

function* migrateKeys(cm: ClusterManager, source: CliNode, target: CliNode, keys: string[], replace: boolean): Proc<Reply | null> {
  const argv: (string | number)[] = ['MIGRATE', target.ip, target.port, '', 0, cm.cmd.timeout];
  if (replace) argv.push('REPLACE');
  argv.push('KEYS', ...keys);
  return yield* call(source, ...argv);
}

/** clusterManagerCompareKeysValues (DEBUG DIGEST-VALUE on both): keys whose values differ, or null on error. */
function* compareKeysValues(cm: ClusterManager, n1: CliNode, n2: CliNode, keys: string[]): Proc<string[] | null> {
  const r1 = yield* call(n1, 'DEBUG', 'DIGEST-VALUE', ...keys);
  if (r1 === null) return null;
  const r2 = yield* call(n2, 'DEBUG', 'DIGEST-VALUE', ...keys);
  if (r2 === null) return null;
  if (isErr(r1)) cm.printReplyError(n1, r1.text);
  if (isErr(r2)) cm.printReplyError(n2, r2.text);
  if (isErr(r1) || isErr(r2)) return null;
  const h1 = replyItems(r1).map(replyString);
  const h2 = replyItems(r2).map(replyString);
  return keys.filter((_k, i) => h1[i] !== HASH_ZERO && h2[i] !== HASH_ZERO && h1[i] !== h2[i]);
}

/** clusterManagerMigrateKeysInSlot: until GETKEYSINSLOT comes back empty. */
export function* migrateKeysInSlot(
  cm: ClusterManager,
  source: CliNode,
  target: CliNode,
  slot: number,
  verbose: boolean,
  wantErr: boolean,
): Proc<{ ok: boolean; err: string | null }> {
  const out = cm.out;
  for (;;) {
    const reply = yield* call(source, 'CLUSTER', 'GETKEYSINSLOT', slot, cm.cmd.pipeline);
    if (reply === null) return { ok: false, err: null };
    if (isErr(reply)) {
      // Printed only when the caller asked for the error (as redis-cli does).
      if (wantErr) cm.printReplyError(source, reply.text);
      return { ok: false, err: reply.text };
    }
    const keys = replyItems(reply).map(replyString);
    if (keys.length === 0) return { ok: true, err: null };
    let migrated = yield* migrateKeys(cm, source, target, keys, false);
    if (migrated === null) return { ok: false, err: null };
    if (isErr(migrated)) {
      const isBusy = migrated.text.includes('BUSYKEY');
      let notServed = false;
      if (!isBusy) {
        const { owner, err } = yield* getSlotOwner(cm, source, slot);
        if (!owner) {
          if (err === null) notServed = true;
          else cm.printReplyError(source, err);
        }
      }
      if (!isBusy && !notServed) return { ok: false, err: printMigrateError(cm, source, migrated) };
      if (cm.cmd.fix && notServed) {
        out.log(`*** Slot was not served, setting owner to node ${target.ip}:${target.port}.\n`);
        yield* setSlot(source, target, slot, 'node');
      }
      if (isBusy) {
        out.log('\n*** Target key exists\n');
        if (!cm.cmd.replace) {
          out.log('*** Checking key values on both nodes...\n');
          const diffs = yield* compareKeysValues(cm, source, target, keys);
          if (diffs === null) {
            out.log('*** Value check failed!\n');
            return { ok: false, err: null };
          }
          if (diffs.length > 0) {
            out.log(
              `*** Found ${diffs.length} key(s) in both source node and target node having different values.\n` +
                `    Source node: ${source.ip}:${source.port}\n    Target node: ${target.ip}:${target.port}\n    Keys(s):\n`,
            );
            for (const k of diffs) out.log(`    - ${k}\n`);
            out.log('Please fix the above key(s) manually and try again or relaunch the command \nwith --cluster-replace option to force key overriding.\n');
            return { ok: false, err: null };
          }
        }
        out.log('*** Replacing target keys...\n');
      }
      migrated = yield* migrateKeys(cm, source, target, keys, isBusy);
      if (migrated === null) return { ok: false, err: null };
      if (isErr(migrated)) return { ok: false, err: printMigrateError(cm, source, migrated) };
    }
    if (verbose) out.out('.'.repeat(keys.length));
  }
}

function printMigrateError(cm: ClusterManager, source: CliNode, r: { text: string }): string {
  cm.out.out('\n');
  cm.printReplyError(source, r.text);
  return r.text;
}

/**
 * clusterManagerMoveSlot. With `wantErr` (reshard, rebalance) a failed
 * SETSLOT is handed back in `err` for the caller to print; without it
 * (fix) the node's error is printed here, and a refusal by the source to
 * take the new owner is only reported, not fatal.
 */
export function* moveSlot(
  cm: ClusterManager,
  source: CliNode,
  target: CliNode,
  slot: number,
  opts: number,
  wantErr: boolean,
): Proc<{ ok: boolean; err: string | null }> {
  const out = cm.out;
  if (!(opts & OPT_QUIET)) out.out(`Moving slot ${slot} from ${source.ip}:${source.port} to ${target.ip}:${target.port}: `);
  const set = function* (n1: CliNode, n2: CliNode, status: string): Proc<{ ok: boolean; err: string | null }> {
    const r = yield* setSlot(n1, n2, slot, status);
    if (r.ok) return { ok: true, err: null };
    if (!wantErr && r.err !== 'CLUSTER SETSLOT failed to run') cm.printReplyError(n1, r.err);
    return { ok: false, err: wantErr ? r.err : null };
  };
  const cold = (opts & OPT_COLD) !== 0;
  if (!cold) {
    let r = yield* set(target, source, 'importing');
    if (!r.ok) return r;
    r = yield* set(source, target, 'migrating');
    if (!r.ok) return r;
  }
  const moved = yield* migrateKeysInSlot(cm, source, target, slot, (opts & OPT_VERBOSE) !== 0, wantErr);
  if (!(opts & OPT_QUIET)) out.out('\n');
  if (!moved.ok) return moved;
  if (!cold) {
    let r = yield* set(target, target, 'node');
    if (!r.ok) return r;
    // The source may have turned itself into a replica of the target on
    // losing its last slot (redis#9223): that refusal is expected.
    r = yield* set(source, target, 'node');
    if (!r.ok && wantErr && !r.err!.startsWith('ERR Please use SETSLOT only with masters.')) return r;
    for (const n of cm.nodes ?? []) {
      if (n === target || n === source || n.isSlave) continue;
      r = yield* set(n, target, 'node');
      if (!r.ok) return r;
    }
  }
  if (opts & OPT_UPDATE) {
    source.slots[slot] = 0;
    target.slots[slot] = 1;
  }
  return { ok: true, err: null };
}
