// PSYNC and REPLCONF as a master answers them (replication.c syncCommand,
// masterTryPartialResynchronization, replconfCommand): a replica announces
// its port and capabilities, then asks to continue a history at an offset;
// it gets +CONTINUE and the backlog from there, or waits for a full sync.
// Log texts are replication.c's.

import { error, OK, status, type Reply } from '../core/reply.ts';
import { NOT_AN_INTEGER, string2ll, SYNTAX_ERROR } from '../core/command-args.ts';
import { CLIENT_SLAVE, type ClientConn } from './client.ts';
import type { ClientRequest } from './client-protocol.ts';
import type { RedisServer } from './server.ts';

const NOMASTERLINK = error("NOMASTERLINK Can't SYNC while not connected with my master");

/** REPLCONF <option> <value> ... (no reply for ACK and GETACK). */
export function replconfCommand(srv: RedisServer, c: ClientConn, argv: readonly string[]): Reply | null {
  const m = srv.repl.master;
  if (argv.length % 2 === 0) return SYNTAX_ERROR;
  const r = m.replicaState(c);
  for (let j = 1; j < argv.length; j += 2) {
    const opt = argv[j]!.toLowerCase();
    const val = argv[j + 1]!;
    if (opt === 'listening-port') {
      const port = string2ll(val);
      if (port === null) return NOT_AN_INTEGER;
      r.listeningPort = Number(port);
    } else if (opt === 'capa') {
      if (val.toLowerCase() === 'eof') r.capaEof = true;
      else if (val.toLowerCase() === 'psync2') r.capaPsync2 = true;
    } else if (opt === 'ack') {
      if (!(c.flags & CLIENT_SLAVE)) return null;
      const off = string2ll(val);
      if (off === null) return null;
      if (Number(off) > r.ackOff) r.ackOff = Number(off);
      r.ackTime = m.unixtime();
      if (r.startStreamOnAck && r.replstate === 'online') m.startCommandStream(c);
      return null;
    } else if (opt === 'getack') {
      srv.repl.replica.sendAckIfConnected();
      return null;
    } else {
      return error(`ERR Unrecognized REPLCONF option: ${argv[j]}`);
    }
  }
  return OK;
}

/** PSYNC <replid> <offset>: +CONTINUE now, or +FULLRESYNC once the fork starts (null: no reply yet). */
export function syncCommand(srv: RedisServer, c: ClientConn, req: ClientRequest, argv: readonly string[]): Reply | null {
  const m = srv.repl.master;
  if (c.flags & CLIENT_SLAVE) return null;
  const repl = srv.repl;
  if (repl.masterHost !== null && repl.replica.state !== 'connected') return NOMASTERLINK;
  const r = m.replicaState(c);
  srv.env.log('notice', `Replica ${m.slaveName(c)} asks for synchronization`);
  const off = string2ll(argv[2]!);
  if (off === null) {
    srv.env.log('warning', `Replica ${m.slaveName(c)} asks for synchronization but with a wrong offset`);
    return NOT_AN_INTEGER;
  }
  const psyncOffset = Number(off);
  if (tryPartialResynchronization(srv, c, req, argv[1]!, psyncOffset)) return null;

  r.replstate = 'wait_bgsave_start';
  r.psyncReq = req;
  r.psyncTime = m.unixtime();
  c.flags |= CLIENT_SLAVE;
  m.slaves.push(c);
  const h = repl.history;
  if (m.slaves.length === 1 && h.backlog === null) {
    h.changeReplicationId();
    h.clearReplicationId2();
    h.createBacklog();
    srv.env.log('notice', `Replication backlog created, my new replication IDs are '${h.replid}' and '${h.replid2}'`);
  }
  if (srv.rdb.child) srv.env.log('notice', "Can't attach the replica to the current BGSAVE. Waiting for next BGSAVE for SYNC");
  else if (m.rdbChild) srv.env.log('notice', 'Current BGSAVE has socket target. Waiting for next BGSAVE for SYNC');
  else if (srv.config.replDisklessSyncDelay > 0) srv.env.log('notice', 'Delay next BGSAVE for diskless SYNC');
  else m.startBgsaveForReplication();
  return null;
}

/** masterTryPartialResynchronization(): +CONTINUE and the backlog sent (true), or a full resync is needed. */
function tryPartialResynchronization(srv: RedisServer, c: ClientConn, req: ClientRequest, replid: string, psyncOffset: number): boolean {
  const m = srv.repl.master;
  const h = srv.repl.history;
  const refusal = h.psyncRefusal(replid, psyncOffset);
  const name = m.slaveName(c);
  if (refusal) {
    if (refusal.kind === 'id-mismatch') {
      srv.env.log(
        'notice',
        `Partial resynchronization not accepted: Replication ID mismatch (Replica asked for '${replid}', my replication IDs are '${h.replid}' and '${h.replid2}')`,
      );
    } else if (refusal.kind === 'id2-offset') {
      srv.env.log(
        'notice',
        `Partial resynchronization not accepted: Requested offset for second ID was ${psyncOffset}, but I can reply up to ${h.secondReplidOffset}`,
      );
    } else if (refusal.kind === 'full-requested') {
      srv.env.log('notice', `Full resync requested by replica ${name}`);
    } else {
      srv.env.log('notice', `Unable to partial resync with replica ${name} for lack of backlog (Replica request was: ${psyncOffset}).`);
      if (refusal.aheadOfMaster) {
        srv.env.log('warning', `Warning: replica ${name} tried to PSYNC with an offset that is greater than the master replication offset.`);
      }
    }
    return false;
  }
  const range = h.backlog!.rangeFrom(psyncOffset);
  if (range === null) return false; // not on a command boundary: cannot happen with whole-command streams
  const r = c.replica!;
  c.flags |= CLIENT_SLAVE;
  r.replstate = 'online';
  r.ackTime = m.unixtime();
  r.startStreamOnAck = false;
  m.slaves.push(c);
  const reply = status(r.capaPsync2 ? `CONTINUE ${h.replid}` : 'CONTINUE');
  // The reply goes out first; the backlog follows on the same connection.
  c.reply(req, reply);
  if (range.cmds.length > 0) srv.env.dataSend(c.conn, { kind: 'repl', cmds: range.cmds, sizes: range.sizes }, 'repl');
  srv.env.log(
    'notice',
    `Partial resynchronization request from ${name} accepted. Sending ${range.bytes} bytes of backlog starting from offset ${psyncOffset}.`,
  );
  srv.env.emit({ type: 'repl-sync', side: 'master', kind: 'partial', replica: name, offset: psyncOffset, rdbBytes: -1, keys: -1, dropped: -1 });
  return true;
}
