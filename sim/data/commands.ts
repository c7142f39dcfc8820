// execute(): run one command against a keyspace the way Redis 7.0's
// processCommand + call() would once routing has decided to serve it here:
// look the command up, check arity, run it, then work out what a master
// writes to its replication stream.
//
// Propagation follows call() / propagatePendingCommands():
//  - the command is propagated only if it changed something (server.dirty),
//    or forces it (FLUSHALL); possibly rewritten (EXPIRE → PEXPIREAT <abs ms>,
//    SET ... EX → SET ... PXAT <abs ms>, SET ... GET without GET, RESTORE with
//    ABSTTL, an EXPIRE in the past → DEL);
//  - DELs for keys that lazy expiry removed while it ran come first;
//  - more than one command is wrapped in MULTI ... EXEC (new in 7.0).
// A replica applying its master's stream (fromMaster) gets MULTI/EXEC as
// plain acknowledgements: each delivery runs to completion in the simulator,
// so the transaction is atomic anyway.

import { OK, type Reply } from '../core/reply.ts';
import { CommandContext, type ExecOptions } from './command-context.ts';
import { lookupCommand } from './command-table.ts';
import { arityError, unknownCommand } from '../core/command-args.ts';
import type { Keyspace } from './keyspace.ts';

export type { ExecOptions } from './command-context.ts';
export { COMMAND_TABLE, commandKeys, getKeysFromCommand, lookupCommand, type CommandFlag, type CommandSpec } from './command-table.ts';

export interface ExecResult {
  reply: Reply;
  /** The command changed data (Redis's server.dirty went up). */
  write: boolean;
  /** What a master appends to its replication stream for this call, in order; absent if nothing. */
  propagate?: string[][];
}

export function execute(ks: Keyspace, argv: readonly string[], nowMs: number, opts?: ExecOptions): ExecResult {
  const name = argv[0] ?? '';
  const spec = lookupCommand(name);
  if (spec === undefined) {
    const lower = name.toLowerCase();
    if (opts?.fromMaster && (lower === 'multi' || lower === 'exec')) return { reply: OK, write: false };
    return { reply: unknownCommand(argv.length > 0 ? argv : ['']), write: false };
  }
  if ((spec.arity > 0 && spec.arity !== argv.length) || argv.length < -spec.arity) {
    return { reply: arityError(spec.name), write: false };
  }

  const ctx = new CommandContext(ks, argv, nowMs, opts?.replica ?? false, opts?.fromMaster ?? false);
  const reply = spec.proc(ctx);

  let ops = ctx.also;
  if (ctx.dirty > 0 || ctx.forcePropagation) (ops ??= []).push(ctx.rewritten ?? argv.slice());
  if (ops === null) return { reply, write: false };
  if (ops.length > 1) ops = [['MULTI'], ...ops, ['EXEC']];
  return { reply, write: ctx.dirty > 0, propagate: ops };
}
