// Reading the repository's Markdown the way GitHub renders it, for the docs
// tests: which files there are, their fenced blocks, their links, and the
// anchors their headings get (GitHub's slug rules).

import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const REPO = join(import.meta.dirname, '..', '..');

/** Folders that hold no Markdown of ours: installed packages, build output, git itself. */
const SKIP = new Set(['node_modules', 'dist', '.git', '.vitest-cache']);

/** Every Markdown file of the repository, as paths relative to its root, sorted. */
export function markdownFiles(dir = REPO): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...markdownFiles(p));
    else if (name.endsWith('.md')) out.push(relative(REPO, p));
  }
  return out.sort();
}

export interface Fence {
  /** The info string's first word (`yaml`, `ts`, `` for none). */
  readonly lang: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly body: string;
  /** The nearest non-blank line above the fence, trimmed (where markers such as `<!-- fragment -->` go). */
  readonly before: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/;

/** The fenced code blocks of a Markdown text, in order. */
export function fences(text: string): Fence[] {
  const lines = text.split('\n');
  const out: Fence[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]!);
    if (!open) continue;
    const marker = open[1]!;
    let j = i + 1;
    while (j < lines.length && !new RegExp(`^ {0,3}${marker[0]}{${marker.length},}\\s*$`).test(lines[j]!)) j++;
    let k = i - 1;
    while (k >= 0 && lines[k]!.trim() === '') k--;
    out.push({ lang: open[2]!.toLowerCase(), line: i + 1, body: lines.slice(i + 1, j).join('\n') + '\n', before: k >= 0 ? lines[k]!.trim() : '' });
    i = j;
  }
  return out;
}

/** The text with fenced blocks blanked out (line numbers kept), so that code is not read as Markdown. */
export function withoutFences(text: string): string {
  const lines = text.split('\n');
  for (const f of fences(text)) {
    const end = f.line + f.body.split('\n').length - 1;
    for (let i = f.line - 1; i < Math.min(end, lines.length); i++) lines[i] = '';
  }
  return lines.join('\n');
}

export interface Link {
  readonly target: string;
  /** 1-based line. */
  readonly line: number;
}

/** Inline links and images `[text](target "title")` and reference definitions `[x]: target`, outside code. */
export function links(text: string): Link[] {
  const out: Link[] = [];
  withoutFences(text)
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.replace(/(`+)[^`]*?\1/g, '');
      for (const m of line.matchAll(/!?\[(?:[^\]]|\][^(])*?\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push({ target: m[1]!, line: i + 1 });
      const def = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/.exec(line);
      if (def) out.push({ target: def[1]!, line: i + 1 });
    });
  return out;
}

/**
 * GitHub's anchor for a heading: the rendered text, lower-cased, with every
 * character that is not a letter, a mark, a digit, `_`, `-` or a space
 * removed, and spaces turned into hyphens (github-slugger's rule).
 */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML
    .replace(/[`*]/g, ''); // code and emphasis markers
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor a Markdown text offers: its headings' slugs (repeats get -1, -2 …) and explicit `<a name|id>`s. */
export function anchors(text: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutFences(text).split('\n')) {
    const h = /^ {0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(line);
    if (h) {
      const base = slug(h[1]!);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      out.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const a of line.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) out.add(a[1]!);
  }
  return out;
}
