// The server's clients (server.clients): accepting connections on the client
// port, reading requests in order, running them through processCommand,
// replying, and the blocked-client machinery around that: a blocked client's
// next requests wait; when it is unblocked it goes on the unblocked list and
// beforeSleep processes it (processUnblockedClients). A postponed command
// (writes paused) is processed again from scratch, so it may then be
// redirected.

import { error, type Reply } from '../core/reply.ts';
import type { ConnHandle } from '../cluster/link.ts';
import { CLIENT_ASKING, CLIENT_CLOSED, CLIENT_SLAVE, ClientConn } from './client.ts';
import type { ClientRequest, ClientResponse } from './client-protocol.ts';
import type { DataHandlers } from './env.ts';
import type { RedisServer } from './server.ts';

const UNBLOCKED = error('UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)');

export class ClientRegistry {
  private nextId = 1;
  /** Connected clients, in connection order. */
  readonly all = new Set<ClientConn>();
  /** server.unblocked_clients. */
  private unblocked: ClientConn[] = [];
  /** A command that blocks the whole server (MIGRATE) is running: nobody else's command runs. */
  private serverBusy = false;

  constructor(private readonly srv: RedisServer) {}

  /** A connection was accepted on the client port. */
  accept(conn: ConnHandle): DataHandlers {
    const env = this.srv.env;
    const c = new ClientConn(this.nextId++, conn, (req, reply) => {
      const resp: ClientResponse = { kind: 'resp', id: req.id, reply, woff: c.woff };
      env.dataSend(conn, resp, 'reply');
    });
    // A connection made while no password is required stays authenticated (c->authenticated at creation).
    c.authenticated = this.srv.config.requirepass === '';
    this.all.add(c);
    return {
      onOpen: () => {},
      onData: (payload) => this.onRequest(c, payload as ClientRequest),
      onClose: () => this.onPeerClosed(c),
    };
  }

  /** Named admin clients (`redis: { client: NAME }`): one connection each, kept between commands. */
  private readonly sessions = new Map<string, { c: ClientConn; done: Map<number, (r: Reply) => void> }>();

  /**
   * A command from the admin (scenario `redis:` actions): without `session`
   * a client of its own, authenticated as `redis-cli -a` would be; with one,
   * the named client (created on first use, unauthenticated like any
   * application's), so MULTI, WATCH, READONLY and AUTH carry over between
   * steps. Neither has a connection. `done` gets the reply, now or when a
   * blocked command finishes; the immediate reply is also returned.
   */
  admin(argv: readonly string[], asking: boolean, done?: (r: Reply) => void, session?: string): Reply | undefined {
    let result: Reply | undefined;
    const finish = (reply: Reply): void => {
      result = reply;
      done?.(reply);
    };
    if (session !== undefined) {
      const s = this.session(session);
      const id = this.nextRequestId++;
      s.done.set(id, finish);
      if (asking) s.c.flags |= CLIENT_ASKING;
      this.onRequest(s.c, { kind: 'req', id, argv });
      return result;
    }
    const c = new ClientConn(this.nextId++, null, (_req, reply) => {
      this.all.delete(c);
      finish(reply);
    });
    c.authenticated = true;
    if (asking) c.flags |= CLIENT_ASKING;
    this.all.add(c);
    this.onRequest(c, { kind: 'req', id: 0, argv });
    return result;
  }

  private nextRequestId = 1;

  private session(name: string): { c: ClientConn; done: Map<number, (r: Reply) => void> } {
    let s = this.sessions.get(name);
    if (s !== undefined) return s;
    const done = new Map<number, (r: Reply) => void>();
    const c = new ClientConn(this.nextId++, null, (req, reply) => {
      const cb = done.get(req.id);
      done.delete(req.id);
      cb?.(reply);
    });
    c.authenticated = this.srv.config.requirepass === '';
    this.all.add(c);
    this.sessions.set(name, (s = { c, done }));
    return s;
  }

  private onRequest(c: ClientConn, req: ClientRequest): void {
    if (c.closed) return;
    if (c.blocked !== null || c.current !== null || this.serverBusy || c.queued.length > 0) {
      c.queued.push(req);
      return;
    }
    c.current = req;
    this.run(c);
  }

  /** Process the client's current request and then its queued ones, until it blocks. */
  private run(c: ClientConn): void {
    while (c.blocked === null && !c.closed && !this.serverBusy) {
      const req = c.current ?? c.queued.shift();
      if (req === undefined) return;
      c.current = req;
      const reply = this.srv.dispatch.processCommand(c, req.argv);
      if (c.blocked !== null) return;
      c.current = null;
      if (reply !== null) c.reply(req, reply);
      resetClient(c, req.argv);
    }
  }

  /**
   * unblockClient(): a postponed client will process its command again; any
   * other blocked client gets `reply` (if any) for its blocked command. Both
   * then go on with their queued requests from beforeSleep.
   */
  unblock(c: ClientConn, reply: Reply | null): void {
    const b = c.blocked;
    if (b === null) return;
    c.blocked = null;
    if (b.type !== 'postpone') {
      const req = c.current;
      c.current = null;
      if (req !== null) {
        if (reply !== null) c.reply(req, reply);
        resetClient(c, req.argv);
      }
    }
    this.unblocked.push(c);
  }

  /** processUnblockedClients() (beforeSleep). */
  processUnblockedClients(): void {
    while (this.unblocked.length > 0 && !this.serverBusy) {
      const list = this.unblocked;
      this.unblocked = [];
      for (const c of list) this.run(c);
    }
  }

  /** The pause ended: every postponed client runs its command again. */
  unblockPostponedClients(): void {
    for (const c of this.all) if (c.blocked?.type === 'postpone') this.unblock(c, null);
  }

  /** disconnectAllBlockedClients(): a master turned replica drops clients blocked on it (postponed ones stay). */
  disconnectAllBlockedClients(): void {
    for (const c of [...this.all]) {
      if (c.blocked?.type !== 'wait') continue;
      this.srv.waits.unblock(c, UNBLOCKED);
      this.close(c);
    }
  }

  /** MIGRATE holds the whole server until its target answers (or times out). */
  setServerBusy(busy: boolean): void {
    this.serverBusy = busy;
    if (!busy) for (const c of this.all) if (c.blocked === null && (c.current !== null || c.queued.length > 0)) this.unblocked.push(c);
  }

  /** The server closes a client (freeClient). */
  close(c: ClientConn): void {
    if (c.closed) return;
    c.flags |= CLIENT_CLOSED;
    this.all.delete(c);
    this.srv.waits.remove(c);
    this.srv.watches.unwatchAll(c);
    if (c.conn !== null) this.srv.env.dataClose(c.conn);
  }

  private onPeerClosed(c: ClientConn): void {
    if (c.closed) return;
    if (c.flags & CLIENT_SLAVE) this.srv.repl.master.freeReplica(c);
    this.close(c);
  }

  /** connected_clients of INFO (replicas included, as in Redis). */
  get connectedClients(): number {
    let n = 0;
    for (const c of this.all) if (c.conn !== null) n++;
    return n;
  }
}

/** resetClient(): ASKING lasts for one command (the one after ASKING), or until EXEC inside MULTI. */
function resetClient(c: ClientConn, argv: readonly string[]): void {
  if (c.multi !== null) return;
  const name = argv[0];
  if (name !== undefined && name.length === 6 && name.toLowerCase() === 'asking') return;
  c.flags &= ~CLIENT_ASKING;
}
