// One sequential lane of a client: it runs one operation at a time from
// invoke to ok/fail/info, following redirections and retrying as the
// client's policy says (cluster-client.ts). A client with `in-flight: N` has
// N lanes, each with its own connections, as a pooled Jedis or redis-py
// client has one connection per thread: a timeout closes only the
// connection whose reply stream it broke.
//
// Outcome rules (Jepsen): ok when a reply says it happened; fail only when
// it certainly did not (an error reply, or a request that never left the
// client); info when it may have: a request was written and no reply came
// within the timeout, or its connection died. Once an attempt may have been
// applied, a later definite failure still ends as info, and a later ok is
// ok even though the op may then have been applied twice.
//
// Hot path: no closures or objects per operation beyond the argv, the
// request and the scheduler entries; timers are plain events checked
// against the lane's state when they fire.

import { keyHashSlot } from '../core/keyslot.ts';
import type { Reply } from '../core/reply.ts';
import type { ClientRequest } from '../server/client-protocol.ts';
import { CLUSTERDOWN_BACKOFF_MS, CONNECTION_BACKOFF_MS, TRYAGAIN_BACKOFF_MS, type ClusterClient } from './cluster-client.ts';
import type { History, OpF, OpResult } from './history.ts';
import { NodeConnection, type ConnOwner } from './node-conn.ts';
import { parseRedirect } from './slot-cache.ts';

const enum Phase {
  Idle,
  /** Waiting for a slot-map refresh to learn where to send. */
  Routing,
  /** A request is written (or queued on a connecting socket); waiting for its reply. */
  Sent,
  /** Waiting to retry after TRYAGAIN, CLUSTERDOWN or a lost connection. */
  Backoff,
}

const VERB: Readonly<Record<OpF, string>> = { set: 'SET', get: 'GET', rpush: 'RPUSH', incr: 'INCR', lrange: 'LRANGE' };
const LABEL: Readonly<Record<OpF, string>> = { set: 'cmd:SET', get: 'cmd:GET', rpush: 'cmd:RPUSH', incr: 'cmd:INCR', lrange: 'cmd:LRANGE' };
const ASKING_ARGV: readonly string[] = ['ASKING'];

export interface LaneOwner {
  /** The lane finished its operation and can take another. */
  onLaneFree(lane: Lane): void;
}

export class Lane implements ConnOwner {
  private phase = Phase.Idle;
  private readonly conns: (NodeConnection | undefined)[] = [];
  private nextReqId = 1;
  // The operation in progress.
  private opId = -1;
  private f: OpF = 'get';
  private slot = 0;
  private argv: readonly string[] = ASKING_ARGV;
  private deadlineAt = 0;
  private retryAt = 0;
  private attempts = 0;
  private maybeApplied = false;
  private lastError = '';
  /** Node of the attempt in progress or of the last reply (index in the slot cache). */
  private node = -1;
  /** ASK target for the next attempt only, or -1. */
  private askNode = -1;
  private waitConn: NodeConnection | null = null;
  private waitId = 0;

  constructor(
    private readonly client: ClusterClient,
    private readonly history: History,
    /** History process index of this lane. */
    readonly process: number,
    private readonly owner: LaneOwner,
  ) {}

  get busy(): boolean {
    return this.phase !== Phase.Idle;
  }

  /** Invoke one operation; `value` is what a set/rpush writes (null for get/incr). */
  start(f: OpF, key: string, value: string | null, slot = keyHashSlot(key)): void {
    if (this.phase !== Phase.Idle) throw new Error('Lane.start while an operation is in progress');
    const now = this.client.host.sched.now;
    this.opId = this.history.invoke(this.process, f, key, value, now);
    this.f = f;
    this.slot = slot;
    // LRANGE reads the whole list (0 -1), as Jepsen's list-append workload does.
    this.argv = f === 'lrange' ? [VERB[f], key, '0', '-1'] : value === null ? [VERB[f], key] : [VERB[f], key, value];
    this.deadlineAt = now + this.client.opts.timeoutMs;
    this.attempts = 0;
    this.maybeApplied = false;
    this.lastError = '';
    this.node = -1;
    this.askNode = -1;
    this.phase = Phase.Routing;
    this.client.host.sched.at(this.deadlineAt, laneDeadline, this);
    this.attempt();
  }

  private attempt(): void {
    if (this.attempts >= this.client.maxAttempts) return this.giveUp();
    this.attempts++;
    const node = this.askNode >= 0 ? this.askNode : this.client.cache.owner(this.slot);
    if (node >= 0) return this.sendTo(node);
    this.phase = Phase.Routing;
    const op = this.opId;
    this.client.refresh(() => this.afterRefresh(op));
  }

  private afterRefresh(op: number): void {
    if (this.opId !== op || this.phase !== Phase.Routing) return;
    const node = this.client.cache.owner(this.slot);
    if (node >= 0) return this.sendTo(node);
    this.lastError = `no known owner for slot ${this.slot}`;
    this.backoff(CLUSTERDOWN_BACKOFF_MS);
  }

  private sendTo(node: number): void {
    let c = this.conns[node];
    if (c === undefined || c.state === 'closed') {
      c = new NodeConnection(this.client.host, this.client.pid, node, this.client.cache.nodes[node]!.pid, this);
      this.conns[node] = c;
    }
    if (this.askNode >= 0) {
      c.send({ kind: 'req', id: this.nextReqId++, argv: ASKING_ARGV }, 'cmd:ASKING');
      this.askNode = -1;
    }
    const req: ClientRequest = { kind: 'req', id: this.nextReqId++, argv: this.argv };
    c.send(req, LABEL[this.f]);
    this.waitConn = c;
    this.waitId = req.id;
    this.node = node;
    this.phase = Phase.Sent;
  }

  onReply(conn: NodeConnection, id: number, reply: Reply, woff: number): void {
    // Replies to ASKING, or to an op this lane already gave up on, are not awaited.
    if (this.phase !== Phase.Sent || conn !== this.waitConn || id !== this.waitId) return;
    this.waitConn = null;
    if (reply.kind !== 'error') return this.finish('ok', this.resultOf(reply), '', woff);
    const text = reply.text;
    this.lastError = text;
    const stats = this.client.stats;
    if (text.startsWith('MOVED ') || text.startsWith('ASK ')) {
      const r = this.client.followRedirects ? parseRedirect(text, this.client.cache.nodes[conn.node]!.ip) : null;
      if (r === null) return this.giveUp();
      const target = this.client.cache.nodeIndex(r.ip, r.port);
      if (r.kind === 'MOVED') {
        this.client.cache.setOwner(r.slot, target);
        this.client.noteMoved();
      } else {
        stats.ask++;
        this.askNode = target;
      }
      return this.attempt();
    }
    if (!this.client.followRedirects) return this.giveUp();
    if (text.startsWith('TRYAGAIN')) {
      stats.tryagain++;
      return this.backoff(TRYAGAIN_BACKOFF_MS);
    }
    if (text.startsWith('CLUSTERDOWN')) {
      stats.clusterdown++;
      this.client.refresh();
      return this.backoff(CLUSTERDOWN_BACKOFF_MS);
    }
    this.giveUp();
  }

  onLost(conn: NodeConnection, reason: string): void {
    if (this.conns[conn.node] === conn) this.conns[conn.node] = undefined;
    if (this.phase !== Phase.Sent || conn !== this.waitConn) return;
    this.waitConn = null;
    this.client.stats.connectionsLost++;
    if (conn.lastSentId >= this.waitId) this.maybeApplied = true;
    this.lastError = `connection ${reason}`;
    if (!this.client.followRedirects) return this.giveUp();
    this.client.refresh();
    this.backoff(CONNECTION_BACKOFF_MS);
  }

  private backoff(ms: number): void {
    this.phase = Phase.Backoff;
    const t = this.client.host.sched.now + ms;
    if (t >= this.deadlineAt) return; // the deadline ends the op first
    this.retryAt = t;
    this.client.host.sched.at(t, laneRetry, this);
  }

  /** Scheduled retry; stale events (the op ended meanwhile) do nothing. */
  retryDue(): void {
    if (this.phase === Phase.Backoff && this.retryAt === this.client.host.sched.now) this.attempt();
  }

  /** Scheduled at each op's deadline; stale events do nothing. */
  deadlineDue(): void {
    if (this.phase === Phase.Idle || this.deadlineAt !== this.client.host.sched.now) return;
    if (this.phase === Phase.Sent) {
      // No reply in time. The reply stream of that connection can no longer be
      // matched to requests, so it is closed, as real clients do.
      this.client.stats.timeouts++;
      const c = this.waitConn!;
      c.close();
      if (this.conns[c.node] === c) this.conns[c.node] = undefined;
      this.waitConn = null;
      return this.finish('info', null, 'timeout');
    }
    // Waiting to retry or to learn a route: every attempt so far was answered.
    if (this.lastError === '') this.lastError = 'timeout';
    this.giveUp();
  }

  /**
   * The run is over: an operation still in progress ends now, as info if a
   * request of it is out (or may have been applied), else as fail.
   */
  abandon(): void {
    if (this.phase === Phase.Idle) return;
    if (this.phase === Phase.Sent) this.maybeApplied = true;
    this.lastError = this.phase === Phase.Sent || this.lastError === '' ? 'run ended' : this.lastError;
    this.giveUp();
  }

  private giveUp(): void {
    this.finish(this.maybeApplied ? 'info' : 'fail', null, this.lastError);
  }

  private resultOf(reply: Reply): OpResult {
    if (this.f === 'get') return reply.kind === 'bulk' ? reply.value : null;
    if (this.f === 'incr') return reply.kind === 'int' ? reply.value : null;
    if (this.f === 'lrange') return reply.kind === 'array' && reply.items ? reply.items.map((r) => (r.kind === 'bulk' ? (r.value ?? '') : '')) : [];
    return null;
  }

  private finish(type: 'ok' | 'fail' | 'info', result: OpResult, error: string, woff = -1): void {
    const nodeName = this.node >= 0 ? this.client.cache.nodes[this.node]!.name : '';
    this.history.complete(this.opId, type, this.client.host.sched.now, result, nodeName, error, woff);
    this.phase = Phase.Idle;
    this.opId = -1;
    this.waitConn = null;
    this.owner.onLaneFree(this);
  }

  /** Close every connection (the workload stopped for good). */
  closeAll(): void {
    for (let i = 0; i < this.conns.length; i++) {
      this.conns[i]?.close();
      this.conns[i] = undefined;
    }
  }
}

function laneDeadline(l: Lane): void {
  l.deadlineDue();
}

function laneRetry(l: Lane): void {
  l.retryDue();
}
