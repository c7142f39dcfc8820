// The cluster-* and replication parameters of Redis 7.0.15 (repl-*,
// replica-* with their slave-* aliases, min-replicas-*, the credentials a
// replica would use). In each list the modelled ones come first, in the
// order ServerConfig has always had (its key order shows in reports); the
// rest are fixed values a simulated node reports as a real one would.

import { bool, INT_MAX, int, LLONG_MAX, oneOf, text, ULLONG_MAX } from './types.ts';

/** isValidAnnouncedHostname: the character set Redis can carry in gossip and print in CLUSTER SLOTS. */
function validHostname(v: string): string | null {
  if (new TextEncoder().encode(v).length >= 256) return 'Hostnames must be less than 256 characters';
  if (!/^[A-Za-z0-9.-]*$/.test(v)) return 'Hostnames may only contain alphanumeric characters, hyphens or dots';
  return null;
}

/** Scenario files: the simulator does not resolve names, so an announced IP must be an address (or empty). */
function ipAddress(v: string): string | null {
  if (v === '' || /^\d{1,3}(\.\d{1,3}){3}$/.test(v) || (v.includes(':') && /^[0-9a-fA-F:.]+$/.test(v))) return null;
  return 'must be an IP address';
}

const PORT = { min: 0n, max: 65535n } as const;

export const CLUSTER_PARAMS = [
  int('cluster-node-timeout', 15000, { min: 0n, max: LLONG_MAX, unit: 'ms' }, {
    field: 'clusterNodeTimeout',
    // Redis allows 0, but a zero timeout makes every peer PFAIL at once.
    scenario: { min: 1 },
  }),
  int('cluster-replica-validity-factor', 10, { min: 0n, max: INT_MAX }, { alias: 'cluster-slave-validity-factor', field: 'clusterReplicaValidityFactor' }),
  int('cluster-migration-barrier', 1, { min: 0n, max: INT_MAX }, { field: 'clusterMigrationBarrier' }),
  bool('cluster-allow-replica-migration', true, { field: 'clusterAllowReplicaMigration' }),
  bool('cluster-require-full-coverage', true, { field: 'clusterRequireFullCoverage' }),
  bool('cluster-replica-no-failover', false, { alias: 'cluster-slave-no-failover', field: 'clusterReplicaNoFailover' }),
  bool('cluster-allow-reads-when-down', false, { field: 'clusterAllowReadsWhenDown' }),
  bool('cluster-allow-pubsubshard-when-down', true, { field: 'clusterAllowPubsubshardWhenDown' }),
  int('cluster-link-sendbuf-limit', 0, { min: 0n, max: ULLONG_MAX, unit: 'bytes', unsigned: true }, { field: 'clusterLinkSendbufLimit' }),
  text('cluster-announce-hostname', '', { field: 'clusterAnnounceHostname', check: validHostname }),
  text('cluster-announce-ip', '', { field: 'clusterAnnounceIp', scenario: { check: ipAddress } }),
  oneOf('cluster-preferred-endpoint-type', ['ip', 'hostname', 'unknown-endpoint'], 'ip', { field: 'clusterPreferredEndpointType' }),

  // Every simulated node runs in cluster mode with its nodes.conf under the default name.
  bool('cluster-enabled', false, { immutable: true, startsAs: () => true }),
  text('cluster-config-file', 'nodes.conf', { immutable: true }),
  // 0: the bus listens on port + 10000, as the simulator's nodes do.
  int('cluster-port', 0, PORT, { immutable: true }),
  // 0: announce the real ports (the simulator has no NAT to announce through).
  int('cluster-announce-port', 0, PORT),
  int('cluster-announce-bus-port', 0, PORT),
  int('cluster-announce-tls-port', 0, PORT),
] as const;

export const REPLICATION_PARAMS = [
  int('repl-ping-replica-period', 10, { min: 1n, max: INT_MAX, unit: 'seconds' }, { alias: 'repl-ping-slave-period', field: 'replPingReplicaPeriod' }),
  int('repl-timeout', 60, { min: 1n, max: INT_MAX, unit: 'seconds' }, { field: 'replTimeout' }),
  int('repl-backlog-size', 1024 * 1024, { min: 1n, max: LLONG_MAX, unit: 'bytes' }, { field: 'replBacklogSize' }),
  int('repl-diskless-sync-delay', 5, { min: 0n, max: INT_MAX, unit: 'seconds' }, { field: 'replDisklessSyncDelay' }),

  // The simulated full sync is always diskless on the master. A replica loads
  // through a file (and keeps it as its RDB) unless repl-diskless-load says otherwise.
  bool('repl-diskless-sync', true),
  oneOf('repl-diskless-load', ['disabled', 'on-empty-db', 'swapdb'], 'disabled', { field: 'replDisklessLoad' }),
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
  text('masterauth', '', { field: 'masterauth' }),
  text('masteruser', ''),
] as const;
