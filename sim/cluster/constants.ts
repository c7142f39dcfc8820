// Constants of Redis 7.0.15's cluster bus (cluster.h / cluster.c), with
// Redis's names, so that a reader can grep the same name in Redis.

export const CLUSTER_SLOTS = 16384;
export const CLUSTER_NAMELEN = 40;
export const CLUSTER_PORT_INCR = 10000;
export const CLUSTER_FAIL_REPORT_VALIDITY_MULT = 2;
export const CLUSTER_FAIL_UNDO_TIME_MULT = 2;
export const CLUSTER_MF_TIMEOUT = 5000;
export const CLUSTER_MF_PAUSE_MULT = 2;
export const CLUSTER_SLAVE_MIGRATION_DELAY = 5000;
export const CLUSTER_BLACKLIST_TTL = 60; // seconds
export const CLUSTER_MAX_REJOIN_DELAY = 5000;
export const CLUSTER_MIN_REJOIN_DELAY = 500;
export const CLUSTER_WRITABLE_DELAY = 2000;
export const CLUSTER_CANT_FAILOVER_RELOG_PERIOD = 300; // seconds
export const CLUSTER_PROTO_VER = 1;
/** clusterCron runs every 100 ms (serverCron run_with_period(100) at hz 10). */
export const CLUSTER_CRON_PERIOD_MS = 100;

// Node flags (clusterNode.flags).
export const CLUSTER_NODE_MASTER = 1;
export const CLUSTER_NODE_SLAVE = 2;
export const CLUSTER_NODE_PFAIL = 4;
export const CLUSTER_NODE_FAIL = 8;
export const CLUSTER_NODE_MYSELF = 16;
export const CLUSTER_NODE_HANDSHAKE = 32;
export const CLUSTER_NODE_NOADDR = 64;
export const CLUSTER_NODE_MEET = 128;
export const CLUSTER_NODE_MIGRATE_TO = 256;
export const CLUSTER_NODE_NOFAILOVER = 512;

/** Flag names in the order CLUSTER NODES prints them. */
export const NODE_FLAG_NAMES: readonly [number, string][] = [
  [CLUSTER_NODE_MYSELF, 'myself'],
  [CLUSTER_NODE_MASTER, 'master'],
  [CLUSTER_NODE_SLAVE, 'slave'],
  [CLUSTER_NODE_PFAIL, 'fail?'],
  [CLUSTER_NODE_FAIL, 'fail'],
  [CLUSTER_NODE_HANDSHAKE, 'handshake'],
  [CLUSTER_NODE_NOADDR, 'noaddr'],
  [CLUSTER_NODE_NOFAILOVER, 'nofailover'],
];

// Cluster state.
export const CLUSTER_OK = 0;
export const CLUSTER_FAIL = 1;

// Message types.
export const CLUSTERMSG_TYPE_PING = 0;
export const CLUSTERMSG_TYPE_PONG = 1;
export const CLUSTERMSG_TYPE_MEET = 2;
export const CLUSTERMSG_TYPE_FAIL = 3;
export const CLUSTERMSG_TYPE_PUBLISH = 4;
export const CLUSTERMSG_TYPE_FAILOVER_AUTH_REQUEST = 5;
export const CLUSTERMSG_TYPE_FAILOVER_AUTH_ACK = 6;
export const CLUSTERMSG_TYPE_UPDATE = 7;
export const CLUSTERMSG_TYPE_MFSTART = 8;
export const CLUSTERMSG_TYPE_MODULE = 9;
export const CLUSTERMSG_TYPE_PUBLISHSHARD = 10;
export const CLUSTERMSG_TYPE_COUNT = 11;

/** Names used by CLUSTER INFO's per-type stats (clusterGetMessageTypeString). */
export const MESSAGE_TYPE_STAT_NAMES = [
  'ping',
  'pong',
  'meet',
  'fail',
  'publish',
  'auth-req',
  'auth-ack',
  'update',
  'mfstart',
  'module',
  'publishshard',
] as const;

/** Labels the network and reports use for message types. */
export const MESSAGE_TYPE_LABELS = [
  'PING',
  'PONG',
  'MEET',
  'FAIL',
  'PUBLISH',
  'FAILOVER_AUTH_REQUEST',
  'FAILOVER_AUTH_ACK',
  'UPDATE',
  'MFSTART',
  'MODULE',
  'PUBLISHSHARD',
] as const;

// Header mflags[0] bits.
export const CLUSTERMSG_FLAG0_PAUSED = 1 << 0;
export const CLUSTERMSG_FLAG0_FORCEACK = 1 << 1;

// Wire sizes (only used to account for bytes and for the sendbuf limit).
export const CLUSTERMSG_MIN_LEN = 2256;
export const CLUSTERMSG_GOSSIP_ENTRY_LEN = 104;
export const CLUSTERMSG_FULL_LEN = 4352;

// todo_before_sleep flags.
export const CLUSTER_TODO_HANDLE_FAILOVER = 1 << 0;
export const CLUSTER_TODO_UPDATE_STATE = 1 << 1;
export const CLUSTER_TODO_SAVE_CONFIG = 1 << 2;
export const CLUSTER_TODO_FSYNC_CONFIG = 1 << 3;
export const CLUSTER_TODO_HANDLE_MANUALFAILOVER = 1 << 4;

// Reasons a replica cannot fail over (clusterLogCantFailover).
export const CLUSTER_CANT_FAILOVER_NONE = 0;
export const CLUSTER_CANT_FAILOVER_DATA_AGE = 1;
export const CLUSTER_CANT_FAILOVER_WAITING_DELAY = 2;
export const CLUSTER_CANT_FAILOVER_EXPIRED = 3;
export const CLUSTER_CANT_FAILOVER_WAITING_VOTES = 4;

// getNodeByQuery redirection codes.
export const CLUSTER_REDIR_NONE = 0;
export const CLUSTER_REDIR_CROSS_SLOT = 1;
export const CLUSTER_REDIR_UNSTABLE = 2;
export const CLUSTER_REDIR_ASK = 3;
export const CLUSTER_REDIR_MOVED = 4;
export const CLUSTER_REDIR_DOWN_STATE = 5;
export const CLUSTER_REDIR_DOWN_UNBOUND = 6;
export const CLUSTER_REDIR_DOWN_RO_STATE = 7;
