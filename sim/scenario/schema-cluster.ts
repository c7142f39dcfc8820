// The `cluster:` section: shape (masters, replicas, spares, added nodes),
// initial slot layout, configuration and bootstrap mode. Its node names are
// what every later section is checked against.

import { printable } from '../core/printable.ts';
import { DEFAULT_NODE_CONFIG } from './config-values.ts';
import { duplicateNames, nodeIdentities, masterName } from './names.ts';
import { readConfigMap, readNodeOverrides } from './schema-config.ts';
import { evenSlotSplit, firstOverlap, readSlotRanges } from './slots.ts';
import { suggest } from './suggest.ts';
import type { AddedNode, BootstrapMode, ClusterSpec, SlotRange } from './types.ts';
import { RESERVED_NAMES } from './vocabulary.ts';
import { checkKeys, isEmpty, readEnum, readList, readMap, readNumber, scalarValue, type Field, type ReadContext, type YNode } from './yaml-read.ts';

const CLUSTER_KEYS = ['masters', 'replicas', 'spares', 'slots', 'config', 'nodes', 'add', 'bootstrap'] as const;

/** Redis Cluster's own recommended ceiling; beyond it ports and names get silly too. */
export const MAX_NODES = 1000;

export const DEFAULT_MASTERS = 3;
export const DEFAULT_REPLICAS = 1;

/** Names an author may give `add:` nodes: a letter, then letters, digits, `_` or `-` (so `@name` parses). */
const ADDED_NAME_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;

export interface ClusterResult {
  readonly spec: ClusterSpec;
  /** All node names in index order, or null when the shape had errors (names would be guesses). */
  readonly names: readonly string[] | null;
}

/** Read `cluster:` (absent: 3 masters × 1 replica, formed). Bootstrap is read first: it changes what masters may be. */
export function readCluster(ctx: ReadContext, node: YNode | undefined): ClusterResult {
  const before = ctx.errors.length;
  const fields = node === undefined || isEmpty(node) ? [] : (readMap(ctx, node, 'cluster') ?? []);
  const f = checkKeys(ctx, fields, CLUSTER_KEYS, 'cluster');
  const bootstrapField = f.get('bootstrap');
  const bootstrap: BootstrapMode = (bootstrapField ? readEnum(ctx, bootstrapField.at, 'bootstrap', ['formed', 'manual'] as const) : undefined) ?? 'formed';
  const mastersField = f.get('masters');
  const masters = mastersField
    ? (readNumber(ctx, mastersField.at, 'masters', { integer: true, min: bootstrap === 'manual' ? 0 : 1, max: MAX_NODES }) ?? DEFAULT_MASTERS)
    : DEFAULT_MASTERS;
  const masterNames = Array.from({ length: masters }, (_, i) => masterName(i));
  const replicasPerMaster = readReplicas(ctx, f.get('replicas'), masterNames);
  const spares = f.get('spares') ? (readNumber(ctx, f.get('spares')!.at, 'spares', { integer: true, min: 0, max: MAX_NODES }) ?? 0) : 0;
  const add = f.get('add') ? readAdded(ctx, f.get('add')!.value) : [];
  const ids = nodeIdentities({ masters, replicasPerMaster, spares, added: add.map((a) => a.name) });
  if (ids.length > MAX_NODES) ctx.error(node, 'bad-value', `cluster: ${ids.length} nodes is more than the supported ${MAX_NODES}`);
  for (const dup of duplicateNames(ids)) {
    const declared = add.find((a) => a.name === dup);
    const at = declared ? declared.pos : ctx.pos(f.get('spares')?.at ?? node);
    ctx.errorAt(at, 'duplicate-name', `cluster: two nodes would be called "${printable(dup)}"`);
  }
  const shapeOk = ctx.errors.length === before;
  const names = ids.map((i) => i.name);
  const slotsPerMaster = readLayout(ctx, f.get('slots'), masterNames, names, bootstrap);
  const base = f.get('config') ? readConfigMap(ctx, f.get('config')!.value, 'cluster.config') : {};
  const overrides = f.get('nodes') ? (readNodeOverrides(ctx, f.get('nodes')!.value, shapeOk ? names : null) ?? []) : [];
  const spec: ClusterSpec = {
    masters,
    replicasPerMaster,
    spares,
    slotsPerMaster,
    config: { ...DEFAULT_NODE_CONFIG, ...base },
    overrides,
    add,
    bootstrap,
  };
  return { spec, names: shapeOk ? names : null };
}

/** `replicas: 1` for every master, or `replicas: { A: 2, B: 0 }` (unlisted masters get 0). */
function readReplicas(ctx: ReadContext, field: Field | undefined, masters: readonly string[]): number[] {
  if (!field) return masters.map(() => DEFAULT_REPLICAS);
  const raw = scalarValue(field.value);
  if (raw !== undefined) {
    const n = readNumber(ctx, field.at, 'replicas', { integer: true, min: 0, max: MAX_NODES });
    return masters.map(() => n ?? DEFAULT_REPLICAS);
  }
  const out = masters.map(() => 0);
  for (const e of readMap(ctx, field.value, 'replicas') ?? []) {
    const i = masters.indexOf(e.key);
    if (i < 0) {
      ctx.error(e.keyNode, 'unknown-node', `replicas: "${printable(e.key)}" is not one of the masters (${masters.join(', ')})`, suggest(e.key, masters));
      continue;
    }
    out[i] = readNumber(ctx, e.at, `replicas of ${e.key}`, { integer: true, min: 0, max: MAX_NODES }) ?? 0;
  }
  return out;
}

/** `add: [D, E]` or `add: [{ name: D }]`: nodes started later by `start:`. */
function readAdded(ctx: ReadContext, node: YNode): AddedNode[] {
  const out: AddedNode[] = [];
  for (const item of readList(ctx, node, 'cluster.add') ?? []) {
    let nameNode: YNode = item;
    if (scalarValue(item) === undefined) {
      const fields = readMap(ctx, item, 'cluster.add entry');
      const f = checkKeys(ctx, fields ?? [], ['name'], 'cluster.add entry');
      if (!f.get('name')) {
        // A misspelt key was already reported; only an entry with no keys at all needs its own error.
        if (fields && fields.length === 0) ctx.error(item, 'missing-key', 'cluster.add entry needs a name');
        continue;
      }
      nameNode = f.get('name')!.at;
    }
    const name = scalarValue(nameNode);
    if (typeof name !== 'string' || !ADDED_NAME_RE.test(name)) {
      ctx.error(nameNode, 'bad-value', `cluster.add: a node name starts with a letter and has only letters, digits, "_" and "-"`);
    } else if ((RESERVED_NAMES as readonly string[]).includes(name.toLowerCase())) {
      ctx.error(nameNode, 'bad-value', `cluster.add: "${printable(name)}" is a reserved word and cannot name a node`);
    } else out.push({ name, pos: ctx.pos(nameNode) });
  }
  return out;
}

/**
 * Initial slots per master: explicit `slots:` (unlisted masters start empty)
 * or redis-cli's even split. Manual bootstrap starts with no slots anywhere.
 */
function readLayout(ctx: ReadContext, field: Field | undefined, masters: readonly string[], all: readonly string[], mode: BootstrapMode): SlotRange[][] {
  if (!field) return mode === 'manual' ? masters.map(() => []) : evenSlotSplit(masters.length);
  if (mode === 'manual') {
    ctx.error(field.keyNode, 'conflicting-keys', 'cluster.slots has no effect with bootstrap: manual (assign slots in the timeline)');
    return masters.map(() => []);
  }
  const out: SlotRange[][] = masters.map(() => []);
  const taken: { name: string; ranges: SlotRange[] }[] = [];
  for (const e of readMap(ctx, field.value, 'cluster.slots') ?? []) {
    const i = masters.indexOf(e.key);
    if (i < 0) {
      const why = all.includes(e.key) ? `"${printable(e.key)}" is not a master at start` : `unknown node "${printable(e.key)}"`;
      ctx.error(e.keyNode, 'unknown-node', `cluster.slots: ${why}; only masters (${masters.join(', ')}) start with slots`, suggest(e.key, masters));
      continue;
    }
    const ranges = readSlotRanges(ctx, e.at, `slots of ${e.key}`);
    if (!ranges) continue;
    for (const t of taken) {
      const clash = firstOverlap(t.ranges, ranges);
      if (clash !== undefined) ctx.error(e.at, 'bad-range', `cluster.slots: slot ${clash} is given to both ${t.name} and ${e.key}`);
    }
    taken.push({ name: e.key, ranges });
    out[i] = ranges;
  }
  return out;
}
