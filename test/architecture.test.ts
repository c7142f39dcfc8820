// Tidy checks (as TigerBeetle's tidy.zig keeps its tree): folders under sim/
// are layers and imports only go down; no function grows past 70 lines.
// Today's longer functions are listed with their length: the list may only
// shrink (a listed function that grows, or one that no longer needs its
// entry, fails the test).

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SIM = join(import.meta.dirname, '..', 'sim');

/**
 * Which folders each folder may import from (the layers, bottom up). `.` is
 * sim/index.ts, the library's entry. A folder not listed may import nothing.
 */
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  events: ['core'],
  config: ['core', 'events'],
  net: ['core'],
  data: ['core', 'config'],
  cluster: ['core', 'events', 'config'],
  server: ['core', 'events', 'config', 'data', 'cluster'],
  workload: ['core', 'events', 'server'],
  tools: ['core', 'events', 'server', 'workload'],
  scenario: ['core', 'events', 'config', 'cluster'],
  check: ['core', 'events', 'cluster', 'scenario'],
  report: ['core', 'events', 'cluster', 'scenario', 'check', 'workload'],
  run: ['core', 'events', 'config', 'net', 'data', 'cluster', 'server', 'workload', 'tools', 'scenario', 'check', 'report'],
  sweep: ['core', 'events', 'scenario', 'check', 'report', 'run'],
  fuzz: ['core', 'events', 'scenario', 'check', 'report', 'run', 'sweep'],
  '.': ['core', 'events', 'config', 'cluster', 'scenario', 'check', 'report', 'run', 'sweep', 'fuzz', 'workload'],
  cli: ['core', 'events', 'config', 'data', 'cluster', 'scenario', 'check', 'report', 'run', 'sweep', 'fuzz', 'tools', 'workload', 'package.json'],
};

/** Functions longer than MAX_LINES today, with their length: each may only get shorter. */
const LONG_FUNCTIONS: Record<string, number> = {
  'check/conditions.ts evaluate': 119,
  'cluster/failover.ts clusterHandleSlaveFailover': 107,
  'cluster/ping-pong.ts processPingPongMeet': 113,
  'cluster/process-packet.ts clusterProcessPacket': 95,
  'core/glob.ts matchImpl': 95,
  'report/timeline/client/ui.js boot': 162,
  'run/actions.ts applyAction': 131,
  'run/node-env.ts makeNodeEnv': 90,
  'tools/redis-cli/create.ts clusterManagerCommandCreate': 73,
  'tools/redis-cli/fix-open-slot.ts fixOpenSlot': 123,
  'tools/redis-cli/options.ts parseClusterArgs': 79,
  'tools/redis-cli/rebalance.ts clusterManagerCommandRebalance': 98,
};
const MAX_LINES = 70;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.(ts|js)$/.test(f) ? [p] : [];
  });
}

/** `cluster` for sim/cluster/x.ts, `.` for sim/index.ts, `package.json` for the manifest (its version). */
function folderOf(file: string): string {
  const rel = relative(SIM, file);
  if (rel === join('..', 'package.json')) return 'package.json';
  return rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : '.';
}

/** Relative module specifiers a source imports or re-exports, statically or dynamically. */
function importsIn(text: string, file = 'x.ts'): string[] {
  const src = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) out.push(n.moduleSpecifier.text);
    if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) out.push(n.arguments[0].text);
    // new URL('./x.js', import.meta.url) loads a module too (worker threads, assets).
    if (ts.isNewExpression(n) && n.expression.getText(src) === 'URL' && n.arguments?.[0] && ts.isStringLiteral(n.arguments[0])) out.push(n.arguments[0].text);
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out.filter((s) => s.startsWith('.'));
}

interface LongFunction {
  key: string;
  lines: number;
}

function longFunctions(file: string): LongFunction[] {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: LongFunction[] = [];
  const nameOf = (n: ts.SignatureDeclaration, owner: string): string => {
    const p = n.parent;
    const own = n.name?.getText(src) ?? (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) ? p.name.getText(src) : '(anonymous)');
    return owner ? `${owner}.${own}` : own;
  };
  const visit = (n: ts.Node, owner: string): void => {
    if (ts.isFunctionLike(n) && 'body' in n && n.body) {
      const first = src.getLineAndCharacterOfPosition(n.getStart(src)).line;
      const last = src.getLineAndCharacterOfPosition(n.end).line;
      const lines = last - first + 1;
      if (lines > MAX_LINES) out.push({ key: `${relative(SIM, file)} ${nameOf(n, owner)}`, lines });
    }
    const nextOwner = ts.isClassDeclaration(n) && n.name ? n.name.text : owner;
    ts.forEachChild(n, (c) => visit(c, nextOwner));
  };
  visit(src, '');
  return out;
}

describe('folders are layers', () => {
  it('every import between folders goes in an allowed direction', () => {
    const bad: string[] = [];
    for (const file of sources(SIM)) {
      const from = folderOf(file);
      for (const spec of importsIn(readFileSync(file, 'utf8'), file)) {
        const to = folderOf(resolve(dirname(file), spec));
        if (to !== from && !(ALLOWED[from] ?? []).includes(to)) bad.push(`sim/${relative(SIM, file)} imports ${spec} (${from} -> ${to})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the allowed directions have no cycle, so neither can the folders', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycle: string[] = [];
    const visit = (f: string, path: string[]): void => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'visiting') return void cycle.push([...path, f].join(' -> '));
      state.set(f, 'visiting');
      for (const t of ALLOWED[f] ?? []) visit(t, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of Object.keys(ALLOWED)) visit(f, []);
    expect(cycle).toEqual([]);
  });

  it('the guard sees imports of every kind, and only relative ones', () => {
    const text = [
      "import { a } from '../run/a.ts';",
      "import type { B } from '../check/b.ts';",
      "export { c } from './c.ts';",
      "export * from '../report/d.ts';",
      "const e = await import('../fuzz/e.ts');",
      "new Worker(new URL('./thread.js', import.meta.url));",
      "import { Command } from 'commander';",
      "// import { f } from '../not/code.ts';",
    ].join('\n');
    expect(importsIn(text)).toEqual(['../run/a.ts', '../check/b.ts', './c.ts', '../report/d.ts', '../fuzz/e.ts', './thread.js']);
    expect(folderOf(join(SIM, 'index.ts'))).toBe('.');
    expect(folderOf(join(SIM, 'report', 'timeline', 'build.ts'))).toBe('report');
  });
});

describe('functions stay short', () => {
  it(`no function is longer than ${MAX_LINES} lines, except the listed ones, which may only shrink`, () => {
    const found = new Map(sources(SIM).flatMap(longFunctions).map((f) => [f.key, f.lines]));
    const problems: string[] = [];
    for (const [key, lines] of found) {
      const allowed = LONG_FUNCTIONS[key];
      if (allowed === undefined) problems.push(`${key}: ${lines} lines (at most ${MAX_LINES}; split it)`);
      else if (lines > allowed) problems.push(`${key}: grew from ${allowed} to ${lines} lines`);
      else if (lines < allowed) problems.push(`${key}: now ${lines} lines; lower its entry in LONG_FUNCTIONS to ${lines}`);
    }
    for (const key of Object.keys(LONG_FUNCTIONS)) if (!found.has(key)) problems.push(`${key}: no longer over ${MAX_LINES} lines; remove its entry`);
    expect(problems).toEqual([]);
  });
});
