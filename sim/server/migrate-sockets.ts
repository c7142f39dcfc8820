// MIGRATE's connection cache (cluster.c migrateGetSocket / migrateCloseSocket
// / migrateCloseTimedoutSockets): one connection per host:port, at most 64,
// closed after 10 s without use.
//
// How a new connection fails matters for the reply, and follows 7.0's
// connSocketBlockingConnect: only an address that cannot be used at all
// fails the connect (`IOERR error or timeout connecting to the client`). A
// refused connect, or one that does not complete within the timeout, still
// "succeeds"; the write that follows fails instead (`... writing to target
// instance`), at once when refused, after another timeout when unanswered.
// Checked against real 7.0.15.

import type { ConnHandle } from '../cluster/link.ts';
import type { ClientRequest, ClientResponse } from './client-protocol.ts';
import type { RedisServer } from './server.ts';

const MIGRATE_SOCKET_CACHE_ITEMS = 64;
const MIGRATE_SOCKET_CACHE_TTL_SEC = 10;

export interface MigrateSocket {
  readonly conn: ConnHandle;
  /** The DB the target connection has selected (-1: send SELECT first). */
  lastDbid: number;
  /** Unix s of the last use. */
  lastUse: number;
  closed: boolean;
  /** Who waits for the target's replies now. */
  onReply: ((r: ClientResponse) => void) | null;
  onClose: (() => void) | null;
  send(argv: string[]): void;
}

/** Why no connection: the address is unusable, the target refused, or nobody answered in time. */
export type ConnectFailure = 'unresolved' | 'refused' | 'timeout';

/** atoi(): the leading decimal digits, 0 if none. */
function atoi(s: string): number {
  const m = /^\s*[+-]?\d+/.exec(s);
  return m ? Number(m[0]) : 0;
}

export class MigrateSockets {
  private readonly cache = new Map<string, MigrateSocket>();
  private nextId = 1;

  constructor(private readonly srv: RedisServer) {}

  private unixtime(): number {
    return Math.floor(this.srv.env.mstime() / 1000);
  }

  /** The cached connection to host:port, or a new one once connected; else how connecting failed. */
  get(host: string, port: string, timeoutMs: number, cb: (s: MigrateSocket | ConnectFailure) => void): void {
    const name = `${host}:${port}`;
    const cached = this.cache.get(name);
    if (cached !== undefined && !cached.closed) {
      cached.lastUse = this.unixtime();
      cb(cached);
      return;
    }
    if (this.cache.size >= MIGRATE_SOCKET_CACHE_ITEMS) {
      const [oldest] = this.cache.keys();
      this.closeByName(oldest!);
    }
    const env = this.srv.env;
    let settled = false;
    const settle = (s: MigrateSocket | ConnectFailure): void => {
      if (settled) return;
      settled = true;
      timer.cancel();
      cb(s);
    };
    const ref: { sock: MigrateSocket | null } = { sock: null };
    const conn = env.dataConnect(host, atoi(port), {
      onOpen: () => {
        const sock = ref.sock!;
        this.cache.set(name, sock);
        settle(sock);
      },
      onData: (payload) => ref.sock?.onReply?.(payload as ClientResponse),
      onClose: () => {
        const sock = ref.sock;
        if (sock === null) return;
        sock.closed = true;
        if (this.cache.get(name) === sock) this.cache.delete(name);
        if (!settled) settle('refused');
        else sock.onClose?.();
      },
    });
    const timer = env.schedule(timeoutMs, () => {
      if (settled) return;
      if (ref.sock !== null) {
        ref.sock.closed = true;
        env.dataClose(ref.sock.conn);
      }
      settle('timeout');
    });
    if (conn === undefined) {
      settle('unresolved');
      return;
    }
    ref.sock = {
      conn,
      lastDbid: -1,
      lastUse: this.unixtime(),
      closed: false,
      onReply: null,
      onClose: null,
      send: (argv) => {
        const req: ClientRequest = { kind: 'req', id: this.nextId++, argv };
        env.dataSend(conn, req, `cmd:${argv[0]}`);
      },
    };
  }

  /** migrateCloseSocket(). */
  close(host: string, port: string): void {
    this.closeByName(`${host}:${port}`);
  }

  private closeByName(name: string): void {
    const s = this.cache.get(name);
    if (s === undefined) return;
    this.cache.delete(name);
    s.closed = true;
    this.srv.env.dataClose(s.conn);
  }

  /** migrateCloseTimedoutSockets() (serverCron, once a second). */
  cron(): void {
    if (this.cache.size === 0) return;
    const now = this.unixtime();
    for (const [name, s] of [...this.cache]) if (now - s.lastUse > MIGRATE_SOCKET_CACHE_TTL_SEC) this.closeByName(name);
  }
}
