// The shape of one row of the parameter table (table.ts), and the helpers
// that write rows. A row says everything the simulator needs to know about a
// redis.conf parameter: its names, how Redis 7.0.15 reads and prints its
// value, its default, whether CONFIG SET may change it, and whether the node
// model reads it (`field`) or it is a fixed value reported for fidelity.

/** A value as the node model holds it: yes/no as booleans, integers as numbers. */
export type ConfigValue = boolean | number | string;

/** What differs per simulated process and shows in CONFIG GET (Redis reads it from its own state). */
export interface ProcessFacts {
  readonly port: number;
}

/** Units of an integer parameter as redis.conf has them; `bytes` also takes Redis's memory units (1kb, 5m). */
export type Unit = 'ms' | 'seconds' | 'bytes';

/** How CONFIG SET (and redis.conf) reads a value, and how CONFIG GET prints it. */
export type ParamType =
  | { readonly kind: 'bool' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | {
      readonly kind: 'string';
      /** Redis's is_valid function: the error text for a value it refuses. */
      readonly check?: (v: string) => string | null;
    }
  | {
      readonly kind: 'int';
      readonly min: bigint;
      readonly max: bigint;
      readonly unit?: Unit;
      /** Held in an unsigned C type: bounds are compared and printed unsigned. */
      readonly unsigned?: boolean;
      /** What the apply function does to an accepted value (updateHZ keeps hz within 1..500). */
      readonly clamp?: readonly [number, number];
    }
  | {
      /** MULTI_ARG_CONFIG: the value is split on spaces; `read` gives the text CONFIG GET will print, or the error. */
      readonly kind: 'words';
      readonly read: (words: readonly string[]) => string | { readonly error: string };
    };

/** Stricter than Redis for scenario files, where a value Redis takes is surely a mistake. */
export interface ScenarioRule {
  readonly min?: number;
  readonly max?: number;
  /** What is wrong with a value (`must be an IP address`), or null. */
  readonly check?: (text: string) => string | null;
}

/** One redis.conf parameter. `F` is the ServerConfig field it feeds (undefined: reported only), `V` its value type. */
export interface ConfigParam<F extends string | undefined = string | undefined, V extends ConfigValue = ConfigValue> {
  /** The redis.conf name (lowercase; Redis looks names up case-insensitively). */
  readonly name: string;
  /** The other name Redis 7.0 registers for it (the `slave` spellings, `lua-time-limit`). */
  readonly alias?: string;
  readonly type: ParamType;
  /** Redis 7.0.15's default. */
  readonly default: V;
  /** IMMUTABLE_CONFIG: only redis.conf or the command line sets it; CONFIG SET refuses. */
  readonly immutable: boolean;
  /** PROTECTED_CONFIG: CONFIG SET refuses while enable-protected-configs is `no` (always, here). */
  readonly protected: boolean;
  /** The ServerConfig field the node model reads; undefined for a value reported for fidelity only. */
  readonly field: F;
  /** A reported-only value a simulated node starts with instead of the default (it runs in cluster mode). */
  readonly startsAs?: (p: ProcessFacts) => ConfigValue;
  readonly scenario?: ScenarioRule;
}

interface Options<F extends string | undefined> {
  readonly alias?: string;
  readonly field?: F;
  readonly immutable?: true;
  readonly protected?: true;
  readonly startsAs?: (p: ProcessFacts) => ConfigValue;
  readonly scenario?: ScenarioRule;
}

function row<F extends string | undefined, V extends ConfigValue>(name: string, type: ParamType, def: V, o: Options<F>): ConfigParam<F, V> {
  return {
    name,
    ...(o.alias !== undefined ? { alias: o.alias } : {}),
    type,
    default: def,
    immutable: o.immutable === true,
    protected: o.protected === true,
    field: o.field as F,
    ...(o.startsAs ? { startsAs: o.startsAs } : {}),
    ...(o.scenario ? { scenario: o.scenario } : {}),
  };
}

/** A yes/no parameter (createBoolConfig). */
export function bool<const F extends string | undefined = undefined>(name: string, def: boolean, o: Options<F> = {}): ConfigParam<F, boolean> {
  return row(name, { kind: 'bool' }, def, o);
}

/** One of a fixed set of words (createEnumConfig); `values` in Redis's order, which its error text lists. */
export function oneOf<const V extends string, const F extends string | undefined = undefined>(
  name: string,
  values: readonly V[],
  def: NoInfer<V>,
  o: Options<F> = {},
): ConfigParam<F, V> {
  return row(name, { kind: 'enum', values }, def, o);
}

/** An integer in [min, max] (createIntConfig, createLongLongConfig, ...; MEMORY_CONFIG when the unit is bytes). */
export function int<const F extends string | undefined = undefined>(
  name: string,
  def: number,
  range: Omit<Extract<ParamType, { kind: 'int' }>, 'kind'>,
  o: Options<F> = {},
): ConfigParam<F, number> {
  return row(name, { kind: 'int', ...range }, def, o);
}

/** A string (createStringConfig / createSDSConfig), optionally with Redis's validator. */
export function text<const F extends string | undefined = undefined>(
  name: string,
  def: string,
  o: Options<F> & { readonly check?: (v: string) => string | null } = {},
): ConfigParam<F, string> {
  return row(name, o.check ? { kind: 'string', check: o.check } : { kind: 'string' }, def, o);
}

/** A special multi-word parameter (save, bind), read by its own function; the text it returns is the value. */
export function words<const F extends string | undefined = undefined>(
  name: string,
  def: string,
  read: (w: readonly string[]) => string | { readonly error: string },
  o: Options<F> = {},
): ConfigParam<F, string> {
  return row(name, { kind: 'words', read }, def, o);
}

// C limits the bounds are written in (64-bit Linux: long is long long).
export const INT_MIN = -2147483648n;
export const INT_MAX = 2147483647n;
export const UINT_MAX = 4294967295n;
export const LLONG_MAX = 9223372036854775807n;
export const ULLONG_MAX = 18446744073709551615n;
