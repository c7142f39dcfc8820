// Readers for the fault actions of the timeline: partitions and links,
// message drops, process faults (kill/restart/pause/resume/shutdown/start)
// and replication cuts. Each takes the action's field and returns the typed
// action or records errors and returns undefined.

import { checkDisjoint, readBetween, readGroup, readGroups, readNodeRef } from './node-refs.ts';
import { readLinkChange } from './schema-network.ts';
import type { Scope } from './scope.ts';
import { suggest } from './suggest.ts';
import type { Action, BusMessageType, NodeRef } from './types-timeline.ts';
import { BUS_MESSAGE_ALIASES, BUS_MESSAGE_TYPES } from './vocabulary.ts';
import { checkKeys, describe, readBool, readDuration, readEnum, readList, readMap, scalarValue, type Field } from './yaml-read.ts';
import { isMap, isSeq } from 'yaml';

/** `partition: [[A], "*"]` or `partition: { from: [A], to: [B, C], oneway: true }`. */
export function readPartition(scope: Scope, f: Field): Action | undefined {
  const ctx = scope.ctx;
  if (!isMap(f.value)) {
    if (!isSeq(f.value)) return ctx.error(f.at, 'wrong-type', `partition: expected groups like [[A], "*"] or { from, to }, got ${describe(f.value)}`);
    const groups = readGroups(scope, f.value, 'partition', { min: 2, allowWorkloads: true });
    return groups ? { type: 'partition', groups } : undefined;
  }
  const k = checkKeys(ctx, readMap(ctx, f.value, 'partition') ?? [], ['from', 'to', 'oneway'], 'partition');
  if (!k.get('from') || !k.get('to')) return ctx.error(f.at, 'missing-key', 'partition needs from: and to: (or a list of groups)');
  const from = readGroup(scope, k.get('from')!.value, 'partition from', true);
  const to = readGroup(scope, k.get('to')!.value, 'partition to', true);
  const oneway = k.get('oneway') ? readBool(ctx, k.get('oneway')!.at, 'oneway') : false;
  if (!from || !to || oneway === undefined) return undefined;
  const sides = [
    { at: k.get('from')!.value, group: from },
    { at: k.get('to')!.value, group: to },
  ];
  if (!checkDisjoint(scope, sides, 'partition')) return undefined;
  return { type: 'partition-between', from, to, oneway };
}

/** `heal: all` or `heal: { between: [A, B] }`. */
export function readHeal(scope: Scope, f: Field): Action | undefined {
  const ctx = scope.ctx;
  if (!isMap(f.value)) return readEnum(ctx, f.at, 'heal', ['all'] as const) ? { type: 'heal' } : undefined;
  const k = checkKeys(ctx, readMap(ctx, f.value, 'heal') ?? [], ['between'], 'heal');
  if (!k.get('between')) return ctx.error(f.at, 'missing-key', 'heal needs between: [X, Y] (or heal: all)');
  const between = readBetween(scope, k.get('between')!.value, 'heal between', true);
  return between ? { type: 'heal', between } : undefined;
}

/** `link: { between: [A, B], latency: 50ms, loss: 0.05 }` or `{ …, reset: true }`. */
export function readLink(scope: Scope, f: Field): Action | undefined {
  const ctx = scope.ctx;
  const k = checkKeys(ctx, readMap(ctx, f.value, 'link') ?? [], ['between', 'latency', 'loss', 'reset'], 'link');
  if (!k.get('between')) return ctx.error(f.at, 'missing-key', 'link needs between: [X, Y] (network: changes every link)');
  const between = readBetween(scope, k.get('between')!.value, 'link between', false);
  const change = readLinkChange(ctx, k, f.at, 'link');
  return between && change ? { type: 'link', between, change } : undefined;
}

/** `network: { latency: 5ms, loss: 0.01 }` or `{ reset: true }`: the defaults of every link. */
export function readNetworkAction(scope: Scope, f: Field): Action | undefined {
  const ctx = scope.ctx;
  const k = checkKeys(ctx, readMap(ctx, f.value, 'network') ?? [], ['latency', 'loss', 'reset'], 'network');
  const change = readLinkChange(ctx, k, f.at, 'network');
  return change ? { type: 'network', change } : undefined;
}

/** `drop: { type: PING, from: A, to: B, for: 10s }`; `type` may be a list, or absent for every type. */
export function readDrop(scope: Scope, f: Field): Action | undefined {
  const ctx = scope.ctx;
  const k = checkKeys(ctx, readMap(ctx, f.value, 'drop') ?? [], ['type', 'from', 'to', 'for'], 'drop');
  if (!k.get('from') || !k.get('to')) return ctx.error(f.at, 'missing-key', 'drop needs from: and to:');
  const typeField = k.get('type');
  const typeNodes = typeField ? (isSeq(typeField.value) ? (readList(ctx, typeField.value, 'drop type') ?? []) : [typeField.at]) : [];
  const messageTypes: BusMessageType[] = [];
  let ok = true;
  for (const t of typeNodes) {
    const raw = scalarValue(t);
    const word = typeof raw === 'string' ? raw.toUpperCase() : '';
    const hit = BUS_MESSAGE_TYPES.find((x) => x === word) ?? BUS_MESSAGE_ALIASES[word];
    if (hit) messageTypes.push(hit);
    else {
      ok = false;
      ctx.error(t, 'bad-value', `drop: unknown message type ${describe(t)} (one of ${BUS_MESSAGE_TYPES.join(', ')})`, suggest(word, BUS_MESSAGE_TYPES));
    }
  }
  const from = readGroup(scope, k.get('from')!.value, 'drop from', false);
  const to = readGroup(scope, k.get('to')!.value, 'drop to', false);
  const forMs = k.get('for') ? readDuration(ctx, k.get('for')!.at, 'for', { positive: true }) : undefined;
  if (!ok || !from || !to || (k.get('for') && forMs === undefined)) return undefined;
  return { type: 'drop', messageTypes, from, to, ...(forMs !== undefined ? { forMs } : {}) };
}

type NodeActionType = 'isolate' | 'kill' | 'restart' | 'resume' | 'shutdown' | 'start';

/** Actions that take just a node (or selector): `kill: A`, `restart: { owner-of-slot: 0 }`. */
export function readNodeAction(type: NodeActionType): (scope: Scope, f: Field) => Action | undefined {
  return (scope, f) => {
    const node = readNodeRef(scope, f.at, type);
    if (!node) return undefined;
    if (type === 'start' && node.kind === 'name' && scope.nodes !== null && !scope.addedNodes.includes(node.name)) {
      return scope.ctx.error(f.at, 'bad-value', `start: ${node.name} is not declared under cluster.add (use restart: to bring back a killed node)`);
    }
    return { type, node };
  };
}

/** `pause: { node: A, for: 20s }` or `pause: A` (until `resume:`). */
export function readPause(scope: Scope, f: Field): Action | undefined {
  const ctx = scope.ctx;
  const fields = isMap(f.value) ? readMap(ctx, f.value, 'pause') : undefined;
  // A map without `node:` is a selector such as { owner-of-slot: 0 }.
  if (!fields || !fields.some((x) => x.key === 'node' || x.key === 'for')) {
    const node = readNodeRef(scope, f.at, 'pause');
    return node ? { type: 'pause', node } : undefined;
  }
  const k = checkKeys(ctx, fields, ['node', 'for'], 'pause');
  if (!k.get('node')) return ctx.error(f.at, 'missing-key', 'pause needs node:');
  const node = readNodeRef(scope, k.get('node')!.at, 'pause node');
  const forMs = k.get('for') ? readDuration(ctx, k.get('for')!.at, 'for', { positive: true }) : undefined;
  if (!node || (k.get('for') && forMs === undefined)) return undefined;
  return { type: 'pause', node, ...(forMs !== undefined ? { forMs } : {}) };
}

/** `replication: { cut: A1 }` or `{ restore: A1 }`. */
export function readReplication(scope: Scope, f: Field): Action | undefined {
  const ctx = scope.ctx;
  const fields = readMap(ctx, f.value, 'replication');
  if (!fields) return undefined;
  const k = checkKeys(ctx, fields, ['cut', 'restore'], 'replication');
  if (k.size !== 1) {
    if (k.size === fields.length) ctx.error(f.at, k.size === 0 ? 'missing-key' : 'conflicting-keys', 'replication takes exactly one of cut: or restore:');
    return undefined;
  }
  const [op, field] = [...k.entries()][0] as ['cut' | 'restore', Field];
  const node: NodeRef | undefined = readNodeRef(scope, field.at, `replication ${op}`);
  return node ? { type: 'replication', op, node } : undefined;
}
