// RDB snapshots (rdb.c, the save-point part of serverCron): server.dirty
// counts changes since the last save; a save point `<seconds> <changes>`
// starts a BGSAVE once that many changes are older than that many seconds
// since the last save; BGSAVE forks a child that writes dump.rdb (its time
// is modelled from the data set's size, as a full sync's is) and the parent
// notices it has finished in a later serverCron; SAVE writes at once.
// Whatever the node was doing with replication goes into the file
// (rdbPopulateSaveInfo) so that a restart can continue with PSYNC.
//
// One child at a time, as in Redis: a BGSAVE waits for (or refuses because
// of) the diskless full-sync child, and that one waits for a BGSAVE.

import { SYNTAX_ERROR } from '../core/command-args.ts';
import { error, int, OK, status, type Reply } from '../core/reply.ts';
import { RdbFile, type RdbReplInfo } from '../data/rdb-file.ts';
import { rdbSizeBytes, rdbTransferMs } from '../data/replication-rdb.ts';
import type { RedisServer } from './server.ts';

/** CONFIG_BGSAVE_RETRY_DELAY: after a failed BGSAVE, save points wait this long (s). */
const BGSAVE_RETRY_DELAY_SEC = 5;

interface SaveChild {
  readonly pid: number;
  readonly startMs: number;
  readonly doneAtMs: number;
  readonly file: RdbFile;
}

/** `save` as CONFIG GET prints it → [seconds, changes] pairs. */
export function saveParams(text: string): [number, number][] {
  const w = text.split(' ').filter((x) => x !== '');
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < w.length; i += 2) out.push([Number(w[i]), Number(w[i + 1])]);
  return out;
}

export class RdbState {
  /** server.dirty: changes since the last successful save. */
  dirty = 0;
  private dirtyBeforeBgsave = 0;
  /** server.lastsave (unix s): the last successful save, or the start of the process. */
  lastsave: number;
  private lastbgsaveTry = 0;
  lastBgsaveOk = true;
  /** rdb_saves: saves started since the process started. */
  saves = 0;
  lastBgsaveTimeSec = -1;
  child: SaveChild | null = null;
  /** What the last load from disk found (INFO rdb_last_load_keys_*). */
  lastLoadKeysLoaded = 0;
  lastLoadKeysExpired = 0;
  private childPids = 0;

  constructor(private readonly srv: RedisServer) {
    this.lastsave = this.unixtime();
  }

  private unixtime(): number {
    return Math.floor(this.srv.env.mstime() / 1000);
  }

  /** Any fork child: our BGSAVE or the full-sync child (hasActiveChildProcess). */
  get hasActiveChild(): boolean {
    return this.child !== null || this.srv.repl.master.rdbChild !== null;
  }

  /** rdbPopulateSaveInfo(): the replication aux fields, or null when the node is in no replication chain. */
  populateSaveInfo(): RdbReplInfo | null {
    const repl = this.srv.repl;
    const h = repl.history;
    if (repl.masterHost === null && h.backlog !== null) return { replid: h.replid, offset: h.masterReplOffset, streamDb: h.slaveseldb === -1 ? 0 : h.slaveseldb };
    if (repl.replica.master !== null || repl.replica.cached !== null) return { replid: h.replid, offset: h.masterReplOffset, streamDb: 0 };
    return null;
  }

  private snapshot(): RdbFile {
    const ks = this.srv.keyspace.clone();
    return new RdbFile(ks, this.unixtime(), rdbSizeBytes(ks), this.populateSaveInfo());
  }

  /** rdbSave(): write dump.rdb now (SAVE, SHUTDOWN). */
  saveNow(): void {
    this.srv.env.saveRdb(this.snapshot());
    this.srv.env.log('notice', 'DB saved on disk');
    this.dirty = 0;
    this.lastsave = this.unixtime();
    this.lastBgsaveOk = true;
    this.saves++;
  }

  /** rdbSaveBackground(): fork a child that writes the file. */
  bgsave(): void {
    const srv = this.srv;
    const file = this.snapshot();
    const now = srv.env.mstime();
    this.dirtyBeforeBgsave = this.dirty;
    this.lastbgsaveTry = this.unixtime();
    this.saves++;
    const ms = rdbTransferMs(file.bytes);
    const child: SaveChild = { pid: srv.opts.port * 10 + (++this.childPids % 10), startMs: now, doneAtMs: now + ms, file };
    this.child = child;
    srv.env.log('notice', `Background saving started by pid ${child.pid}`);
    // The child renames its temp file over dump.rdb just before it exits; the parent notices in serverCron.
    srv.env.schedule(ms, () => {
      if (this.child !== child) return;
      srv.env.saveRdb(child.file);
      srv.env.log('notice', 'DB saved on disk');
      srv.env.log('notice', 'Fork CoW for RDB: current 0 MB, peak 0 MB, average 0 MB');
    });
  }

  /** backgroundSaveDoneHandler(), from serverCron once the child has exited. */
  private bgsaveDone(child: SaveChild): void {
    this.child = null;
    this.srv.env.log('notice', 'Background saving terminated with success');
    this.dirty -= this.dirtyBeforeBgsave;
    this.lastsave = this.unixtime();
    this.lastBgsaveOk = true;
    this.lastBgsaveTimeSec = Math.floor((child.doneAtMs - child.startMs) / 1000);
  }

  /** killRDBChild() at shutdown: the file it was writing is never renamed. */
  killChild(): void {
    if (this.child === null) return;
    this.child = null;
    this.lastBgsaveOk = false;
  }

  /** serverCron's part: a finished child, then the save points. */
  cron(): void {
    const now = this.unixtime();
    if (this.child !== null) {
      if (this.srv.env.mstime() >= this.child.doneAtMs) this.bgsaveDone(this.child);
      return;
    }
    if (this.hasActiveChild) return;
    const retryOk = now - this.lastbgsaveTry > BGSAVE_RETRY_DELAY_SEC || this.lastBgsaveOk;
    for (const [seconds, changes] of saveParams(this.srv.config.save)) {
      if (this.dirty >= changes && now - this.lastsave > seconds && retryOk) {
        this.srv.env.log('notice', `${changes} changes in ${seconds} seconds. Saving...`);
        this.bgsave();
        return;
      }
    }
  }

  /** BGSAVE [SCHEDULE]. */
  bgsaveCommand(argv: readonly string[]): Reply {
    if (argv.length > 2 || (argv.length === 2 && argv[1]!.toLowerCase() !== 'schedule')) return SYNTAX_ERROR;
    // Both kinds of child write an RDB (CHILD_TYPE_RDB): a running one makes BGSAVE refuse, SCHEDULE included
    // (SCHEDULE only waits for an AOF rewrite child, which the model has none of).
    if (this.hasActiveChild) return error('ERR Background save already in progress');
    this.bgsave();
    return status('Background saving started');
  }

  /** SAVE. */
  saveCommand(): Reply {
    if (this.hasActiveChild) return error('ERR Background save already in progress');
    this.saveNow();
    return OK;
  }

  lastsaveCommand(): Reply {
    return int(this.lastsave);
  }

  /** The rdb_* fields of INFO persistence. */
  infoFields(): string[] {
    const c = this.child;
    return [
      `rdb_changes_since_last_save:${this.dirty}`,
      `rdb_bgsave_in_progress:${c !== null ? 1 : 0}`,
      `rdb_last_save_time:${this.lastsave}`,
      `rdb_last_bgsave_status:${this.lastBgsaveOk ? 'ok' : 'err'}`,
      `rdb_last_bgsave_time_sec:${this.lastBgsaveTimeSec}`,
      `rdb_current_bgsave_time_sec:${c !== null ? Math.floor((this.srv.env.mstime() - c.startMs) / 1000) : -1}`,
      `rdb_saves:${this.saves}`,
      'rdb_last_cow_size:0',
      `rdb_last_load_keys_expired:${this.lastLoadKeysExpired}`,
      `rdb_last_load_keys_loaded:${this.lastLoadKeysLoaded}`,
    ];
  }
}
