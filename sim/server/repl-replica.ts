// The replica side of replication (replication.c, "SLAVE" part): the link
// to the master and its states, from connect through the handshake and the
// RDB transfer to CONNECTED; the master client (server.master) whose
// processed offset is what the election ranks by; the cached master that a
// lost link or a demotion leaves for PSYNC; REPLCONF ACK every second; the
// repl-timeout checks. The handshake steps themselves live in
// repl-handshake.ts.

import type { ConnHandle } from '../cluster/link.ts';
import { execute } from '../data/commands.ts';
import type { ReplStreamMessage } from '../data/replication-stream.ts';
import type { ClientRequest } from './client-protocol.ts';
import type { DataHandlers } from './env.ts';
import { onHandshakeData } from './repl-handshake.ts';
import type { RedisServer } from './server.ts';

/** server.repl_state (REPL_STATE_*), lower-case. */
export type ReplState =
  | 'none'
  | 'connect'
  | 'connecting'
  | 'receive_ping_reply'
  | 'receive_auth_reply'
  | 'receive_port_reply'
  | 'receive_capa_reply'
  | 'receive_psync_reply'
  | 'transfer'
  | 'connected';

/** server.master: the link we apply the stream from. */
export interface MasterClient {
  conn: ConnHandle;
  /** Processed offset (c->reploff). */
  reploff: number;
  replid: string;
  /** Unix s of the last byte read from the master. */
  lastinteraction: number;
}

/** server.cached_master: what a later PSYNC asks to continue from. */
export interface CachedMaster {
  reploff: number;
  replid: string;
}

const CLOSE_TEXT: Record<string, string> = {
  refused: 'Connection refused',
  timeout: 'Connection timed out',
  reset: 'Connection reset by peer',
  eof: 'connection lost',
};

export class ReplReplica {
  state: ReplState = 'none';
  /** repl_transfer_s: the connection while connecting, in the handshake and during the transfer. */
  transferConn: ConnHandle | null = null;
  /** repl_transfer_lastio (unix s). */
  transferLastIo = 0;
  master: MasterClient | null = null;
  cached: CachedMaster | null = null;
  /** repl_down_since (unix s; 0 = up, or never connected). */
  downSince = 0;
  /** From +FULLRESYNC: the history and offset the coming RDB stands at. */
  masterReplid = '';
  masterInitialOffset = -1;
  private nextReqId = 1;

  constructor(readonly srv: RedisServer) {}

  unixtime(): number {
    return Math.floor(this.srv.env.mstime() / 1000);
  }

  get inHandshake(): boolean {
    return this.state.startsWith('receive_');
  }

  /** Send one command to the master (handshake commands and REPLCONF ACK). */
  sendCommand(conn: ConnHandle, argv: string[]): void {
    const req: ClientRequest = { kind: 'req', id: this.nextReqId++, argv };
    this.srv.env.dataSend(conn, req, `cmd:${argv[0]}`);
  }

  // ---- connecting ------------------------------------------------------------

  /** connectWithMaster(): a non-blocking connect to the master's client port. */
  connectWithMaster(): boolean {
    const srv = this.srv;
    const host = srv.repl.masterHost!;
    const port = srv.repl.masterPort;
    const ref: { conn: ConnHandle | undefined } = { conn: undefined };
    const handlers: DataHandlers = {
      onOpen: () => this.onConnected(ref.conn!),
      onData: (payload) => this.onData(ref.conn!, payload),
      onClose: (reason) => this.onClosed(ref.conn!, reason),
    };
    ref.conn = srv.env.dataConnect(host, port, handlers, 'repl');
    if (ref.conn === undefined) {
      srv.env.log('warning', `Unable to connect to MASTER: Name or service not known`);
      return false;
    }
    this.transferConn = ref.conn;
    this.transferLastIo = this.unixtime();
    this.state = 'connecting';
    srv.env.log('notice', 'MASTER <-> REPLICA sync started');
    return true;
  }

  /** syncWithMaster() on the connect event: PING first. */
  private onConnected(conn: ConnHandle): void {
    if (conn !== this.transferConn) return;
    if (this.state === 'none') {
      this.srv.env.dataClose(conn);
      this.transferConn = null;
      return;
    }
    this.srv.env.log('notice', 'Non blocking connect for SYNC fired the event.');
    this.state = 'receive_ping_reply';
    this.sendCommand(conn, ['PING']);
  }

  private onData(conn: ConnHandle, payload: unknown): void {
    if (this.master !== null && conn === this.master.conn) {
      this.master.lastinteraction = this.unixtime();
      const p = payload as { kind: string };
      if (p.kind === 'repl') this.applyStream(payload as ReplStreamMessage);
      return;
    }
    if (conn !== this.transferConn) return;
    this.transferLastIo = this.unixtime();
    onHandshakeData(this, conn, payload);
  }

  private onClosed(conn: ConnHandle, reason: string): void {
    const srv = this.srv;
    if (this.master !== null && conn === this.master.conn) {
      this.freeMaster(false);
      return;
    }
    if (conn !== this.transferConn) return;
    const text = CLOSE_TEXT[reason] ?? reason;
    if (this.state === 'connecting') {
      srv.env.log('warning', `Error condition on socket for SYNC: ${text}`);
      this.syncError(false);
    } else if (this.state === 'transfer') {
      srv.env.log('warning', `I/O error trying to sync with MASTER: ${text}`);
      this.cancelReplicationHandshake(true);
    } else if (this.state === 'receive_psync_reply') {
      srv.env.log('warning', `Failed to read response from the server: ${text}`);
      srv.env.log('warning', 'Master did not reply to PSYNC, will try later');
      this.syncError(false);
    } else if (this.inHandshake) {
      srv.env.log('warning', `Failed to read response from the server: ${text}`);
      srv.env.log('warning', 'Master did not respond to command during SYNC handshake');
      this.syncError(false);
    }
  }

  /** syncWithMaster()'s `error:` path: drop the connection, retry from replicationCron. */
  syncError(close = true): void {
    if (close && this.transferConn !== null) this.srv.env.dataClose(this.transferConn);
    this.transferConn = null;
    this.state = 'connect';
  }

  /** cancelReplicationHandshake(): abort a connect, handshake or transfer; optionally reconnect at once. */
  cancelReplicationHandshake(reconnect: boolean): boolean {
    if (this.state !== 'transfer' && this.state !== 'connecting' && !this.inHandshake) return false;
    if (this.transferConn !== null) this.srv.env.dataClose(this.transferConn);
    this.transferConn = null;
    this.state = 'connect';
    if (!reconnect) return true;
    const repl = this.srv.repl;
    this.srv.env.log('notice', `Reconnecting to MASTER ${repl.masterHost}:${repl.masterPort} after failure`);
    this.connectWithMaster();
    return true;
  }

  // ---- the master client ----------------------------------------------------------

  /**
   * freeClient(server.master): "Connection with master lost.", keep its
   * state as the cached master, and (if still a replica) reconnect at once
   * (replicationCacheMaster + replicationHandleMasterDisconnection).
   */
  freeMaster(closeConn: boolean): void {
    const m = this.master;
    if (m === null) return;
    const srv = this.srv;
    if (closeConn) srv.env.dataClose(m.conn);
    srv.env.log('warning', 'Connection with master lost.');
    srv.env.log('notice', 'Caching the disconnected master state.');
    this.cached = { reploff: m.reploff, replid: m.replid };
    this.master = null;
    this.state = 'connect';
    this.downSince = this.unixtime();
    srv.env.emit({ type: 'repl-link', state: 'down', offset: m.reploff });
    const repl = srv.repl;
    if (repl.masterHost !== null) {
      srv.env.log('notice', `Reconnecting to MASTER ${repl.masterHost}:${repl.masterPort}`);
      this.connectWithMaster();
    }
  }

  /** replicationDiscardCachedMaster(). */
  discardCachedMaster(): void {
    if (this.cached === null) return;
    this.srv.env.log('notice', 'Discarding previously cached master state.');
    this.cached = null;
  }

  /** replicationCacheMasterUsingMyself(): a demoted master offers its own history to the new master. */
  cacheMasterUsingMyself(): void {
    this.srv.env.log(
      'notice',
      'Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.',
    );
    const h = this.srv.repl.history;
    this.cached = { reploff: h.masterReplOffset, replid: h.replid };
  }

  /** The link is up with `m` (after a full sync or +CONTINUE). */
  linkUp(m: MasterClient): void {
    this.master = m;
    this.transferConn = null;
    this.state = 'connected';
    this.downSince = 0;
    this.srv.env.emit({ type: 'repl-link', state: 'up', offset: m.reploff });
  }

  /** replicationSendAck(). */
  sendAckIfConnected(): void {
    if (this.master !== null) this.sendCommand(this.master.conn, ['REPLCONF', 'ACK', String(this.master.reploff)]);
  }

  /** Apply the master's stream: each command runs as the master ran it, and is passed on verbatim. */
  private applyStream(msg: ReplStreamMessage): void {
    const srv = this.srv;
    const m = this.master!;
    const now = srv.env.mstime();
    for (let i = 0; i < msg.cmds.length; i++) {
      // The master's own commands (PING, SELECT 0, REPLCONF GETACK) are spelled as it injects them.
      const argv = msg.cmds[i]!;
      const name = argv[0];
      if (name === 'REPLCONF') {
        if (argv[1] === 'GETACK') this.sendAckIfConnected(); // the ACK names the offset before the GETACK itself
      } else if (name !== 'PING' && name !== 'SELECT') {
        execute(srv.keyspace, argv, now, { replica: true, fromMaster: true });
        srv.rdb.dirty++;
        srv.aof.append(argv);
      }
      m.reploff += msg.sizes[i]!;
    }
    srv.repl.master.proxy(msg.cmds, msg.sizes);
  }

  // ---- replicationCron, replica part --------------------------------------------------

  cron(): void {
    const srv = this.srv;
    const repl = srv.repl;
    if (repl.masterHost === null) return;
    const now = this.unixtime();
    const timeout = srv.config.replTimeout;
    if ((this.state === 'connecting' || this.inHandshake) && now - this.transferLastIo > timeout) {
      srv.env.log('warning', 'Timeout connecting to the MASTER...');
      this.cancelReplicationHandshake(true);
    }
    if (this.state === 'transfer' && now - this.transferLastIo > timeout) {
      srv.env.log(
        'warning',
        "Timeout receiving bulk data from MASTER... If the problem persists try to set the 'repl-timeout' parameter in redis.conf to a larger value.",
      );
      this.cancelReplicationHandshake(true);
    }
    if (this.state === 'connected' && this.master !== null && now - this.master.lastinteraction > timeout) {
      srv.env.log('warning', 'MASTER timeout: no data nor PING received...');
      this.freeMaster(true);
    }
    if (this.state === 'connect') {
      srv.env.log('notice', `Connecting to MASTER ${repl.masterHost}:${repl.masterPort}`);
      this.connectWithMaster();
    }
    this.sendAckIfConnected();
  }
}
