// Conditions about cluster state, epochs, replication, events and data
// (cluster-state, open-slots, epoch, converged, in-sync, event, lost-writes,
// history, replicas-consistent, keys).

import { printable } from '../core/printable.ts';
import { isMap } from 'yaml';
import { parseComparison, readComparison } from './comparison.ts';
import { readNodeNames } from './node-refs.ts';
import type { EntryModifiers } from './schema-conditions-view.ts';
import type { Scope } from './scope.ts';
import { readSlot, readSlotRanges } from './slots.ts';
import { suggest } from './suggest.ts';
import type { Condition, DetailMatch } from './types-conditions.ts';
import { EVENT_NAMES } from './vocabulary.ts';
import { checkKeys, readBool, readEnum, readMap, readNumber, scalarValue, wrongType, type Field } from './yaml-read.ts';

/** `cluster-state: ok`, with `on: [B, C]` beside it or `{ is: ok, on: [B, C] }`. */
export function readClusterState(scope: Scope, f: Field, mods: EntryModifiers): Condition | undefined {
  const ctx = scope.ctx;
  let stateNode = f.at;
  let on = mods.on;
  if (isMap(f.value)) {
    const k = checkKeys(ctx, readMap(ctx, f.value, 'cluster-state') ?? [], ['is', 'on'], 'cluster-state');
    if (!k.get('is')) return ctx.error(f.at, 'missing-key', 'cluster-state needs is: ok or is: fail');
    stateNode = k.get('is')!.at;
    if (k.get('on')) on = readNodeNames(scope, k.get('on')!.at, 'cluster-state on');
    if (k.get('on') && !on) return undefined;
  }
  const state = readEnum(ctx, stateNode, 'cluster-state', ['ok', 'fail'] as const);
  if (!state) return undefined;
  return { kind: 'cluster-state', state, pos: ctx.pos(f.keyNode), ...(on ? { on } : {}) };
}

/** `open-slots: none` or `{ slots: 609, none: true }`. */
export function readOpenSlots(scope: Scope, f: Field): Condition | undefined {
  const ctx = scope.ctx;
  const pos = ctx.pos(f.keyNode);
  if (!isMap(f.value)) {
    return readEnum(ctx, f.at, 'open-slots', ['none'] as const) ? { kind: 'open-slots', none: true, pos } : undefined;
  }
  const k = checkKeys(ctx, readMap(ctx, f.value, 'open-slots') ?? [], ['slots', 'none'], 'open-slots');
  const slots = k.get('slots') ? readSlotRanges(ctx, k.get('slots')!.at, 'open-slots slots') : undefined;
  const none = k.get('none') ? readBool(ctx, k.get('none')!.at, 'open-slots none') : true;
  if ((k.get('slots') && !slots) || none === undefined) return undefined;
  return { kind: 'open-slots', none, pos, ...(slots ? { slots } : {}) };
}

/** `epoch: { node: A1, config: 7 }` and/or `current: ">=7"`. */
export function readEpoch(scope: Scope, f: Field): Condition | undefined {
  const ctx = scope.ctx;
  const k = checkKeys(ctx, readMap(ctx, f.value, 'epoch') ?? [], ['node', 'config', 'current'], 'epoch');
  if (!k.get('node')) return ctx.error(f.at, 'missing-key', 'epoch needs node:');
  if (!k.get('config') && !k.get('current')) return ctx.error(f.at, 'missing-key', 'epoch needs config: or current:');
  const node = scope.nodeName(k.get('node')!.at, 'epoch node');
  const config = k.get('config') ? readComparison(ctx, k.get('config')!.at, 'config epoch') : undefined;
  const current = k.get('current') ? readComparison(ctx, k.get('current')!.at, 'current epoch') : undefined;
  if (node === undefined || (k.get('config') && !config) || (k.get('current') && !current)) return undefined;
  return { kind: 'epoch', node, pos: ctx.pos(f.keyNode), ...(config ? { config } : {}), ...(current ? { current } : {}) };
}

export function readConverged(scope: Scope, f: Field): Condition | undefined {
  const value = readBool(scope.ctx, f.at, 'converged');
  return value === undefined ? undefined : { kind: 'converged', value, pos: scope.ctx.pos(f.keyNode) };
}

export function readReplicasConsistent(scope: Scope, f: Field): Condition | undefined {
  const value = readBool(scope.ctx, f.at, 'replicas-consistent');
  return value === undefined ? undefined : { kind: 'replicas-consistent', value, pos: scope.ctx.pos(f.keyNode) };
}

export function readInSync(scope: Scope, f: Field): Condition | undefined {
  const replicas = readNodeNames(scope, f.at, 'in-sync');
  return replicas ? { kind: 'in-sync', replicas, pos: scope.ctx.pos(f.keyNode) } : undefined;
}

export function readHistory(scope: Scope, f: Field): Condition | undefined {
  return readEnum(scope.ctx, f.at, 'history', ['consistent'] as const) ? { kind: 'history', value: 'consistent', pos: scope.ctx.pos(f.keyNode) } : undefined;
}

/** `lost-writes: { max: N }` (and/or `min:`); a bare number means `max`. */
export function readLostWrites(scope: Scope, f: Field): Condition | undefined {
  const ctx = scope.ctx;
  const pos = ctx.pos(f.keyNode);
  if (scalarValue(f.value) !== undefined) {
    const max = readNumber(ctx, f.at, 'lost-writes', { integer: true, min: 0 });
    return max === undefined ? undefined : { kind: 'lost-writes', max, pos };
  }
  const k = checkKeys(ctx, readMap(ctx, f.value, 'lost-writes') ?? [], ['max', 'min'], 'lost-writes');
  if (!k.get('max') && !k.get('min')) return ctx.error(f.at, 'missing-key', 'lost-writes needs max: or min:');
  const max = k.get('max') ? readNumber(ctx, k.get('max')!.at, 'lost-writes max', { integer: true, min: 0 }) : undefined;
  const min = k.get('min') ? readNumber(ctx, k.get('min')!.at, 'lost-writes min', { integer: true, min: 0 }) : undefined;
  if ((k.get('max') && max === undefined) || (k.get('min') && min === undefined)) return undefined;
  if (max !== undefined && min !== undefined && min > max) return ctx.error(f.at, 'bad-range', `lost-writes: min ${min} is above max ${max}`);
  return { kind: 'lost-writes', pos, ...(max !== undefined ? { max } : {}), ...(min !== undefined ? { min } : {}) };
}

/** `keys: { readable: all }` or `keys: { on: A, slot: 3028, count: 0 }`. */
export function readKeys(scope: Scope, f: Field): Condition | undefined {
  const ctx = scope.ctx;
  const pos = ctx.pos(f.keyNode);
  const k = checkKeys(ctx, readMap(ctx, f.value, 'keys') ?? [], ['readable', 'on', 'slot', 'count'], 'keys');
  if (k.get('readable')) {
    const other = ['on', 'slot', 'count'].find((x) => k.get(x));
    if (other) return ctx.error(k.get(other)!.keyNode, 'conflicting-keys', 'keys: readable: all stands alone (on/slot/count is the other form)');
    return readEnum(ctx, k.get('readable')!.at, 'keys readable', ['all'] as const) ? { kind: 'keys-readable', pos } : undefined;
  }
  if (!k.get('on') || !k.get('slot') || !k.get('count')) return ctx.error(f.at, 'missing-key', 'keys needs readable: all, or on:, slot: and count:');
  const on = scope.nodeName(k.get('on')!.at, 'keys on');
  const slot = readSlot(ctx, k.get('slot')!.at, 'keys slot');
  const count = readComparison(ctx, k.get('count')!.at, 'keys count');
  if (on === undefined || slot === undefined || !count) return undefined;
  return { kind: 'keys-in-slot', on, slot, count, pos };
}

/**
 * `event: { election-won: A1 }` (short form; several pairs = several
 * conditions) or the long form with `name:`. Event names come from EVENT_NAMES.
 */
export function readEvent(scope: Scope, f: Field): Condition[] | undefined {
  const ctx = scope.ctx;
  const pos = ctx.pos(f.keyNode);
  const fields = readMap(ctx, f.value, 'event');
  if (!fields) return undefined;
  const eventName = (x: Field, raw: string): string | undefined =>
    (EVENT_NAMES as readonly string[]).includes(raw) ? raw : ctx.error(x.at, 'unknown-name', `unknown event "${printable(raw)}"`, suggest(raw, EVENT_NAMES));
  if (!fields.some((x) => x.key === 'name')) {
    // `count:` beside short-form pairs applies to each (`{ election-won: A1, count: 0 }`).
    const countField = fields.find((x) => x.key === 'count');
    const count = countField ? readComparison(ctx, countField.at, 'event count') : { op: '>=' as const, value: 1 };
    if (!count) return undefined;
    const pairs = fields.filter((x) => x !== countField);
    if (pairs.length === 0) return ctx.error(f.at, 'missing-key', 'event needs an event name, e.g. { election-won: A1 }');
    const out: Condition[] = [];
    for (const x of pairs) {
      const name = (EVENT_NAMES as readonly string[]).includes(x.key)
        ? x.key
        : ctx.error(x.keyNode, 'unknown-name', `unknown event "${printable(x.key)}" (or use the long form with name:)`, suggest(x.key, EVENT_NAMES));
      const involving = scope.nodeName(x.at, `event ${x.key}`);
      if (name !== undefined && involving !== undefined) out.push({ kind: 'event', name, involving, detail: [], count, pos });
    }
    return out.length === pairs.length ? out : undefined;
  }
  const k = checkKeys(ctx, fields, ['name', 'node', 'subject', 'detail', 'count'], 'event');
  const nameField = k.get('name')!;
  const rawName = scalarValue(nameField.value);
  const name = typeof rawName === 'string' ? eventName(nameField, rawName) : wrongType(ctx, nameField.at, 'event name', 'an event name');
  const node = k.get('node') ? scope.nodeName(k.get('node')!.at, 'event node') : undefined;
  const subject = k.get('subject') ? scope.nodeName(k.get('subject')!.at, 'event subject') : undefined;
  const count = k.get('count') ? readComparison(ctx, k.get('count')!.at, 'event count') : { op: '>=' as const, value: 1 };
  const detail: { key: string; match: DetailMatch }[] = [];
  for (const d of k.get('detail') ? (readMap(ctx, k.get('detail')!.value, 'event detail') ?? []) : []) {
    const v = scalarValue(d.value);
    if (v === undefined || v === null) {
      wrongType(ctx, d.at, `detail ${d.key}`, 'a value');
      continue;
    }
    // `"<1000"` compares numerically; anything else must read exactly the same (`rank: 1` is `rank=1`).
    const cmp = typeof v === 'string' && /^\s*(<|>|!)/.test(v) ? parseComparison(v) : undefined;
    detail.push({ key: d.key, match: cmp ? { kind: 'compare', cmp } : { kind: 'equals', text: String(v) } });
  }
  if (name === undefined || !count || (k.get('node') && !node) || (k.get('subject') && !subject)) return undefined;
  return [{ kind: 'event', name, detail, count, pos, ...(node ? { node } : {}), ...(subject ? { subject } : {}) }];
}
