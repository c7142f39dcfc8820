// One node's replication history (PSYNC2): the replication ID and offset of
// the stream it holds, the secondary ID it inherited when it was promoted,
// and the backlog. Every node has one, master or replica: a replica's
// offset is the master's stream as far as it has applied it, and when it is
// promoted it keeps serving partial resyncs of the old history (replid2) up
// to where it stood.
//
// Names and rules from replication.c: changeReplicationId,
// clearReplicationId2, shiftReplicationId, replicationFeedSlaves,
// masterTryPartialResynchronization.

import type { Prng } from '../core/prng.ts';
import { ReplBacklog } from './replication-backlog.ts';
import { respCommandBytes, SELECT_DB0, SELECT_DB0_BYTES } from './replication-stream.ts';

export const NULL_REPLID = '0000000000000000000000000000000000000000';

/** Why a PSYNC cannot continue (masterTryPartialResynchronization's log cases). */
export type PsyncRefusal =
  | { kind: 'full-requested' }
  | { kind: 'id-mismatch' }
  | { kind: 'id2-offset' }
  | { kind: 'no-backlog'; aheadOfMaster: boolean };

/** Receives each command appended to the stream, with its size. */
export type StreamSink = (argv: readonly string[], bytes: number) => void;

export class ReplicationHistory {
  replid: string;
  replid2 = NULL_REPLID;
  /** Offset up to which replid2 is valid (second_replid_offset); -1 if none. */
  secondReplidOffset = -1;
  /** master_repl_offset: bytes of the stream held so far. */
  masterReplOffset = 0;
  backlog: ReplBacklog | null = null;
  /** server.slaveseldb: the DB the stream last selected (-1: the next command re-emits SELECT). */
  slaveseldb = -1;

  constructor(
    private readonly rng: Prng,
    public backlogSize: number,
  ) {
    this.replid = rng.hexId(40);
  }

  /** changeReplicationId(): a new random history. */
  changeReplicationId(): void {
    this.replid = this.rng.hexId(40);
  }

  clearReplicationId2(): void {
    this.replid2 = NULL_REPLID;
    this.secondReplidOffset = -1;
  }

  /** shiftReplicationId(): the current history becomes the secondary one (a replica turned master). */
  shiftReplicationId(): void {
    this.replid2 = this.replid;
    this.secondReplidOffset = this.masterReplOffset + 1;
    this.changeReplicationId();
  }

  createBacklog(): void {
    this.backlog = new ReplBacklog(this.masterReplOffset, this.backlogSize);
  }

  freeBacklog(): void {
    this.backlog = null;
  }

  resizeBacklog(size: number): void {
    this.backlogSize = size;
    this.backlog?.resize(size, this.masterReplOffset);
  }

  /**
   * replicationFeedSlaves() on a top-level master: append commands to the
   * stream (SELECT 0 first when the stream has no DB selected). Nothing is
   * recorded, and the offset does not move, while there is no backlog.
   * Returns false in that case.
   */
  feed(cmds: readonly (readonly string[])[], sink: StreamSink): boolean {
    if (this.backlog === null) return false;
    if (this.slaveseldb !== 0) {
      this.append(SELECT_DB0, SELECT_DB0_BYTES, sink);
      this.slaveseldb = 0;
    }
    for (let i = 0; i < cmds.length; i++) this.append(cmds[i]!, respCommandBytes(cmds[i]!), sink);
    return true;
  }

  /** A command that does not touch a DB (PING, REPLCONF GETACK): fed with the current slaveseldb, so no SELECT. */
  feedNoDb(argv: readonly string[], bytes: number, sink: StreamSink): boolean {
    if (this.backlog === null) return false;
    this.append(argv, bytes, sink);
    return true;
  }

  /** replicationFeedStreamFromMasterStream(): a replica records its master's stream verbatim. */
  feedFromMaster(argv: readonly string[], bytes: number, sink: StreamSink): void {
    if (this.backlog !== null) this.append(argv, bytes, sink);
  }

  private append(argv: readonly string[], bytes: number, sink: StreamSink): void {
    const start = this.masterReplOffset + 1;
    this.masterReplOffset += bytes;
    this.backlog!.append(argv, bytes, start);
    sink(argv, bytes);
  }

  /** masterTryPartialResynchronization()'s test: null if PSYNC <replid> <offset> can continue. */
  psyncRefusal(replid: string, psyncOffset: number): PsyncRefusal | null {
    const sameId = replid.toLowerCase() === this.replid;
    const id2 = replid.toLowerCase() === this.replid2;
    if (!sameId && (!id2 || psyncOffset > this.secondReplidOffset)) {
      if (replid.startsWith('?')) return { kind: 'full-requested' };
      return id2 ? { kind: 'id2-offset' } : { kind: 'id-mismatch' };
    }
    if (this.backlog === null || !this.backlog.covers(psyncOffset)) {
      return { kind: 'no-backlog', aheadOfMaster: psyncOffset > this.masterReplOffset };
    }
    return null;
  }
}
