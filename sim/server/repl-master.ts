// The master side of replication (replication.c, "MASTER" part): the
// replicas (clients that sent PSYNC, see repl-sync-commands.ts), the stream
// fed to them and to the backlog, and full syncs: +FULLRESYNC and an RDB
// made by a fork child (diskless, 7.0's default: started
// repl-diskless-sync-delay seconds after the first waiting replica asked,
// streamed straight into the replicas' sockets). The stream then follows
// from the RDB's offset once the replica's first REPLCONF ACK shows it
// loaded the RDB.

import { status } from '../core/reply.ts';
import { rdbSizeBytes, rdbTransferMs } from '../data/replication-rdb.ts';
import { NEWLINE, type ReplRdbMessage, type ReplStreamMessage } from '../data/replication-stream.ts';
import type { ClientConn } from './client.ts';
import type { ClientRequest } from './client-protocol.ts';
import type { RedisServer } from './server.ts';

export type SlaveState = 'none' | 'wait_bgsave_start' | 'wait_bgsave_end' | 'online';

/** What a master keeps about a replica client (slave_* fields of Redis's client). */
export interface ReplicaClientState {
  replstate: SlaveState;
  listeningPort: number;
  capaEof: boolean;
  capaPsync2: boolean;
  /** repl_ack_off / repl_ack_time (unix s). */
  ackOff: number;
  ackTime: number;
  /** Unix s of the PSYNC (the replica sends nothing else while it waits: its idle time). */
  psyncTime: number;
  /** The PSYNC request, answered with +FULLRESYNC when the fork starts. */
  psyncReq: ClientRequest | null;
  /** repl_start_cmd_stream_on_ack: RDB sent, the stream starts at the first ACK. */
  startStreamOnAck: boolean;
  /** Stream accumulated while the RDB is made and loaded. */
  pendingCmds: (readonly string[])[];
  pendingSizes: number[];
}

interface RdbChild {
  doneAt: number;
  targets: ClientConn[];
  rdb: ReplRdbMessage;
}

export class ReplMaster {
  /** server.slaves, in attach order. */
  readonly slaves: ClientConn[] = [];
  rdbChild: RdbChild | null = null;
  /** repl_no_slaves_since (unix s). */
  noSlavesSince = 0;
  private buildCmds: (readonly string[])[] = [];
  private buildSizes: number[] = [];
  private readonly sink = (argv: readonly string[], bytes: number): void => {
    this.buildCmds.push(argv);
    this.buildSizes.push(bytes);
  };
  /** With no replica attached the stream only goes to the backlog: nothing to collect. */
  private readonly noSink = (): void => {};

  constructor(private readonly srv: RedisServer) {
    this.noSlavesSince = this.unixtime();
  }

  unixtime(): number {
    return Math.floor(this.srv.env.mstime() / 1000);
  }

  /** replicationGetSlaveName(). */
  slaveName(c: ClientConn): string {
    if (c.conn === null) return `client id #${c.id}`;
    const ip = this.srv.env.busPeerIp(c.conn);
    const port = c.replica?.listeningPort ?? 0;
    return port ? `${ip}:${port}` : `${ip}:<unknown-replica-port>`;
  }

  /** The replica fields of a client, created on its first REPLCONF or PSYNC. */
  replicaState(c: ClientConn): ReplicaClientState {
    return (c.replica ??= {
      replstate: 'none',
      listeningPort: 0,
      capaEof: false,
      capaPsync2: false,
      ackOff: 0,
      ackTime: 0,
      psyncTime: 0,
      psyncReq: null,
      startStreamOnAck: false,
      pendingCmds: [],
      pendingSizes: [],
    });
  }

  // ---- the stream --------------------------------------------------------

  /** Propagate commands from a top-level master (replicationFeedSlaves). */
  feed(cmds: readonly (readonly string[])[]): void {
    if (this.slaves.length === 0) {
      this.srv.repl.history.feed(cmds, this.noSink);
      return;
    }
    this.startMessage();
    if (this.srv.repl.history.feed(cmds, this.sink)) this.broadcast();
  }

  /** A command with no DB (PING, REPLCONF GETACK). */
  feedNoDb(argv: readonly string[], bytes: number): void {
    this.startMessage();
    if (this.srv.repl.history.feedNoDb(argv, bytes, this.sink)) this.broadcast();
  }

  /** A replica passing its master's stream on (replicationFeedStreamFromMasterStream). */
  proxy(cmds: readonly (readonly string[])[], sizes: readonly number[]): void {
    const h = this.srv.repl.history;
    if (this.slaves.length === 0) {
      for (let i = 0; i < cmds.length; i++) h.feedFromMaster(cmds[i]!, sizes[i]!, this.noSink);
      return;
    }
    this.startMessage();
    for (let i = 0; i < cmds.length; i++) h.feedFromMaster(cmds[i]!, sizes[i]!, this.sink);
    if (this.buildCmds.length > 0) this.broadcast();
  }

  private startMessage(): void {
    this.buildCmds = [];
    this.buildSizes = [];
  }

  private broadcast(): void {
    if (this.slaves.length === 0) return;
    const msg: ReplStreamMessage = { kind: 'repl', cmds: this.buildCmds, sizes: this.buildSizes };
    for (const s of this.slaves) {
      const r = s.replica!;
      if (r.replstate === 'online' && !r.startStreamOnAck) this.srv.env.dataSend(s.conn, msg, 'repl');
      else if (r.replstate !== 'wait_bgsave_start') {
        for (let i = 0; i < msg.cmds.length; i++) {
          r.pendingCmds.push(msg.cmds[i]!);
          r.pendingSizes.push(msg.sizes[i]!);
        }
      }
    }
  }

  // ---- full sync -------------------------------------------------------------

  /** startBgsaveForReplication() with a socket target: fork now, reply +FULLRESYNC to every waiting replica. */
  startBgsaveForReplication(): void {
    const srv = this.srv;
    const h = srv.repl.history;
    srv.env.log('notice', 'Starting BGSAVE for SYNC with target: replicas sockets');
    const snapshot = srv.keyspace.clone();
    const bytes = rdbSizeBytes(snapshot);
    const rdb: ReplRdbMessage = { kind: 'rdb', snapshot, replid: h.replid, offset: h.masterReplOffset, bytes, createdSec: this.unixtime() };
    const targets: ClientConn[] = [];
    for (const s of this.slaves) {
      const r = s.replica!;
      if (r.replstate !== 'wait_bgsave_start') continue;
      r.replstate = 'wait_bgsave_end';
      r.pendingCmds = [];
      r.pendingSizes = [];
      s.reply(r.psyncReq!, status(`FULLRESYNC ${h.replid} ${h.masterReplOffset}`));
      r.psyncReq = null;
      targets.push(s);
      srv.env.emit({ type: 'repl-sync', side: 'master', kind: 'full', replica: this.slaveName(s), offset: h.masterReplOffset, rdbBytes: bytes, keys: -1, dropped: -1 });
    }
    h.slaveseldb = -1; // the stream after the RDB starts with SELECT
    const child: RdbChild = { doneAt: srv.env.mstime() + rdbTransferMs(bytes), targets, rdb };
    this.rdbChild = child;
    srv.env.schedule(rdbTransferMs(bytes), () => this.rdbTransferDone(child));
  }

  /** killRDBChild() at shutdown: the transfer never completes. */
  killRdbChild(): void {
    this.rdbChild = null;
  }

  /** The fork child wrote the whole RDB into the replicas' sockets and exited. */
  private rdbTransferDone(child: RdbChild): void {
    if (this.rdbChild !== child) return;
    this.rdbChild = null;
    const srv = this.srv;
    const live = child.targets.filter((s) => !s.closed && s.replica?.replstate === 'wait_bgsave_end');
    srv.env.log('warning', `Diskless rdb transfer, done reading from pipe, ${live.length} replicas still up.`);
    srv.env.log('notice', 'Background RDB transfer terminated with success');
    for (const s of live) {
      srv.env.dataSend(s.conn, child.rdb, 'rdb');
      const name = this.slaveName(s);
      srv.env.log('notice', `Streamed RDB transfer with replica ${name} succeeded (socket). Waiting for REPLCONF ACK from slave to enable streaming`);
      const r = s.replica!;
      r.replstate = 'online';
      r.ackTime = this.unixtime();
      r.startStreamOnAck = true;
      srv.env.log('notice', `Synchronization with replica ${name} succeeded`);
    }
  }

  /** replicaStartCommandStream(): send what accumulated since the fork. */
  startCommandStream(c: ClientConn): void {
    const r = c.replica!;
    r.startStreamOnAck = false;
    if (r.pendingCmds.length > 0) {
      this.srv.env.dataSend(c.conn, { kind: 'repl', cmds: r.pendingCmds, sizes: r.pendingSizes }, 'repl');
    }
    r.pendingCmds = [];
    r.pendingSizes = [];
  }

  // ---- replicas going away ---------------------------------------------------

  /** freeClient() of a replica: log, forget, close. */
  freeReplica(c: ClientConn): void {
    const i = this.slaves.indexOf(c);
    if (i < 0) return;
    this.slaves.splice(i, 1);
    this.srv.env.log('warning', `Connection with replica ${this.slaveName(c)} lost.`);
    if (this.rdbChild) {
      const t = this.rdbChild.targets.indexOf(c);
      if (t >= 0) this.rdbChild.targets.splice(t, 1);
      if (this.rdbChild.targets.length === 0 && t >= 0) {
        this.srv.env.log('warning', 'Diskless rdb transfer, last replica dropped, killing fork child.');
        this.rdbChild = null;
      }
    }
    if (this.slaves.length === 0) this.noSlavesSince = this.unixtime();
    this.srv.clients.close(c);
  }

  /** disconnectSlaves(). */
  disconnectSlaves(): void {
    for (const s of [...this.slaves]) this.freeReplica(s);
  }

  /** replicationCountAcksByOffset(). */
  countAcksByOffset(offset: number): number {
    let n = 0;
    for (const s of this.slaves) if (s.replica!.replstate === 'online' && s.replica!.ackOff >= offset) n++;
    return n;
  }
}
