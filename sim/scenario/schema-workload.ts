// The `workload:` section: client populations issuing operations against the
// cluster. Clients live outside the nodes' network (partitions reach them only
// when a group names the workload), so workload names share the node namespace.

import { printable } from '../core/printable.ts';
import { formatDurationMs } from '../core/time.ts';
import type { Scope } from './scope.ts';
import { suggest } from './suggest.ts';
import type { WorkloadOp, WorkloadSpec } from './types.ts';
import { RESERVED_NAMES } from './vocabulary.ts';
import {
  checkKeys,
  describe,
  isEmpty,
  readBool,
  readDuration,
  readMap,
  readNumber,
  readString,
  readTime,
  scalarValue,
  type Field,
  type YNode,
} from './yaml-read.ts';
import { isSeq } from 'yaml';

const WORKLOAD_KEYS = ['name', 'clients', 'rate', 'keys', 'mix', 'timeout', 'in-flight', 'follow-redirects', 'from', 'to'] as const;
const OPS: readonly WorkloadOp[] = ['set', 'get', 'rpush', 'lrange', 'incr'];

/** Weights must sum to 1 within this (authors write 0.33 three times). */
const MIX_TOLERANCE = 0.011;

export const DEFAULT_WORKLOAD = {
  clients: 1,
  ratePerSec: 100,
  keys: { count: 1000, pattern: 'key:%d' },
  mix: [
    { op: 'set', weight: 0.8 },
    { op: 'get', weight: 0.2 },
  ] as { op: WorkloadOp; weight: number }[],
  timeoutMs: 1000,
  inFlight: 1,
  followRedirects: true,
};

/** A workload before the scenario's duration and timeline are known: open ends are null. */
export type WorkloadDraft = Omit<WorkloadSpec, 'toMs'> & { readonly toMs: number | null };

/**
 * `workload:` is a list of workloads (a single map is taken as a list of one).
 * Drafts come back even when fields had errors (defaults stand in), so later
 * sections can still check workload names; `namesOk` says whether the names can be trusted.
 */
export function readWorkloads(scope: Scope, node: YNode | undefined): { drafts: WorkloadDraft[]; namesOk: boolean } {
  if (node === undefined || isEmpty(node)) return { drafts: [], namesOk: true };
  const ctx = scope.ctx;
  node = ctx.deref(node);
  const items = isSeq(node) ? node.items.map((i) => ctx.deref(i)) : [node];
  const drafts: WorkloadDraft[] = [];
  let namesOk = true;
  items.forEach((item, i) => {
    const w = readWorkload(scope, item, i, drafts);
    if (w) drafts.push(w.draft);
    namesOk &&= w !== undefined && w.nameOk;
  });
  return { drafts, namesOk };
}

function readWorkload(scope: Scope, node: YNode, i: number, earlier: readonly WorkloadDraft[]): { draft: WorkloadDraft; nameOk: boolean } | undefined {
  const ctx = scope.ctx;
  const fields = readMap(ctx, node, 'workload');
  if (!fields) return undefined;
  const f = checkKeys(ctx, fields, WORKLOAD_KEYS, 'workload');
  const get = <T>(key: string, read: (x: Field) => T | undefined, dflt: T): T => {
    const x = f.get(key);
    return x ? (read(x) ?? dflt) : dflt;
  };
  const beforeName = ctx.errors.length;
  const name = get('name', (x) => readWorkloadName(scope, x, earlier), `workload-${i + 1}`);
  const nameOk = ctx.errors.length === beforeName;
  const clients = get('clients', (x) => readNumber(ctx, x.at, 'clients', { integer: true, min: 1, limit: 'clients' }), DEFAULT_WORKLOAD.clients);
  const ratePerSec = get('rate', (x) => readRate(scope, x.at), DEFAULT_WORKLOAD.ratePerSec);
  const keys = get('keys', (x) => readKeys(scope, x.at), DEFAULT_WORKLOAD.keys);
  const mix = get('mix', (x) => readMix(scope, x.at), DEFAULT_WORKLOAD.mix);
  const timeoutMs = get('timeout', (x) => readDuration(ctx, x.at, 'timeout', { positive: true }), DEFAULT_WORKLOAD.timeoutMs);
  const inFlight = get('in-flight', (x) => readNumber(ctx, x.at, 'in-flight', { integer: true, min: 1, limit: 'lanes' }), DEFAULT_WORKLOAD.inFlight);
  const followRedirects = get('follow-redirects', (x) => readBool(ctx, x.at, 'follow-redirects'), DEFAULT_WORKLOAD.followRedirects);
  const fromMs = get<number | null>('from', (x) => timeInRun(scope, x.at, 'from'), null);
  const toMs = get<number | null>('to', (x) => timeInRun(scope, x.at, 'to'), null);
  if (fromMs !== null && toMs !== null && toMs <= fromMs) {
    ctx.error(f.get('to')!.at, 'impossible-time', `workload ${name}: to (${formatDurationMs(toMs)}) must be after from (${formatDurationMs(fromMs)})`);
  }
  const draft = { name, clients, ratePerSec, keys, mix, timeoutMs, inFlight, followRedirects, fromMs, toMs, pos: ctx.pos(node) };
  return { draft, nameOk };
}

function timeInRun(scope: Scope, node: YNode, what: string): number | undefined {
  const ms = readTime(scope.ctx, node, what);
  return ms === undefined ? undefined : scope.withinDuration(node, ms, what);
}

function readWorkloadName(scope: Scope, x: Field, earlier: readonly WorkloadDraft[]): string | undefined {
  const ctx = scope.ctx;
  const name = readString(ctx, x.at, 'name');
  if (name === undefined) return undefined;
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) return ctx.error(x.at, 'bad-value', 'a workload name starts with a letter and has only letters, digits, "_" and "-"');
  if ((RESERVED_NAMES as readonly string[]).includes(name.toLowerCase())) return ctx.error(x.at, 'bad-value', `"${printable(name)}" is a reserved word and cannot name a workload`);
  // Partition groups mix node and workload names, so the two must not collide.
  if (scope.nodes?.includes(name)) return ctx.error(x.at, 'duplicate-name', `workload name "${printable(name)}" is already a node name`);
  if (earlier.some((w) => w.name === name)) return ctx.error(x.at, 'duplicate-name', `two workloads are called "${printable(name)}"`);
  return name;
}

/** `200/s`, `12000/m`, `5/ms`, or a plain number of operations per second. */
function readRate(scope: Scope, node: YNode): number | undefined {
  const raw = scalarValue(scope.ctx.deref(node));
  if (typeof raw === 'number') return readNumber(scope.ctx, node, 'rate', { min: 0 });
  const m = typeof raw === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*\/\s*(ms|s|m|min|h)\s*$/.exec(raw) : null;
  if (!m) return scope.ctx.error(node, 'bad-value', `rate: expected operations per time like 200/s, got ${describe(node)}`);
  const per = { ms: 0.001, s: 1, m: 60, min: 60, h: 3600 }[m[2] as 'ms' | 's' | 'm' | 'min' | 'h'];
  return Number(m[1]) / per;
}

/** `keys: 1000` or `keys: { count: 1000, pattern: "{user1000}:w:%d" }`. */
function readKeys(scope: Scope, node: YNode): { count: number; pattern: string } | undefined {
  const ctx = scope.ctx;
  if (scalarValue(ctx.deref(node)) !== undefined) {
    const count = readNumber(ctx, node, 'keys', { integer: true, min: 1, limit: 'keys' });
    return count === undefined ? undefined : { count, pattern: DEFAULT_WORKLOAD.keys.pattern };
  }
  const f = checkKeys(ctx, readMap(ctx, node, 'keys') ?? [], ['count', 'pattern'], 'keys');
  const count = f.get('count') ? readNumber(ctx, f.get('count')!.at, 'keys count', { integer: true, min: 1, limit: 'keys' }) : DEFAULT_WORKLOAD.keys.count;
  const pattern = f.get('pattern') ? readString(ctx, f.get('pattern')!.at, 'keys pattern') : DEFAULT_WORKLOAD.keys.pattern;
  if (count === undefined || pattern === undefined) return undefined;
  const holes = pattern.split('%d').length - 1;
  if (holes > 1) return ctx.error(f.get('pattern')!.at, 'bad-value', 'keys pattern may contain %d only once');
  if (holes === 0 && count > 1) return ctx.error(f.get('pattern')!.at, 'bad-value', `keys pattern needs %d to make ${count} distinct keys`);
  return { count, pattern };
}

/** `mix: { set: 0.8, get: 0.2 }`: weights of set/get/rpush/lrange/incr, summing to 1. */
function readMix(scope: Scope, node: YNode): { op: WorkloadOp; weight: number }[] | undefined {
  const ctx = scope.ctx;
  const fields = readMap(ctx, node, 'mix');
  if (!fields) return undefined;
  const before = ctx.errors.length;
  const weights = new Map<WorkloadOp, number>();
  for (const x of fields) {
    const op = OPS.find((o) => o === x.key);
    if (!op) {
      ctx.error(x.keyNode, 'unknown-key', `unknown operation "${printable(x.key)}" in mix (known: ${OPS.join(', ')})`, suggest(x.key, OPS));
      continue;
    }
    const w = readNumber(ctx, x.at, `mix weight of ${op}`, { min: 0, max: 1 });
    if (w !== undefined) weights.set(op, w);
  }
  if (ctx.errors.length > before) return undefined;
  const sum = [...weights.values()].reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > MIX_TOLERANCE) return ctx.error(node, 'bad-value', `mix weights must sum to 1, got ${Number(sum.toFixed(6))}`);
  return OPS.filter((o) => (weights.get(o) ?? 0) > 0).map((op) => ({ op, weight: weights.get(op)! }));
}
