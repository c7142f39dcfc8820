// The votes masters grant (vote-granted events): two invariants, since a
// vote can be wrong in two ways, twice in one epoch or given at all.
//
// one-vote-per-epoch: a master grants at most one vote per epoch. This is
// what makes a majority of votes unique: two candidates of the same epoch
// would need two majorities, and majorities overlap. Redis keeps it with
// lastVoteEpoch, saved and fsynced to nodes.conf before the ACK leaves
// (§11.4 step 7), so a crash and restart cannot make a master vote again in
// an epoch it already voted in. CLUSTER RESET HARD zeroes lastVoteEpoch and
// gives the node a new ID: it is then another voter (Lives).
//
// vote-only-for-failed-master: a vote goes from a master that serves slots,
// in an epoch higher than its previous vote, to a replica whose master the
// voter sees as FAIL, or, with FORCEACK, to a replica running a manual
// failover (CLUSTER FAILOVER [FORCE], which sets FORCEACK only while its
// mf_end is set: at most CLUSTER_MF_TIMEOUT after it was accepted).
// Spec §11.4: these are the checks clusterSendFailoverAuthIfNeeded makes
// before granting; the voter's table is read as it is at the grant.

import { CLUSTER_MF_TIMEOUT } from '../../cluster/constants.ts';
import { nodeFailed, nodeIsMaster, nodeIsSlave } from '../../cluster/node.ts';
import type { EventOf, NodeIx, SimEvent } from '../../events/types.ts';
import { entryOf, eventText, Lives, sec, viewOf, type Invariant, type InvariantWorld, type Violation } from './types.ts';

type Vote = EventOf<'vote-granted'>;

export class OneVotePerEpoch implements Invariant {
  readonly name = 'one-vote-per-epoch' as const;
  private readonly lives = new Lives();
  /** `voter#life@epoch` → the vote it granted. */
  private readonly votes = new Map<string, Vote>();

  onEvent(e: SimEvent, w: InvariantWorld): Violation | undefined {
    if (this.lives.onEvent(e) || e.type !== 'vote-granted') return undefined;
    const key = `${this.lives.key(e.node)}@${e.epoch}`;
    const first = this.votes.get(key);
    if (first === undefined) {
      this.votes.set(key, e);
      return undefined;
    }
    const n = (ix: NodeIx): string => w.names.name(ix);
    return {
      invariant: this.name,
      atMs: e.t,
      why: `${n(e.node)} voted twice in epoch ${e.epoch}: for ${n(first.subject)} (${eventText(first, w.names)}) and now for ${n(e.subject)}`,
      event: e,
      nodes: [n(e.node), n(first.subject), n(e.subject)],
    };
  }
}

export class VoteOnlyForFailedMaster implements Invariant {
  readonly name = 'vote-only-for-failed-master' as const;
  private readonly lives = new Lives();
  /** voter#life → epoch of its last vote. */
  private readonly lastVote = new Map<string, number>();
  /** candidate → when its last manual failover was accepted. */
  private readonly mfAccepted = new Map<NodeIx, number>();
  /** `candidate@epoch` → when it asked for votes in that epoch. */
  private readonly started = new Map<string, number>();

  onEvent(e: SimEvent, w: InvariantWorld): Violation | undefined {
    if (this.lives.onEvent(e)) return undefined;
    switch (e.type) {
      case 'manual-failover':
        if (e.step === 'accepted') this.mfAccepted.set(e.node, e.t);
        return undefined;
      case 'election-started':
        this.started.set(`${e.node}@${e.epoch}`, e.t);
        return undefined;
      case 'vote-granted':
        return this.checkVote(e, w);
      default:
        return undefined;
    }
  }

  private checkVote(e: Vote, w: InvariantWorld): Violation | undefined {
    const n = (ix: NodeIx): string => w.names.name(ix);
    const voterName = n(e.node);
    const candidateName = n(e.subject);
    const bad = (why: string, nodes: string[] = []): Violation => ({
      invariant: this.name,
      atMs: e.t,
      why: `${voterName} voted for ${candidateName} in epoch ${e.epoch}, but ${why}`,
      event: e,
      nodes: [voterName, candidateName, ...nodes],
    });
    const epoch = e.epoch;
    const voter = this.lives.key(e.node);
    const last = this.lastVote.get(voter);
    this.lastVote.set(voter, epoch);
    if (last !== undefined && !(epoch > last)) return bad(`its previous vote was already in epoch ${last}`);

    const cs = viewOf(w, e.node)?.cs;
    if (!cs) return bad('the voter has no running server');
    if (!nodeIsMaster(cs.myself) || cs.myself.numslots === 0) return bad('it is not a master serving slots (only those vote)');
    const candidate = entryOf(cs, e.subject, w);
    if (!candidate) return bad(`it does not know ${candidateName}`);
    if (!nodeIsSlave(candidate) || candidate.slaveof === null) return bad(`it does not see ${candidateName} as a replica with a known master`);
    const master = candidate.slaveof;
    const masterName = w.nameOf(master.name);

    if (e.forceAck) {
      const accepted = this.mfAccepted.get(e.subject);
      const asked = this.started.get(`${e.subject}@${epoch}`);
      if (asked === undefined) return bad(`FORCEACK was granted, and ${candidateName} never started an election in that epoch`);
      if (accepted === undefined || asked < accepted || asked > accepted + CLUSTER_MF_TIMEOUT)
        return bad(
          `FORCEACK was granted, and ${candidateName} asked at ${sec(asked)} outside any manual failover` +
            (accepted === undefined ? '' : ` (last one accepted at ${sec(accepted)}, valid for ${CLUSTER_MF_TIMEOUT} ms)`),
        );
      return undefined;
    }
    if (!nodeFailed(master)) return bad(`${voterName} does not see its master ${masterName} as FAIL (and no FORCEACK)`, [masterName]);
    return undefined;
  }
}
