// processCommand (server.c) for the checks this model has, in Redis's order:
// unknown command, arity, cluster redirection (getNodeByQuery, skipped for
// commands without keys), READONLY on a replica, a replica client touching
// the keyspace, writes postponed while clients are paused; then call():
// run it, propagate what it changed, and remember the offset it left the
// stream at (c->woff, for WAIT).

import { error, type Reply } from '../core/reply.ts';
import { arityError, unknownCommand } from '../core/command-args.ts';
import { commandKeys, execute, lookupCommand, type CommandSpec } from '../data/commands.ts';
import { CLIENT_ASKING, CLIENT_READONLY, CLIENT_SLAVE, type ClientConn } from './client.ts';
import { clusterRedirectReply, getNodeByQuery } from './routing.ts';
import { lookupServerCommand, type ServerCommand } from './server-commands.ts';
import type { RedisServer } from './server.ts';

const READONLY_REPLICA = error("READONLY You can't write against a read only replica.");
const REPLICA_KEYSPACE = error("ERR Replica can't interact with the keyspace");

export class CommandDispatcher {
  constructor(private readonly srv: RedisServer) {}

  /** The reply, or null when the client blocked or the command sends none. */
  processCommand(c: ClientConn, argv: readonly string[]): Reply | null {
    const srv = this.srv;
    const name = argv[0] ?? '';
    const sc: ServerCommand | undefined = lookupServerCommand(name);
    const spec: CommandSpec | undefined = sc === undefined ? lookupCommand(name) : undefined;
    if (sc === undefined && spec === undefined) return unknownCommand(argv.length > 0 ? argv : ['']);
    const arity = sc !== undefined ? sc.arity : spec!.arity;
    if ((arity > 0 && arity !== argv.length) || argv.length < -arity) return arityError(sc !== undefined ? sc.name : spec!.name);

    const write = sc !== undefined ? sc.write : spec!.write;
    const read = spec !== undefined && spec.flags.includes('readonly');
    const keys = sc !== undefined ? sc.keys?.(argv) : spec!.firstKey !== 0 ? commandKeys(spec!, argv) : undefined;
    if (keys !== undefined) {
      const route = getNodeByQuery(srv.cs, srv.keyspace, srv.env.mstime(), {
        keys,
        write,
        askingFlag: spec !== undefined && spec.flags.includes('asking'),
        isMigrate: sc !== undefined && sc.name === 'migrate',
        clientAsking: (c.flags & CLIENT_ASKING) !== 0,
        clientReadonly: (c.flags & CLIENT_READONLY) !== 0,
      });
      if (route.node !== srv.cs.myself) return clusterRedirectReply(srv.cs, route);
    }

    if (srv.repl.masterHost !== null && write) return READONLY_REPLICA;
    const isReplica = (c.flags & CLIENT_SLAVE) !== 0;
    if (isReplica && (write || read)) return REPLICA_KEYSPACE;
    if (!isReplica && write && srv.pause.writesPaused) {
      c.blocked = { type: 'postpone' };
      return null;
    }

    const reply = sc !== undefined ? sc.proc(srv, c, argv) : this.callData(argv);
    c.woff = srv.repl.history.masterReplOffset;
    return reply;
  }

  /**
   * call() for a keyspace command: run it, propagate it, note it for the AOF.
   * While clients are paused a master keeps its data set constant the way a
   * replica does (expireIfNeeded): an expired key reads as missing but is not
   * deleted, so no DEL moves the offset a manual failover is waiting for.
   */
  private callData(argv: readonly string[]): Reply {
    const srv = this.srv;
    const frozen = srv.repl.masterHost !== null || srv.pause.check();
    const r = execute(srv.keyspace, argv, srv.env.mstime(), { replica: frozen });
    if (r.propagate !== undefined) srv.repl.propagate(r.propagate);
    return r.reply;
  }
}
