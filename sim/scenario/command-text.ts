// The text of `redis:` and `redis-cli:` commands: splitting it into arguments
// the way redis-cli does (sdssplitargs), finding `@B` / `@B.previous` node
// references, and pointing at a word inside a YAML string for errors.

import { isScalar, Scalar } from 'yaml';
import type { SourcePos } from './errors.ts';
import type { ReadContext, YNode } from './yaml-read.ts';

/** An `@name` (or `@name.previous`) reference found in a command. */
export interface NodeRefInText {
  readonly name: string;
  /** `@B.previous`: the ID B had before its last CLUSTER RESET HARD. */
  readonly previous: boolean;
  /** Offset of the `@` in the command text. */
  readonly offset: number;
  /** Length of the whole reference, `@` and suffix included. */
  readonly length: number;
}

/**
 * Every node reference in a command, in order. `@` counts only at the start
 * of a word or after punctuation (`--cluster-from @B,@C`), so `a@b` in a
 * value is left alone. The runner substitutes with the same scan.
 */
export function scanNodeRefs(text: string): NodeRefInText[] {
  const out: NodeRefInText[] = [];
  const re = /(?<![A-Za-z0-9_])@([A-Za-z0-9][A-Za-z0-9_-]*)(\.previous)?/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    out.push({ name: m[1]!, previous: m[2] !== undefined, offset: m.index, length: m[0].length });
  }
  return out;
}

/**
 * Split a command line into arguments like redis-cli's sdssplitargs:
 * whitespace separates, "double quotes" allow \n \t \" \\ \xHH escapes,
 * 'single quotes' allow only \'. Returns undefined for unbalanced quotes.
 */
export function splitArgs(line: string): string[] | undefined {
  const args: string[] = [];
  let i = 0;
  while (true) {
    while (i < line.length && /\s/.test(line[i]!)) i++;
    if (i >= line.length) return args;
    let cur = '';
    let inDq = false;
    let inSq = false;
    for (;;) {
      const c = line[i];
      if (inDq) {
        if (c === undefined) return undefined;
        if (c === '\\' && line[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(line.slice(i + 2, i + 4))) {
          cur += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
          i += 3;
        } else if (c === '\\' && i + 1 < line.length) {
          const e = line[++i]!;
          cur += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e;
        } else if (c === '"') {
          // A closing quote must be followed by a space or the end, as in Redis.
          if (i + 1 < line.length && !/\s/.test(line[i + 1]!)) return undefined;
          inDq = false;
          i++;
          break;
        } else cur += c;
      } else if (inSq) {
        if (c === undefined) return undefined;
        if (c === '\\' && line[i + 1] === "'") {
          cur += "'";
          i++;
        } else if (c === "'") {
          if (i + 1 < line.length && !/\s/.test(line[i + 1]!)) return undefined;
          inSq = false;
          i++;
          break;
        } else cur += c;
      } else {
        if (c === undefined || /\s/.test(c)) break;
        if (c === '"') inDq = true;
        else if (c === "'") inSq = true;
        else cur += c;
      }
      i++;
    }
    args.push(cur);
  }
}

/**
 * Where the character at `offset` of a string scalar's value sits in the
 * file. Exact for single-line plain and quoted strings without escapes; for
 * anything else (folded text, escapes) the string's own start is the best
 * honest answer.
 */
export function posInString(ctx: ReadContext, node: YNode, offset: number): SourcePos {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return ctx.pos(node);
  const [start, end] = node.range;
  const raw = ctx.source.slice(start, end);
  if (raw.includes('\n')) return ctx.pos(node);
  if (node.type === Scalar.PLAIN && raw === node.value) return ctx.posAt(start + offset);
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  if (quoted && raw.slice(1, -1) === node.value) return ctx.posAt(start + 1 + offset);
  return ctx.pos(node);
}
