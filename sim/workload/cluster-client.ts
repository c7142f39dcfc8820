// A cluster-aware client: what one client process shares between its lanes
// (its slot cache, the whole-map refresher and the retry policy). Lanes
// (lane.ts) run the operations; this is the part redis-py keeps in its
// NodesManager and Jedis in its JedisClusterInfoCache.
//
// Policy, and where it comes from:
// - MOVED: patch that one slot at once and retry at the new owner; every
//   5th MOVED also refreshes the whole map. That is redis-py's
//   `reinitialize_steps = 5` (Jedis would refresh on every MOVED, which
//   costs more CLUSTER SLOTS traffic for the same routing outcome).
// - ASK: ASKING + the command to the target, once; the map is untouched.
// - TRYAGAIN: retry after 50 ms (redis-py sleeps 0.05 s).
// - CLUSTERDOWN, no known owner: refresh the whole map and retry after
//   250 ms (redis-py sleeps 0.25 s and re-initializes on ClusterDownError).
// - A lost connection: refresh the whole map (redis-py re-initializes on
//   ConnectionError) and retry after 250 ms too; redis-py retries at once,
//   the pause keeps a client from spinning on a node that refuses.
// - At most 5 attempts per operation, redirections included (Jedis's
//   default maxAttempts), and never past the operation's timeout.
// - follow-redirects false is the plain client of the real-Redis
//   measurements (real-redis/README.md): one attempt, the slot map loaded
//   once and never patched, every error reply a failed op.

import type { NodeAddress, WorkloadHost } from './env.ts';
import { SlotCache } from './slot-cache.ts';
import { TopologyRefresher } from './topology.ts';

export interface ClientOptions {
  /** An operation with no reply after this long is recorded as info. */
  readonly timeoutMs: number;
  /** False: MOVED/ASK are failures and nothing is retried. */
  readonly followRedirects: boolean;
}

export const MAX_ATTEMPTS = 5;
export const REINITIALIZE_STEPS = 5;
export const TRYAGAIN_BACKOFF_MS = 50;
export const CLUSTERDOWN_BACKOFF_MS = 250;
export const CONNECTION_BACKOFF_MS = 250;

/** What a client saw, for reports and tests. */
export interface ClientStats {
  moved: number;
  ask: number;
  tryagain: number;
  clusterdown: number;
  connectionsLost: number;
  timeouts: number;
}

export class ClusterClient {
  readonly cache: SlotCache;
  readonly refresher: TopologyRefresher;
  readonly maxAttempts: number;
  readonly stats: ClientStats = { moved: 0, ask: 0, tryagain: 0, clusterdown: 0, connectionsLost: 0, timeouts: 0 };
  private movedSinceRefresh = 0;

  constructor(
    readonly host: WorkloadHost,
    /** Client process name (network process and history prefix). */
    readonly name: string,
    /** Network process id of this client. */
    readonly pid: number,
    seeds: readonly NodeAddress[],
    readonly opts: ClientOptions,
  ) {
    this.cache = new SlotCache(host);
    for (const s of seeds) this.cache.nodeIndex(s.ip, s.port);
    this.refresher = new TopologyRefresher(host, pid, this.cache, opts.timeoutMs);
    this.maxAttempts = opts.followRedirects ? MAX_ATTEMPTS : 1;
  }

  get followRedirects(): boolean {
    return this.opts.followRedirects;
  }

  /** Refresh the whole slot map (or join the refresh under way); `done` runs when it ends. */
  refresh(done?: () => void): void {
    this.movedSinceRefresh = 0;
    this.refresher.request(done);
  }

  /** A MOVED was followed: the slot is patched by the lane; every few, the whole map is reloaded. */
  noteMoved(): void {
    this.stats.moved++;
    if (++this.movedSinceRefresh >= REINITIALIZE_STEPS) this.refresh();
  }
}
