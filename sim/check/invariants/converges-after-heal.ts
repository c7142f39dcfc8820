// converges-after-heal (liveness): once every fault has healed, the live
// cluster converges within a bound derived from the spec (bound.ts).
//
// "Healed" is read from the world each time a fault event, an operator
// command or redis-cli output disturbed it: no partition, no paused process
// (SIGSTOP or DEBUG SLEEP), no message filter still in force, link
// conditions back to the scenario's network section. Killed nodes count as healed whether they
// came back or not (down nodes are outside convergence), and so does a
// cut replication link (it does not carry the cluster bus).
//
// A window opens at each disturbance; its deadline is the instant the last
// fault healed plus the bound. The window closes at the first instant the
// cluster is seen converged with nothing in force. Protocol events after
// that (say, a dead master being failed over) open a new window from their
// own time, so a cluster that converged once and then drifts apart for good
// is caught too. A violation is reported when the run reaches a deadline
// with the window still open.

import type { SimEvent } from '../../events/types.ts';
import { convergenceBound, describeBound, FORGET_EXTRA_MS, type BoundTerms } from './bound.ts';
import { dirtyPollMs } from './monitor.ts';
import { isDisturbance, sec, type ConvergenceVerdict, type Invariant, type InvariantWorld, type Violation } from './types.ts';


interface Window {
  /** What opened it, and when (for the report). */
  cause: string;
  /** When the last fault healed; undefined while something is still in force. */
  healedAt: number | undefined;
  deadline: number;
  bound: BoundTerms | undefined;
}

export class ConvergesAfterHeal implements Invariant {
  readonly name = 'converges-after-heal' as const;
  private window: Window | undefined;
  /** A CLUSTER FORGET keeps its node out of one table until then (unless it is MEET again). */
  private forgetUntil = -Infinity;
  /** maxReplicas costs nodes²: it is recounted at most once per poll interval. */
  private replicas = { at: -Infinity, max: 1 };

  /**
   * `start`: when the world began (the formed cluster must converge from
   * there, within the bound like after any heal); `refreshFaults`: re-read
   * link conditions after a link change.
   */
  /**
   * How often an open window with a deadline asks for the convergence
   * verdict. Counted across windows: in a busy cluster every event opens a
   * new one, and each must not buy a poll of its own.
   */
  private readonly pollMs: number;
  private lastPoll = -Infinity;

  constructor(
    start: number,
    private readonly refreshFaults: () => void = () => {},
    nodes = 0,
  ) {
    this.pollMs = dirtyPollMs(nodes);
    this.open(`the start of the run at ${sec(start)}`);
  }

  onEvent(e: SimEvent, w: InvariantWorld): Violation | undefined {
    if (isDisturbance(e)) {
      if (e.type === 'fault' && (e.action === 'link' || e.action === 'network')) this.refreshFaults();
      if (e.type === 'command' && /^CLUSTER\s+FORGET\b/i.test(e.command)) this.forgetUntil = e.t + FORGET_EXTRA_MS;
      const cause =
        e.type === 'fault'
          ? `${e.action}${e.subject >= 0 ? ` ${w.names.name(e.subject)}` : ''}`
          : e.type === 'command'
            ? `a command on ${w.names.name(e.node)}`
            : 'redis-cli output';
      this.open(`${cause} at ${sec(e.t)}`);
      return undefined;
    }
    // Anything else the nodes did may have moved the cluster away from convergence.
    if (this.window === undefined && e.type !== 'write-lost') this.open(`${e.type} on ${w.names.name(e.node)} at ${sec(e.t)}`);
    return undefined;
  }

  private open(cause: string): void {
    this.window = { cause, healedAt: undefined, deadline: Infinity, bound: undefined };
  }

  onInstantEnd(w: InvariantWorld): Violation | undefined {
    const win = this.window;
    if (win === undefined || win.healedAt !== undefined) return undefined;
    if (w.activeFaults().length > 0) return undefined;
    const now = w.now();
    win.healedAt = now;
    if (now - this.replicas.at >= this.pollMs) this.replicas = { at: now, max: maxReplicas(w) };
    win.bound = convergenceBound(w.nodeTimeoutMs(), this.replicas.max, Math.max(0, this.forgetUntil - now));
    win.deadline = now + win.bound.total;
    return undefined;
  }

  wantsConvergence(now: number): boolean {
    const win = this.window;
    return win !== undefined && win.healedAt !== undefined && (now >= win.deadline || now - this.lastPoll >= this.pollMs);
  }

  onConvergence(v: ConvergenceVerdict, w: InvariantWorld): Violation | undefined {
    const win = this.window;
    if (win === undefined || win.healedAt === undefined) return undefined;
    const now = w.now();
    this.lastPoll = now;
    if (v.ok) {
      this.window = undefined;
      return undefined;
    }
    if (now < win.deadline) return undefined;
    if (w.activeFaults().length > 0) {
      // A fault no event announced (DEBUG SLEEP stops a process silently): wait for it to heal.
      win.healedAt = undefined;
      win.deadline = Infinity;
      return undefined;
    }
    return {
      invariant: this.name,
      atMs: now,
      why:
        `not converged ${sec(now - win.healedAt)} after every fault healed at ${sec(win.healedAt)} ` +
        `(disturbed by ${win.cause}); bound ${describeBound(win.bound!)}; ${v.why}`,
      nodes: v.members.map((m) => m.name),
    };
  }

  pending(now: number): string | undefined {
    const win = this.window;
    if (win === undefined) return undefined;
    if (win.healedAt === undefined) return `faults still in force at the end (since ${win.cause})`;
    return `not yet converged at the end, ${sec(win.deadline - now)} before the deadline ${sec(win.deadline)}`;
  }
}

/** The most replicas any master has, in any live node's table (rank delays grow with it). */
function maxReplicas(w: InvariantWorld): number {
  let max = 1;
  for (const n of w.nodes) {
    if (!n.live || !n.cs) continue;
    for (const e of n.cs.nodeList) max = Math.max(max, e.slaves.length);
  }
  return max;
}
