// Whole-map refresh of a client's slot cache: CLUSTER SLOTS asked of one
// known node after another until one answers with a map that covers every
// slot (redis-py NodesManager.initialize() walks its startup nodes the same
// way and keeps looking while coverage is incomplete). At most one refresh
// runs per client; lanes that have no route for their slot wait for it.

import { CLUSTER_SLOTS } from '../core/keyslot.ts';
import type { Reply } from '../core/reply.ts';
import type { ClientRequest } from '../server/client-protocol.ts';
import type { WorkloadHost } from './env.ts';
import { NodeConnection, type ConnOwner } from './node-conn.ts';
import { coveredSlots, parseClusterSlots, type SlotCache, type SlotsEntry } from './slot-cache.ts';

const CLUSTER_SLOTS_ARGV: readonly string[] = ['CLUSTER', 'SLOTS'];
const LABEL = 'cmd:CLUSTER';

export class TopologyRefresher implements ConnOwner {
  running = false;
  /** Completed refreshes (successful or not), for tests and reports. */
  refreshes = 0;
  private readonly conns: (NodeConnection | undefined)[] = [];
  private readonly onDone: (() => void)[] = [];
  /** Next node index to ask first: rotates so that one dead seed is not asked first forever. */
  private firstCandidate = 0;
  private tried = 0;
  private asking = -1;
  private askId = 0;
  private nextId = 1;
  private best: SlotsEntry[] | null = null;
  private bestCovered = 0;
  /** Deadline of the current question. */
  private deadlineAt = -1;

  constructor(
    private readonly host: WorkloadHost,
    private readonly pid: number,
    private readonly cache: SlotCache,
    private readonly timeoutMs: number,
  ) {}

  /** Start a refresh unless one is running; `done` (if given) runs when it ends either way. */
  request(done?: () => void): void {
    if (done) this.onDone.push(done);
    if (this.running) return;
    if (this.cache.nodes.length === 0) return this.finish();
    this.running = true;
    this.tried = 0;
    this.best = null;
    this.bestCovered = 0;
    this.askNext();
  }

  private askNext(): void {
    const nodes = this.cache.nodes;
    if (this.tried >= nodes.length) return this.finish();
    const i = (this.firstCandidate + this.tried) % nodes.length;
    this.tried++;
    this.asking = i;
    let c = this.conns[i];
    if (c === undefined || c.state === 'closed') {
      c = new NodeConnection(this.host, this.pid, i, nodes[i]!.pid, this);
      this.conns[i] = c;
    }
    this.askId = this.nextId++;
    const req: ClientRequest = { kind: 'req', id: this.askId, argv: CLUSTER_SLOTS_ARGV };
    c.send(req, LABEL);
    this.deadlineAt = this.host.sched.now + this.timeoutMs;
    this.host.sched.at(this.deadlineAt, refreshDeadline, this);
  }

  onReply(conn: NodeConnection, id: number, reply: Reply): void {
    if (!this.running || conn.node !== this.asking || id !== this.askId) return;
    const entries = parseClusterSlots(reply, this.cache.nodes[conn.node]!.ip);
    if (entries !== null) {
      const covered = coveredSlots(entries);
      if (covered > this.bestCovered) {
        this.best = entries;
        this.bestCovered = covered;
      }
      // Learn every node named, so later refreshes can ask them too.
      for (const e of entries) this.cache.nodeIndex(e.master.ip, e.master.port);
      if (covered === CLUSTER_SLOTS) {
        this.firstCandidate = conn.node;
        return this.finish();
      }
    }
    this.askNext();
  }

  onLost(conn: NodeConnection, _reason: string): void {
    this.conns[conn.node] = undefined;
    if (this.running && conn.node === this.asking) this.askNext();
  }

  /** Runs at each question's deadline; a stale event (that question was answered) does nothing. */
  checkDeadline(): void {
    if (this.running && this.deadlineAt === this.host.sched.now) this.timedOut();
  }

  /** The node asked did not answer in time: drop that connection and ask the next one. */
  private timedOut(): void {
    const c = this.conns[this.asking];
    c?.close();
    this.conns[this.asking] = undefined;
    this.askNext();
  }

  private finish(): void {
    if (this.running) this.refreshes++;
    this.running = false;
    this.asking = -1;
    this.deadlineAt = -1;
    if (this.best !== null) this.cache.replace(this.best);
    else this.firstCandidate++;
    this.best = null;
    const callbacks = this.onDone.splice(0);
    for (const cb of callbacks) cb();
  }
}

function refreshDeadline(r: TopologyRefresher): void {
  r.checkDeadline();
}
