// Condition sets: the conditions written together in one `expect:` entry, a
// `wait: { until: … }` or a `check:` (all must hold). Dispatches each key to
// its reader and applies the entry-level modifiers `seen-by:` and `on:`.

import { printable } from '../core/printable.ts';
import { readNodeNames } from './node-refs.ts';
import {
  readClusterState,
  readConverged,
  readEpoch,
  readEvent,
  readHistory,
  readInSync,
  readKeys,
  readLostWrites,
  readOpenSlots,
  readReplicasConsistent,
} from './schema-conditions-state.ts';
import { readFlag, readKnownNodes, readOwner, readReplicaOf, readReplicas, readRole, type EntryModifiers } from './schema-conditions-view.ts';
import type { Scope } from './scope.ts';
import { suggest } from './suggest.ts';
import type { Condition } from './types-conditions.ts';
import { CONDITION_KEYS, type ConditionKey } from './vocabulary.ts';
import { readMap, type Field, type YNode } from './yaml-read.ts';

type Reader = (scope: Scope, f: Field, mods: EntryModifiers) => Condition | Condition[] | undefined;

const READERS: Record<ConditionKey, Reader> = {
  role: readRole,
  'replica-of': readReplicaOf,
  replicas: readReplicas,
  'known-nodes': readKnownNodes,
  'cluster-state': readClusterState,
  flag: readFlag,
  owner: readOwner,
  'open-slots': readOpenSlots,
  epoch: readEpoch,
  converged: readConverged,
  'in-sync': readInSync,
  event: readEvent,
  'lost-writes': readLostWrites,
  history: readHistory,
  'replicas-consistent': readReplicasConsistent,
  keys: readKeys,
};

/** Conditions that look at node tables and so accept `seen-by:`. */
const VIEW_CONDITIONS: readonly string[] = ['role', 'replica-of', 'replicas', 'known-nodes', 'flag', 'owner'];

const MODIFIERS = ['seen-by', 'on'] as const;

const isConditionKey = (k: string): k is ConditionKey => (CONDITION_KEYS as readonly string[]).includes(k);

/**
 * The conditions among `fields`, skipping `ownKeys` (the caller's keys, e.g.
 * `at`/`by`/`always`). Unknown keys are unknown conditions, with the nearest
 * condition or key suggested. Undefined when anything was wrong.
 */
export function readConditions(scope: Scope, fields: readonly Field[], at: YNode, where: string, ownKeys: readonly string[] = []): Condition[] | undefined {
  const ctx = scope.ctx;
  const before = ctx.errors.length;
  const seenByField = fields.find((f) => f.key === 'seen-by');
  const onField = fields.find((f) => f.key === 'on');
  const seenBy = seenByField ? scope.nodeName(seenByField.at, 'seen-by') : undefined;
  const on = onField ? readNodeNames(scope, onField.at, 'on') : undefined;
  const mods: EntryModifiers = { ...(seenBy !== undefined ? { seenBy } : {}), ...(on ? { on } : {}) };
  const out: Condition[] = [];
  const present: string[] = [];
  for (const f of fields) {
    if (ownKeys.includes(f.key) || (MODIFIERS as readonly string[]).includes(f.key)) continue;
    if (!isConditionKey(f.key)) {
      ctx.error(f.keyNode, 'unknown-condition', `unknown condition "${printable(f.key)}" in ${where}`, suggest(f.key, [...CONDITION_KEYS, ...MODIFIERS, ...ownKeys]));
      continue;
    }
    present.push(f.key);
    const c = READERS[f.key](scope, f, mods);
    if (Array.isArray(c)) out.push(...c);
    else if (c) out.push(c);
  }
  if (seenByField && !present.some((k) => VIEW_CONDITIONS.includes(k))) {
    ctx.error(seenByField.keyNode, 'conflicting-keys', `seen-by applies to ${VIEW_CONDITIONS.join(', ')}; none is in this ${where}`);
  }
  if (onField && !present.includes('cluster-state')) {
    ctx.error(onField.keyNode, 'conflicting-keys', `on applies to cluster-state, which is not in this ${where}`);
  }
  if (present.length === 0 && ctx.errors.length === before) {
    ctx.error(at, 'missing-key', `${where} has no condition (one of ${CONDITION_KEYS.join(', ')})`);
  }
  return ctx.errors.length === before ? out : undefined;
}

/** A condition written as a value (`check: { … }`, `wait: { until: { … } }`). */
export function readConditionValue(scope: Scope, node: YNode, where: string): Condition[] | undefined {
  const fields = readMap(scope.ctx, node, where);
  return fields ? readConditions(scope, fields, node, where) : undefined;
}
