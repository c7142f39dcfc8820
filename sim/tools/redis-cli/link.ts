// One hiredis context: a blocking connection from the tool to a node's
// client port. redis-cli issues one command and waits for its reply, so a
// link has at most one request out. Once the connection fails, the context
// keeps its error and every later command fails at once (hiredis returns
// NULL without touching the socket), exactly what redis-cli's NULL checks
// are written against.

import type { Reply } from '../../core/reply.ts';
import { requestLabel, type ClientRequest, type ClientResponse } from '../../server/client-protocol.ts';
import type { ClientEndpoint, WorkloadHost } from '../../workload/env.ts';

/** hiredis's errstr for a failed connect (strerror of the connect errno). */
const CONNECT_ERRORS: Record<string, string> = {
  refused: 'Connection refused',
  timeout: 'Connection timed out',
  reset: 'Connection reset by peer',
  eof: 'Connection reset by peer',
};

export class Link implements ClientEndpoint {
  private handle: unknown = undefined;
  private state: 'connecting' | 'open' | 'broken' | 'closed' = 'connecting';
  private nextId = 1;
  private onConnect: ((err: string | null) => void) | null;
  private waiting: ((r: Reply | null) => void) | null = null;

  constructor(
    private readonly host: WorkloadHost,
    private readonly pid: number,
    ip: string,
    port: number,
    onConnect: (err: string | null) => void,
  ) {
    this.onConnect = onConnect;
    const to = host.resolve(ip, port, 'client');
    // Nothing listens there: on loopback the SYN meets a RST, i.e. refused.
    if (to === undefined) host.sched.after(0, () => this.onClose('refused'));
    else this.handle = host.net.connect(pid, to, 'client', this);
  }

  /** Send one command; `done` gets its reply, or null if the connection is (or becomes) unusable. */
  command(argv: readonly string[], done: (r: Reply | null) => void): void {
    if (this.state !== 'open' || this.waiting) {
      this.host.sched.after(0, () => done(null));
      return;
    }
    this.waiting = done;
    const req: ClientRequest = { kind: 'req', id: this.nextId++, argv };
    this.host.net.send(this.handle, this.pid, req, requestLabel(argv));
  }

  /** redisFree: close our end (the tool exiting closes every socket). */
  close(): void {
    if (this.state === 'closed') return;
    const wasConnected = this.state === 'open' || this.state === 'connecting';
    this.state = 'closed';
    this.waiting = null;
    this.onConnect = null;
    if (wasConnected && this.handle !== undefined) this.host.net.close(this.handle, this.pid);
  }

  onOpen(): void {
    if (this.state !== 'connecting') return;
    this.state = 'open';
    const cb = this.onConnect;
    this.onConnect = null;
    cb?.(null);
  }

  onData(payload: unknown): void {
    if (this.state !== 'open') return;
    const cb = this.waiting;
    this.waiting = null;
    cb?.((payload as ClientResponse).reply);
  }

  onClose(reason: string): void {
    if (this.state === 'closed' || this.state === 'broken') return;
    const connecting = this.state === 'connecting';
    this.state = 'broken';
    if (connecting) {
      const cb = this.onConnect;
      this.onConnect = null;
      cb?.(CONNECT_ERRORS[reason] ?? 'Connection refused');
      return;
    }
    const cb = this.waiting;
    this.waiting = null;
    cb?.(null);
  }
}
