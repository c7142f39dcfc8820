// How Redis 7.0.15 reads one parameter's value on CONFIG SET (and from
// redis.conf) and prints it on CONFIG GET, with the error texts that follow
// "CONFIG SET failed (possibly related to argument '...') - ". Integers are
// BigInt until stored, so bounds near LLONG_MAX / ULLONG_MAX compare and
// print exactly as the C types do.

import { string2ll } from '../core/command-args.ts';
import { ULLONG_MAX, type ConfigParam, type ConfigValue, type ParamType } from './types.ts';

/** A value CONFIG SET accepted: booleans and words as such, integers exactly. */
export type SetValue = boolean | string | bigint;

export type ParsedSet = { readonly ok: true; readonly value: SetValue } | { readonly ok: false; readonly error: string };

const MEMORY_UNITS: Readonly<Record<string, bigint>> = { '': 1n, b: 1n, k: 1000n, kb: 1024n, m: 1000n ** 2n, mb: 1024n ** 2n, g: 1000n ** 3n, gb: 1024n ** 3n };

/** The digits and unit multiplier of a memory value (k/m/g are powers of 1000, kb/mb/gb of 1024, case-insensitive), or null. */
export function memoryParts(v: string): { readonly digits: bigint; readonly mul: bigint } | null {
  if (v.startsWith('-')) return null;
  const m = /^([0-9]*)(.*)$/s.exec(v)!;
  const mul = MEMORY_UNITS[m[2]!.toLowerCase()];
  if (mul === undefined || m[1]!.length >= 128) return null;
  return { digits: m[1] === '' ? 0n : BigInt(m[1]!), mul };
}

/** memtoull: strtoull saturates the digits, then the multiplication wraps as the C arithmetic does. */
export function memtoull(v: string): bigint | null {
  const p = memoryParts(v);
  if (p === null) return null;
  return BigInt.asUintN(64, (p.digits > ULLONG_MAX ? ULLONG_MAX : p.digits) * p.mul);
}

type IntType = Extract<ParamType, { kind: 'int' }>;

/** numericParseString + numericBoundaryCheck (+ the clamp of an apply function). */
function parseInt64(t: IntType, v: string): ParsedSet {
  let n: bigint | null;
  if (t.unit === 'bytes') {
    const u = memtoull(v);
    if (u === null) return { ok: false, error: 'argument must be a memory value' };
    // The C variable is a long long unless the parameter is unsigned.
    n = t.unsigned ? u : BigInt.asIntN(64, u);
  } else {
    n = string2ll(v);
    if (n === null) return { ok: false, error: "argument couldn't be parsed into an integer" };
    // A negative number read into an unsigned type is compared as its two's complement.
    if (t.unsigned) n = BigInt.asUintN(64, n);
  }
  if (n < t.min || n > t.max) return { ok: false, error: `argument must be between ${t.min} and ${t.max} inclusive` };
  if (t.clamp) n = n < BigInt(t.clamp[0]) ? BigInt(t.clamp[0]) : n > BigInt(t.clamp[1]) ? BigInt(t.clamp[1]) : n;
  return { ok: true, value: n };
}

/** The value CONFIG SET stores for `p`, or Redis's error text. */
export function parseSetValue(p: ConfigParam, v: string): ParsedSet {
  const t = p.type;
  switch (t.kind) {
    case 'bool': {
      const l = v.toLowerCase();
      if (l !== 'yes' && l !== 'no') return { ok: false, error: "argument must be 'yes' or 'no'" };
      return { ok: true, value: l === 'yes' };
    }
    case 'enum': {
      const hit = t.values.find((x) => x === v.toLowerCase());
      if (hit === undefined) return { ok: false, error: `argument(s) must be one of the following: ${t.values.join(', ')}` };
      return { ok: true, value: hit };
    }
    case 'string': {
      const err = t.check?.(v);
      return err ? { ok: false, error: err } : { ok: true, value: v };
    }
    case 'int':
      return parseInt64(t, v);
    case 'words': {
      // sdssplitlen on single spaces: an empty value is no words, two spaces make an empty word.
      const r = t.read(v === '' ? [] : v.split(' '));
      return typeof r === 'string' ? { ok: true, value: r } : { ok: false, error: r.error };
    }
  }
}

/** The value as CONFIG GET prints it: yes/no, decimal integers, words as stored. */
export function formatValue(v: SetValue | ConfigValue): string {
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

/** A value CONFIG SET accepted, as the node model holds it (integers as numbers). */
export function toConfigValue(v: SetValue): ConfigValue {
  return typeof v === 'bigint' ? Number(v) : v;
}
