// How long a full sync's RDB takes: the simulator does not serialise the
// keyspace, it estimates the RDB's size and turns it into time.
//
// Model (documented in the report and the README):
//   size  = RDB_OVERHEAD_BYTES + per key (type byte + length-prefixed key +
//           length-prefixed value, list elements 2 bytes of framing each, 9
//           bytes of expire time when the key has a TTL)
//   child = RDB_FORK_MS + size / RDB_BYTES_PER_MS, rounded up to a whole ms
// With 7.0's default diskless sync the fork child streams the RDB straight
// into the replica's socket, and the replica (disk-based load, the default)
// writes it to a temp file and loads it when the EOF mark arrives; the
// throughput stands for that whole pipeline. A real loopback sync of an empty
// dataset took ~10 ms from fork to "terminated with success"; large ones run
// at roughly 100 MB/s, which is what RDB_BYTES_PER_MS says.

import type { Keyspace } from './keyspace.ts';
import { utf8Length } from './replication-stream.ts';

/** Header ("REDIS0010"), aux fields (version, bits, ctime, used-mem, repl ids), EOF and checksum. */
export const RDB_OVERHEAD_BYTES = 160;
/** fork() plus the child's start-up. */
export const RDB_FORK_MS = 2;
/** ~100 MB/s of serialise + transfer + write. */
export const RDB_BYTES_PER_MS = 100_000;

/** Length prefix of an RDB string: 1, 2 or 5 bytes. */
function lenBytes(n: number): number {
  return n < 64 ? 1 : n < 16384 ? 2 : 5;
}

function stringBytes(s: string): number {
  const n = utf8Length(s);
  return lenBytes(n) + n;
}

/** Estimated RDB size of a keyspace, in bytes. */
export function rdbSizeBytes(ks: Keyspace): number {
  let total = RDB_OVERHEAD_BYTES;
  for (const e of ks.entries()) {
    total += 1 + stringBytes(e.key);
    if (e.expireAt >= 0) total += 9;
    const v = e.value;
    if (typeof v === 'string') total += stringBytes(v);
    else {
      total += 11; // quicklist/listpack headers
      if (v instanceof Map) for (const [f, x] of v) total += 4 + utf8Length(f) + utf8Length(x);
      else for (const item of v) total += 2 + utf8Length(item);
    }
  }
  return total;
}

/** How long the fork child takes to produce and stream an RDB of `bytes`, in whole ms. */
export function rdbTransferMs(bytes: number): number {
  return Math.ceil(RDB_FORK_MS + bytes / RDB_BYTES_PER_MS);
}
