// appendonly yes (aof.c, reduced to what survives a restart): every write
// command the node propagates (or, on a replica, applies from its master)
// is appended; appendfsync everysec makes what was appended durable once a
// second; a graceful shutdown fsyncs at exit. So a kill loses at most the
// last second of writes and a SHUTDOWN loses nothing. The file is rewritten
// from the data set (a new base, no commands) when it has grown well past
// the data set's size, after a replica's full sync (restartAOFAfterSYNC)
// and when appendonly is switched on.

import { AofFile } from '../data/aof-file.ts';
import type { Keyspace } from '../data/keyspace.ts';
import type { RedisServer } from './server.ts';

/** auto-aof-rewrite-min-size stand-in, in commands. */
const AOF_REWRITE_MIN_COMMANDS = 10_000;

export class AofState {
  private base: Keyspace | null = null;
  /** Appended and fsynced (only ever appended to until a rewrite replaces it). */
  private synced: (readonly string[])[] = [];
  /** Appended since the last fsync. */
  private pending: (readonly string[])[] = [];

  constructor(private readonly srv: RedisServer) {}

  private get on(): boolean {
    return this.srv.config.appendonly;
  }

  /** At start: the AOF continues from the data set just loaded. */
  start(): void {
    if (this.on) this.rewrite();
  }

  /** feedAppendOnlyFile(): one write command, as propagated. */
  append(argv: readonly string[]): void {
    if (this.on) this.pending.push(argv);
  }

  /** serverCron, once a second: the everysec fsync. */
  cron(): void {
    if (this.on && this.pending.length > 0) this.fsync();
  }

  /** Make everything appended durable (and rewrite if the file has grown too long). */
  fsync(): void {
    if (!this.on || this.base === null) return;
    for (const c of this.pending) this.synced.push(c);
    this.pending = [];
    if (this.synced.length > Math.max(AOF_REWRITE_MIN_COMMANDS, 2 * this.srv.keyspace.size)) this.rewrite();
    else this.srv.env.saveAof(new AofFile(this.base, this.synced, this.synced.length));
  }

  /** A new base from the data set as it is now. */
  private rewrite(): void {
    this.base = this.srv.keyspace.clone();
    this.synced = [];
    this.pending = [];
    this.srv.env.saveAof(new AofFile(this.base, this.synced, 0));
  }

  /** A full sync replaced the data: the AOF is rewritten from it. */
  afterSync(): void {
    if (this.on) this.rewrite();
  }

  /** CONFIG SET appendonly: switched on, the AOF is written from the current data at once. */
  enabledChanged(on: boolean): void {
    if (on) this.rewrite();
    else {
      this.base = null;
      this.synced = [];
      this.pending = [];
    }
  }
}
