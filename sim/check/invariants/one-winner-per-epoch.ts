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

import type { SimEvent } from '../../events/recorder.ts';
import { detailNumber, detailValue, eventText, type Invariant, type Violation } from './types.ts';

interface Win {
  e: SimEvent;
  /** Resets seen before it. */
  generation: number;
}

export class OneWinnerPerEpoch implements Invariant {
  readonly name = 'one-winner-per-epoch' as const;
  private generation = 0;
  private readonly winners = new Map<number, Win>();
  /** `candidate@epoch` → masters that granted it a vote in that epoch. */
  private readonly grants = new Map<string, Set<string>>();
  /** candidate → epochs of its last two election requests, newest last. */
  private readonly attempts = new Map<string, number[]>();
  /** candidate → masters whose ACK it counted since its attempt was scheduled. */
  private readonly counted = new Map<string, Set<string>>();

  onEvent(e: SimEvent): Violation | undefined {
    switch (e.event) {
      case 'config-epoch':
        if (detailValue(e, 'reason') === 'reset-hard') this.generation++;
        return undefined;
      case 'vote-granted': {
        const key = `${e.subject}@${detailValue(e, 'epoch')}`;
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
        list.push(detailNumber(e, 'epoch'));
        if (list.length > 2) list.shift();
        this.attempts.set(e.node, list);
        return undefined;
      }
      case 'election-won':
        return this.checkWin(e);
      default:
        return undefined;
    }
  }

  private checkWin(e: SimEvent): Violation | undefined {
    const epoch = detailNumber(e, 'epoch');
    const earlier = this.winners.get(epoch);
    if (earlier && earlier.generation === this.generation && earlier.e.node !== e.node) {
      // Redis 7.0 itself allows one way to get here (README): a replica that
      // won the epoch has not voted in it, so it may vote in it as a master.
      const first = earlier.e.node;
      const firstVoted = this.grants.get(`${e.node}@${epoch}`)?.has(first) === true;
      const how = firstVoted
        ? `; ${first} then voted for ${e.node} in that epoch: a winner does not raise its lastVoteEpoch, ` +
          `so its shard voted twice (Redis 7.0 does this; see the README)`
        : '';
      return {
        invariant: this.name,
        atMs: e.t,
        why: `${e.node} won epoch ${epoch}, which ${first} had already won (${eventText(earlier.e)})${how}`,
        event: e,
        nodes: [e.node, first],
      };
    }
    if (!earlier) this.winners.set(epoch, { e, generation: this.generation });

    const needed = detailNumber(e, 'needed');
    const epochs = new Set([epoch, ...(this.attempts.get(e.node) ?? [])]);
    const granted = (voter: string): boolean => [...epochs].some((ep) => ep <= epoch && this.grants.get(`${e.node}@${ep}`)?.has(voter) === true);
    const counted = [...(this.counted.get(e.node) ?? [])].sort();
    const backing = counted.filter(granted);
    if (backing.length < needed) {
      const forged = counted.filter((v) => !granted(v));
      return {
        invariant: this.name,
        atMs: e.t,
        why:
          `${e.node} won epoch ${epoch} counting ${detailValue(e, 'votes')} votes, but they came from only ${backing.length} ` +
          `distinct master${backing.length === 1 ? '' : 's'} that granted it one (${backing.join(', ') || 'none'}), ${needed} needed` +
          (forged.length ? `; counted without a grant: ${forged.join(', ')}` : ''),
        event: e,
        nodes: [e.node, ...counted],
      };
    }
    return undefined;
  }
}
