// How actions name nodes: a plain name, a selector resolved when the action
// runs (`{ owner-of-slot: 0 }`, `{ replica-of: A, pick: random }`), or a group
// of them for partitions and links (`[A, B]`, `"*"`, `[[A], "*"]`).

import { printable } from '../core/printable.ts';
import { isMap, isSeq } from 'yaml';
import type { Scope } from './scope.ts';
import { readSlot } from './slots.ts';
import type { GroupMember, NodeGroup, NodeRef } from './types-timeline.ts';
import { checkKeys, readEnum, readList, readMap, scalarValue, wrongType, type YNode } from './yaml-read.ts';

const SELECTOR_KEYS = ['owner-of-slot', 'replica-of', 'pick'] as const;

/** A node or a selector, wherever an action takes a node. */
export function readNodeRef(scope: Scope, node: YNode, what: string): NodeRef | undefined {
  const ctx = scope.ctx;
  node = ctx.deref(node);
  if (!isMap(node)) {
    const name = scope.nodeName(node, what);
    return name === undefined ? undefined : { kind: 'name', name };
  }
  const fields = readMap(ctx, node, what) ?? [];
  const f = checkKeys(ctx, fields, SELECTOR_KEYS, `a node selector`);
  const owner = f.get('owner-of-slot');
  const replicaOf = f.get('replica-of');
  const pick = f.get('pick');
  if (owner && replicaOf) return ctx.error(replicaOf.keyNode, 'conflicting-keys', `${what}: a selector has either owner-of-slot or replica-of, not both`);
  if (owner) {
    if (pick) ctx.error(pick.keyNode, 'conflicting-keys', `${what}: pick applies only to replica-of`);
    const slot = readSlot(ctx, owner.at, 'owner-of-slot');
    return slot === undefined ? undefined : { kind: 'owner-of-slot', slot };
  }
  if (replicaOf) {
    const master = readNodeRef(scope, replicaOf.at, 'replica-of');
    const how = pick ? readEnum(ctx, pick.at, 'pick', ['first', 'random'] as const) : 'first';
    if (!master || !how) return undefined;
    return { kind: 'replica-of', master, pick: how };
  }
  if (fields.length === f.size) ctx.error(node, 'wrong-type', `${what}: expected a node name or a selector ({ owner-of-slot: N } or { replica-of: A })`);
  return undefined;
}

/** A list of node names (or one name), for conditions that take names only. */
export function readNodeNames(scope: Scope, node: YNode, what: string): string[] | undefined {
  node = scope.ctx.deref(node);
  const items = isSeq(node) ? node.items.map((i) => scope.ctx.deref(i)) : [node];
  if (items.length === 0) return wrongType(scope.ctx, node, what, 'at least one node name');
  const names = items.map((i) => scope.nodeName(i, what));
  return names.every((n): n is string => n !== undefined) ? names : undefined;
}

/**
 * One side of a partition, link or drop: a node, a selector, `"*"` (every node
 * not named elsewhere) or a list of these; workload names only where clients can be cut.
 */
export function readGroup(scope: Scope, node: YNode, what: string, allowWorkloads: boolean): NodeGroup | undefined {
  node = scope.ctx.deref(node);
  const items = isSeq(node) ? node.items.map((i) => scope.ctx.deref(i)) : [node];
  if (items.length === 0) return wrongType(scope.ctx, node, what, 'a non-empty group of nodes');
  const members: GroupMember[] = [];
  let rest = false;
  let ok = true;
  for (const item of items) {
    const v = scalarValue(item);
    if (v === '*') {
      if (rest) scope.ctx.error(item, 'bad-value', `${what}: "*" appears twice in one group`);
      rest = true;
    } else if (typeof v === 'string' && scope.isWorkload(v)) {
      if (allowWorkloads) members.push({ kind: 'workload', name: v });
      else {
        ok = false;
        scope.ctx.error(item, 'bad-value', `${what}: "${printable(v)}" is a workload; only partition and heal groups can include clients`);
      }
    } else if (typeof v === 'string' && allowWorkloads && scope.workloads === null && scope.nodes !== null && !scope.nodes.includes(v)) {
      // The workload section had errors, so this may well be a workload: do not pile an unknown-node error on top.
      ok = false;
    } else if (isSeq(item)) {
      ok = false;
      wrongType(scope.ctx, item, what, 'a node name, "*" or a selector (groups do not nest)');
    } else {
      const ref = readNodeRef(scope, item, what);
      if (ref) members.push({ kind: 'node', node: ref });
      else ok = false;
    }
  }
  return ok ? { members, rest } : undefined;
}

/**
 * Several groups of one action, e.g. `[[A], "*"]`: the same node may not sit
 * in two groups, and only one group may be the rest (`"*"`).
 */
export function readGroups(scope: Scope, node: YNode, what: string, opts: { min: number; max?: number; allowWorkloads: boolean }): NodeGroup[] | undefined {
  const items = readList(scope.ctx, node, what);
  if (!items) return undefined;
  const count = opts.max === opts.min ? `exactly ${opts.min}` : `at least ${opts.min}`;
  if (items.length < opts.min || (opts.max !== undefined && items.length > opts.max)) {
    return scope.ctx.error(node, 'bad-value', `${what}: expected ${count} groups, got ${items.length}`);
  }
  const read = items.map((at) => ({ at, group: readGroup(scope, at, what, opts.allowWorkloads) }));
  if (read.some((r) => r.group === undefined)) return undefined;
  const groups = read as { at: YNode; group: NodeGroup }[];
  return checkDisjoint(scope, groups, what) ? groups.map((g) => g.group) : undefined;
}

/** Sides of one action must not share a named member, and at most one may be `"*"`. */
export function checkDisjoint(scope: Scope, groups: readonly { at: YNode; group: NodeGroup }[], what: string): boolean {
  const seen = new Set<string>();
  let restSeen = false;
  let ok = true;
  for (const { at, group } of groups) {
    if (group.rest && restSeen) {
      ok = false;
      scope.ctx.error(at, 'bad-value', `${what}: only one group may be "*"`);
    }
    restSeen ||= group.rest;
    for (const m of group.members) {
      const key = m.kind === 'workload' ? m.name : m.node.kind === 'name' ? m.node.name : undefined;
      if (key === undefined) continue;
      if (seen.has(key)) {
        ok = false;
        scope.ctx.error(at, 'bad-value', `${what}: ${key} is in more than one group`);
      }
      seen.add(key);
    }
  }
  return ok;
}

/** `between: [A, B]` or `between: [[A], "*"]`: exactly two sides. */
export function readBetween(scope: Scope, node: YNode, what: string, allowWorkloads: boolean): [NodeGroup, NodeGroup] | undefined {
  const g = readGroups(scope, node, what, { min: 2, max: 2, allowWorkloads });
  return g ? [g[0]!, g[1]!] : undefined;
}
