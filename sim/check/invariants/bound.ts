// How long a healed cluster may take to converge, derived from Redis 7.0's
// timers (redis-cluster-7.0.md §8–§14). Each term is the worst case of one
// step a healed cluster may still have to go through, in order; the bound is
// their sum, so it holds when every step takes its longest. NT is the largest
// cluster-node-timeout; R the most replicas any master has.

import {
  CLUSTER_BLACKLIST_TTL,
  CLUSTER_CRON_PERIOD_MS,
  CLUSTER_FAIL_UNDO_TIME_MULT,
  CLUSTER_SLAVE_MIGRATION_DELAY,
} from '../../cluster/constants.ts';

/** Room for latency, a cron tick here and there, and the order messages happen to take. */
const SLACK_MS = 1000;

export interface BoundTerms {
  /** Links the fault stalled are replaced. */
  links: number;
  /** A node that stays unreachable (dead) is marked PFAIL, then FAIL. */
  failureDetection: number;
  /** Its replica is elected (with one retry), or, with nobody to take over, FAIL is cleared. */
  failover: number;
  /** An orphaned master receives a migrating replica. */
  replicaMigration: number;
  /** Every node learns the final configuration. */
  propagation: number;
  /** Extra time owed to an operator command (CLUSTER FORGET's blacklist). */
  command: number;
  total: number;
}

export function convergenceBound(ntMs: number, maxReplicas: number, commandMs = 0): BoundTerms {
  const nt = ntMs;
  const half = nt / 2;
  // §8: a link whose PING has been pending for more than NT/2 is freed once
  // it is older than NT, and reconnected at the next cron; the connect in
  // flight at the heal retransmits its SYN within its backoff (< NT).
  const links = nt + CLUSTER_CRON_PERIOD_MS + SLACK_MS;
  // §9.1–9.3: a PING goes out within NT/2 of the last PONG, PFAIL NT later
  // (on the next cron), FAIL once the PFAIL gossip of a majority arrived
  // (every master pings every node at least each NT/2).
  const failureDetection = half + nt + CLUSTER_CRON_PERIOD_MS + half + SLACK_MS;
  // §11.3: the first attempt starts 500–999 ms + rank × 1 s after FAIL
  // (rank ≤ R − 1); a failed attempt is retried auth_retry_time =
  // 2 × max(2·NT, 2000) after it was scheduled; votes take a round trip.
  const authRetry = 2 * Math.max(2 * nt, 2000);
  const election = authRetry + 1000 * Math.max(1, maxReplicas) + SLACK_MS;
  // §9.5: with no replica to take over, a master with slots stays FAIL
  // until NT × 2 after it was marked, then the next PONG (≤ NT/2) clears it.
  const failClear = CLUSTER_FAIL_UNDO_TIME_MULT * nt + half + SLACK_MS;
  const failover = Math.max(election, failClear);
  // §14: a replica migrates to a master orphaned for more than 5 s.
  const replicaMigration = CLUSTER_SLAVE_MIGRATION_DELAY + CLUSTER_CRON_PERIOD_MS + half + SLACK_MS;
  // §6, §10.4: the last change reaches every node with the next PING/PONG
  // (each pair at least every NT/2), stale claims get an UPDATE at once.
  const propagation = half + SLACK_MS;
  const total = links + failureDetection + failover + replicaMigration + propagation + commandMs;
  return { links, failureDetection, failover, replicaMigration, propagation, command: commandMs, total };
}

/** CLUSTER FORGET keeps the node out of the table for the blacklist's 60 s (expiry checked in whole seconds). */
export const FORGET_EXTRA_MS = (CLUSTER_BLACKLIST_TTL + 1) * 1000;

/** The formula as one line, for reports: `35.1s = links 4.1s + …`. */
export function describeBound(b: BoundTerms): string {
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)}s`;
  const parts = [
    `links ${s(b.links)}`,
    `failure detection ${s(b.failureDetection)}`,
    `failover ${s(b.failover)}`,
    `replica migration ${s(b.replicaMigration)}`,
    `propagation ${s(b.propagation)}`,
  ];
  if (b.command > 0) parts.push(`CLUSTER FORGET ${s(b.command)}`);
  return `${s(b.total)} = ${parts.join(' + ')}`;
}
