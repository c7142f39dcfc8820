// SHUTDOWN and SIGTERM as Redis 7.0 does them (server.c prepareForShutdown,
// finishShutdown, isReadyToShutdown): unless NOW, a master with replicas
// that have not acknowledged its whole stream pauses writes, asks them for
// an ACK, and waits up to shutdown-timeout (10 s) for them, checked from
// serverCron; then it kills a saving child, fsyncs the AOF, saves dump.rdb
// when save points are configured (unless NOSAVE) or SAVE was asked, and
// exits. A SIGTERM only sets a flag; the next serverCron starts the same
// sequence (shutdown-on-sigterm `default`: the save points decide).

import { error, OK, type Reply } from '../core/reply.ts';
import { SYNTAX_ERROR } from '../core/command-args.ts';
import { GETACK_CMD, respCommandBytes } from '../data/replication-stream.ts';
import type { ClientConn } from './client.ts';
import type { RedisServer } from './server.ts';

const SHUTDOWN_NOSAVE = 1;
const SHUTDOWN_SAVE = 2;
const SHUTDOWN_NOW = 4;
const SHUTDOWN_FORCE = 8;

export class ShutdownState {
  /** server.shutdown_asap: a signal asked for a shutdown. */
  asap = false;
  /** server.shutdown_mstime: the deadline of a shutdown waiting for replicas (0 = none). */
  mstime = 0;
  flags = 0;
  /** Set once the process is leaving: no more events are handled. */
  exiting = false;

  constructor(private readonly srv: RedisServer) {}

  /** The signal handler: SIGTERM (`shutdown:` action) schedules a shutdown for the next serverCron. */
  signal(): void {
    this.srv.env.log('warning', 'Received SIGTERM scheduling shutdown...');
    this.asap = true;
  }

  /** serverCron's part. */
  cron(): void {
    if (this.exiting) return;
    if (this.asap && this.mstime === 0) {
      this.prepareForShutdown(0);
    } else if (this.mstime !== 0) {
      if (this.srv.env.mstime() >= this.mstime || this.isReadyToShutdown()) this.finishShutdown();
    }
  }

  /** true if the process exits now; false if it waits for replicas (or already is shutting down). */
  prepareForShutdown(flags: number): boolean {
    if (this.mstime !== 0) return false;
    const srv = this.srv;
    this.flags = flags;
    srv.env.log('warning', 'User requested shutdown...');
    const timeoutSec = srv.config.shutdownTimeout;
    if (!(flags & SHUTDOWN_NOW) && timeoutSec !== 0 && !this.isReadyToShutdown()) {
      this.mstime = srv.env.mstime() + timeoutSec * 1000;
      if (!srv.pause.active && srv.repl.masterHost === null) srv.repl.master.feedNoDb(GETACK_CMD, respCommandBytes(GETACK_CMD));
      srv.pause.pause('shutdown', Number.MAX_SAFE_INTEGER);
      srv.env.log('notice', 'Waiting for replicas before shutting down.');
      return false;
    }
    this.finishShutdown();
    return true;
  }

  /** Every replica acknowledged the whole stream. */
  isReadyToShutdown(): boolean {
    const srv = this.srv;
    const off = srv.repl.history.masterReplOffset;
    for (const s of srv.repl.master.slaves) if (s.replica!.ackOff !== off) return false;
    return true;
  }

  finishShutdown(): void {
    const srv = this.srv;
    const master = srv.repl.master;
    const off = srv.repl.history.masterReplOffset;
    const now = Math.floor(srv.env.mstime() / 1000);
    let lagging = 0;
    for (const s of master.slaves) {
      const r = s.replica!;
      if (r.ackOff === off) continue;
      lagging++;
      const lag = r.replstate === 'online' ? now - r.ackTime : 0;
      const state = r.replstate === 'online' ? 'online' : 'wait_bgsave';
      srv.env.log('warning', `Lagging replica ${master.slaveName(s)} reported offset ${off - r.ackOff} behind master, lag=${lag}, state=${state}.`);
    }
    if (master.slaves.length > 0) {
      srv.env.log('notice', `${master.slaves.length - lagging} of ${master.slaves.length} replicas are in sync when shutting down.`);
    }
    if (srv.rdb.hasActiveChild) {
      srv.env.log('warning', 'There is a child saving an .rdb. Killing it!');
      srv.rdb.killChild();
      srv.repl.master.killRdbChild();
    }
    if (srv.config.appendonly) {
      srv.env.log('notice', 'Calling fsync() on the AOF file.');
      srv.aof.fsync();
    }
    if ((srv.config.save !== '' && !(this.flags & SHUTDOWN_NOSAVE)) || this.flags & SHUTDOWN_SAVE) {
      srv.env.log('notice', 'Saving the final RDB snapshot before exiting.');
      srv.rdb.saveNow();
    }
    srv.env.log('warning', 'Redis is now ready to exit, bye bye...');
    srv.env.emit({ type: 'shutdown', replicas: master.slaves.length, lagging });
    this.exiting = true;
    srv.env.exit();
  }

  /** SHUTDOWN ABORT. */
  abort(): boolean {
    if (this.mstime === 0 && !this.asap) return false;
    this.asap = false;
    this.flags = 0;
    this.mstime = 0;
    // Clients blocked in SHUTDOWN get an error (replyToClientsBlockedOnShutdown).
    for (const c of [...this.srv.clients.all]) {
      if (c.blocked?.type === 'pending' && c.current?.argv[0]?.toLowerCase() === 'shutdown') {
        this.srv.clients.unblock(c, error('ERR Errors trying to SHUTDOWN. Check logs.'));
      }
    }
    this.srv.pause.unpause('shutdown');
    this.srv.env.log('notice', 'Shutdown manually aborted.');
    return true;
  }
}

/** SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. */
export function shutdownCommand(srv: RedisServer, c: ClientConn, argv: readonly string[]): Reply | null {
  let flags = 0;
  let abort = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!.toLowerCase();
    if (a === 'nosave') flags |= SHUTDOWN_NOSAVE;
    else if (a === 'save') flags |= SHUTDOWN_SAVE;
    else if (a === 'now') flags |= SHUTDOWN_NOW;
    else if (a === 'force') flags |= SHUTDOWN_FORCE;
    else if (a === 'abort') abort = true;
    else return SYNTAX_ERROR;
  }
  if ((abort && flags !== 0) || (flags & SHUTDOWN_NOSAVE && flags & SHUTDOWN_SAVE)) return SYNTAX_ERROR;
  if (abort) return srv.shutdown.abort() ? OK : error('ERR No shutdown in progress.');
  c.blocked = { type: 'pending' };
  srv.shutdown.prepareForShutdown(flags);
  return null;
}
