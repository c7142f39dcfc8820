// Network conditions: the `network:` section and the `link:` / `network:`
// timeline actions share one syntax for latency and loss.

import { printable } from '../core/printable.ts';
import { parseDurationMs } from '../core/time.ts';
import type { LatencyModel, NetworkSpec } from './types.ts';
import type { LinkChange } from './types-timeline.ts';
import {
  checkKeys,
  describe,
  isEmpty,
  readBool,
  readDuration,
  withinTimeLimit,
  readEnum,
  readMap,
  readProbability,
  scalarValue,
  type Field,
  type ReadContext,
  type YNode,
} from './yaml-read.ts';

/** Loopback-like default: each message takes 0.2 to 1 ms one way. */
export const DEFAULT_LATENCY: LatencyModel = { distribution: 'uniform', minMs: 0.2, maxMs: 1 };

const DISTRIBUTIONS = ['constant', 'uniform', 'normal', 'exponential'] as const;

/** Parameters each distribution takes (besides `distribution`). */
const PARAMS: Record<(typeof DISTRIBUTIONS)[number], readonly string[]> = {
  constant: ['value'],
  uniform: ['min', 'max'],
  normal: ['mean', 'stddev', 'floor'],
  exponential: ['mean', 'floor'],
};

/** `network:` at the top level: defaults for every link. */
export function readNetwork(ctx: ReadContext, node: YNode | undefined): NetworkSpec {
  const spec: NetworkSpec = { latency: DEFAULT_LATENCY, lossProbability: 0 };
  if (node === undefined || isEmpty(node)) return spec;
  const f = checkKeys(ctx, readMap(ctx, node, 'network') ?? [], ['latency', 'loss'], 'network');
  const latency = f.get('latency') ? readLatency(ctx, f.get('latency')!.at) : undefined;
  const loss = f.get('loss') ? readProbability(ctx, f.get('loss')!.at, 'loss') : undefined;
  return { latency: latency ?? spec.latency, lossProbability: loss ?? 0 };
}

/**
 * A latency: `0.5ms` or `2` (constant), `0.2ms..1ms` (uniform), or
 * `{ distribution: normal, mean: 1ms, stddev: 0.3ms, floor: 0.1ms }`.
 */
export function readLatency(ctx: ReadContext, node: YNode): LatencyModel | undefined {
  node = ctx.deref(node);
  const raw = scalarValue(node);
  if (typeof raw === 'string' && raw.includes('..')) {
    const parts = raw.split('..').map((p) => parseDurationMs(p.trim()));
    const [minMs, maxMs] = parts;
    if (parts.length !== 2 || minMs === undefined || maxMs === undefined) {
      return ctx.error(node, 'bad-time', `latency: expected a range like 0.2ms..1ms, got ${describe(node)}`);
    }
    if (minMs < 0 || maxMs < 0) return ctx.error(node, 'negative-duration', `latency must not be negative, got ${describe(node)}`);
    if (minMs > maxMs) return ctx.error(node, 'bad-range', `latency: range ${printable(raw)} starts above its end`);
    return withinTimeLimit(ctx, node, 'latency', maxMs) === undefined ? undefined : { distribution: 'uniform', minMs, maxMs };
  }
  if (raw !== undefined) {
    const valueMs = readDuration(ctx, node, 'latency');
    return valueMs === undefined ? undefined : { distribution: 'constant', valueMs };
  }
  const fields = readMap(ctx, node, 'latency');
  if (!fields) return undefined;
  const distField = fields.find((x) => x.key === 'distribution');
  if (!distField) return ctx.error(node, 'missing-key', 'latency: a map needs distribution: constant, uniform, normal or exponential');
  const dist = readEnum(ctx, distField.at, 'distribution', DISTRIBUTIONS);
  if (!dist) return undefined;
  const f = checkKeys(ctx, fields, ['distribution', ...PARAMS[dist]], `a ${dist} latency`);
  const need = (key: string): number | undefined => {
    const x = f.get(key);
    if (!x) return ctx.error(node, 'missing-key', `a ${dist} latency needs ${key}:`);
    return readDuration(ctx, x.at, `latency ${key}`);
  };
  const floorMs = f.get('floor') ? readDuration(ctx, f.get('floor')!.at, 'latency floor') : 0;
  switch (dist) {
    case 'constant': {
      const valueMs = need('value');
      return valueMs === undefined ? undefined : { distribution: 'constant', valueMs };
    }
    case 'uniform': {
      const minMs = need('min');
      const maxMs = need('max');
      if (minMs === undefined || maxMs === undefined) return undefined;
      if (minMs > maxMs) return ctx.error(f.get('max')!.at, 'bad-range', 'latency: max is below min');
      return { distribution: 'uniform', minMs, maxMs };
    }
    case 'normal': {
      const meanMs = need('mean');
      const stddevMs = need('stddev');
      if (meanMs === undefined || stddevMs === undefined || floorMs === undefined) return undefined;
      return { distribution: 'normal', meanMs, stddevMs, floorMs };
    }
    case 'exponential': {
      const meanMs = need('mean');
      if (meanMs === undefined || floorMs === undefined) return undefined;
      return { distribution: 'exponential', meanMs, floorMs };
    }
  }
}

/** The change fields of `link:` / `network:` actions: latency, loss, reset. */
export function readLinkChange(ctx: ReadContext, f: Map<string, Field>, at: YNode, what: string): LinkChange | undefined {
  const latency = f.get('latency') ? readLatency(ctx, f.get('latency')!.at) : undefined;
  const lossProbability = f.get('loss') ? readProbability(ctx, f.get('loss')!.at, 'loss') : undefined;
  const reset = f.get('reset') ? readBool(ctx, f.get('reset')!.at, 'reset') : false;
  if ((f.get('latency') && !latency) || (f.get('loss') && lossProbability === undefined) || reset === undefined) return undefined;
  if (!latency && lossProbability === undefined && !reset) {
    return ctx.error(at, 'missing-key', `${what} changes nothing: give latency:, loss: or reset: true`);
  }
  return { ...(latency ? { latency } : {}), ...(lossProbability !== undefined ? { lossProbability } : {}), reset };
}
