// The front door of a scenario file: text → YAML document, with the cost of
// reading it bounded before anything is validated. Checked here, each with
// the position that crossed the limit (limits.ts has the numbers and why):
//
// - the file's size (YAML parsing is slower than linear in it);
// - nesting depth;
// - duplicate keys, found in one pass (the yaml package's `uniqueKeys`
//   compares each key with every earlier one: quadratic in a map's size);
// - aliases: how many, whether one contains itself, and how large the
//   document becomes with every alias expanded. Validation reads an alias's
//   target again wherever the alias stands, so nested aliases multiply (the
//   "billion laughs"). The yaml package's own `maxAliasCount` guards its
//   toJS(), which validation never calls; and its check resolves each nested
//   alias by walking the whole document, so on a few thousand aliases it is
//   itself the hang (measured: 8,000 in a 190 KB file, 38 s). Here every
//   alias is resolved once, in one walk, with the package's own rule (the
//   last anchor of that name before the alias).

import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Alias, type Document } from 'yaml';
import type { ScenarioError, ScenarioErrorCode, SourcePos } from './errors.ts';
import { LIMITS, overLimit } from './limits.ts';

/** A parsed file: the document, its line index, and every alias's target. */
export interface YamlFile {
  readonly doc: Document;
  readonly lineCounter: LineCounter;
  /** The node each alias stands for. */
  readonly targets: ReadonlyMap<Alias, unknown>;
}

export type YamlResult = { readonly ok: true; readonly yaml: YamlFile } | { readonly ok: false; readonly errors: ScenarioError[] };

type Fail = { readonly offset: number; readonly code: ScenarioErrorCode; readonly reason: string };

/** UTF-8 length of the text, or the offset of the first character past `max` bytes. */
function firstOffsetPast(text: string, max: number): number | undefined {
  if (text.length * 3 <= max) return undefined;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? 4 : c >= 0xdc00 && c <= 0xdfff ? 0 : 3;
    if (bytes > max) return i;
  }
  return undefined;
}

/** Position of an offset without a LineCounter (the file was too large to parse). */
function posByScan(file: string, text: string, offset: number): SourcePos {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { file, line, col: offset - start + 1 };
}

const startOf = (node: unknown): number => (node as { range?: [number, number, number] | null }).range?.[0] ?? 0;

/** The children of a node in document order (a map's keys and values interleaved). */
function childrenOf(node: unknown): unknown[] {
  if (isMap(node)) return node.items.flatMap((p) => [p.key, p.value]);
  if (isSeq(node)) return node.items;
  return [];
}

/** A repeated scalar key among a map's keys, if any. */
function duplicateKey(node: unknown): unknown {
  if (!isMap(node)) return undefined;
  const seen = new Set<unknown>();
  for (const { key } of node.items) {
    if (!isScalar(key)) continue;
    if (seen.has(key.value)) return key;
    seen.add(key.value);
  }
  return undefined;
}

/**
 * One pre-order walk in document order: depth, duplicate keys, alias count,
 * and each alias's target (the last anchor of its name seen so far).
 */
function walk(root: unknown, targets: Map<Alias, unknown>): Fail | undefined {
  const anchors = new Map<string, unknown>();
  let aliases = 0;
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) return { offset: startOf(node), code: 'yaml-syntax', reason: `YAML syntax error: alias *${node.source} has no anchor &${node.source} before it` };
      targets.set(node, target);
      if (++aliases > LIMITS.aliases.max) return { offset: startOf(node), code: 'too-large', reason: overLimit('aliases', 'too many YAML aliases') };
      continue;
    }
    if (depth > LIMITS.depth.max) return { offset: startOf(node), code: 'too-large', reason: overLimit('depth', 'YAML nested too deep') };
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    const dup = duplicateKey(node);
    if (dup !== undefined) return { offset: startOf(dup), code: 'yaml-syntax', reason: 'YAML syntax error: map keys must be unique' };
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], depth: depth + 1 });
  }
  return undefined;
}

/**
 * Nodes a subtree stands for with its aliases expanded, each target counted
 * once and remembered; 'cycle' (with the alias) when an alias is reached
 * from inside its own target.
 */
function expandedSize(start: unknown, targets: ReadonlyMap<Alias, unknown>, memo: Map<unknown, number>): number | { cycle: Alias } {
  const deref = (n: unknown): unknown => (isAlias(n) ? targets.get(n) : n);
  const leaf = (n: unknown): boolean => !isMap(n) && !isSeq(n);
  const first = deref(start);
  if (leaf(first)) return 1;
  const open = new Set<unknown>([first]);
  const frames: { node: unknown; kids: unknown[]; i: number; acc: number }[] = [{ node: first, kids: childrenOf(first), i: 0, acc: 1 }];
  let done = 0;
  while (frames.length > 0) {
    const f = frames[frames.length - 1]!;
    if (f.i === f.kids.length) {
      frames.pop();
      open.delete(f.node);
      memo.set(f.node, f.acc);
      done = f.acc;
      if (frames.length > 0) frames[frames.length - 1]!.acc = Math.min(1e300, frames[frames.length - 1]!.acc + f.acc);
      continue;
    }
    const kid = f.kids[f.i++];
    const node = deref(kid);
    if (leaf(node)) f.acc += 1;
    else if (memo.has(node)) f.acc = Math.min(1e300, f.acc + memo.get(node)!);
    else if (open.has(node)) return { cycle: kid as Alias };
    else {
      open.add(node);
      frames.push({ node, kids: childrenOf(node), i: 0, acc: 1 });
    }
  }
  return done;
}

/** The document's size with aliases expanded, in document order; fails at the alias that crosses the limit or contains itself. */
function checkExpansion(root: unknown, targets: ReadonlyMap<Alias, unknown>): Fail | undefined {
  if (targets.size === 0) return undefined;
  const memo = new Map<unknown, number>();
  let total = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isAlias(node)) {
      total += 1;
      const kids = childrenOf(node);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
      continue;
    }
    const size = expandedSize(node, targets, memo);
    if (typeof size === 'object') {
      const at = size.cycle;
      return { offset: startOf(at), code: 'bad-value', reason: `alias *${at.source} stands for a node that contains it, so it never ends` };
    }
    total += size;
    if (total > LIMITS.expandedNodes.max) {
      const n = size >= 1e15 ? size.toExponential(1) : size.toLocaleString('en-US');
      const what = `alias *${node.source} stands for ${n} nodes, and the document with its aliases expanded for more than ${LIMITS.expandedNodes.shown}`;
      return { offset: startOf(node), code: 'too-large', reason: overLimit('expandedNodes', what) };
    }
  }
  return undefined;
}

/** Parse a scenario's text (BOM already removed) with every limit above checked. */
export function readYaml(file: string, text: string): YamlResult {
  const past = firstOffsetPast(text, LIMITS.fileBytes.max);
  if (past !== undefined) {
    const reason = overLimit('fileBytes', 'file too large');
    return { ok: false, errors: [{ ...posByScan(file, text, past), code: 'too-large', reason }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, version: '1.2' });
  const at = (f: Fail): ScenarioError => {
    const { line, col } = lineCounter.linePos(f.offset);
    return { file, line, col, code: f.code, reason: f.reason };
  };
  if (doc.errors.length > 0 || doc.warnings.length > 0) return { ok: true, yaml: { doc, lineCounter, targets: new Map() } };
  const targets = new Map<Alias, unknown>();
  const fail = walk(doc.contents, targets) ?? checkExpansion(doc.contents, targets);
  return fail ? { ok: false, errors: [at(fail)] } : { ok: true, yaml: { doc, lineCounter, targets } };
}
