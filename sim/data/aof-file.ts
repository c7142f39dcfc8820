// What an append-only file holds, as the simulator keeps it: the data set
// at the last rewrite (the RDB preamble of a 7.0 AOF base file) and the
// write commands appended since, as they were propagated. A restart replays
// them (loadAppendOnlyFiles), which is why the AOF shows what Redis logs and
// not what it merely did: a deletion nobody propagated (delKeysInSlot in
// 7.0.15) is not in it.
//
// The file is an immutable view: `count` commands of an array that the
// writer only ever appends to, so saving it after each fsync copies nothing.

import { execute } from './commands.ts';
import type { Keyspace } from './keyspace.ts';

export class AofFile {
  constructor(
    private readonly base: Keyspace,
    private readonly commands: readonly (readonly string[])[],
    private readonly count: number,
  ) {}

  /** Commands after the base. */
  get length(): number {
    return this.count;
  }

  /**
   * The data set this file loads into. Commands are replayed as loading
   * does: nothing counts as expired while replaying (absolute expire times
   * were propagated), so the result is the data set as it was written.
   */
  load(nowMs: number): Keyspace {
    const ks = this.base.clone();
    for (let i = 0; i < this.count; i++) execute(ks, this.commands[i]!, nowMs, { replica: true, fromMaster: true });
    return ks;
  }
}
