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
  /**
   * Segments delivered whose ACK could not travel back (the reverse path was
   * cut): the send window they still occupy. Reset when an ACK gets through.
   */
  unacked = 0;
  /** When the oldest of those was delivered: TCP's retransmission timer runs from it. */
  unackedSince = NaN;

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
    this.unacked = 0;
    this.unackedSince = NaN;
  }
}

/**
 * A connection as two ends, 0 (the connector) and 1 (the acceptor), with
 * fields rather than pairs of arrays: a formed 1000-node cluster holds a
 * million of these, established and idle between pings, so each costs one
 * small object. Channels exist only while they carry something.
 */
export class Connection {
  /** Handlers of each end; undefined before accept (end 1) and after close. */
  handler0: EndpointHandler | undefined = undefined;
  handler1: EndpointHandler | undefined = undefined;
  /** An end is closed once its process closed it, died, or was told onClose. */
  closed0 = false;
  closed1 = false;
  /** The connector has seen the handshake complete. */
  established = false;
  /** Incarnation of the acceptor when the connection was made (it may accept later than connect()). */
  incarnation1: number;
  private ch0: Channel | null = null;
  private ch1: Channel | null = null;

  constructor(
    /** Process ids of the connector and the acceptor. */
    readonly proc0: number,
    readonly proc1: number,
    /** Incarnation of the connector when the connection was made. */
    readonly incarnation0: number,
    incarnation1: number,
    /** Service the connector asked for: `bus`, `client`, `repl`. */
    readonly port: string,
  ) {
    this.incarnation1 = incarnation1;
  }

  proc(end: 0 | 1): number {
    return end === 0 ? this.proc0 : this.proc1;
  }

  /** The process at the other end from `pid`. */
  peerOf(pid: number): number {
    return this.proc0 === pid ? this.proc1 : this.proc0;
  }

  incarnation(end: 0 | 1): number {
    return end === 0 ? this.incarnation0 : this.incarnation1;
  }

  handler(end: 0 | 1): EndpointHandler | undefined {
    return end === 0 ? this.handler0 : this.handler1;
  }

  setHandler(end: 0 | 1, h: EndpointHandler | undefined): void {
    if (end === 0) this.handler0 = h;
    else this.handler1 = h;
  }

  isClosed(end: 0 | 1): boolean {
    return end === 0 ? this.closed0 : this.closed1;
  }

  setClosed(end: 0 | 1): void {
    if (end === 0) this.closed0 = true;
    else this.closed1 = true;
  }

  /** Direction `dir` (0 connector → acceptor, 1 acceptor → connector), made when first used. */
  channel(dir: 0 | 1): Channel {
    if (dir === 0) return (this.ch0 ??= new Channel(this, 0, this.proc0, this.proc1));
    return (this.ch1 ??= new Channel(this, 1, this.proc1, this.proc0));
  }

  /** Direction `dir` if it carries or carried something since it was last released, else null. */
  existingChannel(dir: 0 | 1): Channel | null {
    return dir === 0 ? this.ch0 : this.ch1;
  }

  /**
   * Drop a direction that is empty and idle. Nothing is lost: its FIFO floor
   * (lastAt) is the arrival time of a segment already delivered, so no
   * later segment can be due before it anyway.
   */
  releaseChannel(ch: Channel): void {
    if (ch.length > 0 || ch.scheduled || !Number.isNaN(ch.stalledAt) || ch.unacked > 0) return;
    if (ch.dir === 0 && this.ch0 === ch) this.ch0 = null;
    else if (ch.dir === 1 && this.ch1 === ch) this.ch1 = null;
  }

  /** Which end a process is (0 connector, 1 acceptor). */
  endOf(pid: number): 0 | 1 {
    return this.proc0 === pid ? 0 : 1;
  }

  get fullyClosed(): boolean {
    return this.closed0 && this.closed1;
  }
}
