// Reading typed values out of YAML nodes while keeping their positions.
// Validation walks the parsed document (not its plain-JS form) so that every
// complaint can point at the exact line and column; each reader either returns
// a value or records one error and returns undefined, never both, never throws.

import { isAlias, isMap, isScalar, isSeq, Scalar, type Alias, type LineCounter } from 'yaml';
import { printable } from '../core/printable.ts';
import { parseDurationMs } from '../core/time.ts';
import type { ScenarioError, ScenarioErrorCode, SourcePos } from './errors.ts';
import { LIMITS, overLimit, type LimitName } from './limits.ts';
import { suggest } from './suggest.ts';

/** A parsed YAML node of any kind (scalar, map, list, alias) or null for an absent value. */
export type YNode = unknown;

/** One `key: value` of a map, with the node to blame for its value. */
export interface Field {
  readonly key: string;
  readonly keyNode: YNode;
  readonly value: YNode;
  /** Where a complaint about the value points: the value, or the key when the value is empty. */
  readonly at: YNode;
}

/** Carries the file's identity and collects errors while the schema walks it. */
export class ReadContext {
  readonly errors: ScenarioError[] = [];

  constructor(
    readonly file: string,
    readonly source: string,
    private readonly lineCounter: LineCounter,
    /** Each alias's target, resolved once for the whole file (yaml-doc.ts). */
    private readonly targets: ReadonlyMap<Alias, unknown>,
  ) {}

  /** 1-based position of a character offset in the source. */
  posAt(offset: number): SourcePos {
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, col };
  }

  /** Where a node starts; the document start if the node has no range (e.g. an absent value). */
  pos(node: YNode): SourcePos {
    return this.posAt(rangeOf(node)?.[0] ?? 0);
  }

  error(at: YNode, code: ScenarioErrorCode, reason: string, suggestion?: string): undefined {
    return this.errorAt(this.pos(at), code, reason, suggestion);
  }

  /** Record an error at an exact position (e.g. a word inside a string). */
  errorAt(p: SourcePos, code: ScenarioErrorCode, reason: string, suggestion?: string): undefined {
    this.errors.push(suggestion === undefined ? { ...p, code, reason } : { ...p, code, reason, suggestion });
    return undefined;
  }

  /** An alias (`*anchor`) stands for the node it names; validate that node. */
  deref(node: YNode): YNode {
    return isAlias(node) ? (this.targets.get(node) ?? null) : node;
  }
}

export function rangeOf(node: YNode): readonly [number, number, number] | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const r = (node as { range?: [number, number, number] | null }).range;
    return r ?? undefined;
  }
  return undefined;
}

/** The plain value of a scalar node, or undefined for maps and lists. */
export function scalarValue(node: YNode): unknown {
  return isScalar(node) ? node.value : undefined;
}

/** Is this node absent or an explicit null (`key:` with nothing after it, or `~`)? */
export function isEmpty(node: YNode): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

/** Words for what a node is, for "expected X, got Y" messages. */
export function describe(node: YNode): string {
  if (isEmpty(node)) return 'nothing';
  if (isMap(node)) return 'a map';
  if (isSeq(node)) return 'a list';
  const v = scalarValue(node);
  if (typeof v === 'string') return `"${printable(v, 40)}"`;
  if (typeof v === 'boolean') return String(v);
  return String(v);
}

export function wrongType(ctx: ReadContext, node: YNode, what: string, expected: string): undefined {
  return ctx.error(node, 'wrong-type', `${what}: expected ${expected}, got ${describe(node)}`);
}

/** The fields of a map node in source order; a non-map is a wrong-type error. */
export function readMap(ctx: ReadContext, node: YNode, what: string): Field[] | undefined {
  node = ctx.deref(node);
  if (!isMap(node)) return wrongType(ctx, node, what, 'a map');
  const fields: Field[] = [];
  for (const pair of node.items) {
    const k = ctx.deref(pair.key);
    const key = scalarValue(k);
    if (key === undefined || key === null || typeof key === 'object') {
      ctx.error(k ?? node, 'wrong-type', `${what}: keys must be plain words, got ${describe(k)}`);
      continue;
    }
    const value = ctx.deref(pair.value);
    fields.push({ key: String(key), keyNode: k, value, at: isEmpty(value) && !rangeNonEmpty(value) ? emptyAt(k) : value });
  }
  return fields;
}

/** An empty value that reports the key's position (so `masters:` is blamed on `masters`, and described as nothing). */
function emptyAt(key: YNode): Scalar {
  const s = new Scalar(null);
  const r = rangeOf(key);
  if (r) s.range = [r[0], r[1], r[2]];
  return s;
}

function rangeNonEmpty(node: YNode): boolean {
  const r = rangeOf(node);
  return r !== undefined && r[1] > r[0];
}

/** Report keys outside `allowed` (with the nearest allowed key); returns the known fields by name. */
export function checkKeys(
  ctx: ReadContext,
  fields: readonly Field[],
  allowed: readonly string[],
  where: string,
): Map<string, Field> {
  const known = new Map<string, Field>();
  for (const f of fields) {
    if (allowed.includes(f.key)) known.set(f.key, f);
    else ctx.error(f.keyNode, 'unknown-key', `unknown key "${printable(f.key)}" in ${where}`, suggest(f.key, allowed));
  }
  return known;
}

/** The items of a list node (aliases resolved); a non-list is a wrong-type error. */
export function readList(ctx: ReadContext, node: YNode, what: string): YNode[] | undefined {
  node = ctx.deref(node);
  if (!isSeq(node)) return wrongType(ctx, node, what, 'a list');
  return node.items.map((i) => ctx.deref(i));
}

export function readString(ctx: ReadContext, node: YNode, what: string): string | undefined {
  const v = scalarValue(ctx.deref(node));
  // Numbers are accepted where text is expected (`reply: 1`, a node called 7): YAML typed them, not the author.
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return wrongType(ctx, node, what, 'a string');
}

export function readBool(ctx: ReadContext, node: YNode, what: string): boolean | undefined {
  const v = scalarValue(ctx.deref(node));
  if (typeof v === 'boolean') return v;
  return wrongType(ctx, node, what, 'true or false');
}

/** A finite number, optionally an integer, within [min, max] and at most a limit of limits.ts. */
export function readNumber(
  ctx: ReadContext,
  node: YNode,
  what: string,
  opts: { integer?: boolean; min?: number; max?: number; limit?: LimitName } = {},
): number | undefined {
  const raw = scalarValue(ctx.deref(node));
  const v = typeof raw === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : raw;
  const kind = opts.integer ? 'a whole number' : 'a number';
  if (typeof v !== 'number' || !Number.isFinite(v)) return wrongType(ctx, node, what, kind);
  if (opts.integer && !Number.isInteger(v)) return wrongType(ctx, node, what, kind);
  if (opts.min !== undefined && v < opts.min) return ctx.error(node, 'bad-value', `${what} must be at least ${opts.min}, got ${v}`);
  if (opts.max !== undefined && v > opts.max) return ctx.error(node, 'bad-value', `${what} must be at most ${opts.max}, got ${v}`);
  if (opts.limit !== undefined && v > LIMITS[opts.limit].max) return ctx.error(node, 'too-large', overLimit(opts.limit, `${what}: ${v} is more than ${LIMITS[opts.limit].shown}`));
  return v;
}

/** A probability in [0, 1]. */
export function readProbability(ctx: ReadContext, node: YNode, what: string): number | undefined {
  const v = scalarValue(ctx.deref(node));
  if (typeof v !== 'number' || !Number.isFinite(v)) return wrongType(ctx, node, what, 'a probability between 0 and 1');
  if (v < 0 || v > 1) return ctx.error(node, 'bad-probability', `${what} is a probability and must be between 0 and 1, got ${v}`);
  return v;
}

/**
 * A duration (`250ms`, `1.5s`, `2m`, or plain milliseconds), in ms. Negative
 * values are their own error kind; `positive` also rejects zero.
 */
export function readDuration(ctx: ReadContext, node: YNode, what: string, opts: { positive?: boolean } = {}): number | undefined {
  const ms = parseDurationMs(scalarValue(ctx.deref(node)));
  if (ms === undefined) return ctx.error(node, 'bad-time', `${what}: expected a duration like 250ms, 1.5s or 2m, got ${describe(node)}`);
  if (ms < 0) return ctx.error(node, 'negative-duration', `${what} must not be negative, got ${describe(node)}`);
  if (opts.positive && ms === 0) return ctx.error(node, 'bad-value', `${what} must be greater than 0`);
  return withinTimeLimit(ctx, node, what, ms);
}

/** Every time and duration a scenario names is at most LIMITS.timeMs (a day). */
export function withinTimeLimit(ctx: ReadContext, node: YNode, what: string, ms: number): number | undefined {
  if (ms <= LIMITS.timeMs.max) return ms;
  return ctx.error(node, 'too-large', overLimit('timeMs', `${what}: ${describe(node)} is longer than ${LIMITS.timeMs.shown}`));
}

/** An instant of simulated time since t=0 (same syntax as a duration). */
export function readTime(ctx: ReadContext, node: YNode, what: string): number | undefined {
  const ms = parseDurationMs(scalarValue(ctx.deref(node)));
  if (ms === undefined) return ctx.error(node, 'bad-time', `${what} is not a time (expected e.g. 30s, 1.5m or 250ms), got ${describe(node)}`);
  if (ms < 0) return ctx.error(node, 'negative-duration', `${what} must not be negative, got ${describe(node)}`);
  return withinTimeLimit(ctx, node, what, ms);
}

/** One of a fixed set of words (case-insensitive), returned in its canonical spelling. */
export function readEnum<T extends string>(ctx: ReadContext, node: YNode, what: string, values: readonly T[]): T | undefined {
  const v = scalarValue(ctx.deref(node));
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
    return wrongType(ctx, node, what, `one of ${values.join(', ')}`);
  }
  const s = String(v);
  const hit = values.find((x) => x.toLowerCase() === s.toLowerCase());
  if (hit !== undefined) return hit;
  return ctx.error(node, 'bad-value', `${what} must be one of ${values.join(', ')}, got "${printable(s)}"`, suggest(s, values));
}
