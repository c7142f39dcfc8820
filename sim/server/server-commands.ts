// The commands a Redis server answers itself rather than the keyspace:
// connection state (ASKING, READONLY, READWRITE, PING, ECHO, SELECT),
// introspection (INFO), replication (PSYNC, REPLCONF, WAIT), administration
// (CLUSTER, CONFIG, DEBUG, SHUTDOWN), persistence (SAVE, BGSAVE, LASTSAVE)
// and MIGRATE. Arity and flags are Redis
// 7.0.15's COMMAND INFO; the data commands are in sim/data/command-table.ts.

import { bulk, error, OK, status, type Reply } from '../core/reply.ts';
import { string2ll } from '../core/command-args.ts';
import { clusterCommand } from '../cluster/commands/cluster-command.ts';
import { clusterConfigApplied, configCommand } from '../cluster/commands/config-command.ts';
import type { ServerConfig } from '../config/index.ts';
import { CLIENT_ASKING, CLIENT_READONLY, type ClientConn } from './client.ts';
import { authCommand, publishCommand, roleCommand } from './client-commands.ts';
import { infoCommand } from './info.ts';
import { migrateCommand, migrateGetKeys } from './migrate.ts';
import { discardCommand, execCommand, multiCommand, unwatchCommand, watchCommand } from './multi.ts';
import { replconfCommand, syncCommand } from './repl-sync-commands.ts';
import type { RedisServer } from './server.ts';
import { shutdownCommand } from './shutdown.ts';

/** A server command: the reply, or null when there is none yet (blocked) or none at all. */
export type ServerCommandProc = (srv: RedisServer, c: ClientConn, argv: readonly string[]) => Reply | null;

export interface ServerCommand {
  readonly name: string;
  readonly arity: number;
  /** CMD_WRITE (refused on replicas, postponed while writes are paused). */
  readonly write: boolean;
  /** Keys of a command that has some (MIGRATE, WATCH, SPUBLISH); absent for keyless commands. */
  readonly keys?: (argv: readonly string[]) => string[];
  /** CMD_NO_AUTH: runs before AUTH when requirepass is set (AUTH itself). */
  readonly noAuth?: boolean;
  readonly proc: ServerCommandProc;
}

const TABLE = new Map<string, ServerCommand>();

function def(name: string, arity: number, proc: ServerCommandProc, extra: Partial<ServerCommand> = {}): void {
  const cmd: ServerCommand = { name, arity, write: false, proc, ...extra };
  TABLE.set(name, cmd);
  TABLE.set(name.toUpperCase(), cmd);
}

/** Every server command's name, lowercase (sim check's list is kept equal to it). */
export function serverCommandNames(): string[] {
  return [...new Set([...TABLE.values()].map((c) => c.name))];
}

export function lookupServerCommand(name: string): ServerCommand | undefined {
  return TABLE.get(name) ?? TABLE.get(name.toLowerCase());
}

const CLUSTER_ERR_SELECT = error('ERR SELECT is not allowed in cluster mode');

def('asking', 1, (_s, c) => {
  c.flags |= CLIENT_ASKING;
  return OK;
});
def('readonly', 1, (_s, c) => {
  c.flags |= CLIENT_READONLY;
  return OK;
});
def('readwrite', 1, (_s, c) => {
  c.flags &= ~CLIENT_READONLY;
  return OK;
});
def('ping', -1, (_s, _c, argv) => {
  if (argv.length > 2) return error("ERR wrong number of arguments for 'ping' command");
  return argv.length === 2 ? bulk(argv[1]!) : status('PONG');
});
def('echo', 2, (_s, _c, argv) => bulk(argv[1]!));
def('select', 2, (_s, _c, argv) => {
  const id = string2ll(argv[1]!);
  if (id === null || id > 2147483647n || id < -2147483648n) return error('ERR value is not an integer or out of range');
  return id === 0n ? OK : CLUSTER_ERR_SELECT;
});
def('info', -1, (srv, _c, argv) => bulk(infoCommand(srv, argv.slice(1))));
def('wait', 3, (srv, c, argv) => srv.waits.waitCommand(c, argv));
def('psync', -3, (srv, c, argv) => syncCommand(srv, c, c.current!, argv));
def('replconf', -1, (srv, c, argv) => replconfCommand(srv, c, argv));
def('shutdown', -1, (srv, c, argv) => shutdownCommand(srv, c, argv));
def('migrate', -6, (srv, c, argv) => migrateCommand(srv, c, argv), { write: true, keys: migrateGetKeys });
def('debug', -2, (srv, c, argv) => (debugAllowed(srv, c) ? debugCommand(srv, c, argv) : DEBUG_NOT_ALLOWED));
def('save', 1, (srv) => srv.rdb.saveCommand());
def('bgsave', -1, (srv, _c, argv) => srv.rdb.bgsaveCommand(argv));
def('lastsave', 1, (srv) => srv.rdb.lastsaveCommand());
def('cluster', -2, (srv, _c, argv) => clusterCommand({ cs: srv.cs, saveConfigNow: () => srv.saveConfig() }, argv));
def('config', -2, (srv, _c, argv) => {
  const before = { ...srv.config };
  return configCommand(srv.runtimeConfig, argv, (changed) => {
    clusterConfigApplied(srv.cs, changed);
    srv.configApplied(changed, before as ServerConfig);
  });
});
// Transactions, roles, authentication, pub/sub (multi.ts, client-commands.ts).
def('multi', 1, multiCommand);
def('exec', 1, execCommand);
def('discard', 1, discardCommand);
def('watch', -2, watchCommand, { keys: (argv) => argv.slice(1) });
def('unwatch', 1, unwatchCommand);
def('role', 1, roleCommand);
def('auth', -2, authCommand, { noAuth: true });
def('publish', 3, publishCommand);
def('spublish', 3, publishCommand, { keys: (argv) => [argv[1]!] });

/** processCommand's refusal of DEBUG when enable-debug-command does not allow it (7.0.15's text). */
const DEBUG_NOT_ALLOWED = error(
  'ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, ' +
    'otherwise you need to set this option in the configuration file, and then restart the server.',
);

/** allowProtectedAction(): `yes`, or `local` and a loopback client (the scenario's own `redis:` client is local). */
function debugAllowed(srv: RedisServer, c: ClientConn): boolean {
  const mode = srv.config.enableDebugCommand;
  if (mode === 'yes') return true;
  if (mode === 'no') return false;
  return c.conn === null || srv.env.busPeerIp(c.conn).startsWith('127.');
}

/**
 * DEBUG SLEEP <seconds>: the whole process stops; the reply comes when it
 * wakes. DEBUG SET-ACTIVE-EXPIRE 0|1: switch active expiry (tests use it to
 * leave expiry to lookups). Other subcommands are not modelled.
 */
function debugCommand(srv: RedisServer, c: ClientConn, argv: readonly string[]): Reply | null {
  const sub = argv[1]!.toLowerCase();
  if (sub === 'set-active-expire' && argv.length === 3) {
    const n = parseInt(argv[2]!, 10); // atoi()
    srv.activeExpireEnabled = Number.isFinite(n) && n !== 0;
    return OK;
  }
  if (sub === 'sleep' && argv.length === 3) {
    // strtod(): a leading number, anything else reads as 0.
    const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(argv[2]!);
    const ms = Math.max(0, Math.floor((m ? Number(m[0]) : 0) * 1e6) / 1000);
    srv.sleepThenReply(c, ms);
    return null;
  }
  return error(`ERR unknown subcommand or wrong number of arguments for '${argv[1]!.slice(0, 128)}'. Try DEBUG HELP.`);
}
