// Transactions (multi.c): MULTI, EXEC, DISCARD, WATCH, UNWATCH, and the
// watched-keys registry that marks a client's transaction dirty (CAS) when a
// key it watches changes.
//
// What 7.0.15 does, and this model with it (test/fixtures/sessions-real-redis.json):
// - while queuing, every command still goes through processCommand's checks:
//   an unknown command, a wrong arity, a cluster redirection (MOVED, ASK,
//   CROSSSLOT within one command) or a write on a replica is answered at once
//   and flags the transaction, so EXEC answers EXECABORT; otherwise QUEUED;
// - EXEC is routed over the keys of all queued commands together: keys of two
//   slots give CROSSSLOT at EXEC, a slot that moved meanwhile MOVED, and the
//   transaction is discarded;
// - EXEC answers nil when a watched key was written (by anyone, this client
//   included) or expired since WATCH; FLUSHALL and a full sync touch every
//   watched key;
// - a runtime error (WRONGTYPE) is one item of EXEC's reply; the rest run;
// - what the transaction changed is propagated as one unit, in MULTI … EXEC
//   when it is more than one command.
// Not modelled: the writes a replica applies from its master, active expiry
// and slot deletion touch no watched key (EXEC still sees a watched key that
// expired); commands that would block (DEBUG SLEEP, MIGRATE, SHUTDOWN) are
// refused inside a transaction, and WAIT answers at once, as 7.0's does there.

import { array, error, NIL, OK, status, type Reply } from '../core/reply.ts';
import { commandKeys, lookupCommand } from '../data/commands.ts';
import type { ClientConn } from './client.ts';
import type { RedisServer } from './server.ts';

export const QUEUED = status('QUEUED');
const EXECABORT = error('EXECABORT Transaction discarded because of previous errors.');
const NESTED = error('ERR MULTI calls can not be nested');
const EXEC_WITHOUT = error('ERR EXEC without MULTI');
const DISCARD_WITHOUT = error('ERR DISCARD without MULTI');
const WATCH_IN_MULTI = error('ERR WATCH inside MULTI is not allowed');
const NULL_ARRAY: Reply = Object.freeze({ kind: 'array', items: null }) as Reply;

/** Commands run at once even inside MULTI (execCommand's exceptions in processCommand). */
const NOT_QUEUED = new Set(['exec', 'discard', 'multi', 'watch', 'unwatch', 'quit', 'reset']);
/** Commands the simulator cannot run inside EXEC, because they block or end the process. */
const NOT_IN_EXEC = new Set(['debug', 'migrate', 'shutdown', 'psync', 'sync', 'replconf']);

export function isQueued(name: string): boolean {
  return !NOT_QUEUED.has(name.toLowerCase());
}

/** server.watched_keys for DB 0: which clients watch which key. */
export class WatchedKeys {
  private readonly byKey = new Map<string, Set<ClientConn>>();

  watch(c: ClientConn, key: string, expired: boolean): void {
    if (c.watched?.has(key)) return;
    (c.watched ??= new Map()).set(key, expired);
    let set = this.byKey.get(key);
    if (set === undefined) this.byKey.set(key, (set = new Set()));
    set.add(c);
  }

  unwatchAll(c: ClientConn): void {
    if (c.watched === null) return;
    for (const key of c.watched.keys()) {
      const set = this.byKey.get(key);
      set?.delete(c);
      if (set?.size === 0) this.byKey.delete(key);
    }
    c.watched = null;
    c.dirtyCas = false;
  }

  /** touchWatchedKey(). */
  touch(key: string): void {
    const set = this.byKey.get(key);
    if (set !== undefined) for (const c of set) c.dirtyCas = true;
  }

  /** touchAllWatchedKeysInDb(): FLUSHALL, a full sync. */
  touchAll(): void {
    for (const set of this.byKey.values()) for (const c of set) c.dirtyCas = true;
  }

  /** The keys that commands propagated as changed: their written keys (a …STORE's destination only). */
  touchPropagated(ops: readonly (readonly string[])[]): void {
    if (this.byKey.size === 0) return;
    for (const op of ops) {
      const spec = lookupCommand(op[0]!);
      if (spec === undefined) continue; // MULTI, EXEC
      if (spec.name === 'flushall') this.touchAll();
      else if (spec.name.endsWith('store')) this.touch(op[1]!);
      else for (const key of commandKeys(spec, op)) this.touch(key);
    }
  }
}

export function multiCommand(_srv: RedisServer, c: ClientConn): Reply {
  if (c.multi !== null) return NESTED;
  c.multi = { commands: [], flagged: false };
  return OK;
}

export function discardCommand(srv: RedisServer, c: ClientConn): Reply {
  if (c.multi === null) return DISCARD_WITHOUT;
  discardTransaction(srv, c);
  return OK;
}

/** discardTransaction(): forget the queue and every WATCH. */
export function discardTransaction(srv: RedisServer, c: ClientConn): void {
  c.multi = null;
  srv.watches.unwatchAll(c);
}

export function watchCommand(srv: RedisServer, c: ClientConn, argv: readonly string[]): Reply {
  if (c.multi !== null) return WATCH_IN_MULTI;
  const now = srv.env.mstime();
  for (let j = 1; j < argv.length; j++) srv.watches.watch(c, argv[j]!, srv.keyspace.isExpired(argv[j]!, now));
  return OK;
}

export function unwatchCommand(srv: RedisServer, c: ClientConn): Reply {
  srv.watches.unwatchAll(c);
  return OK;
}

/** isWatchedKeyExpired(): a watched key that was alive at WATCH has expired since. */
function watchedKeyExpired(srv: RedisServer, c: ClientConn): boolean {
  if (c.watched === null) return false;
  const now = srv.env.mstime();
  for (const [key, expiredAtWatch] of c.watched) if (!expiredAtWatch && srv.keyspace.isExpired(key, now)) return true;
  return false;
}

/** execCommand(): routing has already accepted the queue as a whole (see CommandDispatcher). */
export function execCommand(srv: RedisServer, c: ClientConn): Reply {
  const m = c.multi;
  if (m === null) return EXEC_WITHOUT;
  if (m.flagged) {
    discardTransaction(srv, c);
    return EXECABORT;
  }
  if (c.dirtyCas || watchedKeyExpired(srv, c)) {
    discardTransaction(srv, c);
    return NULL_ARRAY;
  }
  // Unwatch before running: the transaction's own writes must not mark it dirty.
  srv.watches.unwatchAll(c);
  c.multi = null;
  c.denyBlocking = true;
  const replies: Reply[] = [];
  const propagated = srv.dispatch.beginTransaction();
  for (const argv of m.commands) {
    const name = argv[0]!.toLowerCase();
    if (NOT_IN_EXEC.has(name)) replies.push(error(`ERR ${name.toUpperCase()} inside MULTI is not simulated`));
    else replies.push(srv.dispatch.call(c, argv) ?? NIL);
  }
  c.denyBlocking = false;
  srv.dispatch.endTransaction(propagated);
  return array(replies);
}
