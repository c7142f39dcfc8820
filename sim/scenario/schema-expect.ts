// The `expect:` section (conditions checked at a time, by a deadline, at the
// end, or always) and the `invariants:` section (disable safety invariants by
// name).

import { printable } from '../core/printable.ts';
import { readConditions } from './schema-conditions.ts';
import type { Scope } from './scope.ts';
import { suggest } from './suggest.ts';
import type { InvariantSettings } from './types.ts';
import type { Expectation, ExpectTiming } from './types-timeline.ts';
import { CHECK_NAMES, INVARIANT_NAMES, KNOWN_FLAWS, PROPERTY_NAMES, type InvariantName, type KnownFlaw } from './vocabulary.ts';
import { isEmpty, readBool, readList, readMap, readTime, scalarValue, type Field, type YNode } from './yaml-read.ts';

const TIMING_KEYS = ['at', 'by', 'always'] as const;

/** The whole `expect:` list. */
export function readExpectations(scope: Scope, node: YNode | undefined): Expectation[] {
  if (node === undefined || isEmpty(node)) return [];
  const out: Expectation[] = [];
  for (const item of readList(scope.ctx, node, 'expect') ?? []) {
    const e = readExpectation(scope, item);
    if (e) out.push(e);
  }
  return out;
}

/** One entry: `at: 30s | end`, `by: 20s` or `always: true` (default `at: end`), plus its conditions. */
function readExpectation(scope: Scope, node: YNode): Expectation | undefined {
  const ctx = scope.ctx;
  const fields = readMap(ctx, node, 'expect entry');
  if (!fields) return undefined;
  const timingFields = fields.filter((f) => (TIMING_KEYS as readonly string[]).includes(f.key));
  let timing: ExpectTiming | undefined = { kind: 'end' };
  if (timingFields.length > 1) {
    ctx.error(timingFields[1]!.keyNode, 'conflicting-keys', 'an expectation has one of at:, by: or always:, not several');
    timing = undefined;
  } else if (timingFields.length === 1) {
    timing = readExpectTiming(scope, timingFields[0]!);
  }
  const conditions = readConditions(scope, fields, node, 'expectation', TIMING_KEYS);
  if (!timing || !conditions) return undefined;
  return { timing, conditions, pos: ctx.pos(fields[0]?.keyNode ?? node) };
}

function readExpectTiming(scope: Scope, f: Field): ExpectTiming | undefined {
  const ctx = scope.ctx;
  if (f.key === 'always') {
    const v = readBool(ctx, f.at, 'always');
    if (v === false) return ctx.error(f.at, 'bad-value', 'always: false checks nothing; write always: true or remove the entry');
    return v ? { kind: 'always' } : undefined;
  }
  if (f.key === 'at' && scalarValue(f.value) === 'end') return { kind: 'end' };
  const ms = readTime(ctx, f.at, f.key);
  if (ms === undefined || scope.withinDuration(f.at, ms, f.key) === undefined) return undefined;
  return f.key === 'at' ? { kind: 'at', ms } : { kind: 'by', ms };
}

/**
 * `invariants: { converges-after-heal: false }` or
 * `invariants: { disable: [converges-after-heal] }`. Every invariant not
 * disabled stays enabled.
 */
export function readInvariants(scope: Scope, node: YNode | undefined): InvariantSettings {
  const ctx = scope.ctx;
  const disabled = new Set<InvariantName>();
  const turnedOn = new Set<InvariantName>();
  const knownFlaws: KnownFlaw[] = [];
  const fields = node === undefined || isEmpty(node) ? [] : (readMap(ctx, node, 'invariants') ?? []);
  const known = (name: string, at: YNode): InvariantName | undefined => {
    const hit = CHECK_NAMES.find((n) => n === name);
    return hit ?? ctx.error(at, 'unknown-name', `unknown invariant "${printable(name)}"`, suggest(name, CHECK_NAMES));
  };
  for (const f of fields) {
    if (f.key === 'disable') {
      for (const item of readList(ctx, f.value, 'invariants disable') ?? []) {
        const v = scalarValue(item);
        const name = typeof v === 'string' ? known(v, item) : ctx.error(item, 'wrong-type', 'invariants disable: expected invariant names');
        if (name) disabled.add(name);
      }
      continue;
    }
    if (f.key === 'known-flaws') {
      for (const item of readList(ctx, f.value, 'invariants known-flaws') ?? []) {
        const v = scalarValue(item);
        const flaw = KNOWN_FLAWS.find((k) => k === v);
        if (flaw) knownFlaws.push(flaw);
        else ctx.error(item, 'unknown-name', `unknown known flaw "${printable(String(v))}"`, suggest(String(v), KNOWN_FLAWS));
      }
      continue;
    }
    const name = known(f.key, f.keyNode);
    const on = readBool(ctx, f.at, `invariant ${f.key}`);
    if (name && on === false) disabled.add(name);
    if (name && on === true) turnedOn.add(name);
  }
  // Properties are opt-in: on only when written `NAME: true` (and not also disabled).
  const properties = PROPERTY_NAMES.filter((n) => turnedOn.has(n) && !disabled.has(n));
  return {
    enabled: [...INVARIANT_NAMES.filter((n) => !disabled.has(n)), ...properties],
    disabled: INVARIANT_NAMES.filter((n) => disabled.has(n)),
    ...(knownFlaws.length > 0 ? { knownFlaws } : {}),
  };
}
