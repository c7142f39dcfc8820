// Four properties about how a replica runs for election (opt-in: sim fuzz
// turns them on). Each is a rule of the spec (redis-cluster-7.0.md §11) that
// the safety invariants cannot see being broken, because breaking it loses
// data or availability rather than splitting the slot table:
//
// election-delay-follows-rank: a replica starts its election no sooner than
//   500 ms + rank × 1 s after scheduling it (rank: how many fellow replicas
//   have a larger replication offset), plus any delay added when its rank
//   worsened. This is how Redis lets the most up-to-date replica win: it asks
//   first. Manual failovers start at once and are exempt.
// stale-replica-never-elected: a replica whose data is older than
//   node timeout × cluster-replica-validity-factor + repl-ping-replica-period
//   (data age less one node timeout, in whole seconds, as Redis counts it)
//   does not start an automatic election: its data is too old to be trusted.
// no-failover-replica-never-elected: a replica with
//   cluster-replica-no-failover yes starts elections only for a manual failover.
// election-needs-majority: a replica wins only with votes from more than half
//   of the masters that serve slots (its cluster size). Two majorities always
//   overlap, which is what makes one winner per epoch possible at all.

import type { ClusterState } from '../../cluster/state.ts';
import type { NodeIx, SimEvent } from '../../events/types.ts';
import { eventText, sec, type Invariant, type InvariantWorld, type Violation } from './types.ts';

/** Whether the replica is in a manual failover that may start (mf_end set and mf_can_start). */
const inManualFailover = (cs: ClusterState): boolean => cs.mfEnd !== 0 && cs.mfCanStart;

export class ElectionDelayFollowsRank implements Invariant {
  readonly name = 'election-delay-follows-rank' as const;
  /** Replica → the earliest instant its scheduled election may start. */
  private readonly earliest = new Map<NodeIx, { atMs: number; rank: number; scheduledAt: number }>();

  onEvent(e: SimEvent, w: InvariantWorld): Violation | undefined {
    if (e.type === 'election-scheduled') {
      if (e.manual) {
        this.earliest.delete(e.node);
        return undefined;
      }
      this.earliest.set(e.node, { atMs: e.t + 500 + 1000 * e.rank, rank: e.rank, scheduledAt: e.t });
      // The delay drawn must already hold the rank's share, whoever starts first.
      if (e.delayMs >= 500 + 1000 * e.rank) return undefined;
      const name = w.names.name(e.node);
      return {
        invariant: this.name,
        atMs: e.t,
        why: `${name} scheduled its election ${e.delayMs} ms ahead with rank ${e.rank}, less than 500 + ${e.rank} × 1000 ms (${eventText(e, w.names)})`,
        event: e,
        nodes: [name],
      };
    }
    if (e.type === 'election-rank') {
      const x = this.earliest.get(e.node);
      if (x) this.earliest.set(e.node, { ...x, atMs: x.atMs + e.addedMs, rank: e.rank });
      return undefined;
    }
    if (e.type !== 'election-started') return undefined;
    const x = this.earliest.get(e.node);
    this.earliest.delete(e.node);
    if (!x || e.t >= x.atMs) return undefined;
    const name = w.names.name(e.node);
    return {
      invariant: this.name,
      atMs: e.t,
      why: `${name} started its election ${e.t - x.scheduledAt} ms after scheduling it with rank ${x.rank}, sooner than 500 + ${x.rank} × 1000 ms (${eventText(e, w.names)})`,
      event: e,
      nodes: [name],
    };
  }
}

/** Data age as Redis judges it for a failover: whole seconds since the link was last alive, less one node timeout. */
export function failoverDataAgeMs(cs: ClusterState, nowMs: number): number {
  const nowSec = Math.floor(nowMs / 1000);
  const since = cs.server.masterLinkUp() ? cs.server.masterLastInteraction() : cs.server.replDownSince();
  const age = (nowSec - since) * 1000;
  return age > cs.nodeTimeout ? age - cs.nodeTimeout : age;
}

/** The longest data age a replica may fail over with (Infinity when the validity factor is 0). */
export function maxDataAgeMs(cs: ClusterState): number {
  const factor = cs.config.clusterReplicaValidityFactor;
  return factor === 0 ? Infinity : cs.config.replPingReplicaPeriod * 1000 + cs.nodeTimeout * factor;
}

export class StaleReplicaNeverElected implements Invariant {
  readonly name = 'stale-replica-never-elected' as const;

  onEvent(e: SimEvent, w: InvariantWorld): Violation | undefined {
    if (e.type !== 'election-started') return undefined;
    const cs = w.nodeAt(e.node)?.cs;
    if (!cs || inManualFailover(cs)) return undefined;
    const age = failoverDataAgeMs(cs, w.now());
    const max = maxDataAgeMs(cs);
    if (age <= max) return undefined;
    const name = w.names.name(e.node);
    return {
      invariant: this.name,
      atMs: e.t,
      why: `${name} started an election with data ${age} ms old, more than the ${max} ms its validity factor allows (${eventText(e, w.names)})`,
      event: e,
      nodes: [name],
    };
  }
}

export class NoFailoverReplicaNeverElected implements Invariant {
  readonly name = 'no-failover-replica-never-elected' as const;

  onEvent(e: SimEvent, w: InvariantWorld): Violation | undefined {
    if (e.type !== 'election-started') return undefined;
    const cs = w.nodeAt(e.node)?.cs;
    if (!cs || inManualFailover(cs) || !cs.config.clusterReplicaNoFailover) return undefined;
    const name = w.names.name(e.node);
    return { invariant: this.name, atMs: e.t, why: `${name} has cluster-replica-no-failover yes but started an automatic election at ${sec(e.t)}`, event: e, nodes: [name] };
  }
}

export class ElectionNeedsMajority implements Invariant {
  readonly name = 'election-needs-majority' as const;

  onEvent(e: SimEvent, w: InvariantWorld): Violation | undefined {
    if (e.type !== 'election-won') return undefined;
    const cs = w.nodeAt(e.node)?.cs;
    if (!cs || e.votes * 2 > cs.size) return undefined;
    const name = w.names.name(e.node);
    return {
      invariant: this.name,
      atMs: e.t,
      why: `${name} won epoch ${e.epoch} with ${e.votes} vote${e.votes === 1 ? '' : 's'} of ${cs.size} masters serving slots, not a majority (${eventText(e, w.names)})`,
      event: e,
      nodes: [name],
    };
  }
}
