// The simulated network: processes, TCP connections between them, and the
// faults that act on both. It knows nothing about Redis: payloads are opaque
// and labelled; a process is reached only through the NetHost it registered.
//
// Faithful to what the cluster bus sees on Linux (design.md §4):
// - per-connection FIFO; nothing is lost while a connection lives;
// - a send window: segments whose ACKs cannot travel back (the reverse path
//   is cut) occupy it, and once it is full new data waits for an ACK, so a
//   one-way partition stalls the open direction too after a while;
// - packet loss costs retransmission time (RTO 200 ms, doubling), in order;
// - a partition stalls segments (delivered at the next retransmission after
//   heal, if the connection still exists) and makes connect() hang in SYN
//   retries (1, 3, 7 … s) until ETIMEDOUT at 127 s;
// - a dead process refuses connections at once and its peers read EOF;
// - a paused process's kernel still completes handshakes and buffers bytes,
//   which the process reads when it resumes: first what waits on the
//   sockets it already had, then (next event-loop turn) the connections
//   queued for accept() and what was sent on them.

import type { Prng } from '../core/prng.ts';
import type { Scheduler } from '../core/scheduler.ts';
import type { Trace } from '../core/trace.ts';
import { Channel, Connection, ItemKind, type EndpointHandler, type Item } from './connection.ts';
import { LinkTable, type LinkConditions } from './conditions.ts';
import { MessageFaults } from './message-faults.ts';
import { Partitions } from './partitions.ts';
import { DATA_GIVE_UP_MS, SEND_WINDOW_SEGMENTS, SYN_SCHEDULE_MS, SYN_TIMEOUT_MS, lossDelayMs, nextRetransmitAt } from './tcp.ts';

export type ProcessState = 'up' | 'paused' | 'down';

/** How the network reaches a process. */
export interface NetHost {
  /** Kernel view: is a socket listening on this service? (else SYN → RST) */
  listens(port: string): boolean;
  /** The running process accepts a connection; undefined closes it. */
  accept(conn: Connection, port: string, fromPid: number): EndpointHandler | undefined;
}

/** Observer of every delivered message (for reports); optional. */
export type DeliveryObserver = (sentAt: number, at: number, from: number, to: number, label: string, fault?: string) => void;

interface Proc {
  id: number;
  name: string;
  state: ProcessState;
  incarnation: number;
  host: NetHost;
  conns: Set<Connection>;
  /** Kernel-buffered work for a paused process on sockets it already had, in arrival order. */
  deferred: (() => void)[];
  /**
   * Connections completed by its kernel while it was paused, waiting for
   * accept(), and the work that arrived on them: done one event-loop turn
   * after `deferred`, since a socket accepted on waking is polled next turn.
   */
  acceptQueue: Set<Connection> | null;
  deferredAccepted: (() => void)[];
}

interface SentItem extends Item {
  sentAt: number;
}

export interface NetworkStats {
  sent: Map<string, number>;
  delivered: number;
  faulted: number;
  connects: number;
}

export class Network {
  readonly partitions = new Partitions();
  readonly links: LinkTable;
  readonly faults = new MessageFaults();
  readonly stats: NetworkStats = { sent: new Map(), delivered: 0, faulted: 0, connects: 0 };
  observer: DeliveryObserver | undefined;
  private readonly procs: Proc[] = [];
  private readonly stalled = new Set<Channel>();
  /** Channels holding delivered segments whose ACKs were lost (see Channel.unacked). */
  private readonly unackedChannels = new Set<Channel>();
  /** `connectorPid/service` pairs whose connections are cut (see cutService). */
  private readonly serviceCuts = new Set<string>();
  private readonly fireChannelFn = (ch: Channel): void => this.fireChannel(ch);

  constructor(
    private readonly sched: Scheduler,
    private readonly rng: Prng,
    private readonly trace: Trace,
    defaults: Partial<LinkConditions> = {},
  ) {
    this.links = new LinkTable(defaults);
  }

  // ---- processes -------------------------------------------------------

  addProcess(name: string, host: NetHost): number {
    const id = this.procs.length;
    this.procs.push({ id, name, state: 'up', incarnation: 0, host, conns: new Set(), deferred: [], acceptQueue: null, deferredAccepted: [] });
    this.partitions.ensure(id + 1);
    return id;
  }

  name(pid: number): string {
    return this.procs[pid]!.name;
  }

  state(pid: number): ProcessState {
    return this.procs[pid]!.state;
  }

  get processCount(): number {
    return this.procs.length;
  }

  /** The process is gone: its sockets close (peers read EOF), new SYNs are refused. */
  kill(pid: number): void {
    const p = this.procs[pid]!;
    if (p.state === 'down') return;
    p.state = 'down';
    p.deferred = [];
    p.acceptQueue = null;
    p.deferredAccepted = [];
    for (const c of p.conns) this.closeEnd(c, c.endOf(pid), ItemKind.Fin);
    p.conns.clear();
    this.trace.record(this.sched.now, 'proc', pid, -1, 'down');
  }

  /** A new incarnation of the process starts (no connections survive). */
  restart(pid: number): void {
    const p = this.procs[pid]!;
    if (p.state !== 'down') this.kill(pid);
    p.state = 'up';
    p.incarnation++;
    this.trace.record(this.sched.now, 'proc', pid, -1, 'up');
  }

  /** SIGSTOP: nothing runs; the kernel keeps accepting and buffering. */
  pause(pid: number): void {
    const p = this.procs[pid]!;
    if (p.state !== 'up') return;
    p.state = 'paused';
    this.trace.record(this.sched.now, 'proc', pid, -1, 'paused');
  }

  /** SIGCONT: the process reads everything its kernel buffered, in order. */
  resume(pid: number): void {
    const p = this.procs[pid]!;
    if (p.state !== 'paused') return;
    p.state = 'up';
    // Real Redis on SIGCONT: the first epoll_wait reports the sockets it already had
    // (so an EOF from a replica is read before bus messages on connections it has yet
    // to accept); those accepted then are served from the next turn on.
    const work = p.deferred.concat(p.deferredAccepted);
    p.deferred = [];
    p.deferredAccepted = [];
    p.acceptQueue = null;
    for (const fn of work) this.sched.at(this.sched.now, fn);
    this.trace.record(this.sched.now, 'proc', pid, -1, 'up');
  }

  // ---- connections -----------------------------------------------------

  /** Non-blocking connect; `handler.onOpen` or `onClose('refused'|'timeout')` follows. */
  connect(from: number, to: number, port: string, handler: EndpointHandler): Connection {
    const a = this.procs[from]!;
    const b = this.procs[to]!;
    this.assertRunning(a, 'connect');
    const conn = new Connection(from, to, a.incarnation, b.incarnation, port);
    conn.handler0 = handler;
    a.conns.add(conn);
    this.stats.connects++;
    // The acceptor learns of the connection through the first segment of
    // channel 0, so that it is accepted before any data behind it is read.
    conn.channel(0).items.push({ kind: ItemKind.Accept, payload: undefined, label: 'accept', at: 0, sentAt: this.sched.now } as SentItem);
    this.sendSyn(conn, 0, this.sched.now);
    return conn;
  }

  /**
   * A connection that already exists, established long ago: what a steady
   * cluster has between every pair of nodes at t=0. No handshake, no accept
   * event; both ends get their handler now. Both processes must be running.
   */
  preconnect(from: number, to: number, port: string, connector: EndpointHandler, acceptor: EndpointHandler): Connection {
    const a = this.procs[from]!;
    const b = this.procs[to]!;
    this.assertRunning(a, 'preconnect');
    this.assertRunning(b, 'preconnect');
    const conn = new Connection(from, to, a.incarnation, b.incarnation, port);
    conn.handler0 = connector;
    conn.handler1 = acceptor;
    conn.established = true;
    a.conns.add(conn);
    b.conns.add(conn);
    return conn;
  }

  private sendSyn(conn: Connection, attempt: number, firstSynAt: number): void {
    if (conn.closed0) return;
    const from = conn.proc0;
    const to = conn.proc1;
    const retry = (): void => {
      const next = attempt + 1;
      if (next < SYN_SCHEDULE_MS.length) {
        this.sched.at(firstSynAt + SYN_SCHEDULE_MS[next]!, () => this.sendSyn(conn, next, firstSynAt));
      } else {
        this.sched.at(firstSynAt + SYN_TIMEOUT_MS, () => this.failConnect(conn, 'timeout'));
      }
    };
    if (this.pathBlocked(conn, from, to)) return retry();
    this.sched.after(this.links.latencyMs(from, to, this.rng), () => {
      const b = this.procs[to]!;
      const refused = b.state === 'down' || !b.host.listens(conn.port);
      if (this.pathBlocked(conn, to, from)) return retry(); // SYN-ACK or RST lost
      this.sched.after(this.links.latencyMs(to, from, this.rng), () => {
        if (conn.closed0) return;
        if (refused) return this.failConnect(conn, 'refused');
        conn.incarnation1 = b.incarnation;
        b.conns.add(conn);
        conn.established = true;
        // The acceptor's kernel queues the connection for accept() one trip later;
        // set that before the connector's handler can queue data behind it.
        const ch = conn.channel(0);
        const head = ch.peek();
        if (head) head.at = this.sched.now + this.links.latencyMs(from, to, this.rng);
        this.kick(ch);
        const back = conn.existingChannel(1);
        if (back) this.kick(back);
        this.toProcess(from, conn.incarnation0, () => {
          if (!conn.closed0) conn.handler0?.onOpen();
        });
      });
    });
  }

  private failConnect(conn: Connection, reason: 'refused' | 'timeout'): void {
    if (conn.closed0 || conn.established) return;
    conn.closed0 = true;
    conn.closed1 = true;
    this.procs[conn.proc0]!.conns.delete(conn);
    const h = conn.handler0;
    conn.handler0 = undefined;
    this.toProcess(conn.proc0, conn.incarnation0, () => h?.onClose(reason));
  }

  /** Queue one message from `pid` on `conn`. */
  send(conn: Connection, pid: number, payload: unknown, label: string): void {
    const end = conn.endOf(pid);
    if (conn.isClosed(end)) return;
    this.assertRunning(this.procs[pid]!, 'send');
    const ch = conn.channel(end);
    const to = ch.to;
    this.stats.sent.set(label, (this.stats.sent.get(label) ?? 0) + 1);
    let fault: string | undefined;
    if (this.faults.active) {
      const action = this.faults.match(this.sched.now, pid, to, label, () => this.rng.next());
      if (action === 'drop') {
        this.stats.faulted++;
        this.trace.record(this.sched.now, 'msg-fault', pid, to, label, 'drop');
        return;
      }
      if (action === 'reorder') return this.sendOutOfOrder(conn, ch, payload, label);
      if (action === 'duplicate') {
        fault = 'dup';
        this.stats.faulted++;
        this.trace.record(this.sched.now, 'msg-fault', pid, to, label, 'duplicate');
        this.enqueue(ch, ItemKind.Data, payload, label, 'dup');
      }
    }
    this.enqueue(ch, ItemKind.Data, payload, label, fault);
  }

  /** The process closes its end (Redis freeClusterLink): the peer reads EOF after pending data. */
  close(conn: Connection, pid: number): void {
    const end = conn.endOf(pid);
    if (conn.isClosed(end)) return;
    this.closeEnd(conn, end, ItemKind.Fin);
    this.procs[pid]!.conns.delete(conn);
  }

  private closeEnd(conn: Connection, end: 0 | 1, signal: ItemKind.Fin | ItemKind.Rst): void {
    if (conn.isClosed(end)) return;
    conn.setClosed(end);
    conn.setHandler(end, undefined);
    if (conn.established) {
      if (!conn.isClosed(end === 0 ? 1 : 0)) this.enqueue(conn.channel(end), signal, undefined, signal === ItemKind.Fin ? 'fin' : 'rst');
    } else if (end === 0) {
      conn.closed1 = true; // connect abandoned before the handshake finished
    }
  }

  private enqueue(ch: Channel, kind: ItemKind, payload: unknown, label: string, fault?: string): void {
    const now = this.sched.now;
    const cond = this.links.get(ch.from, ch.to);
    let at = now + this.links.latencyMs(ch.from, ch.to, this.rng);
    if (cond.lossProbability > 0) at += lossDelayMs(cond.lossProbability, this.rng);
    if (at < ch.lastAt) at = ch.lastAt;
    ch.lastAt = at;
    const item: SentItem = { kind, payload, label, at, sentAt: now };
    if (fault) item.fault = fault;
    ch.items.push(item);
    this.kick(ch);
  }

  /** Reorder fault: this message skips the FIFO and arrives after a later one. */
  private sendOutOfOrder(conn: Connection, ch: Channel, payload: unknown, label: string): void {
    this.stats.faulted++;
    this.trace.record(this.sched.now, 'msg-fault', ch.from, ch.to, label, 'reorder');
    const extra = 1 + this.rng.uniform(0, 2) * this.links.latencyMs(ch.from, ch.to, this.rng);
    const item: SentItem = { kind: ItemKind.Data, payload, label, at: 0, sentAt: this.sched.now, fault: 'reorder' };
    this.sched.after(this.links.latencyMs(ch.from, ch.to, this.rng) + extra, () => {
      if (!this.pathBlocked(conn, ch.from, ch.to)) this.deliver(conn, ch, item);
    });
  }

  /** Schedule the head of a channel if it can move. */
  private kick(ch: Channel): void {
    if (ch.scheduled || !Number.isNaN(ch.stalledAt) || ch.length === 0) return;
    if (ch.dir === 0 && !ch.conn.established) return;
    const head = ch.peek()!;
    ch.scheduled = true;
    this.sched.at(Math.max(head.at, this.sched.now), this.fireChannelFn, ch);
  }

  private fireChannel(ch: Channel): void {
    ch.scheduled = false;
    const head = ch.peek();
    if (!head) return ch.conn.releaseChannel(ch);
    if (this.pathBlocked(ch.conn, ch.from, ch.to)) return this.stall(ch, this.sched.now);
    // Window full of segments nobody could ACK: the sender only retransmits,
    // on the timer started by the oldest of them.
    if (ch.unacked >= SEND_WINDOW_SEGMENTS) return this.stall(ch, ch.unackedSince);
    ch.shift();
    // With no cut anywhere every ACK gets back: nothing to count (the common case, one branch).
    if (head.kind === ItemKind.Data && (ch.unacked > 0 || this.partitions.any || this.serviceCuts.size > 0)) this.countAck(ch);
    this.deliver(ch.conn, ch, head as SentItem);
    this.kick(ch);
    ch.conn.releaseChannel(ch);
  }

  /** The receiver ACKs a segment just delivered: it reaches the sender unless the reverse path is cut. */
  private countAck(ch: Channel): void {
    if (!this.pathBlocked(ch.conn, ch.to, ch.from)) {
      // A cumulative ACK gets through and frees the whole window.
      if (ch.unacked > 0) this.ackAll(ch);
      return;
    }
    if (ch.unacked++ === 0) {
      ch.unackedSince = this.sched.now;
      this.unackedChannels.add(ch);
    }
  }

  private ackAll(ch: Channel): void {
    ch.unacked = 0;
    ch.unackedSince = NaN;
    this.unackedChannels.delete(ch);
  }

  /** The head cannot go: retransmissions from `lostAt` on, until a heal or TCP gives up. */
  private stall(ch: Channel, lostAt: number): void {
    ch.stalledAt = lostAt;
    this.stalled.add(ch);
    this.sched.at(Math.max(lostAt + DATA_GIVE_UP_MS, this.sched.now), () => this.giveUp(ch, lostAt));
  }

  /** TCP exhausted its retransmissions: the sender's end times out. */
  private giveUp(ch: Channel, stalledAt: number): void {
    if (ch.stalledAt !== stalledAt) return;
    this.stalled.delete(ch);
    this.unackedChannels.delete(ch);
    ch.clear();
    const conn = ch.conn;
    const end = ch.dir;
    conn.releaseChannel(ch);
    if (conn.isClosed(end)) return;
    const h = conn.handler(end);
    conn.setClosed(end);
    conn.setHandler(end, undefined);
    this.toProcess(ch.from, conn.incarnation(end), () => h?.onClose('timeout'));
  }

  private deliver(conn: Connection, ch: Channel, item: SentItem): void {
    const recvEnd: 0 | 1 = ch.dir === 0 ? 1 : 0;
    const p = this.procs[ch.to]!;
    const alive = p.state !== 'down' && p.incarnation === conn.incarnation(recvEnd);
    if (!alive || conn.isClosed(recvEnd)) {
      // Nobody holds this socket any more: the kernel answers data with RST.
      if (item.kind === ItemKind.Data || item.kind === ItemKind.Accept) this.reset(conn, ch.dir);
      return;
    }
    this.stats.delivered++;
    if (item.kind === ItemKind.Data) {
      this.trace.record(this.sched.now, 'deliver', ch.to, ch.from, item.label, item.fault ?? '');
      this.observer?.(item.sentAt, this.sched.now, ch.from, ch.to, item.label, item.fault);
    }
    // Most deliveries find the process running: no closure for them (one per message otherwise).
    if (p.state === 'up') this.handle(conn, recvEnd, item);
    else if (p.state === 'paused' && p.incarnation === conn.incarnation(recvEnd)) this.deferDelivery(p, conn, recvEnd, item);
    else this.toProcess(ch.to, conn.incarnation(recvEnd), () => this.handle(conn, recvEnd, item));
  }

  /** A paused process's kernel keeps what arrives; see Proc.deferredAccepted for the order. */
  private deferDelivery(p: Proc, conn: Connection, end: 0 | 1, item: Item): void {
    const fn = (): void => this.handle(conn, end, item);
    if (item.kind === ItemKind.Accept) (p.acceptQueue ??= new Set()).add(conn);
    if (p.acceptQueue?.has(conn)) p.deferredAccepted.push(fn);
    else p.deferred.push(fn);
  }

  /** The end that sent on `dir` receives a RST (after the return trip). */
  private reset(conn: Connection, dir: 0 | 1): void {
    const senderEnd = dir;
    if (conn.isClosed(senderEnd)) return;
    // The RST travels back: from the receiver of `dir` to its sender.
    const from = conn.proc(dir === 0 ? 1 : 0);
    const to = conn.proc(dir);
    this.sched.after(this.links.latencyMs(from, to, this.rng), () => {
      if (conn.isClosed(senderEnd)) return;
      const h = conn.handler(senderEnd);
      conn.setClosed(senderEnd);
      conn.setHandler(senderEnd, undefined);
      this.clearChannel(conn, senderEnd);
      this.procs[conn.proc(senderEnd)]!.conns.delete(conn);
      this.toProcess(conn.proc(senderEnd), conn.incarnation(senderEnd), () => h?.onClose('reset'));
    });
  }

  private handle(conn: Connection, end: 0 | 1, item: Item): void {
    if (conn.isClosed(end)) {
      if (item.kind === ItemKind.Data) this.reset(conn, end === 1 ? 0 : 1);
      return;
    }
    const pid = conn.proc(end);
    switch (item.kind) {
      case ItemKind.Accept: {
        const h = this.procs[pid]!.host.accept(conn, conn.port, conn.proc0);
        if (h) conn.handler1 = h;
        else this.close(conn, pid);
        return;
      }
      case ItemKind.Data:
        conn.handler(end)?.onData(item.payload);
        return;
      case ItemKind.Fin:
      case ItemKind.Rst: {
        const h = conn.handler(end);
        conn.setClosed(end);
        conn.setHandler(end, undefined);
        this.clearChannel(conn, end);
        this.procs[pid]!.conns.delete(conn);
        h?.onClose(item.kind === ItemKind.Fin ? 'eof' : 'reset');
        return;
      }
    }
  }

  /** Drop what `dir` still holds (the peer is gone), and the channel itself. */
  private clearChannel(conn: Connection, dir: 0 | 1): void {
    const ch = conn.existingChannel(dir);
    if (!ch) return;
    this.unackedChannels.delete(ch);
    ch.clear();
    if (!ch.scheduled) conn.releaseChannel(ch);
  }

  /** Run fn in process pid now, after its resume, or never if it died. */
  private toProcess(pid: number, incarnation: number, fn: () => void): void {
    const p = this.procs[pid]!;
    if (p.incarnation !== incarnation || p.state === 'down') return;
    if (p.state === 'paused') p.deferred.push(fn);
    else fn();
  }

  private assertRunning(p: Proc, what: string): void {
    if (p.state !== 'up') throw new Error(`network.${what} by ${p.name} while ${p.state}`);
  }

  // ---- partitions --------------------------------------------------------

  /** Packets of `conn` from → to are dropped: a partition between the processes, or a cut service. */
  private pathBlocked(conn: Connection, from: number, to: number): boolean {
    if (this.partitions.isBlocked(from, to)) return true;
    return this.serviceCuts.size > 0 && this.serviceCuts.has(`${conn.proc0}/${conn.port}`);
  }

  /**
   * Drop every packet, both ways, of the connections `pid` opens for
   * `service` (existing and new ones), as a firewall rule on that traffic
   * alone would: `replication: { cut: A1 }` is cutService(A1, 'repl').
   * Other connections between the same processes (the cluster bus) flow.
   */
  cutService(pid: number, service: string): void {
    this.serviceCuts.add(`${pid}/${service}`);
  }

  restoreService(pid: number, service: string): void {
    if (this.serviceCuts.delete(`${pid}/${service}`)) this.afterHeal();
  }

  /** Services cut, as `pid/service` (for reports). */
  get cutServices(): readonly string[] {
    return [...this.serviceCuts];
  }

  /** After any heal: stalled channels whose path is open retransmit. */
  afterHeal(): void {
    for (const ch of [...this.stalled]) {
      if (this.pathBlocked(ch.conn, ch.from, ch.to)) continue;
      const ackBlocked = this.pathBlocked(ch.conn, ch.to, ch.from);
      if (ch.unacked >= SEND_WINDOW_SEGMENTS && ackBlocked) continue;
      this.stalled.delete(ch);
      const head = ch.peek();
      const lostAt = ch.stalledAt;
      ch.stalledAt = NaN;
      if (!head) continue;
      const retransmitAt = nextRetransmitAt(lostAt, this.sched.now);
      if (retransmitAt === Infinity) continue; // giveUp() handles it
      let at = retransmitAt + this.links.latencyMs(ch.from, ch.to, this.rng);
      if (ch.unacked >= SEND_WINDOW_SEGMENTS) {
        // The retransmission draws the ACK that opens the window; new data follows it.
        at += this.links.latencyMs(ch.to, ch.from, this.rng) + this.links.latencyMs(ch.from, ch.to, this.rng);
      }
      if (!ackBlocked) this.ackAll(ch);
      head.at = at;
      this.kick(ch);
    }
    // Windows partly filled by lost ACKs: the next ACK that gets through frees them.
    for (const ch of [...this.unackedChannels]) {
      if (!Number.isNaN(ch.stalledAt) || this.pathBlocked(ch.conn, ch.to, ch.from)) continue;
      this.ackAll(ch);
      ch.conn.releaseChannel(ch);
    }
  }

  partition(groups: readonly (readonly number[])[]): void {
    this.partitions.splitGroups(groups);
  }

  partitionOneWay(from: readonly number[], to: readonly number[]): void {
    this.partitions.cutOneWay(from, to);
  }

  healAll(): void {
    this.partitions.healAll();
    this.afterHeal();
  }

  healBetween(xs: readonly number[], ys: readonly number[]): void {
    this.partitions.healBetween(xs, ys);
    this.afterHeal();
  }
}
