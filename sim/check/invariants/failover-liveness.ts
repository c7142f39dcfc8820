// failover-liveness (a property: opt-in, sim fuzz turns it on): a master
// marked FAIL gets a new master for its slots within a bound, *during* the
// run, not only once every fault has healed, whenever Redis has what it needs
// to fail over:
//   - a replica of it that is live, sees it as FAIL, may fail over
//     (not cluster-replica-no-failover) and whose data is fresh enough
//     (stale-replica-never-elected's rule);
//   - a majority of the masters serving slots live and seeing it FAIL (the
//     voters);
//   - no partition, message filter, changed link or paused node, except the
//     failed master's own pause.
// The clock starts when all of that holds and restarts whenever it stops
// holding. The bound follows the election's own timers (spec §11): the
// start delay (500 ms + up to 500 ms random + 1 s per rank), then up to
// three attempts, each waiting the retry time max(4 × node timeout, 4 s),
// and two node timeouts for FAIL and the new configuration to spread.
// Redis promises this: it is the point of automatic failover.

import { nodeFailed, nodeIsMaster } from '../../cluster/node.ts';
import type { ClusterNode } from '../../cluster/node.ts';
import type { NodeIx, SimEvent } from '../../events/types.ts';
import { failoverDataAgeMs, maxDataAgeMs } from './election-rules.ts';
import { sec, type Invariant, type InvariantWorld, type NodeView, type Violation } from './types.ts';

const POLL_MS = 100;

/** How long a failover may take once everything it needs is there. */
export function failoverBoundMs(nodeTimeoutMs: number, replicas: number): number {
  const retry = Math.max(4 * nodeTimeoutMs, 4000);
  return 1000 + 1000 * Math.max(0, replicas - 1) + 3 * retry + 2 * nodeTimeoutMs;
}

/** Whether replica `r` could be elected for its master now (its own view and its own rules). */
function canFailOver(r: NodeView, nowMs: number): ClusterNode | undefined {
  const cs = r.cs;
  if (!r.live || !cs || nodeIsMaster(cs.myself)) return undefined;
  const m = cs.myself.slaveof;
  if (!m || !nodeFailed(m) || m.numslots === 0 || cs.config.clusterReplicaNoFailover) return undefined;
  return failoverDataAgeMs(cs, nowMs) <= maxDataAgeMs(cs) ? m : undefined;
}

export class FailoverLiveness implements Invariant {
  readonly name = 'failover-liveness' as const;
  private watching = false;
  private lastPoll = -Infinity;
  /** Failed master (process) → since when a failover has been possible without a break. */
  private readonly since = new Map<NodeIx, number>();

  onEvent(e: SimEvent): Violation | undefined {
    if (e.type === 'fail') this.watching = true;
    return undefined;
  }

  onInstantEnd(w: InvariantWorld): Violation | undefined {
    const now = w.now();
    if (!this.watching || now - this.lastPoll < POLL_MS) return undefined;
    this.lastPoll = now;
    const possible = new Map<NodeIx, number>();
    for (const r of w.nodes) {
      const m = canFailOver(r, now);
      if (!m) continue;
      const x = w.names.processOfId(m.name);
      if (x === undefined || possible.has(x) || !this.calm(w, x) || !this.votersReady(w, x, r)) continue;
      possible.set(x, r.cs!.myself.slaveof!.slaves.length);
    }
    for (const x of [...this.since.keys()]) if (!possible.has(x)) this.since.delete(x);
    for (const [x, replicas] of possible) {
      const from = this.since.get(x) ?? now;
      this.since.set(x, from);
      const bound = failoverBoundMs(w.nodeTimeoutMs(), replicas);
      if (now - from <= bound) continue;
      const name = w.names.name(x);
      return {
        invariant: this.name,
        atMs: now,
        why: `${name} has been FAIL with a replica able to replace it and a majority of masters to vote since ${sec(from)}, but no replica took over within ${bound} ms`,
        nodes: [name],
      };
    }
    return undefined;
  }

  /** No fault in force but the failed master's own pause. */
  private calm(w: InvariantWorld, x: NodeIx): boolean {
    const own = `${w.names.name(x)} paused`;
    return w.activeFaults().every((f) => f === own);
  }

  /** A majority of the masters serving slots (as the candidate counts them) live and seeing x FAIL. */
  private votersReady(w: InvariantWorld, x: NodeIx, candidate: NodeView): boolean {
    const xv = w.nodeAt(x);
    let ready = 0;
    for (const v of w.nodes) {
      const cs = v.cs;
      if (!v.live || !cs || v.ix === x || !nodeIsMaster(cs.myself) || cs.myself.numslots === 0) continue;
      const entry = xv ? cs.nodes.get(xv.nodeId) : undefined;
      if (entry && nodeFailed(entry)) ready++;
    }
    return ready * 2 > candidate.cs!.size;
  }
}
