// The one table of redis.conf parameters, in the spirit of Redis's own
// static_configs[] in config.c. Everything else is derived from it: the
// ServerConfig record the node model reads (one field per modelled row),
// its defaults, the names CONFIG GET/SET and scenario files accept.

import type { LogLevel } from '../events/recorder.ts';
import { CLUSTER_PARAMS, REPLICATION_PARAMS } from './params-cluster.ts';
import { SERVER_PARAMS } from './params-server.ts';
import type { ConfigParam } from './types.ts';

export const CONFIG_TABLE = [...CLUSTER_PARAMS, ...REPLICATION_PARAMS, ...SERVER_PARAMS] as const;

type Row = (typeof CONFIG_TABLE)[number];
type ModelledRow = Extract<Row, { readonly field: string }>;

/**
 * The parameters the node model reads, by the field name its row gives
 * (the redis.conf name in camelCase), typed by the row: yes/no → boolean,
 * integers → number in the row's unit, enums → their words.
 */
export type ServerConfig = { [R in ModelledRow as R['field']]: R['default'] };

/** A row whose value the node model reads. */
export type ModelledParam = ConfigParam<keyof ServerConfig>;

// The node logs at Redis's levels: the loglevel row must spell exactly those.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const loglevelIsLogLevel: Same<ServerConfig['loglevel'], LogLevel> = true;
void loglevelIsLogLevel;

/** Every row, for code that does not care about the literal types. */
export const CONFIG_PARAMS: readonly ConfigParam[] = CONFIG_TABLE;

/** The modelled rows, in table order (which is ServerConfig's key order). */
export const MODELLED_PARAMS: readonly ModelledParam[] = CONFIG_PARAMS.filter((p): p is ModelledParam => p.field !== undefined);

/** Redis 7.0.15's defaults for everything the node model reads. */
export function defaultConfig(): ServerConfig {
  const c: Record<string, unknown> = {};
  for (const p of MODELLED_PARAMS) c[p.field] = p.default;
  return c as ServerConfig;
}

/** One name Redis registers: a parameter's own name or its alias (7.0 gives each its own dict entry). */
export interface ConfigName {
  readonly name: string;
  readonly param: ConfigParam;
}

/** Every registered name, each parameter's own name followed by its alias. */
export const CONFIG_NAMES: readonly ConfigName[] = CONFIG_PARAMS.flatMap((param) => [
  { name: param.name, param },
  ...(param.alias !== undefined ? [{ name: param.alias, param }] : []),
]);

const BY_NAME = new Map(CONFIG_NAMES.map((n) => [n.name, n]));

/** lookupConfig(): a name or alias, case-insensitively. */
export function lookupConfig(name: string): ConfigName | undefined {
  return BY_NAME.get(name.toLowerCase());
}
