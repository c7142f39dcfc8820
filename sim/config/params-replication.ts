// Replication parameters of Redis 7.0.15: repl-*, replica-* (with their
// slave-* aliases), min-replicas-* and the credentials a replica would use.
// The modelled ones come first, in ServerConfig's historical order.

import { bool, INT_MAX, int, LLONG_MAX, oneOf, text } from './types.ts';

export const REPLICATION_PARAMS = [
  int('repl-ping-replica-period', 10, { min: 1n, max: INT_MAX, unit: 'seconds' }, { alias: 'repl-ping-slave-period', field: 'replPingReplicaPeriod' }),
  int('repl-timeout', 60, { min: 1n, max: INT_MAX, unit: 'seconds' }, { field: 'replTimeout' }),
  int('repl-backlog-size', 1024 * 1024, { min: 1n, max: LLONG_MAX, unit: 'bytes' }, { field: 'replBacklogSize' }),
  int('repl-diskless-sync-delay', 5, { min: 0n, max: INT_MAX, unit: 'seconds' }, { field: 'replDisklessSyncDelay' }),

  // The simulated full sync is always diskless on the master and disk-based on the replica.
  bool('repl-diskless-sync', true),
  oneOf('repl-diskless-load', ['disabled', 'on-empty-db', 'swapdb'], 'disabled'),
  int('repl-diskless-sync-max-replicas', 0, { min: 0n, max: INT_MAX }),
  int('repl-backlog-ttl', 3600, { min: 0n, max: LLONG_MAX, unit: 'seconds' }),
  bool('repl-disable-tcp-nodelay', false),
  text('replica-announce-ip', '', { alias: 'slave-announce-ip' }),
  int('replica-announce-port', 0, { min: 0n, max: 65535n }, { alias: 'slave-announce-port' }),
  bool('replica-announced', true),
  // Redis 7.0's cluster failover ranks replicas by offset only; replica-priority is Sentinel's.
  int('replica-priority', 100, { min: 0n, max: INT_MAX }, { alias: 'slave-priority' }),
  bool('replica-read-only', true, { alias: 'slave-read-only' }),
  bool('replica-serve-stale-data', true, { alias: 'slave-serve-stale-data' }),
  bool('replica-ignore-maxmemory', true, { alias: 'slave-ignore-maxmemory' }),
  bool('replica-lazy-flush', false, { alias: 'slave-lazy-flush' }),
  bool('replica-ignore-disk-write-errors', false),
  // Writes are never refused for want of replicas: 0 disables the check, as by default.
  int('min-replicas-to-write', 0, { min: 0n, max: INT_MAX }, { alias: 'min-slaves-to-write' }),
  int('min-replicas-max-lag', 10, { min: 0n, max: INT_MAX, unit: 'seconds' }, { alias: 'min-slaves-max-lag' }),
  text('masterauth', ''),
  text('masteruser', ''),
] as const;
