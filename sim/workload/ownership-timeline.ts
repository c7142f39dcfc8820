// Who served which slot when, rebuilt from the protocol events the nodes
// emit (the same rows as events.csv), so that a lost write can be told
// with its story: "acked by A at 12.3 s while A was on the minority side of
// partition [A]|[B,C,A1,B1,C1]; A1 was promoted at 15.9 s (epoch 7, offset
// 1234 < 1410 where the write ends in A's stream); A became a replica of A1
// at 40.1 s".
//
// The interface lost-writes.ts needs is OwnershipTimeline. EventTimeline
// implements it from the run's typed events, fed one at a time
// (`world.recorder.onEvent((e) => timeline.add(e))`) or all at once after
// the run (`EventTimeline.from(events, names)`). It reads `role` (a
// promotion with the offset the replica had reached, or a demotion),
// `election-won` (its epoch), `election-scheduled` (an offset when the role
// event has none), `slot-owner` (who claimed which slots) and `fault`
// (partitions, kills, pauses and what undoes them). The write's own end
// offset comes from the history (Op.offset): the acking master's
// master_repl_offset right after it executed the write.

import type { NodeNames } from '../events/names.ts';
import { NONE, type EventOf, type SimEvent } from '../events/types.ts';
import { formatSeconds, lastInRanges, slotInRanges, type FaultWindow, type Promotion, type RoleChange, type SlotClaim } from './timeline-parts.ts';

/** What the timeline needs to know of names: how events' node indices print. */
export type EventNames = Pick<NodeNames, 'name'>;

export type LossCause =
  /** Another node took the slot over after the ack (election, manual failover, SETSLOT). */
  | 'failover'
  /** The acking node turned replica after the ack (and took its master's data). */
  | 'demoted'
  /** The acking node was killed after the ack and came back without the write. */
  | 'restart'
  /** Nothing in the timeline explains it: a bug in the simulator or in the analysis. */
  | 'unexplained';

export interface LossExplanation {
  readonly cause: LossCause;
  readonly text: string;
}

/** What lost-write analysis asks about the run. */
export interface OwnershipTimeline {
  /**
   * Why a write that `node` acknowledged for `slot` at `ackedMs` may be
   * missing at the end; `writeOffset` is where the write ended in `node`'s
   * replication stream (-1 or absent when unknown).
   */
  explain(node: string, slot: number, ackedMs: number, writeOffset?: number): LossExplanation;
}

export class EventTimeline implements OwnershipTimeline {
  private readonly roles: RoleChange[] = [];
  private readonly promotions: Promotion[] = [];
  private readonly claims: SlotClaim[] = [];
  private readonly faults: FaultWindow[] = [];
  private readonly lastEpochWon = new Map<string, number>();
  private readonly lastElectionOffset = new Map<string, number>();

  constructor(private readonly names: EventNames) {}

  static from(events: Iterable<SimEvent>, names: EventNames): EventTimeline {
    const tl = new EventTimeline(names);
    for (const e of events) tl.add(e);
    return tl;
  }

  add(e: SimEvent): void {
    const n = this.names;
    switch (e.type) {
      case 'role': {
        const node = n.name(e.node);
        if (e.role === 'replica') this.roles.push({ t: e.t, node, role: 'replica', master: n.name(e.master) });
        else {
          this.roles.push({ t: e.t, node, role: 'master', master: '' });
          if (e.wasReplicaOf !== NONE && !e.reset) {
            this.promotions.push({
              t: e.t,
              node,
              oldMaster: n.name(e.wasReplicaOf),
              epoch: this.lastEpochWon.get(node),
              offset: e.offset >= 0 ? e.offset : this.lastElectionOffset.get(node),
            });
          }
        }
        return;
      }
      case 'election-won':
        this.lastEpochWon.set(n.name(e.node), e.epoch);
        return;
      case 'election-scheduled':
        this.lastElectionOffset.set(n.name(e.node), e.offset);
        return;
      case 'slot-owner': {
        const none = e.subject === NONE;
        this.claims.push({ t: e.t, observer: n.name(e.node), owner: none ? '' : n.name(e.subject), slots: e.slots, epoch: none ? undefined : e.epoch });
        return;
      }
      case 'fault':
        this.addFault(e);
        return;
    }
  }

  private addFault(e: EventOf<'fault'>): void {
    const n = (ix: number): string => this.names.name(ix);
    const list = (ixs: readonly number[]): string => ixs.map(n).join(',');
    const action = e.action;
    const node = e.node === NONE ? '*' : n(e.node);
    const open = (what: string, on: string): void => {
      this.faults.push({ from: e.t, to: Infinity, action, node: on, what });
    };
    const close = (pred: (f: FaultWindow) => boolean): void => {
      for (const f of this.faults) if (f.to === Infinity && pred(f)) f.to = e.t;
    };
    if (action === 'partition')
      open(e.groups.length > 0 ? `partition ${e.groups.map((g) => `[${list(g)}]`).join('|')}` : `partition from ${list(e.from)} to ${list(e.to)}`, '*');
    else if (action === 'isolate') open(`isolate ${e.subject !== NONE ? n(e.subject) : node}`, '*');
    else if (action === 'heal') close((f) => f.action === 'partition' || f.action === 'isolate');
    else if (action === 'pause') open(`pause ${node}`, node);
    else if (action === 'resume') close((f) => f.action === 'pause' && f.node === node);
    else if (action === 'kill' || action === 'shutdown') open(`${action} ${node}`, node);
    else if (action === 'restart' || action === 'start') close((f) => (f.action === 'kill' || f.action === 'shutdown') && f.node === node);
  }

  explain(node: string, slot: number, ackedMs: number, writeOffset = -1): LossExplanation {
    const parts = [`acked by ${node} at ${formatSeconds(ackedMs)}${this.context(node, ackedMs)}`];
    // Who took the slot over after the ack: a promotion of one of node's
    // replicas, or any other node claiming the slot for itself.
    const promo = this.promotions.find((p) => p.t >= ackedMs && p.oldMaster === node);
    const claim = this.claims.find((c) => c.t >= ackedMs && c.owner !== '' && c.owner !== node && slotInRanges(slot, c.slots));
    const takeover = promo && (!claim || promo.t <= claim.t) ? promo : undefined;
    if (takeover) {
      const how = [takeover.epoch === undefined ? '' : `epoch ${takeover.epoch}`, offsetComparison(takeover.offset, writeOffset, node)]
        .filter((x) => x !== '')
        .join(', ');
      parts.push(`${takeover.node} was promoted at ${formatSeconds(takeover.t)}${how ? ` (${how})` : ''}`);
    } else if (claim) {
      parts.push(`${claim.owner} took slot ${slot} at ${formatSeconds(claim.t)}${claim.epoch !== undefined ? ` (epoch ${claim.epoch})` : ''}`);
    }
    const demoted = this.roles.find((r) => r.t >= ackedMs && r.node === node && r.role === 'replica');
    if (demoted) parts.push(`${node} became a replica of ${demoted.master} at ${formatSeconds(demoted.t)} and took its data`);
    const killed = this.faults.find((f) => f.from >= ackedMs && f.node === node && (f.action === 'kill' || f.action === 'shutdown'));
    if (killed && !takeover && !claim && !demoted) {
      parts.push(`${node} was ${killed.action === 'kill' ? 'killed' : 'shut down'} at ${formatSeconds(killed.from)}${killed.to < Infinity ? ` and restarted at ${formatSeconds(killed.to)} without it` : ''}`);
    }
    const cause: LossCause = takeover || claim ? 'failover' : demoted ? 'demoted' : killed ? 'restart' : 'unexplained';
    if (cause === 'unexplained') parts.push(`${node} kept slot ${slot} as far as the events tell`);
    return { cause, text: parts.join('; ') };
  }

  /** Faults in effect at `t` that involve `node`: " while A was on the minority side of partition …". */
  private context(node: string, t: number): string {
    const active = this.faults.filter((f) => f.from <= t && t < f.to && (f.node === '*' || f.node === node));
    const bits: string[] = [];
    for (const f of active) {
      if (f.action === 'partition' && f.what.startsWith('partition [')) {
        const groups = f.what.slice('partition '.length).split('|').map((g) => g.replace(/^\[|\]$/g, '').split(','));
        const total = groups.reduce((n, g) => n + g.length, 0);
        const mine = groups.find((g) => g.includes(node));
        if (mine && mine.length * 2 < total) bits.push(`while ${node} was on the minority side of ${f.what}`);
        else if (mine) bits.push(`during ${f.what}`);
      } else if (f.action === 'isolate' && f.what === `isolate ${node}`) {
        bits.push(`while ${node} was isolated`);
      } else if (f.node === node) {
        bits.push(`during ${f.what}`);
      }
    }
    return bits.length > 0 ? ` ${bits.join(', ')}` : '';
  }

  /**
   * Where `node` stood at `t` in the partitions then in effect, for read
   * stories: " (on the minority side of partition [A]|[B,C,A1,B1,C1])",
   * " (isolated)", or '' when no partition cut it off.
   */
  side(node: string, t: number): string {
    for (const f of this.faults) {
      if (f.from > t || t >= f.to) continue;
      if (f.action === 'isolate' && f.what === `isolate ${node}`) return ` (${node} isolated)`;
      if (f.action !== 'partition' || !f.what.startsWith('partition [')) continue;
      const groups = f.what.slice('partition '.length).split('|').map((g) => g.replace(/^\[|\]$/g, '').split(','));
      const total = groups.reduce((n, g) => n + g.length, 0);
      const mine = groups.find((g) => g.includes(node));
      if (mine) return ` (${node} on the ${mine.length * 2 < total ? 'minority' : mine.length * 2 > total ? 'majority' : 'even'} side of ${f.what})`;
    }
    return '';
  }

  /** The node that last claimed `slot` at or before `t` (from its own slot-owner events). */
  ownerAt(slot: number, t: number): string | undefined {
    return lastInRanges(this.claims, slot, t);
  }
}

/**
 * "offset 1234 < 1410 where the write ends in A's stream": the promoted
 * replica had not received the write. With ≥ the write had reached it, so the
 * loss came later (the new master's own history replaced it).
 */
function offsetComparison(promoted: number | undefined, writeOffset: number, node: string): string {
  if (promoted === undefined) return '';
  if (writeOffset < 0) return `offset ${promoted} when promoted`;
  const cmp = promoted < writeOffset ? '<' : '≥';
  return `offset ${promoted} ${cmp} ${writeOffset} where the write ends in ${node}'s stream`;
}
