// Condition sets back to YAML maps (for expect entries, wait: until and
// check:). One set is one map, so each condition kind may appear once; the
// only kind the loader itself expands into several conditions is the short
// form of `event:` (`{ election-won: A1, vote-denied: B }`), which is merged
// back here. `seen-by` / `on` are written inside each condition, which the
// loader reads the same as the entry-level modifiers.

import type { Condition, ConditionSet, EventCondition } from './types-conditions.ts';
import { fmtComparison, fmtSlots, Flow, type Plain } from './to-yaml-values.ts';

/** A condition set cannot be written as one YAML map (only possible for sets built in code). */
export class NotWritableError extends Error {}

const seen = (c: { seenBy?: string }): Record<string, string> => (c.seenBy === undefined ? {} : { 'seen-by': c.seenBy });

/** The `key: value` a condition is written as (events are handled by eventValue). */
function conditionValue(c: Exclude<Condition, EventCondition>): Plain {
  switch (c.kind) {
    case 'role':
      return new Flow({ ...Object.fromEntries(c.roles.map((r) => [r.node, r.role])), ...seen(c) });
    case 'replica-of':
      return new Flow({ ...Object.fromEntries(c.pairs.map((p) => [p.replica, p.master])), ...seen(c) });
    case 'replicas':
      return new Flow({ ...Object.fromEntries(c.counts.map((p) => [p.master, fmtComparison(p.count)])), ...seen(c) });
    case 'known-nodes':
      return new Flow({ ...Object.fromEntries(c.counts.map((p) => [p.node, fmtComparison(p.count)])), ...seen(c) });
    case 'cluster-state':
      return c.on === undefined ? c.state : new Flow({ is: c.state, on: [...c.on] });
    case 'flag':
      return new Flow({ ...seen(c), node: c.node, is: c.flag });
    case 'owner':
      return new Flow({ slots: fmtSlots(c.slots), is: c.owner ?? 'none', ...seen(c) });
    case 'open-slots':
      return c.slots === undefined && c.none ? 'none' : new Flow({ ...(c.slots ? { slots: fmtSlots(c.slots) } : {}), none: c.none });
    case 'epoch':
      return new Flow({
        node: c.node,
        ...(c.config ? { config: fmtComparison(c.config) } : {}),
        ...(c.current ? { current: fmtComparison(c.current) } : {}),
      });
    case 'converged':
      return c.value;
    case 'in-sync':
      return new Flow([...c.replicas]);
    case 'lost-writes':
      return new Flow({ ...(c.max !== undefined ? { max: c.max } : {}), ...(c.min !== undefined ? { min: c.min } : {}) });
    case 'history':
      return c.value;
    case 'replicas-consistent':
      return c.value;
    case 'keys-readable':
      return new Flow({ readable: 'all' });
    case 'keys-in-slot':
      return new Flow({ on: c.on, slot: c.slot, count: fmtComparison(c.count) });
  }
}

const YAML_KEY: Record<Condition['kind'], string> = {
  role: 'role',
  'replica-of': 'replica-of',
  replicas: 'replicas',
  'known-nodes': 'known-nodes',
  'cluster-state': 'cluster-state',
  flag: 'flag',
  owner: 'owner',
  'open-slots': 'open-slots',
  epoch: 'epoch',
  converged: 'converged',
  'in-sync': 'in-sync',
  event: 'event',
  'lost-writes': 'lost-writes',
  history: 'history',
  'replicas-consistent': 'replicas-consistent',
  'keys-readable': 'keys',
  'keys-in-slot': 'keys',
};

const isDefaultCount = (e: EventCondition): boolean => e.count.op === '>=' && e.count.value === 1;

/** `{ election-won: A1 }` (short form, several merged) or the long form with `name:`. */
function eventValue(events: readonly EventCondition[]): Plain {
  const first = events[0]!;
  if (first.involving !== undefined) {
    const out: Record<string, Plain> = {};
    for (const e of events) {
      if (e.involving === undefined || out[e.name] !== undefined || e.count.op !== first.count.op || e.count.value !== first.count.value) {
        throw new NotWritableError('event conditions that differ in form or count cannot share one map');
      }
      out[e.name] = e.involving;
    }
    return new Flow({ ...out, ...(isDefaultCount(first) ? {} : { count: fmtComparison(first.count) }) });
  }
  if (events.length > 1) throw new NotWritableError('two long-form event conditions cannot share one map');
  const detail = Object.fromEntries(
    first.detail.map((d) => {
      if (d.match.kind === 'equals') return [d.key, d.match.text];
      // The loader reads a detail value as a comparison only when it starts with <, > or !.
      if (d.match.cmp.op === '==') throw new NotWritableError('an event detail cannot be written as an equality comparison');
      return [d.key, fmtComparison(d.match.cmp)];
    }),
  );
  return new Flow({
    name: first.name,
    ...(first.node !== undefined ? { node: first.node } : {}),
    ...(first.subject !== undefined ? { subject: first.subject } : {}),
    ...(first.detail.length > 0 ? { detail } : {}),
    ...(isDefaultCount(first) ? {} : { count: fmtComparison(first.count) }),
  });
}

/** A whole condition set as the fields of one map, in the set's order. */
export function conditionFields(set: ConditionSet): Record<string, Plain> {
  const out: Record<string, Plain> = {};
  for (let i = 0; i < set.length; ) {
    const c = set[i]!;
    const key = YAML_KEY[c.kind];
    if (key in out) throw new NotWritableError(`two "${key}" conditions cannot share one map`);
    if (c.kind === 'event') {
      // Consecutive short-form events came from one `event:` key.
      let j = i + 1;
      while (c.involving !== undefined && j < set.length && set[j]!.kind === 'event' && (set[j] as EventCondition).involving !== undefined) j++;
      out[key] = eventValue(set.slice(i, j) as EventCondition[]);
      i = j;
      continue;
    }
    out[key] = conditionValue(c);
    i++;
  }
  return out;
}
