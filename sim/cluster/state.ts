// clusterState: everything one Redis instance keeps about the cluster
// (server.cluster in Redis), plus the function-static variables Redis hides
// inside functions (cron iteration, among_minority_time, ...), which must be
// per instance here because many instances share one process.

import { CLUSTER_FAIL, CLUSTERMSG_TYPE_COUNT, CLUSTER_CANT_FAILOVER_NONE } from './constants.ts';
import type { ServerConfig } from '../config/index.ts';
import type { ClusterEnv, ServerHooks } from './env.ts';
import type { ClusterLink } from './link.ts';
import type { ClusterNode } from './node.ts';
import { NodeIds } from './node-ids.ts';
import { NodeStore } from './node-store.ts';
import { SlotTable } from './slot-table.ts';

export class ClusterState {
  myself!: ClusterNode;
  private currentEpochValue = 0;
  private lastVoteEpochValue = 0;
  state = CLUSTER_FAIL;
  /** Masters with ≥1 slot, as of the last clusterUpdateState. */
  size = 1;
  /** The fields of every entry, by row (node-store.ts); entries are ClusterNode handles on its rows. */
  readonly store: NodeStore;
  /** The node table (dict order = insertion order here; Redis uses hash order). */
  readonly nodes = new Map<string, ClusterNode>();
  /** Same nodes in an array, for O(1) uniform random picks (dictGetRandomKey). */
  readonly nodeList: ClusterNode[] = [];
  /** The store row of each nodeList entry (same order): loops over the table read columns by row. */
  listRows = new Int32Array(16);
  /** The row of the listed node with each node ID index (NodeIds), -1 for none: the table lookup by ID. */
  rowOfGid = new Int32Array(16).fill(-1);
  /** CLUSTER FORGET blacklist: name → expiry (unix seconds). */
  readonly nodesBlackList = new Map<string, number>();
  /**
   * Simulator-only, for the timeline's view recorder: whether entries were
   * added, removed or renamed since it last looked (the entries whose
   * printed fields changed are in viewDirty).
   */
  viewMembershipChanged = false;
  /** Owner of each slot (slot-table.ts). */
  readonly slots: SlotTable;
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

  /** clusterUpdateState's coverage scan: the first uncovered slot (-1: none) as of these slot-table and store versions. */
  readonly coverage = { slots: -1, store: -1, bad: -1 };
  /** clusterCron's replica-migration counts, and the table version and master they were counted for. */
  readonly orphans = { orphanedMasters: 0, maxSlaves: 0, thisSlaves: 0, version: -1, master: null as ClusterNode | null };

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
  ) {
    this.store = new NodeStore(env.nodeIds ?? new NodeIds(), Math.max(8, env.tableRows ?? 0));
    this.slots = new SlotTable(this.store);
  }

  /** The run's node IDs as indices (shared by every node of a world). */
  get ids(): NodeIds {
    return this.store.ids;
  }

  /** Entries whose printed fields changed since the view recorder last looked, or null while nothing records views. */
  get viewDirty(): ClusterNode[] | null {
    return this.store.viewFeed;
  }
  set viewDirty(feed: ClusterNode[] | null) {
    this.store.viewFeed = feed;
  }

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
