// A TCP connection between two processes: two ends, two one-way channels.
// A channel is a FIFO of segments; only its head is ever scheduled, so
// nothing overtakes anything (per-connection order) and one stalled segment
// holds back everything behind it (head-of-line blocking).

/** Why an end learned that its connection is gone. */
export type CloseReason = 'refused' | 'timeout' | 'reset' | 'eof';

/** What a process attaches to its end of a connection. */
export interface EndpointHandler {
  /** The connect() this end made has completed (connector side only). */
  onOpen(): void;
  /** One message, in the order the peer sent it. */
  onData(payload: unknown): void;
  /** The connection is gone; no more callbacks follow. */
  onClose(reason: CloseReason): void;
}

export const enum ItemKind {
  Accept = 0,
  Data = 1,
  Fin = 2,
  Rst = 3,
}

/** One segment in flight. */
export interface Item {
  kind: ItemKind;
  payload: unknown;
  /** Message type label (`PING`, `repl`, `SET`) for traces and message faults. */
  label: string;
  /** Earliest arrival time (latency + loss retransmissions, FIFO-adjusted). */
  at: number;
  /** Injected fault label, e.g. `dup`, for the trace. */
  fault?: string;
}

export class Channel {
  items: Item[] = [];
  head = 0;
  /** Arrival time of the last segment queued (FIFO floor for the next one). */
  lastAt = -Infinity;
  /** An event for the head segment is in the scheduler. */
  scheduled = false;
  /** Time the head segment was first lost to a partition; NaN when flowing. */
  stalledAt = NaN;

  constructor(
    readonly conn: Connection,
    /** 0: connector → acceptor, 1: acceptor → connector. */
    readonly dir: 0 | 1,
    readonly from: number,
    readonly to: number,
  ) {}

  get length(): number {
    return this.items.length - this.head;
  }

  peek(): Item | undefined {
    return this.items[this.head];
  }

  shift(): Item | undefined {
    const it = this.items[this.head];
    if (it === undefined) return undefined;
    this.items[this.head++] = undefined as unknown as Item;
    if (this.head > 64 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return it;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
    this.stalledAt = NaN;
  }
}

export class Connection {
  /** Handlers of each end; undefined before accept (end 1) and after close. */
  readonly handlers: [EndpointHandler | undefined, EndpointHandler | undefined] = [undefined, undefined];
  /** An end is closed once its process closed it, died, or was told onClose. */
  readonly closed: [boolean, boolean] = [false, false];
  /** The connector has seen the handshake complete. */
  established = false;
  /** Created on first use: most of a big cluster's connections idle between pings. */
  private ch: [Channel, Channel] | null = null;

  constructor(
    readonly id: number,
    /** Process ids: [connector, acceptor]. */
    readonly procs: [number, number],
    /** Incarnations of the two processes when the connection was made. */
    readonly incarnations: [number, number],
    /** Service the connector asked for: `bus`, `client`, `repl`. */
    readonly port: string,
  ) {}

  /** The two directions: 0 connector → acceptor, 1 acceptor → connector. */
  get channels(): [Channel, Channel] {
    return (this.ch ??= [new Channel(this, 0, this.procs[0], this.procs[1]), new Channel(this, 1, this.procs[1], this.procs[0])]);
  }

  /** Which end a process is (0 connector, 1 acceptor). */
  endOf(pid: number): 0 | 1 {
    return this.procs[0] === pid ? 0 : 1;
  }

  get fullyClosed(): boolean {
    return this.closed[0] && this.closed[1];
  }
}
