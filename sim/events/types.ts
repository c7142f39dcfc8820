// Everything a run reports as it happens, as values: one discriminated union
// with numbers and node indices, never text. Nodes, the server, the timeline
// (faults, admin commands, redis-cli) and the data path emit them; checkers,
// narration, metrics and reports switch on `type` and read fields. How each
// one reads as a row of events.csv is vocabulary.ts.
//
// Node references (`node`, `subject`, …) are indices into the run's
// NodeNames: a process's network id (0, 1, … in scenario order, then client
// processes), NONE (-1) for "no node", and negative indices below -1 for
// node IDs no process owns (a handshake's random ID), shown by their first
// eight characters.

/** An index into NodeNames. */
export type NodeIx = number;

/** No node (an empty `subject` cell; `*` in the node cell of a fault on several nodes). */
export const NONE: NodeIx = -1;

/**
 * Slot ranges as flat pairs [first, last, first, last, …], ascending and
 * disjoint: `0-5460,5462` is [0, 5460, 5462, 5462].
 */
export type SlotRanges = readonly number[];

interface At {
  /** Simulated ms (negative during the warm-up before t=0). */
  readonly t: number;
  /** The process that saw or did it. */
  readonly node: NodeIx;
}

// ---- failure detection ------------------------------------------------------

/** `node` flagged `subject` PFAIL: no PONG for longer than cluster-node-timeout. */
export interface PfailEvent extends At {
  readonly type: 'pfail';
  readonly subject: NodeIx;
  /** Since the PING still unanswered was sent. */
  readonly noPongMs: number;
  /** Since anything at all last arrived from it. */
  readonly silenceMs: number;
  readonly timeoutMs: number;
}

export interface PfailClearedEvent extends At {
  readonly type: 'pfail-cleared';
  readonly subject: NodeIx;
}

export type FailureReportStep = 'added' | 'removed' | 'expired';

/**
 * `node`'s failure reports about `subject` changed: the master `reporter`
 * said so in a gossip section (added: it flagged `subject` PFAIL or FAIL;
 * removed: it gossiped `subject` without those flags), or its report was
 * pruned for being older than cluster-node-timeout × 2 (expired). Refreshes
 * of a report already held are not events. A verbose event: see
 * EVENT_LEVELS (vocabulary.ts).
 */
export interface FailureReportEvent extends At {
  readonly type: 'failure-report';
  readonly subject: NodeIx;
  readonly reporter: NodeIx;
  readonly step: FailureReportStep;
  /** added: how the reporter's gossip flagged `subject` ('' otherwise). */
  readonly flag: '' | 'pfail' | 'fail';
  /** added, removed by gossip: the message whose gossip section carried it ('' otherwise). */
  readonly via: '' | 'ping' | 'pong' | 'meet';
  /** Valid (unexpired) reports `node` holds about `subject` after this change. */
  readonly reports: number;
  /** `node` is a master, so markNodeAsFailingIfNeeded counts it as one more voice. */
  readonly self: boolean;
  /** The quorum: masters with slots (as `node` last counted them) / 2 + 1. */
  readonly needed: number;
  /** expired: the report's age when it was pruned (-1 otherwise). */
  readonly ageMs: number;
}

/** `node` reached the quorum and marked `subject` FAIL. */
export interface FailEvent extends At {
  readonly type: 'fail';
  readonly subject: NodeIx;
  /** Masters whose reports counted, the deciding node last when it is a master itself. */
  readonly reporters: readonly NodeIx[];
  readonly needed: number;
}

/** A FAIL message about `subject` arrived from `from`. */
export interface FailReceivedEvent extends At {
  readonly type: 'fail-received';
  readonly subject: NodeIx;
  readonly from: NodeIx;
}

export type FailClearedReason = 'replica' | 'master-without-slots' | 'slots-unclaimed';

export interface FailClearedEvent extends At {
  readonly type: 'fail-cleared';
  readonly subject: NodeIx;
  readonly reason: FailClearedReason;
}

export type StateReason = 'none' | 'owner-fail' | 'unassigned' | 'minority';

/** `node`'s cluster_state changed. */
export interface StateEvent extends At {
  readonly type: 'state';
  readonly state: 'ok' | 'fail';
  readonly reason: StateReason;
  /** owner-fail, unassigned: the first slot that is not served (-1 otherwise). */
  readonly slot: number;
  /** owner-fail: the FAIL node serving it. */
  readonly owner: NodeIx;
  /** minority: masters with slots reachable, all of them, and the majority needed (-1 otherwise). */
  readonly reachable: number;
  readonly size: number;
  readonly needed: number;
}

// ---- elections ---------------------------------------------------------------

/** A replica of the failed master `subject` scheduled its election. */
export interface ElectionScheduledEvent extends At {
  readonly type: 'election-scheduled';
  readonly subject: NodeIx;
  readonly delayMs: number;
  /** The breakdown of delayMs: fixed + random + rank × 1000 (a manual failover: all 0, at once). */
  readonly fixedMs: number;
  readonly randomMs: number;
  readonly rank: number;
  /** The replication offset the replica had reached. */
  readonly offset: number;
  readonly manual: boolean;
}

export interface ElectionRankEvent extends At {
  readonly type: 'election-rank';
  readonly subject: NodeIx;
  readonly rank: number;
  readonly addedMs: number;
}

export interface ElectionStartedEvent extends At {
  readonly type: 'election-started';
  readonly subject: NodeIx;
  readonly epoch: number;
  readonly needed: number;
}

export interface ElectionExpiredEvent extends At {
  readonly type: 'election-expired';
  readonly subject: NodeIx;
  readonly epoch: number;
  readonly votes: number;
}

export interface ElectionWonEvent extends At {
  readonly type: 'election-won';
  readonly subject: NodeIx;
  readonly epoch: number;
  readonly votes: number;
  readonly needed: number;
}

/** `node` voted for the candidate `subject`, replica of `master`. */
export interface VoteGrantedEvent extends At {
  readonly type: 'vote-granted';
  readonly subject: NodeIx;
  readonly epoch: number;
  readonly master: NodeIx;
  readonly forceAck: boolean;
}

export type VoteDeniedReason = 'stale-epoch' | 'already-voted' | 'is-master' | 'unknown-master' | 'master-up' | 'voted-recently' | 'slot-epoch';

export interface VoteDeniedEvent extends At {
  readonly type: 'vote-denied';
  readonly subject: NodeIx;
  readonly reason: VoteDeniedReason;
  readonly epoch: number;
}

/** The candidate `node` counted the vote of `subject`. */
export interface VoteReceivedEvent extends At {
  readonly type: 'vote-received';
  readonly subject: NodeIx;
  readonly epoch: number;
  readonly count: number;
}

// ---- roles, epochs, slots ----------------------------------------------------

/**
 * `node` (= subject) changed its own role: to replica of `master`, or to
 * master, after a failover (wasReplicaOf, offset reached) or a CLUSTER RESET.
 */
export interface RoleEvent extends At {
  readonly type: 'role';
  readonly subject: NodeIx;
  readonly role: 'master' | 'replica';
  /** replica: its master (NONE for a master). */
  readonly master: NodeIx;
  /** master: the master it replicated (NONE when it replicated none). */
  readonly wasReplicaOf: NodeIx;
  /** master after a failover: the offset it had reached as a replica (-1 otherwise). */
  readonly offset: number;
  /** master by CLUSTER RESET rather than by a failover. */
  readonly reset: boolean;
}

/** `node` learned from `subject` itself that it is now a master, or a replica of `master`. */
export interface RoleSeenEvent extends At {
  readonly type: 'role-seen';
  readonly subject: NodeIx;
  readonly role: 'master' | 'replica';
  readonly master: NodeIx;
}

export type ConfigEpochReason = 'failover' | 'takeover' | 'collision' | 'set-config-epoch' | 'bumpepoch' | 'import' | 'reset-hard';

/** `node` (= subject) took a new configEpoch. */
export interface ConfigEpochEvent extends At {
  readonly type: 'config-epoch';
  readonly subject: NodeIx;
  readonly epoch: number;
  readonly reason: ConfigEpochReason;
  /** collision: the master it collided with. */
  readonly with: NodeIx;
  /** import: the slot whose import bumped it (-1 otherwise). */
  readonly slot: number;
}

/** `node` sent an UPDATE to `subject` (NONE: the link had no node): `about` owns those slots with `epoch`. */
export interface UpdateSentEvent extends At {
  readonly type: 'update-sent';
  readonly subject: NodeIx;
  readonly about: NodeIx;
  readonly epoch: number;
}

/** '' when the table changed by gossip or a failover; otherwise the command or cause. */
export type SlotOwnerReason = '' | 'addslots' | 'delslots' | 'flushslots' | 'setslot' | 'reset';

/** `node` bound `slots` to `subject` (NONE: unbound them). */
export interface SlotOwnerEvent extends At {
  readonly type: 'slot-owner';
  readonly subject: NodeIx;
  readonly slots: SlotRanges;
  /** The owner's configEpoch as bound (-1 when unbound). */
  readonly epoch: number;
  readonly reason: SlotOwnerReason;
}

export type ManualFailoverStep = 'accepted' | 'master-paused' | 'offset-received' | 'can-start' | 'timed-out';

/** A step of CLUSTER FAILOVER on the replica `node` (master-paused: on the master, subject = the replica). */
export interface ManualFailoverEvent extends At {
  readonly type: 'manual-failover';
  readonly subject: NodeIx;
  readonly step: ManualFailoverStep;
  /** accepted: default, force or takeover ('' otherwise). */
  readonly mode: '' | 'default' | 'force' | 'takeover';
  /** accepted: the master it replaces. */
  readonly master: NodeIx;
  /** accepted: mf_end, unix ms. */
  readonly endMs: number;
  /** offset-received, can-start: the master's offset (-1 otherwise). */
  readonly offset: number;
}

export interface ReplicaMigratedEvent extends At {
  readonly type: 'replica-migrated';
  readonly subject: NodeIx;
  readonly from: NodeIx;
  readonly to: NodeIx;
}

export interface HandshakeEvent extends At {
  readonly type: 'handshake';
  readonly subject: NodeIx;
  readonly step: 'started' | 'completed' | 'timed-out';
  /** started: the address met ('' otherwise). */
  readonly ip: string;
  readonly port: number;
  readonly cport: number;
}

/**
 * CLUSTER RESET HARD gave the process a new node ID. Both IDs name the same
 * process in every other event; here the IDs themselves are the news.
 */
export interface NodeIdEvent extends At {
  readonly type: 'node-id';
  readonly subject: NodeIx;
  readonly oldId: string;
  readonly newId: string;
}

// ---- the server --------------------------------------------------------------

export interface ReplLinkEvent extends At {
  readonly type: 'repl-link';
  readonly state: 'up' | 'down';
  readonly offset: number;
}

/**
 * A synchronisation: on the master (`replica` names it, as `ip:port`), full
 * with the RDB's size or partial; on the replica, a full one loaded.
 */
export interface ReplSyncEvent extends At {
  readonly type: 'repl-sync';
  readonly side: 'master' | 'replica';
  readonly kind: 'full' | 'partial';
  /** master side: the replica's address ('' on the replica side). */
  readonly replica: string;
  readonly offset: number;
  /** master side, full: bytes of the RDB sent (-1 otherwise). */
  readonly rdbBytes: number;
  /** replica side: keys loaded, and keys the replica flushed before loading (-1 otherwise). */
  readonly keys: number;
  readonly dropped: number;
}

export interface ShutdownEvent extends At {
  readonly type: 'shutdown';
  readonly replicas: number;
  readonly lagging: number;
}

// ---- the timeline and the data path ------------------------------------------

export type FaultAction =
  | 'partition'
  | 'isolate'
  | 'heal'
  | 'link'
  | 'network'
  | 'drop'
  | 'kill'
  | 'restart'
  | 'start'
  | 'pause'
  | 'resume'
  | 'shutdown'
  | 'redis-cli'
  | 'replication-cut'
  | 'replication-restore'
  | 'workload-start'
  | 'workload-stop';

/**
 * A timeline action as it ran. `node` is the process acted on (NONE when
 * the action spans several, shown as `*`); the fields an action does not
 * use are empty.
 */
export interface FaultEvent extends At {
  readonly type: 'fault';
  readonly action: FaultAction;
  readonly subject: NodeIx;
  /** partition by groups: every side. */
  readonly groups: readonly (readonly NodeIx[])[];
  /** partition from/to, drop from/to, heal/link between (as from | to). */
  readonly from: readonly NodeIx[];
  readonly to: readonly NodeIx[];
  readonly oneway: boolean;
  /** heal: everything. */
  readonly all: boolean;
  /** pause for, drop for (-1: until resumed / for ever). */
  readonly forMs: number;
  /** link, network: the change (reset first, then a latency model described, a loss probability; -1 none). */
  readonly reset: boolean;
  readonly latency: string;
  readonly loss: number;
  /** drop: the message types (empty: all). */
  readonly messageTypes: readonly string[];
  /** redis-cli: the arguments; workload-*: the workload's name. */
  readonly text: string;
}

/** A `redis:` action's command and the reply (IDs shown as names). */
export interface CommandEvent extends At {
  readonly type: 'command';
  readonly command: string;
  readonly reply: string;
}

/** A line the redis-cli tool printed, or its exit (IDs shown as names). */
export interface RedisCliEvent extends At {
  readonly type: 'redis-cli';
  /** The line printed (null: this is the exit). */
  readonly line: string | null;
  readonly stderr: boolean;
  readonly exitCode: number;
}

export type LossCause = 'failover' | 'demoted' | 'restart' | 'unexplained';

/** After the run: an acknowledged write `node` acked that the cluster no longer holds. */
export interface WriteLostEvent extends At {
  readonly type: 'write-lost';
  readonly key: string;
  readonly value: string;
  readonly f: string;
  readonly ackedMs: number;
  readonly cause: LossCause;
}

export type SimEvent =
  | PfailEvent
  | PfailClearedEvent
  | FailureReportEvent
  | FailEvent
  | FailReceivedEvent
  | FailClearedEvent
  | StateEvent
  | ElectionScheduledEvent
  | ElectionRankEvent
  | ElectionStartedEvent
  | ElectionExpiredEvent
  | ElectionWonEvent
  | VoteGrantedEvent
  | VoteDeniedEvent
  | VoteReceivedEvent
  | RoleEvent
  | RoleSeenEvent
  | ConfigEpochEvent
  | UpdateSentEvent
  | SlotOwnerEvent
  | ManualFailoverEvent
  | ReplicaMigratedEvent
  | HandshakeEvent
  | NodeIdEvent
  | ReplLinkEvent
  | ReplSyncEvent
  | ShutdownEvent
  | FaultEvent
  | CommandEvent
  | RedisCliEvent
  | WriteLostEvent;

export type EventType = SimEvent['type'];

/** The event of one type. */
export type EventOf<K extends EventType> = Extract<SimEvent, { type: K }>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An event as a process emits it: the recorder stamps the time and the process. */
export type EventBody = DistributiveOmit<SimEvent, 't' | 'node'>;
