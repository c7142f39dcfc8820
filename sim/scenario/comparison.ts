// Counted quantities in conditions may be comparisons: `">6"`, `">=1"`,
// `"<3"`, `"!=0"`, or a plain number meaning equality.

import type { Comparison } from './types-conditions.ts';
import { describe, scalarValue, type ReadContext, type YNode } from './yaml-read.ts';

const CMP_RE = /^\s*(>=|<=|==|!=|=|>|<)?\s*(-?\d+(?:\.\d+)?)\s*$/;

/** Parse `">=1"` / `5`; undefined when it is not a comparison. */
export function parseComparison(raw: unknown): Comparison | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? { op: '==', value: raw } : undefined;
  if (typeof raw !== 'string') return undefined;
  const m = CMP_RE.exec(raw);
  if (!m) return undefined;
  const op = (m[1] === '=' || m[1] === undefined ? '==' : m[1]) as Comparison['op'];
  return { op, value: Number(m[2]) };
}

/** A comparison from YAML; counts are whole numbers, so a fractional bound is a mistake. */
export function readComparison(ctx: ReadContext, node: YNode, what: string): Comparison | undefined {
  const cmp = parseComparison(scalarValue(ctx.deref(node)));
  if (!cmp) return ctx.error(node, 'bad-value', `${what}: expected a number or a comparison like ">=1", got ${describe(node)}`);
  if (!Number.isInteger(cmp.value)) return ctx.error(node, 'bad-value', `${what}: ${cmp.value} is not a whole number`);
  return cmp;
}

/** Does `n` satisfy the comparison? (For the checkers.) */
export function holds(cmp: Comparison, n: number): boolean {
  switch (cmp.op) {
    case '==':
      return n === cmp.value;
    case '!=':
      return n !== cmp.value;
    case '<':
      return n < cmp.value;
    case '<=':
      return n <= cmp.value;
    case '>':
      return n > cmp.value;
    case '>=':
      return n >= cmp.value;
  }
}

/** `>=1`, `3`: the comparison as an author would write it (for messages). */
export function formatComparison(cmp: Comparison): string {
  return cmp.op === '==' ? String(cmp.value) : `${cmp.op}${cmp.value}`;
}
