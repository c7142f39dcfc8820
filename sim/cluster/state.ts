// clusterState: everything one Redis instance keeps about the cluster
// (server.cluster in Redis), plus the function-static variables Redis hides
// inside functions (cron iteration, among_minority_time, ...), which must be
// per instance here because many instances share one process.

import { CLUSTER_FAIL, CLUSTER_SLOTS, CLUSTERMSG_TYPE_COUNT, CLUSTER_CANT_FAILOVER_NONE } from './constants.ts';
import type { ServerConfig } from '../config/index.ts';
import type { ClusterEnv, ServerHooks } from './env.ts';
import type { ClusterLink } from './link.ts';
import type { ClusterNode } from './node.ts';

export class ClusterState {
  myself!: ClusterNode;
  private currentEpochValue = 0;
  private lastVoteEpochValue = 0;
  state = CLUSTER_FAIL;
  /** Masters with ≥1 slot, as of the last clusterUpdateState. */
  size = 1;
  /** The node table (dict order = insertion order here; Redis uses hash order). */
  readonly nodes = new Map<string, ClusterNode>();
  /** Same nodes in an array, for O(1) uniform random picks (dictGetRandomKey). */
  readonly nodeList: ClusterNode[] = [];
  /** CLUSTER FORGET blacklist: name → expiry (unix seconds). */
  readonly nodesBlackList = new Map<string, number>();
  /**
   * Simulator-only, for the timeline's view recorder: entries whose printed
   * fields changed since it last looked (null while nothing records views),
   * and whether entries were added, removed or renamed since then.
   */
  viewDirty: ClusterNode[] | null = null;
  viewMembershipChanged = false;
  /** Owner of each slot. */
  readonly slots: (ClusterNode | null)[] = new Array(CLUSTER_SLOTS).fill(null);
  readonly migratingSlotsTo = new Map<number, ClusterNode>();
  readonly importingSlotsFrom = new Map<number, ClusterNode>();
  /** Slots still bound to a node whose last PING/PONG no longer claims them (7.0.13+). */
  readonly ownerNotClaimingSlot = new Set<number>();

  // Replica election state.
  failoverAuthTime = 0;
  failoverAuthCount = 0;
  failoverAuthSent = false;
  failoverAuthRank = 0;
  failoverAuthEpoch = 0;
  cantFailoverReason = CLUSTER_CANT_FAILOVER_NONE;

  // Manual failover state.
  mfEnd = 0;
  mfSlave: ClusterNode | null = null;
  mfMasterOffset = -1;
  mfCanStart = false;

  todoBeforeSleep = 0;

  // Stats.
  readonly statsBusMessagesSent = new Array<number>(CLUSTERMSG_TYPE_COUNT).fill(0);
  readonly statsBusMessagesReceived = new Array<number>(CLUSTERMSG_TYPE_COUNT).fill(0);
  statsPfailNodes = 0;
  statClusterLinksBufferLimitExceeded = 0;

  // Function-static variables of Redis, per instance.
  cronIteration = 0;
  clusterPingsSent = 0;
  amongMinorityTime = 0;
  firstCallTime = 0;
  lastlogTime = 0;

  /**
   * The server's beforeSleep, run after each bus callback (a link's onOpen,
   * onData, onClose) as Redis's event loop runs it after each file event.
   */
  serverBeforeSleep: () => void = () => {};

  /** Inbound links not yet bound to a node (node == null). */
  readonly unboundLinks = new Set<ClusterLink>();

  constructor(
    readonly env: ClusterEnv,
    readonly config: ServerConfig,
    readonly server: ServerHooks,
    /** Our own client port and announced address (what goes in headers). */
    readonly self: { ip: string; port: number; cport: number },
  ) {}

  get currentEpoch(): number {
    return this.currentEpochValue;
  }
  set currentEpoch(v: number) {
    if (v === this.currentEpochValue) return;
    this.currentEpochValue = v;
    this.env.epochsChanged?.();
  }

  get lastVoteEpoch(): number {
    return this.lastVoteEpochValue;
  }
  set lastVoteEpoch(v: number) {
    if (v === this.lastVoteEpochValue) return;
    this.lastVoteEpochValue = v;
    this.env.epochsChanged?.();
  }

  get nodeTimeout(): number {
    return this.config.clusterNodeTimeout;
  }

  /** Mark work for clusterBeforeSleep. */
  doBeforeSleep(flags: number): void {
    this.todoBeforeSleep |= flags;
  }
}
