// The redis.conf parameters a scenario may set: names, aliases, units and
// the bounds a scenario file is held to (stricter than CONFIG SET where a
// value is surely a mistake, e.g. cluster-node-timeout 0), for `cluster.config`
// and per-node overrides. The record and its defaults are the node model's
// (sim/cluster/config.ts); CONFIG SET keeps Redis's exact acceptance rules
// in sim/cluster/commands/config-values.ts.

import { defaultConfig, type ServerConfig } from '../cluster/config.ts';

/**
 * Every settable parameter, typed: the node's own configuration record
 * (sim/cluster/config.ts), read-only here. Field names are the redis.conf
 * names in camelCase, units as redis.conf has them.
 */
export type NodeConfig = Readonly<ServerConfig>;

type Kind =
  | { readonly t: 'int'; readonly min: number; readonly max: number }
  | { readonly t: 'bytes'; readonly min: number }
  | { readonly t: 'bool' }
  | { readonly t: 'enum'; readonly values: readonly string[] }
  | { readonly t: 'hostname' }
  | { readonly t: 'ip' };

/** One row of the parameter table. */
export interface ConfigParam {
  /** Canonical redis.conf name. */
  readonly name: string;
  /** Older names Redis still accepts (`slave` spellings). */
  readonly aliases: readonly string[];
  readonly field: keyof NodeConfig;
  readonly kind: Kind;
}

const INT_MAX = 2_147_483_647;

const P = (name: string, field: keyof NodeConfig, kind: Kind, aliases: string[] = []): ConfigParam => ({ name, field, kind, aliases });

/** The table, in redis.conf order. Extend here to make a parameter settable. */
export const CONFIG_PARAMS: readonly ConfigParam[] = [
  // Redis allows 0, but a zero timeout makes every peer PFAIL at once: reject it as a scenario mistake.
  P('cluster-node-timeout', 'clusterNodeTimeout', { t: 'int', min: 1, max: Number.MAX_SAFE_INTEGER }),
  P('cluster-replica-validity-factor', 'clusterReplicaValidityFactor', { t: 'int', min: 0, max: INT_MAX }, ['cluster-slave-validity-factor']),
  P('cluster-migration-barrier', 'clusterMigrationBarrier', { t: 'int', min: 0, max: INT_MAX }),
  P('cluster-allow-replica-migration', 'clusterAllowReplicaMigration', { t: 'bool' }),
  P('cluster-require-full-coverage', 'clusterRequireFullCoverage', { t: 'bool' }),
  P('cluster-replica-no-failover', 'clusterReplicaNoFailover', { t: 'bool' }, ['cluster-slave-no-failover']),
  P('cluster-allow-reads-when-down', 'clusterAllowReadsWhenDown', { t: 'bool' }),
  P('cluster-allow-pubsubshard-when-down', 'clusterAllowPubsubshardWhenDown', { t: 'bool' }),
  P('cluster-link-sendbuf-limit', 'clusterLinkSendbufLimit', { t: 'bytes', min: 0 }),
  P('cluster-announce-hostname', 'clusterAnnounceHostname', { t: 'hostname' }),
  P('cluster-announce-ip', 'clusterAnnounceIp', { t: 'ip' }),
  P('cluster-preferred-endpoint-type', 'clusterPreferredEndpointType', { t: 'enum', values: ['ip', 'hostname', 'unknown-endpoint'] }),
  P('repl-ping-replica-period', 'replPingReplicaPeriod', { t: 'int', min: 1, max: INT_MAX }, ['repl-ping-slave-period']),
  P('repl-timeout', 'replTimeout', { t: 'int', min: 1, max: INT_MAX }),
  P('repl-backlog-size', 'replBacklogSize', { t: 'bytes', min: 1 }),
  P('repl-diskless-sync-delay', 'replDisklessSyncDelay', { t: 'int', min: 0, max: INT_MAX }),
  P('appendonly', 'appendonly', { t: 'bool' }),
  // Redis clamps hz to 1..500 (CONFIG_MIN_HZ/CONFIG_MAX_HZ); out of range here is surely a typo.
  P('hz', 'hz', { t: 'int', min: 1, max: 500 }),
  P('loglevel', 'loglevel', { t: 'enum', values: ['debug', 'verbose', 'notice', 'warning'] }),
];

/** Redis 7.0.15 defaults (config.c), from the node model's single source. */
export const DEFAULT_NODE_CONFIG: NodeConfig = Object.freeze(defaultConfig());

/** Every name a scenario may write (canonical names first), for suggestions. */
export const CONFIG_NAMES: readonly string[] = [...CONFIG_PARAMS.map((p) => p.name), ...CONFIG_PARAMS.flatMap((p) => p.aliases)];

/** The parameter a name (or alias) denotes, case-insensitively as Redis does. */
export function findConfigParam(name: string): ConfigParam | undefined {
  const n = name.toLowerCase();
  return CONFIG_PARAMS.find((p) => p.name === n || p.aliases.includes(n));
}

/** Redis's memtoull units: k/m/g are powers of 1000, kb/mb/gb powers of 1024. */
const MEMORY_UNITS: Record<string, number> = { '': 1, b: 1, k: 1e3, kb: 1024, m: 1e6, mb: 1024 ** 2, g: 1e9, gb: 1024 ** 3 };

export type ConfigParse = { readonly ok: true; readonly value: NodeConfig[keyof NodeConfig] } | { readonly ok: false; readonly reason: string; readonly suggestion?: string };

/**
 * Parse a value as Redis would accept it for `param` (`yes`/`no`, integers,
 * `1mb`), also taking YAML's true/false and numbers. Pure, so CONFIG SET can reuse it.
 */
export function parseConfigValue(param: ConfigParam, raw: unknown): ConfigParse {
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
  if (text === undefined) return { ok: false, reason: `${param.name}: expected a single value` };
  const k = param.kind;
  switch (k.t) {
    case 'bool': {
      const v = text.toLowerCase();
      if (v === 'yes' || v === 'true') return { ok: true, value: true };
      if (v === 'no' || v === 'false') return { ok: true, value: false };
      return { ok: false, reason: `${param.name} must be "yes" or "no", got "${text}"` };
    }
    case 'int': {
      if (!/^-?\d+$/.test(text)) {
        // A common slip: scenario durations have units, redis.conf numbers do not.
        const unit = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(text);
        const hint = unit && param.name === 'cluster-node-timeout' ? String(Number(unit[1]) * (unit[2] === 's' ? 1000 : 1)) : undefined;
        return { ok: false, reason: `${param.name} must be a whole number (redis.conf units), got "${text}"`, ...(hint ? { suggestion: hint } : {}) };
      }
      const n = Number(text);
      if (n < k.min || n > k.max) return { ok: false, reason: `${param.name} must be between ${k.min} and ${k.max}, got ${n}` };
      return { ok: true, value: n };
    }
    case 'bytes': {
      const m = /^(\d+)\s*([a-z]*)$/i.exec(text);
      const mult = m ? MEMORY_UNITS[m[2]!.toLowerCase()] : undefined;
      if (!m || mult === undefined) return { ok: false, reason: `${param.name} must be a size like 1048576, 512kb or 1mb, got "${text}"` };
      const n = Number(m[1]) * mult;
      if (n < k.min) return { ok: false, reason: `${param.name} must be at least ${k.min}, got ${n}` };
      return { ok: true, value: n };
    }
    case 'enum': {
      const v = text.toLowerCase();
      if (k.values.includes(v)) return { ok: true, value: v };
      return { ok: false, reason: `${param.name} must be one of ${k.values.join(', ')}, got "${text}"` };
    }
    case 'hostname':
      // Redis 7.0 accepts only these characters (isValidAuxString for hostnames); empty unsets it.
      if (/^[A-Za-z0-9.-]*$/.test(text)) return { ok: true, value: text };
      return { ok: false, reason: `${param.name} may contain only letters, digits, "-" and ".", got "${text}"` };
    case 'ip':
      // An IPv4 or IPv6 address, or empty; the simulator does not resolve names.
      if (text === '' || /^\d{1,3}(\.\d{1,3}){3}$/.test(text) || (text.includes(':') && /^[0-9a-fA-F:.]+$/.test(text))) return { ok: true, value: text };
      return { ok: false, reason: `${param.name} must be an IP address, got "${text}"` };
  }
}

/** The value as CONFIG GET prints it (`yes`/`no`, plain integers). */
export function formatConfigValue(value: NodeConfig[keyof NodeConfig]): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}
