// What an RDB file (dump.rdb) holds, as the simulator keeps it: the data
// set at the moment of the save, the unix time of the save ("RDB age" when
// it is loaded), and the replication aux fields 7.0 writes when the node was
// part of a replication chain (rdbPopulateSaveInfo): the replication ID, the
// offset the data set stands at, and the DB the stream had selected. A
// restarted replica continues from them with PSYNC; a restarted master
// keeps them as its secondary ID so its replicas can.
//
// Written by a BGSAVE or SAVE, by SHUTDOWN, and on a replica by every full
// sync (7.0's disk-based load writes the received RDB to dump.rdb before
// loading it). The file is immutable; loading it gives a copy.

import type { Keyspace } from './keyspace.ts';

export interface RdbReplInfo {
  /** repl-id aux field. */
  readonly replid: string;
  /** repl-offset aux field: the stream offset the data set stands at. */
  readonly offset: number;
  /** repl-stream-db aux field. */
  readonly streamDb: number;
}

export class RdbFile {
  constructor(
    private readonly data: Keyspace,
    /** Unix seconds when the save started (ctime aux field). */
    readonly createdSec: number,
    /** Modelled size in bytes (the "memory usage when created" log line). */
    readonly bytes: number,
    /** null when the saving node was in no replication chain. */
    readonly repl: RdbReplInfo | null,
  ) {}

  get keys(): number {
    return this.data.size;
  }

  /** The data set this file loads into (a copy: the file stays as written). */
  load(): Keyspace {
    return this.data.clone();
  }
}
