// MIGRATE host port key|"" db timeout [COPY] [REPLACE] [AUTH pw] [AUTH2 user pw] [KEYS k...]
// (cluster.c migrateCommand): DUMP each key, send RESTORE-ASKING <key> <ttl>
// <payload> [REPLACE] to the target's client port over a cached connection,
// and on each OK delete the key here (unless COPY) and propagate a DEL.
//
// Redis does all this with blocking socket calls, so nothing else runs on
// the node until the target answers or `timeout` ms pass. The model holds
// every client command on the node for that time (the cluster bus and
// replication go on). Errors and their texts are migrateCommand's.

import { error, OK, status, type Reply } from '../core/reply.ts';
import { NOT_AN_INTEGER, string2ll, SYNTAX_ERROR } from '../core/command-args.ts';
import type { ClientConn } from './client.ts';
import type { RedisServer } from './server.ts';
import type { MigrateSocket, MigrateSockets } from './migrate-sockets.ts';

const KEYS_NOT_EMPTY = error('ERR When using MIGRATE KEYS option, the key argument must be set to the empty string');
const CONNECT_ERR = error('IOERR error or timeout connecting to the client');
const WRITE_ERR = error('IOERR error or timeout writing to target instance');
const READ_ERR = error('IOERR error or timeout reading to target instance');

/** migrateGetKeys() (db.c): the key argument, or the keys after KEYS when the key argument is empty. */
export function migrateGetKeys(argv: readonly string[]): string[] {
  let first = 3;
  let num = 1;
  const skip: Record<string, number> = { copy: 0, replace: 0, auth: 1, auth2: 2 };
  for (let i = 6; i < argv.length; i++) {
    const a = argv[i]!.toLowerCase();
    if (a === 'keys') {
      if (argv[3]!.length > 0) num = 0;
      else {
        first = i + 1;
        num = argv.length - first;
      }
      break;
    }
    i += skip[a] ?? 0;
  }
  return argv.slice(first, first + num);
}

interface MigrateOp {
  c: ClientConn;
  host: string;
  port: string;
  dbid: number;
  timeoutMs: number;
  copy: boolean;
  replace: boolean;
  keys: string[];
  mayRetry: boolean;
}

export function migrateCommand(srv: RedisServer, c: ClientConn, argv: readonly string[]): Reply | null {
  let copy = false;
  let replace = false;
  let firstKey = 3;
  let numKeys = 1;
  for (let j = 6; j < argv.length; j++) {
    const a = argv[j]!.toLowerCase();
    const more = argv.length - 1 - j;
    if (a === 'copy') copy = true;
    else if (a === 'replace') replace = true;
    else if (a === 'auth') {
      if (more < 1) return SYNTAX_ERROR;
      j++;
    } else if (a === 'auth2') {
      if (more < 2) return SYNTAX_ERROR;
      j += 2;
    } else if (a === 'keys') {
      if (argv[3]!.length !== 0) return KEYS_NOT_EMPTY;
      firstKey = j + 1;
      numKeys = argv.length - j - 1;
      break;
    } else return SYNTAX_ERROR;
  }
  const timeout = string2ll(argv[5]!);
  const dbid = string2ll(argv[4]!);
  if (timeout === null || dbid === null) return NOT_AN_INTEGER;
  let timeoutMs = Number(timeout);
  if (timeoutMs <= 0) timeoutMs = 1000;

  // Only the keys that exist (and have not expired) travel; none at all is not an error.
  const keys: string[] = [];
  for (let j = 0; j < numKeys; j++) if (srv.lookupKeyRead(argv[firstKey + j]!)) keys.push(argv[firstKey + j]!);
  if (keys.length === 0) return status('NOKEY');

  c.blocked = { type: 'pending' };
  srv.clients.setServerBusy(true);
  const op: MigrateOp = { c, host: argv[1]!, port: argv[2]!, dbid: Number(dbid), timeoutMs, copy, replace, keys, mayRetry: true };
  tryAgain(srv, op);
  return null;
}

function finish(srv: RedisServer, op: MigrateOp, reply: Reply): void {
  srv.clients.setServerBusy(false);
  srv.clients.unblock(op.c, reply);
}

function tryAgain(srv: RedisServer, op: MigrateOp): void {
  const sockets: MigrateSockets = srv.migrateSockets;
  sockets.get(op.host, op.port, op.timeoutMs, (sock) => {
    if (sock === 'unresolved') return finish(srv, op, CONNECT_ERR);
    if (sock === 'timeout') {
      // The write waits for the socket as long again, then fails with ETIMEDOUT: no retry.
      srv.env.schedule(op.timeoutMs, () => finish(srv, op, WRITE_ERR));
      return;
    }
    if (sock === 'refused' || sock.closed) return socketError(srv, op, WRITE_ERR);
    send(srv, op, sock);
  });
}

/** socket_err: with nothing processed, retry once on a fresh connection; else report `err`. */
function socketError(srv: RedisServer, op: MigrateOp, err: Reply): void {
  srv.migrateSockets.close(op.host, op.port);
  if (op.mayRetry) {
    op.mayRetry = false;
    return tryAgain(srv, op);
  }
  finish(srv, op, err);
}

/** Write SELECT (if needed) and one RESTORE-ASKING per key, then wait for every reply. */
function send(srv: RedisServer, op: MigrateOp, sock: MigrateSocket): void {
  const now = srv.env.mstime();
  const select = sock.lastDbid !== op.dbid;
  if (select) sock.send(['SELECT', String(op.dbid)]);
  const sent: string[] = [];
  for (const key of op.keys) {
    const view = srv.keyspace.peek(key);
    if (view === undefined) continue;
    let ttl = 0;
    if (view.expireAt >= 0) {
      ttl = view.expireAt - now;
      if (ttl < 0) continue;
      if (ttl < 1) ttl = 1;
    }
    const args = ['RESTORE-ASKING', key, String(ttl), srv.keyspace.dump(key)!];
    if (op.replace) args.push('REPLACE');
    sock.send(args);
    sent.push(key);
  }
  const expected = (select ? 1 : 0) + sent.length;
  const replies: Reply[] = [];
  if (expected === 0) return finish(srv, op, OK);
  let done = false;
  const timer = srv.env.schedule(op.timeoutMs, () => complete('timeout'));
  sock.onReply = (r) => {
    replies.push(r.reply);
    if (replies.length === expected) complete(null);
  };
  sock.onClose = () => complete('closed');

  function complete(failure: 'timeout' | 'closed' | null): void {
    if (done) return;
    done = true;
    timer.cancel();
    sock.onReply = null;
    sock.onClose = null;
    const selectReply = select ? replies[0] : undefined;
    const restoreReplies = select ? replies.slice(1) : replies;
    if (failure !== null && restoreReplies.length === 0) {
      // Nothing was processed: retry once on a fresh connection, unless it timed out.
      if (failure === 'timeout') op.mayRetry = false;
      return socketError(srv, op, READ_ERR);
    }
    let targetError: string | null = null;
    const deleted: string[] = [];
    for (let j = 0; j < restoreReplies.length; j++) {
      const r = restoreReplies[j]!;
      const err = selectReply?.kind === 'error' ? selectReply : r.kind === 'error' ? r : null;
      if (err !== null) {
        if (targetError === null) {
          sock.lastDbid = -1;
          targetError = err.kind === 'error' ? err.text : '';
        }
      } else if (!op.copy) {
        srv.keyspace.delete(sent[j]!);
        deleted.push(sent[j]!);
      }
    }
    if (failure !== null) srv.migrateSockets.close(op.host, op.port);
    if (deleted.length > 0) srv.repl.propagate([['DEL', ...deleted]]);
    if (targetError !== null) return finish(srv, op, error(`ERR Target instance replied with error: ${targetError}`));
    if (failure !== null) return finish(srv, op, READ_ERR);
    sock.lastDbid = op.dbid;
    finish(srv, op, OK);
  }
}
