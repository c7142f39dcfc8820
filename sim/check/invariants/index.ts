// The safety invariants, by name (the names the scenario language accepts
// under `invariants:`). The run attaches them to its world (run/invariants.ts).

import type { InvariantName, KnownFlaw } from '../../scenario/vocabulary.ts';
import { ConvergesAfterHeal } from './converges-after-heal.ts';
import { EpochsMonotonic } from './epochs-monotonic.ts';
import { FailNeedsQuorum } from './fail-needs-quorum.ts';
import { OneWinnerPerEpoch } from './one-winner-per-epoch.ts';
import { SingleSlotOwner } from './single-slot-owner.ts';
import type { Invariant } from './types.ts';
import { UniqueConfigEpochs } from './unique-config-epochs.ts';
import { ElectionDelayFollowsRank, ElectionNeedsMajority, NoFailoverReplicaNeverElected, StaleReplicaNeverElected } from './election-rules.ts';
import { FailoverLiveness } from './failover-liveness.ts';
import { OneVotePerEpoch, VoteOnlyForFailedMaster } from './votes.ts';

export { InvariantMonitor, contextEvents, type InvariantResult, type ViolationReport } from './monitor.ts';
export { checkMembersConverged, clusterMembers } from './convergence.ts';
export { convergenceBound, describeBound } from './bound.ts';
export type { ConvergenceVerdict, Invariant, InvariantWorld, NodeView, Violation } from './types.ts';

export interface InvariantContext {
  /** When the world started (the formed cluster must converge from there). */
  startMs: number;
  /** Re-read link conditions (converges-after-heal, after `link:` / `network:`). */
  refreshLinks?: () => void;
  /** Processes in the world (polling for convergence is spaced out in large clusters). */
  nodes?: number;
  /** Real Redis flaws the scenario expects (recorded, not reported). */
  knownFlaws?: readonly KnownFlaw[];
}

/** A fresh instance of the invariant called `name`. */
export function createInvariant(name: InvariantName, ctx: InvariantContext): Invariant {
  switch (name) {
    case 'one-vote-per-epoch':
      return new OneVotePerEpoch();
    case 'vote-only-for-failed-master':
      return new VoteOnlyForFailedMaster();
    case 'one-winner-per-epoch':
      return new OneWinnerPerEpoch(ctx.knownFlaws?.includes('winner-votes-in-its-epoch') === true);
    case 'epochs-monotonic':
      return new EpochsMonotonic();
    case 'unique-config-epochs':
      return new UniqueConfigEpochs();
    case 'single-slot-owner':
      return new SingleSlotOwner();
    case 'fail-needs-quorum':
      return new FailNeedsQuorum();
    case 'converges-after-heal':
      return new ConvergesAfterHeal(ctx.startMs, ctx.refreshLinks, ctx.nodes);
    case 'failover-liveness':
      return new FailoverLiveness();
    case 'election-delay-follows-rank':
      return new ElectionDelayFollowsRank();
    case 'stale-replica-never-elected':
      return new StaleReplicaNeverElected();
    case 'no-failover-replica-never-elected':
      return new NoFailoverReplicaNeverElected();
    case 'election-needs-majority':
      return new ElectionNeedsMajority();
  }
}
