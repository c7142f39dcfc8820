// The redis.conf parameters the model honours, with 7.0.15 defaults, their
// redis.conf names (and aliases) for scenario files and CONFIG GET/SET.

import type { LogLevel } from '../events/recorder.ts';

export type { LogLevel };

export interface ServerConfig {
  clusterNodeTimeout: number; // ms
  clusterReplicaValidityFactor: number;
  clusterMigrationBarrier: number;
  clusterAllowReplicaMigration: boolean;
  clusterRequireFullCoverage: boolean;
  clusterReplicaNoFailover: boolean;
  clusterAllowReadsWhenDown: boolean;
  clusterAllowPubsubshardWhenDown: boolean;
  clusterLinkSendbufLimit: number; // bytes, 0 = unlimited
  clusterAnnounceHostname: string;
  clusterAnnounceIp: string;
  clusterPreferredEndpointType: 'ip' | 'hostname' | 'unknown-endpoint';
  replPingReplicaPeriod: number; // seconds
  replTimeout: number; // seconds
  replBacklogSize: number; // bytes
  replDisklessSyncDelay: number; // seconds
  appendonly: boolean;
  loglevel: LogLevel;
  hz: number;
}

export function defaultConfig(): ServerConfig {
  return {
    clusterNodeTimeout: 15000,
    clusterReplicaValidityFactor: 10,
    clusterMigrationBarrier: 1,
    clusterAllowReplicaMigration: true,
    clusterRequireFullCoverage: true,
    clusterReplicaNoFailover: false,
    clusterAllowReadsWhenDown: false,
    clusterAllowPubsubshardWhenDown: true,
    clusterLinkSendbufLimit: 0,
    clusterAnnounceHostname: '',
    clusterAnnounceIp: '',
    clusterPreferredEndpointType: 'ip',
    replPingReplicaPeriod: 10,
    replTimeout: 60,
    replBacklogSize: 1024 * 1024,
    replDisklessSyncDelay: 5,
    appendonly: false,
    loglevel: 'notice',
    hz: 10,
  };
}

type Kind = 'int' | 'bool' | 'string' | 'enum' | 'memory';

interface ParamSpec {
  field: keyof ServerConfig;
  kind: Kind;
  min?: number;
  max?: number;
  values?: readonly string[];
  /** Only settable at startup (CONFIG SET refuses it). */
  immutable?: boolean;
}

/** redis.conf name → field. Aliases map to the same field. */
export const CONFIG_PARAMS: Readonly<Record<string, ParamSpec>> = {
  'cluster-node-timeout': { field: 'clusterNodeTimeout', kind: 'int', min: 0 },
  'cluster-replica-validity-factor': { field: 'clusterReplicaValidityFactor', kind: 'int', min: 0 },
  'cluster-slave-validity-factor': { field: 'clusterReplicaValidityFactor', kind: 'int', min: 0 },
  'cluster-migration-barrier': { field: 'clusterMigrationBarrier', kind: 'int', min: 0 },
  'cluster-allow-replica-migration': { field: 'clusterAllowReplicaMigration', kind: 'bool' },
  'cluster-require-full-coverage': { field: 'clusterRequireFullCoverage', kind: 'bool' },
  'cluster-replica-no-failover': { field: 'clusterReplicaNoFailover', kind: 'bool' },
  'cluster-slave-no-failover': { field: 'clusterReplicaNoFailover', kind: 'bool' },
  'cluster-allow-reads-when-down': { field: 'clusterAllowReadsWhenDown', kind: 'bool' },
  'cluster-allow-pubsubshard-when-down': { field: 'clusterAllowPubsubshardWhenDown', kind: 'bool' },
  'cluster-link-sendbuf-limit': { field: 'clusterLinkSendbufLimit', kind: 'memory', min: 0 },
  'cluster-announce-hostname': { field: 'clusterAnnounceHostname', kind: 'string' },
  'cluster-announce-ip': { field: 'clusterAnnounceIp', kind: 'string' },
  'cluster-preferred-endpoint-type': {
    field: 'clusterPreferredEndpointType',
    kind: 'enum',
    values: ['ip', 'hostname', 'unknown-endpoint'],
  },
  'repl-ping-replica-period': { field: 'replPingReplicaPeriod', kind: 'int', min: 1 },
  'repl-ping-slave-period': { field: 'replPingReplicaPeriod', kind: 'int', min: 1 },
  'repl-timeout': { field: 'replTimeout', kind: 'int', min: 1 },
  'repl-backlog-size': { field: 'replBacklogSize', kind: 'memory', min: 1 },
  'repl-diskless-sync-delay': { field: 'replDisklessSyncDelay', kind: 'int', min: 0 },
  appendonly: { field: 'appendonly', kind: 'bool' },
  loglevel: { field: 'loglevel', kind: 'enum', values: ['debug', 'verbose', 'notice', 'warning'] },
  hz: { field: 'hz', kind: 'int', min: 1, max: 500 },
};

export const CONFIG_PARAM_NAMES: readonly string[] = Object.keys(CONFIG_PARAMS);

/** CONFIG GET rendering of one parameter. */
export function getConfigParam(cfg: ServerConfig, name: string): string | undefined {
  const spec = CONFIG_PARAMS[name.toLowerCase()];
  if (!spec) return undefined;
  const v = cfg[spec.field];
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}
