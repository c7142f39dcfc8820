// syncWithMaster / slaveTryPartialResynchronization / readSyncBulkPayload
// (replication.c): the replica's side of the conversation on a new link.
// PING → +PONG; AUTH <masterauth> when set, REPLCONF listening-port and
// REPLCONF capa eof capa psync2 (pipelined) → +OK +OK +OK; PSYNC <cached replid> <offset+1> (or `? -1`) →
// +CONTINUE [<replid>] and the stream, or +FULLRESYNC <replid> <offset>
// then the RDB. Log texts are replication.c's and rdb.c's.

import type { ConnHandle } from '../cluster/link.ts';
import type { Reply } from '../core/reply.ts';
import { RdbFile } from '../data/rdb-file.ts';
import type { ReplRdbMessage } from '../data/replication-stream.ts';
import type { ClientResponse } from './client-protocol.ts';
import type { ReplReplica } from './repl-replica.ts';

/** What Redis prints as the status/error line of a reply (without CRLF). */
function replyLine(r: Reply): string {
  if (r.kind === 'status') return `+${r.text}`;
  if (r.kind === 'error') return `-${r.text}`;
  return '';
}

function logger(rep: ReplReplica): (level: 'notice' | 'warning', text: string) => void {
  return (level, text) => rep.srv.env.log(level, text);
}

export function onHandshakeData(rep: ReplReplica, conn: ConnHandle, payload: unknown): void {
  const kind = (payload as { kind: string }).kind;
  if (kind === 'newline') return; // a keepalive while the master prepares the RDB
  if (kind === 'rdb') {
    if (rep.state === 'transfer') loadRdb(rep, payload as ReplRdbMessage);
    return;
  }
  if (kind !== 'resp') return;
  const line = replyLine((payload as ClientResponse).reply);
  const log = logger(rep);
  switch (rep.state) {
    case 'receive_ping_reply':
      // +PONG, or an auth error, means the master is there and speaks RESP.
      if (!line.startsWith('+') && !line.startsWith('-NOAUTH') && !line.startsWith('-NOPERM') && !line.startsWith('-ERR operation not permitted')) {
        log('warning', `Error reply to PING from master: '${line}'`);
        rep.syncError();
        return;
      }
      log('notice', 'Master replied to PING, replication can continue...');
      if (rep.srv.config.masterauth !== '') rep.sendCommand(conn, ['AUTH', rep.srv.config.masterauth]);
      rep.sendCommand(conn, ['REPLCONF', 'listening-port', String(rep.srv.opts.port)]);
      rep.sendCommand(conn, ['REPLCONF', 'capa', 'eof', 'capa', 'psync2']);
      rep.state = rep.srv.config.masterauth !== '' ? 'receive_auth_reply' : 'receive_port_reply';
      return;
    case 'receive_auth_reply':
      if (line.startsWith('-')) {
        log('warning', `Unable to AUTH to MASTER: ${line}`);
        rep.syncError();
        return;
      }
      rep.state = 'receive_port_reply';
      return;
    case 'receive_port_reply':
      if (line.startsWith('-')) log('notice', `(Non critical) Master does not understand REPLCONF listening-port: ${line}`);
      rep.state = 'receive_capa_reply';
      return;
    case 'receive_capa_reply':
      if (line.startsWith('-')) log('notice', `(Non critical) Master does not understand REPLCONF capa: ${line}`);
      sendPsync(rep, conn);
      return;
    case 'receive_psync_reply':
      onPsyncReply(rep, conn, line);
      return;
    default:
      return;
  }
}

/** slaveTryPartialResynchronization(), writing half. */
function sendPsync(rep: ReplReplica, conn: ConnHandle): void {
  rep.masterInitialOffset = -1;
  let replid = '?';
  let offset = '-1';
  if (rep.cached !== null) {
    replid = rep.cached.replid;
    offset = String(rep.cached.reploff + 1);
    rep.srv.env.log('notice', `Trying a partial resynchronization (request ${replid}:${offset}).`);
  } else {
    rep.srv.env.log('notice', 'Partial resynchronization not possible (no cached master)');
  }
  rep.sendCommand(conn, ['PSYNC', replid, offset]);
  rep.state = 'receive_psync_reply';
}

/** slaveTryPartialResynchronization(), reading half. */
function onPsyncReply(rep: ReplReplica, conn: ConnHandle, line: string): void {
  const srv = rep.srv;
  const log = logger(rep);
  if (line.startsWith('+FULLRESYNC')) {
    const [, replid, offset] = line.split(' ');
    if (replid === undefined || offset === undefined || replid.length !== 40) {
      log('warning', 'Master replied with wrong +FULLRESYNC syntax.');
      rep.masterReplid = '';
    } else {
      rep.masterReplid = replid;
      rep.masterInitialOffset = Number(offset);
      log('notice', `Full resync from master: ${replid}:${offset}`);
    }
    rep.state = 'transfer';
    rep.transferLastIo = rep.unixtime();
    // The fork child writes "$EOF:<mark>" at once (disk-based load is the default).
    log('notice', 'MASTER <-> REPLICA sync: receiving streamed RDB from master with EOF to disk');
    return;
  }
  if (line.startsWith('+CONTINUE')) {
    log('notice', 'Successful partial resynchronization with master.');
    const cached = rep.cached!;
    const newId = line.slice(10).trim();
    const h = srv.repl.history;
    if (newId.length === 40 && newId !== cached.replid) {
      log('warning', `Master replication ID changed to ${newId}`);
      h.replid2 = cached.replid;
      h.secondReplidOffset = h.masterReplOffset + 1;
      h.replid = newId;
      cached.replid = newId;
      srv.repl.master.disconnectSlaves();
    }
    // replicationResurrectCachedMaster()
    rep.cached = null;
    rep.linkUp({ conn, reploff: cached.reploff, replid: cached.replid, lastinteraction: rep.unixtime() });
    if (h.backlog === null) h.createBacklog();
    log('notice', 'MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.');
    return;
  }
  if (line.startsWith('-NOAUTH')) {
    // No (right) masterauth. 7.0 then tries SYNC, which the master refuses
    // the same way, and reconnects at once, about every 5 ms
    // (test/fixtures/real-redis-formats/masterauth); the model logs the
    // refusal and retries from replicationCron, once a second.
    log('warning', `Unexpected reply to PSYNC from master: ${line}`);
    log('notice', 'Retrying with SYNC...');
    log('warning', `MASTER aborted replication with an error: ${line.slice(1)}`);
    rep.syncError();
    return;
  }
  if (line.startsWith('-NOMASTERLINK') || line.startsWith('-LOADING')) {
    log('notice', `Master is currently unable to PSYNC but should be in the future: ${line}`);
  } else if (!line.startsWith('-ERR')) {
    log('warning', `Unexpected reply to PSYNC from master: ${line}`);
  } else {
    log('notice', `Master does not support PSYNC or is in error state (reply: ${line})`);
  }
  rep.syncError();
}

/** readSyncBulkPayload() once the whole RDB is in: drop everything, load it, go CONNECTED. */
function loadRdb(rep: ReplReplica, rdb: ReplRdbMessage): void {
  const srv = rep.srv;
  const log = logger(rep);
  const conn = rep.transferConn!;
  // replicationAttachToNewMaster(): no PSYNC from our old history any more.
  rep.discardCachedMaster();
  srv.repl.master.disconnectSlaves();
  srv.repl.history.freeBacklog();
  log('notice', 'MASTER <-> REPLICA sync: Flushing old data');
  const dropped = srv.keyspace.size;
  log('notice', 'MASTER <-> REPLICA sync: Loading DB in memory');
  // Disk-based load (the default) writes the RDB to dump.rdb first: it stays there for a restart.
  if (srv.config.replDisklessLoad === 'disabled') {
    srv.env.saveRdb(new RdbFile(rdb.snapshot, rdb.createdSec, rdb.bytes, { replid: rdb.replid, offset: rdb.offset, streamDb: 0 }));
  }
  srv.loadKeyspace(rdb.snapshot.clone());
  srv.rdb.lastLoadKeysLoaded = srv.keyspace.size;
  log('notice', 'Loading RDB produced by version 7.0.15');
  log('notice', `RDB age ${Math.max(0, rep.unixtime() - rdb.createdSec)} seconds`);
  log('notice', `RDB memory usage when created ${((BASE_USED_MEMORY + rdb.bytes) / 1024 / 1024).toFixed(2)} Mb`);
  log('notice', `Done loading RDB, keys loaded: ${srv.keyspace.size}, keys expired: 0.`);
  srv.env.emit({ type: 'repl-sync', side: 'replica', kind: 'full', replica: '', offset: rep.masterInitialOffset, rdbBytes: -1, keys: srv.keyspace.size, dropped });

  const h = srv.repl.history;
  rep.linkUp({ conn, reploff: rep.masterInitialOffset, replid: rep.masterReplid, lastinteraction: rep.unixtime() });
  h.replid = rep.masterReplid;
  h.masterReplOffset = rep.masterInitialOffset;
  h.clearReplicationId2();
  if (h.backlog === null) h.createBacklog();
  log('notice', 'MASTER <-> REPLICA sync: Finished with success');
  rep.sendAckIfConnected(); // with the EOF mark, the first ACK puts us online at once
  srv.aof.afterSync();
}

/** used_memory of an empty 7.0 instance, ~0.93 MB (what the "memory usage" line shows for an empty RDB). */
export const BASE_USED_MEMORY = 975_000;
