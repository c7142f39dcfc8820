// one-winner-per-epoch: at most one replica wins the election of an epoch,
// and every winner is backed by a majority of distinct masters that granted
// it a vote. The second half is why the first holds: one vote per master per
// epoch (one-vote-per-epoch) and overlapping majorities. The candidate only
// counts ACKs (§7 G, §11.5), so an ACK counted twice, which TCP never
// delivers but a message-level duplicate fault does, shows up here as a win
// with fewer distinct voters than it needed.
//
// The backing is read from the candidate's `vote-received` events since its
// attempt was scheduled (where Redis resets failover_auth_count): distinct
// senders, each of which must have granted the candidate a vote. Redis
// counts an ACK whenever the voter's currentEpoch is at least the
// candidate's failover_auth_epoch, and the count is reset when an attempt is
// scheduled, not when its request is sent; so a late vote for the previous
// attempt may still count. Grants in the candidate's previous epoch are
// therefore accepted too.
//
// CLUSTER RESET HARD wipes a voter's memory of its votes: a duplicate
// winner after any reset is not held against Redis (see README).

import type { EventOf, NodeIx, SimEvent } from '../../events/types.ts';
import { eventText, type Invariant, type InvariantWorld, type Violation } from './types.ts';

type Won = EventOf<'election-won'>;

interface Win {
  e: Won;
  /** Resets seen before it. */
  generation: number;
}

export class OneWinnerPerEpoch implements Invariant {
  readonly name = 'one-winner-per-epoch' as const;
  private generation = 0;
  private readonly winners = new Map<number, Win>();
  /** `candidate@epoch` → masters that granted it a vote in that epoch. */
  private readonly grants = new Map<string, Set<NodeIx>>();
  /** candidate → epochs of its last two election requests, newest last. */
  private readonly attempts = new Map<NodeIx, number[]>();
  /** candidate → masters whose ACK it counted since its attempt was scheduled. */
  private readonly counted = new Map<NodeIx, Set<NodeIx>>();

  /** The expected double wins seen (the Redis 7.0 flaw), for the summary. */
  private readonly expected: string[] = [];

  /** `allowWinnerVotes`: the scenario expects the Redis 7.0 double win (known-flaws: winner-votes-in-its-epoch). */
  constructor(private readonly allowWinnerVotes = false) {}

  pending(): string | undefined {
    return this.expected.length > 0 ? `held, apart from the expected Redis 7.0 double win: ${this.expected.join('; ')}` : undefined;
  }

  onEvent(e: SimEvent, w: InvariantWorld): Violation | undefined {
    switch (e.type) {
      case 'config-epoch':
        if (e.reason === 'reset-hard') this.generation++;
        return undefined;
      case 'vote-granted': {
        const key = `${e.subject}@${e.epoch}`;
        let s = this.grants.get(key);
        if (!s) this.grants.set(key, (s = new Set()));
        s.add(e.node);
        return undefined;
      }
      case 'election-scheduled':
        this.counted.set(e.node, new Set());
        return undefined;
      case 'vote-received': {
        let s = this.counted.get(e.node);
        if (!s) this.counted.set(e.node, (s = new Set()));
        s.add(e.subject);
        return undefined;
      }
      case 'election-started': {
        const list = this.attempts.get(e.node) ?? [];
        list.push(e.epoch);
        if (list.length > 2) list.shift();
        this.attempts.set(e.node, list);
        return undefined;
      }
      case 'election-won':
        return this.checkWin(e, w);
      default:
        return undefined;
    }
  }

  private checkWin(e: Won, w: InvariantWorld): Violation | undefined {
    const n = (ix: NodeIx): string => w.names.name(ix);
    const epoch = e.epoch;
    const winner = n(e.node);
    const earlier = this.winners.get(epoch);
    if (earlier && earlier.generation === this.generation && earlier.e.node !== e.node) {
      // Redis 7.0 itself allows one way to get here (README): a replica that
      // won the epoch has not voted in it, so it may vote in it as a master.
      const first = n(earlier.e.node);
      const firstVoted = this.grants.get(`${e.node}@${epoch}`)?.has(earlier.e.node) === true;
      if (firstVoted && this.allowWinnerVotes) {
        this.expected.push(`${winner} won epoch ${epoch} after ${first}, who won it, voted for it (at ${(e.t / 1000).toFixed(3)}s)`);
        return undefined;
      }
      const how = firstVoted
        ? `; ${first} then voted for ${winner} in that epoch: a winner does not raise its lastVoteEpoch, ` +
          `so its shard voted twice (Redis 7.0 does this; see the README)`
        : '';
      return {
        invariant: this.name,
        atMs: e.t,
        why: `${winner} won epoch ${epoch}, which ${first} had already won (${eventText(earlier.e, w.names)})${how}`,
        event: e,
        nodes: [winner, first],
      };
    }
    if (!earlier) this.winners.set(epoch, { e, generation: this.generation });

    const needed = e.needed;
    const epochs = new Set([epoch, ...(this.attempts.get(e.node) ?? [])]);
    const granted = (voter: NodeIx): boolean => [...epochs].some((ep) => ep <= epoch && this.grants.get(`${e.node}@${ep}`)?.has(voter) === true);
    const counted = [...(this.counted.get(e.node) ?? [])].sort((a, b) => (n(a) < n(b) ? -1 : n(a) > n(b) ? 1 : 0));
    const backing = counted.filter(granted);
    if (backing.length < needed) {
      const forged = counted.filter((v) => !granted(v));
      return {
        invariant: this.name,
        atMs: e.t,
        why:
          `${winner} won epoch ${epoch} counting ${e.votes} votes, but they came from only ${backing.length} ` +
          `distinct master${backing.length === 1 ? '' : 's'} that granted it one (${backing.map(n).join(', ') || 'none'}), ${needed} needed` +
          (forged.length ? `; counted without a grant: ${forged.map(n).join(', ')}` : ''),
        event: e,
        nodes: [winner, ...counted.map(n)],
      };
    }
    return undefined;
  }
}
