// One client connection to one node's client port. Requests written before
// the handshake completes wait in the client (as in a real client's output
// buffer) and go out on open; replies come back in request order. The
// connection is single-use: once lost or closed, its owner makes a new one.
//
// `lastSentId` is what makes retries honest: a request that never left the
// client cannot have been executed, so its failure is definite, while one
// that was written and then lost with the connection may have been.

import type { Reply } from '../core/reply.ts';
import type { ClientRequest, ClientResponse } from '../server/client-protocol.ts';
import type { ClientEndpoint, WorkloadHost } from './env.ts';

export interface ConnOwner {
  /** `woff`: the server's replication offset after the command (ClientResponse.woff). */
  onReply(conn: NodeConnection, id: number, reply: Reply, woff: number): void;
  /** The connection is gone (refused, timed out, reset, EOF); no more replies follow. */
  onLost(conn: NodeConnection, reason: string): void;
}

export type ConnState = 'connecting' | 'open' | 'closed';

export class NodeConnection implements ClientEndpoint {
  state: ConnState = 'connecting';
  /** Highest request id handed to the network (ids increase per connection). */
  lastSentId = 0;
  private readonly handle: unknown;
  private pending: ClientRequest[] = [];
  private pendingLabels: string[] = [];

  constructor(
    private readonly host: WorkloadHost,
    /** The client process. */
    private readonly pid: number,
    /** Index of the node in the client's SlotCache. */
    readonly node: number,
    toPid: number | undefined,
    private readonly owner: ConnOwner,
  ) {
    if (toPid === undefined) {
      // Nothing listens at that address: like a refused connect, reported
      // from the scheduler rather than from inside the caller.
      this.handle = undefined;
      host.sched.after(0, lostUnknownAddress, this);
      return;
    }
    this.handle = host.net.connect(pid, toPid, 'client', this);
  }

  /** Write a request now, or as soon as the connection opens. */
  send(req: ClientRequest, label: string): void {
    if (this.state === 'closed') return;
    if (this.state === 'connecting') {
      this.pending.push(req);
      this.pendingLabels.push(label);
      return;
    }
    this.host.net.send(this.handle, this.pid, req, label);
    this.lastSentId = req.id;
  }

  /** Close our end (e.g. after a timeout, the reply stream can no longer be trusted). */
  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.pending = [];
    if (this.handle !== undefined) this.host.net.close(this.handle, this.pid);
  }

  onOpen(): void {
    if (this.state !== 'connecting') return;
    this.state = 'open';
    const reqs = this.pending;
    const labels = this.pendingLabels;
    this.pending = [];
    this.pendingLabels = [];
    for (let i = 0; i < reqs.length; i++) this.send(reqs[i]!, labels[i]!);
  }

  onData(payload: unknown): void {
    if (this.state !== 'open') return;
    const resp = payload as ClientResponse;
    this.owner.onReply(this, resp.id, resp.reply, resp.woff);
  }

  onClose(reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.pending = [];
    this.owner.onLost(this, reason);
  }
}

function lostUnknownAddress(c: NodeConnection): void {
  c.onClose('refused');
}
