// What a command implementation sees while it runs: the keyspace, argv, the
// simulated time, the node's role, and the bookkeeping Redis keeps around a
// call() (server.dirty, the rewritten argv, alsoPropagate). Key lookups live
// here because their expiry behaviour depends on that role.

import type { Reply } from '../core/reply.ts';
import { WRONGTYPE } from '../core/command-args.ts';
import type { Keyspace, Value } from './keyspace.ts';

export interface ExecOptions {
  /**
   * This node is a replica (Redis: server.masterhost is set). Lazy expiry
   * hides expired keys but never deletes them (the master's DEL will), and
   * EXPIRE / SET PXAT with a time in the past store it instead of deleting.
   */
  replica?: boolean;
  /**
   * The command arrived on the replication link from this node's master
   * (server.current_client == server.master): keys are never treated as
   * expired, so the stream applies exactly as the master executed it.
   */
  fromMaster?: boolean;
}

export class CommandContext {
  /** server.dirty for this call: how many changes the command made. */
  dirty = 0;
  /** rewriteClientCommandVector(): what to propagate instead of argv. */
  rewritten: string[] | null = null;
  /** forceCommandPropagation(): propagate even with dirty == 0 (FLUSHALL). */
  forcePropagation = false;
  /** alsoPropagate() calls made while running, before the command itself: lazy-expiry DELs. */
  also: string[][] | null = null;

  constructor(
    readonly ks: Keyspace,
    readonly argv: readonly string[],
    readonly nowMs: number,
    readonly replica: boolean,
    readonly fromMaster: boolean,
  ) {}

  /**
   * lookupKeyRead/lookupKeyWrite: the value, or undefined if there is none
   * or it is logically expired (expireIfNeeded). A master deletes the expired
   * key and propagates a DEL for it; a (read-only) replica only hides it; the
   * master link sees it as if it had not expired.
   */
  lookupKey(key: string): Value | undefined {
    const e = this.ks.peek(key);
    if (e === undefined) return undefined;
    if (e.expireAt >= 0 && this.nowMs > e.expireAt && !this.fromMaster) {
      if (this.replica) return undefined;
      this.ks.delete(key);
      (this.also ??= []).push(['DEL', key]);
      return undefined;
    }
    return e.value;
  }

  /** checkAlreadyExpired(): an expire time that deletes at once (never on a replica). */
  alreadyExpired(whenMs: number): boolean {
    return whenMs <= this.nowMs && !this.replica;
  }

  /** setKey() with no flags: looks the key up for writing first, so an expired key is replaced. */
  setKey(key: string, value: Value, keepTtl = false): void {
    this.lookupKey(key);
    this.ks.setKey(key, value, keepTtl);
  }
}

export type CommandProc = (ctx: CommandContext) => Reply;

/** checkType() for strings: WRONGTYPE when the key holds another type, else null. */
export function expectString(v: Value | undefined): Reply | null {
  return v !== undefined && typeof v !== 'string' ? WRONGTYPE : null;
}

export function expectList(v: Value | undefined): Reply | null {
  return v !== undefined && !Array.isArray(v) ? WRONGTYPE : null;
}

export function expectHash(v: Value | undefined): Reply | null {
  return v !== undefined && !(v instanceof Map) ? WRONGTYPE : null;
}

export function expectSet(v: Value | undefined): Reply | null {
  return v !== undefined && !(v instanceof Set) ? WRONGTYPE : null;
}
