// redis.conf parameters in scenario files (`cluster.config`, `cluster.nodes`):
// the modelled rows of the parameter table (sim/config/), their values read
// as redis.conf would, also taking YAML's true/false and numbers, and held
// to the row's scenario rule where Redis's own bounds let a surely mistaken
// value through (cluster-node-timeout 0, hz 9999). Messages are for a person
// editing a file; CONFIG SET keeps Redis's texts (sim/config/values.ts).

import { printable } from '../core/printable.ts';
import { defaultConfig, memoryParts, MODELLED_PARAMS, type ConfigValue, type ModelledParam, type ServerConfig } from '../config/index.ts';

/** Every parameter a scenario may set, typed: the node's own configuration record, read-only here. */
export type NodeConfig = Readonly<ServerConfig>;

/** Redis 7.0.15 defaults, from the table. */
export const DEFAULT_NODE_CONFIG: NodeConfig = Object.freeze(defaultConfig());

/** Every name a scenario may write (canonical names first), for suggestions. */
export const SCENARIO_CONFIG_NAMES: readonly string[] = [
  ...MODELLED_PARAMS.map((p) => p.name),
  ...MODELLED_PARAMS.flatMap((p) => (p.alias !== undefined ? [p.alias] : [])),
];

/** The modelled parameter a name (or alias) denotes, case-insensitively as Redis does. */
export function findConfigParam(name: string): ModelledParam | undefined {
  const n = name.toLowerCase();
  return MODELLED_PARAMS.find((p) => p.name === n || p.alias === n);
}

export type ConfigParse =
  | { readonly ok: true; readonly value: ConfigValue }
  | { readonly ok: false; readonly reason: string; readonly suggestion?: string };

const fail = (reason: string, suggestion?: string): ConfigParse => ({ ok: false, reason, ...(suggestion !== undefined ? { suggestion } : {}) });

/** The bounds a scenario is held to: the row's scenario rule, else Redis's, within exact JS integers. */
function bounds(p: ModelledParam, t: { min: bigint; max: bigint }): [number, number] {
  const max = t.max > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(t.max);
  return [p.scenario?.min ?? Number(t.min), p.scenario?.max ?? max];
}

/** A scenario duration (`5s`, `500ms`) where a redis.conf number was meant: the number it should be, if whole. */
function unitHint(p: ModelledParam, text: string): string | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(text);
  if (!m || p.type.kind !== 'int' || (p.type.unit !== 'ms' && p.type.unit !== 'seconds')) return undefined;
  const ms = Number(m[1]) * (m[2] === 's' ? 1000 : 1);
  const n = p.type.unit === 'ms' ? ms : ms / 1000;
  return Number.isInteger(n) ? String(n) : undefined;
}

function readInt(p: ModelledParam, text: string): ConfigParse {
  const t = p.type as Extract<ModelledParam['type'], { kind: 'int' }>;
  const [min, max] = bounds(p, t);
  if (t.unit === 'bytes') {
    const parts = /^\d/.test(text) ? memoryParts(text) : null;
    if (!parts) return fail(`${p.name} must be a size like 1048576, 512kb or 1mb, got "${printable(text)}"`);
    const n = parts.digits * parts.mul;
    if (n < BigInt(min)) return fail(`${p.name} must be at least ${min}, got ${n}`);
    if (n > BigInt(max)) return fail(`${p.name} must be at most ${max}, got ${n}`);
    return { ok: true, value: Number(n) };
  }
  if (!/^-?\d+$/.test(text)) return fail(`${p.name} must be a whole number (redis.conf units), got "${printable(text)}"`, unitHint(p, text));
  const n = Number(text);
  if (n < min || n > max) return fail(`${p.name} must be between ${min} and ${max}, got ${n}`);
  return { ok: true, value: n };
}

function readTyped(p: ModelledParam, text: string): ConfigParse {
  const t = p.type;
  switch (t.kind) {
    case 'bool': {
      const v = text.toLowerCase();
      if (v === 'yes' || v === 'true') return { ok: true, value: true };
      if (v === 'no' || v === 'false') return { ok: true, value: false };
      return fail(`${p.name} must be "yes" or "no", got "${printable(text)}"`);
    }
    case 'int':
      return readInt(p, text);
    case 'enum': {
      // YAML may have read an unquoted yes/no as a boolean: for a yes/no/local parameter it means the word.
      const lower = text.toLowerCase();
      const v = t.values.includes('yes') && (lower === 'true' || lower === 'false') ? (lower === 'true' ? 'yes' : 'no') : lower;
      if (t.values.includes(v)) return { ok: true, value: v };
      return fail(`${p.name} must be one of ${t.values.join(', ')}, got "${printable(text)}"`);
    }
    case 'string': {
      const err = t.check?.(text);
      return err ? fail(`${p.name}: ${err}, got "${printable(text)}"`) : { ok: true, value: text };
    }
    case 'words': {
      // As redis.conf reads a line: words separated by blanks; an empty value is no words (`save ""`).
      const r = t.read(text === '' ? [] : text.split(/\s+/));
      return typeof r === 'string' ? { ok: true, value: r } : fail(`${p.name}: ${r.error}, got "${printable(text)}"`);
    }
  }
}

/** Read a value as redis.conf would for `p` (`yes`/`no`, integers, `1mb`), also taking YAML's true/false and numbers. */
export function parseConfigValue(p: ModelledParam, raw: unknown): ConfigParse {
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : undefined;
  if (text === undefined) return fail(`${p.name}: expected a single value`);
  const r = readTyped(p, text);
  const problem = r.ok ? p.scenario?.check?.(text) : null;
  return problem ? fail(`${p.name} ${problem}, got "${printable(text)}"`) : r;
}
