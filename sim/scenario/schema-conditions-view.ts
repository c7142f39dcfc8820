// Conditions about node tables (role, replica-of, replicas, known-nodes,
// flag, owner). They hold in every live node's view unless `seen-by:` names
// one observer, written inside the condition or beside it in the entry.

import { readComparison } from './comparison.ts';
import type { Scope } from './scope.ts';
import { readSlotRanges } from './slots.ts';
import type { Comparison, Condition, NodeFlag, NodeRole } from './types-conditions.ts';
import { checkKeys, readEnum, readMap, scalarValue, type Field } from './yaml-read.ts';

/** Modifiers written beside conditions in the same entry. */
export interface EntryModifiers {
  readonly seenBy?: string;
  readonly on?: readonly string[];
}

const FLAGS: readonly (NodeFlag | 'fail?' | 'replica')[] = ['pfail', 'fail?', 'fail', 'handshake', 'noaddr', 'nofailover', 'master', 'slave', 'replica', 'none'];

/**
 * A `{ NODE: value, …, seen-by: B }` map: each node key checked, values read
 * by `read`; returns the pairs and the observer.
 */
function readNodeMap<T>(
  scope: Scope,
  f: Field,
  mods: EntryModifiers,
  read: (x: Field) => T | undefined,
): { pairs: { node: string; value: T }[]; seenBy: string | undefined } | undefined {
  const fields = readMap(scope.ctx, f.value, f.key);
  if (!fields) return undefined;
  let seenBy = mods.seenBy;
  const pairs: { node: string; value: T }[] = [];
  let ok = true;
  for (const x of fields) {
    if (x.key === 'seen-by') {
      seenBy = scope.nodeName(x.at, 'seen-by');
      ok &&= seenBy !== undefined;
      continue;
    }
    const node = scope.checkNodeName(x.key, x.keyNode, f.key);
    const value = read(x);
    if (node === undefined || value === undefined) ok = false;
    else pairs.push({ node, value });
  }
  if (ok && pairs.length === 0) return scope.ctx.error(f.at, 'missing-key', `${f.key}: name at least one node`);
  return ok ? { pairs, seenBy } : undefined;
}

const withSeenBy = (seenBy: string | undefined): { seenBy?: string } => (seenBy === undefined ? {} : { seenBy });

export function readRole(scope: Scope, f: Field, mods: EntryModifiers): Condition | undefined {
  const m = readNodeMap(scope, f, mods, (x) => readEnum(scope.ctx, x.at, `role of ${x.key}`, ['master', 'replica', 'slave'] as const));
  if (!m) return undefined;
  const roles = m.pairs.map((p) => ({ node: p.node, role: (p.value === 'slave' ? 'replica' : p.value) as NodeRole }));
  return { kind: 'role', roles, pos: scope.ctx.pos(f.keyNode), ...withSeenBy(m.seenBy) };
}

export function readReplicaOf(scope: Scope, f: Field, mods: EntryModifiers): Condition | undefined {
  const m = readNodeMap(scope, f, mods, (x) => scope.nodeName(x.at, `replica-of ${x.key}`));
  if (!m) return undefined;
  const pairs = m.pairs.map((p) => ({ replica: p.node, master: p.value }));
  return { kind: 'replica-of', pairs, pos: scope.ctx.pos(f.keyNode), ...withSeenBy(m.seenBy) };
}

export function readReplicas(scope: Scope, f: Field, mods: EntryModifiers): Condition | undefined {
  const m = readNodeMap<Comparison>(scope, f, mods, (x) => readComparison(scope.ctx, x.at, `replicas of ${x.key}`));
  if (!m) return undefined;
  const counts = m.pairs.map((p) => ({ master: p.node, count: p.value }));
  return { kind: 'replicas', counts, pos: scope.ctx.pos(f.keyNode), ...withSeenBy(m.seenBy) };
}

export function readKnownNodes(scope: Scope, f: Field, mods: EntryModifiers): Condition | undefined {
  const m = readNodeMap<Comparison>(scope, f, mods, (x) => readComparison(scope.ctx, x.at, `known-nodes of ${x.key}`));
  if (!m) return undefined;
  // Each count is of the named node's own table: there is no other observer whose view could be meant.
  // A seen-by beside it in the entry is for the entry's other conditions; one written inside is a mistake.
  if (m.seenBy !== mods.seenBy) return scope.ctx.error(f.keyNode, 'bad-value', `known-nodes counts each named node's own table; seen-by does not apply (name the node itself: known-nodes: { ${m.seenBy}: N })`);
  const counts = m.pairs.map((p) => ({ node: p.node, count: p.value }));
  return { kind: 'known-nodes', counts, pos: scope.ctx.pos(f.keyNode) };
}

/** `flag: { seen-by: B, node: A, is: fail }` */
export function readFlag(scope: Scope, f: Field, mods: EntryModifiers): Condition | undefined {
  const ctx = scope.ctx;
  const fields = readMap(ctx, f.value, 'flag');
  if (!fields) return undefined;
  const k = checkKeys(ctx, fields, ['seen-by', 'node', 'is'], 'flag');
  if (!k.get('node') || !k.get('is')) return ctx.error(f.at, 'missing-key', 'flag needs node: and is:');
  const node = scope.nodeName(k.get('node')!.at, 'flag node');
  const raw = readEnum(ctx, k.get('is')!.at, 'flag', FLAGS);
  const seenBy = k.get('seen-by') ? scope.nodeName(k.get('seen-by')!.at, 'seen-by') : mods.seenBy;
  if (node === undefined || raw === undefined || (k.get('seen-by') && seenBy === undefined)) return undefined;
  // CLUSTER NODES prints pfail as `fail?` and replicas as `slave`: accept both spellings, keep one.
  const flag: NodeFlag = raw === 'fail?' ? 'pfail' : raw === 'replica' ? 'slave' : raw;
  return { kind: 'flag', node, flag, pos: ctx.pos(f.keyNode), ...withSeenBy(seenBy) };
}

/** `owner: { slots: 0-5460, is: A1 }`; `is: none` asks for unassigned slots. */
export function readOwner(scope: Scope, f: Field, mods: EntryModifiers): Condition | undefined {
  const ctx = scope.ctx;
  const fields = readMap(ctx, f.value, 'owner');
  if (!fields) return undefined;
  const k = checkKeys(ctx, fields, ['slots', 'is', 'seen-by'], 'owner');
  if (!k.get('slots') || !k.get('is')) return ctx.error(f.at, 'missing-key', 'owner needs slots: and is:');
  const slots = readSlotRanges(ctx, k.get('slots')!.at, 'owner slots');
  const isNode = k.get('is')!.at;
  const owner = scalarValue(isNode) === 'none' ? null : scope.nodeName(isNode, 'owner');
  const seenBy = k.get('seen-by') ? scope.nodeName(k.get('seen-by')!.at, 'seen-by') : mods.seenBy;
  if (!slots || owner === undefined || (k.get('seen-by') && seenBy === undefined)) return undefined;
  return { kind: 'owner', slots, owner, pos: ctx.pos(f.keyNode), ...withSeenBy(seenBy) };
}
