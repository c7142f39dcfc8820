// unique-config-epochs: once the cluster has converged, no two live masters
// that serve slots share a configEpoch. The configEpoch decides who wins a
// slot claimed twice (§10.3: the higher one wins; equal epochs change
// nothing), so two owners with one epoch could each keep a claim forever.
// Redis resolves equal epochs itself (§10.1): the master with the smaller
// node ID takes currentEpoch + 1 on the next PING or PONG from the other.
//
// So a shared epoch is legitimate for a moment (bare nodes joined without
// SET-CONFIG-EPOCH all start at 0; two TAKEOVERs may bump to the same
// value) and a violation only if it survives converged for more than
// GRACE = NT + 1 s: the two ping each other at least every NT/2 (+ cron and
// latency), and a bump breaks convergence until everybody learned it.
// Masters that are down or paused cannot resolve anything and are left out;
// any fault or command restarts the grace.

import { nodeIsMaster } from '../../cluster/node.ts';
import type { SimEvent } from '../../events/types.ts';
import { isDisturbance, sec, type ConvergenceVerdict, type Invariant, type InvariantWorld, type Violation } from './types.ts';

export class UniqueConfigEpochs implements Invariant {
  readonly name = 'unique-config-epochs' as const;
  /** `epoch:A,B` → first converged instant at which these owners shared it. */
  private readonly sharedSince = new Map<string, number>();

  onEvent(e: SimEvent): Violation | undefined {
    if (isDisturbance(e)) this.sharedSince.clear();
    return undefined;
  }

  onConvergence(v: ConvergenceVerdict, w: InvariantWorld): Violation | undefined {
    if (!v.ok || v.members.length === 0) return undefined;
    const now = w.now();
    const members = new Map(v.members.map((m) => [m.cs!.myself.name, m.name]));
    const byEpoch = new Map<number, string[]>();
    // Members agree on every live master's configEpoch, so one table is enough.
    for (const n of v.members[0]!.cs!.nodeList) {
      const name = members.get(n.name);
      if (name === undefined || !nodeIsMaster(n) || n.numslots === 0) continue;
      const list = byEpoch.get(n.configEpoch) ?? [];
      list.push(name);
      byEpoch.set(n.configEpoch, list);
    }
    const current = new Set<string>();
    for (const [epoch, owners] of byEpoch) {
      if (owners.length < 2) continue;
      owners.sort();
      const key = `${epoch}:${owners.join(',')}`;
      current.add(key);
      const since = this.sharedSince.get(key);
      if (since === undefined) {
        this.sharedSince.set(key, now);
        continue;
      }
      const grace = w.nodeTimeoutMs() + 1000;
      if (now - since > grace)
        return {
          invariant: this.name,
          atMs: now,
          why:
            `${owners.join(' and ')} serve slots with the same configEpoch ${epoch} in a converged cluster ` +
            `since ${sec(since)}, longer than NT + 1 s (${grace} ms) in which the collision rule must have separated them`,
          nodes: owners,
        };
    }
    for (const key of [...this.sharedSince.keys()]) if (!current.has(key)) this.sharedSince.delete(key);
    return undefined;
  }
}
