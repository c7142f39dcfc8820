// One client connection as the server holds it (Redis's `client`): the
// per-connection flags (ASKING, READONLY), the offset its last command left
// the stream at (WAIT), and what it is blocked on. A blocked client's later
// requests wait in its query buffer, in order, as Redis does not read a
// blocked client's next command until it is unblocked.

import type { Reply } from '../core/reply.ts';
import type { ConnHandle } from '../cluster/link.ts';
import type { ClientRequest } from './client-protocol.ts';
import type { ReplicaClientState } from './repl-master.ts';

/** c->mstate: the queued commands, and whether one was refused while queuing (EXECABORT). */
export interface MultiState {
  readonly commands: (readonly string[])[];
  /** CLIENT_DIRTY_EXEC. */
  flagged: boolean;
}

export const CLIENT_ASKING = 1 << 0;
export const CLIENT_READONLY = 1 << 1;
/** The client is a replica (after SYNC/PSYNC). */
export const CLIENT_SLAVE = 1 << 2;
/** Closed, or the server is done with it; nothing more is sent. */
export const CLIENT_CLOSED = 1 << 3;

/** What a blocked client waits for. */
export type BlockState =
  /** BLOCKED_POSTPONE: writes paused; the same request is processed again afterwards. */
  | { type: 'postpone' }
  /** BLOCKED_WAIT: enough replicas acknowledging `offset`, or the deadline (0 = none). */
  | { type: 'wait'; offset: number; numreplicas: number; deadline: number }
  /** A command finishing by itself later (MIGRATE, DEBUG SLEEP, SHUTDOWN): it replies when done. */
  | { type: 'pending' };

export class ClientConn {
  flags = 0;
  /** c->woff: master_repl_offset right after this client's last command. */
  woff = 0;
  blocked: BlockState | null = null;
  /** The request being processed or blocked on. */
  current: ClientRequest | null = null;
  /** Requests read while blocked (the query buffer), oldest first. */
  readonly queued: ClientRequest[] = [];
  /** Replica bookkeeping once the client has sent SYNC/PSYNC. */
  replica: ReplicaClientState | null = null;
  /** MULTI state (c->mstate) while a transaction is being queued; null outside MULTI. */
  multi: MultiState | null = null;
  /** Keys this client WATCHes, and whether each was already logically expired then. */
  watched: Map<string, boolean> | null = null;
  /** CLIENT_DIRTY_CAS: a watched key was touched; the next EXEC answers nil. */
  dirtyCas = false;
  /** CLIENT_DENY_BLOCKING: EXEC is running this client's queued commands, which must not block. */
  denyBlocking = false;
  /** AUTH succeeded (or no password is required): c->authenticated. */
  authenticated = false;

  constructor(
    /** Client id (CLIENT ID), unique per server incarnation. */
    readonly id: number,
    /** The connection, or null for the admin client of RedisServer.command(). */
    readonly conn: ConnHandle | null,
    /** Sends a reply to this client. */
    private readonly send: (req: ClientRequest, reply: Reply) => void,
  ) {}

  get closed(): boolean {
    return (this.flags & CLIENT_CLOSED) !== 0;
  }

  /** addReply for the current request; the client is no longer blocked on it. */
  reply(req: ClientRequest, r: Reply): void {
    if (!this.closed) this.send(req, r);
  }
}
