// processCommand (server.c) for the checks this model has, in Redis's order:
// unknown command, arity, authentication, cluster redirection
// (getNodeByQuery, skipped for commands without keys; EXEC is routed over
// every queued command's keys), READONLY on a replica, a replica client
// touching the keyspace, writes postponed while clients are paused, queuing
// inside MULTI; then call(): run it, propagate what it changed, and remember
// the offset it left the stream at (c->woff, for WAIT). A command refused
// while a transaction is queued flags it (flagTransaction: EXECABORT).

import { error, type Reply } from '../core/reply.ts';
import { arityError, unknownCommand } from '../core/command-args.ts';
import { commandKeys, execute, lookupCommand, type CommandSpec } from '../data/commands.ts';
import { CLIENT_ASKING, CLIENT_READONLY, CLIENT_SLAVE, type ClientConn, type MultiState } from './client.ts';
import { discardTransaction, isQueued, QUEUED } from './multi.ts';
import { clusterRedirectReply, getNodeByQuery } from './routing.ts';
import { lookupServerCommand, type ServerCommand } from './server-commands.ts';
import type { RedisServer } from './server.ts';

const READONLY_REPLICA = error("READONLY You can't write against a read only replica.");
const REPLICA_KEYSPACE = error("ERR Replica can't interact with the keyspace");
const NOAUTH = error('NOAUTH Authentication required.');

/** EXEC's traits: the keys of every queued command; a write if any is; reading data if any does. */
function queueTraits(m: MultiState): { keys: string[]; write: boolean; read: boolean; asking: boolean } {
  const t = { keys: [] as string[], write: false, read: false, asking: false };
  for (const argv of m.commands) {
    const sc = lookupServerCommand(argv[0]!);
    const spec = sc === undefined ? lookupCommand(argv[0]!) : undefined;
    const keys = sc !== undefined ? sc.keys?.(argv) : spec!.firstKey !== 0 ? commandKeys(spec!, argv) : undefined;
    if (keys !== undefined) t.keys.push(...keys);
    t.write ||= sc !== undefined ? sc.write : spec!.write;
    t.read ||= spec !== undefined && spec.flags.includes('readonly');
    t.asking ||= spec !== undefined && spec.flags.includes('asking');
  }
  return t;
}

export class CommandDispatcher {
  /** Inside EXEC: what the queued commands propagate, sent as one unit at the end. */
  private transactionOps: string[][] | null = null;

  constructor(private readonly srv: RedisServer) {}

  /** The reply, or null when the client blocked or the command sends none. */
  processCommand(c: ClientConn, argv: readonly string[]): Reply | null {
    const srv = this.srv;
    const name = argv[0] ?? '';
    const sc: ServerCommand | undefined = lookupServerCommand(name);
    const spec: CommandSpec | undefined = sc === undefined ? lookupCommand(name) : undefined;
    if (sc === undefined && spec === undefined) return rejectCommand(c, unknownCommand(argv.length > 0 ? argv : ['']));
    const arity = sc !== undefined ? sc.arity : spec!.arity;
    if ((arity > 0 && arity !== argv.length) || argv.length < -arity) return rejectCommand(c, arityError(sc !== undefined ? sc.name : spec!.name));
    if (!c.authenticated && srv.config.requirepass !== '' && !(sc?.noAuth ?? false)) return rejectCommand(c, NOAUTH);

    const isExec = sc !== undefined && sc.name === 'exec';
    let write = sc !== undefined ? sc.write : spec!.write;
    let read = spec !== undefined && spec.flags.includes('readonly');
    let asking = spec !== undefined && spec.flags.includes('asking');
    let keys = sc !== undefined ? sc.keys?.(argv) : spec!.firstKey !== 0 ? commandKeys(spec!, argv) : undefined;
    if (isExec && c.multi !== null) ({ keys, write, read, asking } = queueTraits(c.multi));
    if (keys !== undefined) {
      const route = getNodeByQuery(srv.cs, srv.keyspace, srv.env.mstime(), {
        keys,
        write,
        askingFlag: asking,
        isMigrate: sc !== undefined && sc.name === 'migrate',
        clientAsking: (c.flags & CLIENT_ASKING) !== 0,
        clientReadonly: (c.flags & CLIENT_READONLY) !== 0,
      });
      if (route.node !== srv.cs.myself) {
        if (isExec) discardTransaction(srv, c);
        return rejectCommand(c, clusterRedirectReply(srv.cs, route));
      }
    }

    if (srv.repl.masterHost !== null && write) return rejectCommand(c, READONLY_REPLICA);
    const isReplica = (c.flags & CLIENT_SLAVE) !== 0;
    if (isReplica && (write || read)) return rejectCommand(c, REPLICA_KEYSPACE);
    if (!isReplica && write && srv.pause.writesPaused) {
      c.blocked = { type: 'postpone' };
      return null;
    }
    if (c.multi !== null && isQueued(name)) {
      c.multi.commands.push(argv.slice());
      return QUEUED;
    }

    const reply = this.call(c, argv);
    c.woff = srv.repl.history.masterReplOffset;
    return reply;
  }

  /** call(): run a command that processCommand accepted (or EXEC queued). */
  call(c: ClientConn, argv: readonly string[]): Reply | null {
    const sc = lookupServerCommand(argv[0]!);
    return sc !== undefined ? sc.proc(this.srv, c, argv) : this.callData(argv);
  }

  /** EXEC starts: collect what its commands propagate. */
  beginTransaction(): string[][] {
    return (this.transactionOps = []);
  }

  /** EXEC ends: propagate the transaction's changes as one unit (in MULTI … EXEC when more than one). */
  endTransaction(ops: string[][]): void {
    this.transactionOps = null;
    if (ops.length === 0) return;
    this.srv.repl.propagate(ops.length > 1 ? [['MULTI'], ...ops, ['EXEC']] : ops);
  }

  /**
   * call() for a keyspace command: run it, propagate it, note it for the AOF,
   * touch the keys it changed for WATCH. While clients are paused a master
   * keeps its data set constant the way a replica does (expireIfNeeded): an
   * expired key reads as missing but is not deleted, so no DEL moves the
   * offset a manual failover is waiting for.
   */
  private callData(argv: readonly string[]): Reply {
    const srv = this.srv;
    const frozen = srv.repl.masterHost !== null || srv.pause.check();
    const r = execute(srv.keyspace, argv, srv.env.mstime(), { replica: frozen });
    if (r.propagate !== undefined) {
      srv.watches.touchPropagated(r.propagate);
      if (this.transactionOps === null) srv.repl.propagate(r.propagate);
      else for (const op of r.propagate) if (op[0] !== 'MULTI' && op[0] !== 'EXEC') this.transactionOps.push(op);
    }
    return r.reply;
  }
}

/** rejectCommand(): the error reply, and inside MULTI the transaction is flagged (EXECABORT later). */
function rejectCommand(c: ClientConn, reply: Reply): Reply {
  if (c.multi !== null) c.multi.flagged = true;
  return reply;
}
