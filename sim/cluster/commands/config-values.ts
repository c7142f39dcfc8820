// How CONFIG SET parses one value in Redis 7.0.15 (config.c: boolConfigSet,
// enumConfigSet, numericParseString + numericBoundaryCheck, the string
// validators) for the parameters config.ts models, with the exact `err`
// texts that follow "CONFIG SET failed (possibly related to argument ...) - ".
// The bounds are config.c's, not the model's: `hz 0` is accepted (and
// raised to 1 by updateHZ), `cluster-node-timeout` goes up to LLONG_MAX.

import { string2ll } from '../../core/command-args.ts';
import { CONFIG_PARAMS } from '../config.ts';

const INT_MAX = 2147483647n;
const LLONG_MAX = 9223372036854775807n;
const ULLONG_MAX = 18446744073709551615n;

type Spec =
  | { kind: 'bool' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'string'; valid?: (v: string) => string | null }
  | {
      kind: 'numeric';
      lower: bigint;
      upper: bigint;
      /** MEMORY_CONFIG: `1kb`, `5m`, ... via memtoull. */
      memory?: boolean;
      /** An unsigned long long parameter (bounds printed and compared unsigned). */
      unsigned?: boolean;
      /** What the apply function does to an accepted value (updateHZ caps hz to 1..500). */
      clamp?: readonly [number, number];
    };

/** isValidAnnouncedHostname. */
function validHostname(v: string): string | null {
  if (new TextEncoder().encode(v).length >= 256) return 'Hostnames must be less than 256 characters';
  if (!/^[A-Za-z0-9.-]*$/.test(v)) return 'Hostnames may only contain alphanumeric characters, hyphens or dots';
  return null;
}

const int = (lower: bigint, upper = INT_MAX): Spec => ({ kind: 'numeric', lower, upper });

/** 7.0.15's definition of each modelled parameter (aliases are entries of their own, as in 7.0). */
const SPECS: Readonly<Record<string, Spec>> = {
  'cluster-node-timeout': { kind: 'numeric', lower: 0n, upper: LLONG_MAX },
  'cluster-replica-validity-factor': int(0n),
  'cluster-slave-validity-factor': int(0n),
  'cluster-migration-barrier': int(0n),
  'cluster-allow-replica-migration': { kind: 'bool' },
  'cluster-require-full-coverage': { kind: 'bool' },
  'cluster-replica-no-failover': { kind: 'bool' },
  'cluster-slave-no-failover': { kind: 'bool' },
  'cluster-allow-reads-when-down': { kind: 'bool' },
  'cluster-allow-pubsubshard-when-down': { kind: 'bool' },
  'cluster-link-sendbuf-limit': { kind: 'numeric', lower: 0n, upper: ULLONG_MAX, memory: true, unsigned: true },
  'cluster-announce-hostname': { kind: 'string', valid: validHostname },
  'cluster-announce-ip': { kind: 'string' },
  'cluster-preferred-endpoint-type': { kind: 'enum', values: ['ip', 'hostname', 'unknown-endpoint'] },
  'repl-ping-replica-period': int(1n),
  'repl-ping-slave-period': int(1n),
  'repl-timeout': int(1n),
  'repl-backlog-size': { kind: 'numeric', lower: 1n, upper: LLONG_MAX, memory: true },
  'repl-diskless-sync-delay': int(0n),
  appendonly: { kind: 'bool' },
  loglevel: { kind: 'enum', values: ['debug', 'verbose', 'notice', 'warning'] },
  hz: { kind: 'numeric', lower: 0n, upper: INT_MAX, clamp: [1, 500] },
};

/** A parameter config.ts gained after this table was written: derive a 7.0-style spec from its own. */
function fallbackSpec(name: string): Spec {
  const p = CONFIG_PARAMS[name]!;
  switch (p.kind) {
    case 'bool':
      return { kind: 'bool' };
    case 'enum':
      return { kind: 'enum', values: p.values ?? [] };
    case 'string':
      return { kind: 'string' };
    case 'int':
    case 'memory':
      return {
        kind: 'numeric',
        lower: BigInt(p.min ?? -Number(INT_MAX) - 1),
        upper: p.max !== undefined ? BigInt(p.max) : LLONG_MAX,
        memory: p.kind === 'memory',
      };
  }
}

/** memtoull: digits with an optional b/k/kb/m/mb/g/gb suffix; wraps like the C arithmetic. */
function memtoull(v: string): bigint | null {
  if (v.startsWith('-')) return null;
  const m = /^([0-9]*)(.*)$/s.exec(v)!;
  const mult: Record<string, bigint> = { '': 1n, b: 1n, k: 1000n, kb: 1024n, m: 1000n ** 2n, mb: 1024n ** 2n, g: 1000n ** 3n, gb: 1024n ** 3n };
  const mul = mult[m[2]!.toLowerCase()];
  if (mul === undefined || m[1]!.length >= 128) return null;
  let val = m[1] === '' ? 0n : BigInt(m[1]!);
  if (val > ULLONG_MAX) val = ULLONG_MAX; // strtoull saturates
  return BigInt.asUintN(64, val * mul);
}

function parseNumeric(spec: Extract<Spec, { kind: 'numeric' }>, v: string): number | { error: string } {
  let ll: bigint | null;
  if (spec.memory) {
    const u = memtoull(v);
    if (u === null) return { error: 'argument must be a memory value' };
    // Stored in a long long unless the parameter is unsigned.
    ll = spec.unsigned ? u : BigInt.asIntN(64, u);
  } else {
    ll = string2ll(v);
    if (ll === null) return { error: "argument couldn't be parsed into an integer" };
  }
  if (ll < spec.lower || ll > spec.upper) {
    return { error: `argument must be between ${spec.lower} and ${spec.upper} inclusive` };
  }
  let n = Number(ll);
  if (spec.clamp) n = Math.min(Math.max(n, spec.clamp[0]), spec.clamp[1]);
  return n;
}

/** The value to store for `name` (a lowercase key of CONFIG_PARAMS), or the error text. */
export function parseConfigValue(name: string, v: string): string | number | boolean | { error: string } {
  const spec = SPECS[name] ?? fallbackSpec(name);
  switch (spec.kind) {
    case 'bool': {
      const l = v.toLowerCase();
      if (l !== 'yes' && l !== 'no') return { error: "argument must be 'yes' or 'no'" };
      return l === 'yes';
    }
    case 'enum': {
      const hit = spec.values.find((x) => x === v.toLowerCase());
      if (hit === undefined) return { error: `argument(s) must be one of the following: ${spec.values.join(', ')}` };
      return hit;
    }
    case 'string': {
      const err = spec.valid?.(v);
      return err ? { error: err } : v;
    }
    case 'numeric':
      return parseNumeric(spec, v);
  }
}
