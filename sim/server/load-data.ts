// loadDataFromDisk() for the RDB (server.c, 7.0): at start, after nodes.conf
// says whether this node is a master or a replica, dump.rdb is loaded (with
// appendonly yes the AOF is loaded instead, by the world). The replication
// aux fields of the file then decide what a PSYNC can continue from:
// - a replica takes the file's replication ID and offset as its own and
//   synthesises a cached master from them, so its first PSYNC asks to
//   continue exactly where the file stands (a killed replica restarted while
//   its master's backlog still covers that offset resyncs partially);
// - a master keeps them as its secondary ID (replid2, valid up to the
//   offset) and starts its offset there, so replicas that were in sync with
//   it when it saved (SHUTDOWN waits for them) continue partially too.
// A master drops keys whose TTL passed while it was down; a replica keeps
// them for its master to expire.

import { CLUSTER_NODE_MASTER } from '../cluster/constants.ts';
import type { RdbFile } from '../data/rdb-file.ts';
import { BASE_USED_MEMORY } from './repl-handshake.ts';
import type { RedisServer } from './server.ts';

export function loadDataFromDisk(srv: RedisServer, file: RdbFile | null): void {
  const iAmMaster = (srv.cs.myself.flags & CLUSTER_NODE_MASTER) !== 0;
  const h = srv.repl.history;
  // A master records the DELs of expired keys it drops while loading, so it creates its backlog first.
  if (iAmMaster) h.createBacklog();
  if (file !== null) loadFile(srv, file, iAmMaster);
  // Without replication info there is nothing to continue from: the backlog goes again.
  if (h.masterReplOffset === 0 && h.backlog !== null) h.freeBacklog();
}

function loadFile(srv: RedisServer, file: RdbFile, iAmMaster: boolean): void {
  const env = srv.env;
  const ks = file.load();
  const now = env.mstime();
  let expired = 0;
  if (iAmMaster) {
    const gone: string[] = [];
    for (const e of ks.entries()) if (e.expireAt >= 0 && e.expireAt < now) gone.push(e.key);
    for (const k of gone) ks.delete(k);
    expired = gone.length;
  }
  srv.loadKeyspace(ks);
  srv.rdb.lastLoadKeysLoaded = ks.size;
  srv.rdb.lastLoadKeysExpired = expired;
  env.log('notice', 'Loading RDB produced by version 7.0.15');
  env.log('notice', `RDB age ${Math.max(0, Math.floor(now / 1000) - file.createdSec)} seconds`);
  env.log('notice', `RDB memory usage when created ${((BASE_USED_MEMORY + file.bytes) / 1024 / 1024).toFixed(2)} Mb`);
  env.log('notice', `Done loading RDB, keys loaded: ${ks.size}, keys expired: ${expired}.`);
  env.log('notice', 'DB loaded from disk: 0.000 seconds');
  const info = file.repl;
  if (info === null) return;
  const h = srv.repl.history;
  if (!iAmMaster) {
    h.replid = info.replid;
    h.masterReplOffset = info.offset;
    srv.repl.replica.cacheMasterUsingMyself();
  } else {
    h.replid2 = info.replid;
    h.secondReplidOffset = info.offset + 1;
    h.masterReplOffset += info.offset;
    h.createBacklog();
    srv.repl.master.noSlavesSince = Math.floor(now / 1000);
  }
}
