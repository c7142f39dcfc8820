// `sim keyslot foo` and `sim --help` must start fast: what the bin loads
// before a command runs is commander and sim/cli/, and nothing of the
// simulator (each command imports its library inside its action). This
// follows the static imports from sim/cli/bin.ts as Node will (with
// verbatimModuleSyntax an `import type` is erased and every other import
// stays) and checks what they reach. `npm run bench -- startup` has the times.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const simRoot = join(import.meta.dirname, '..', '..', 'sim');

/** Specifiers of the imports and re-exports of a file that remain at run time (not `import()`). */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022);
  const specifiers: string[] = [];
  for (const st of source.statements) {
    if (ts.isImportDeclaration(st) && !st.importClause?.isTypeOnly) specifiers.push((st.moduleSpecifier as ts.StringLiteral).text);
    if (ts.isExportDeclaration(st) && st.moduleSpecifier && !st.isTypeOnly) specifiers.push((st.moduleSpecifier as ts.StringLiteral).text);
  }
  return specifiers;
}

/** Every file and package the entry loads before running anything. */
function staticGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec));
      else if (!spec.startsWith('node:')) packages.add(spec);
    }
  };
  visit(entry);
  return { files: [...files].map((f) => relative(simRoot, f)).sort(), packages: [...packages].sort() };
}

describe('CLI startup', () => {
  const graph = staticGraph(join(simRoot, 'cli', 'bin.ts'));

  it('imports no package (commander, the one it needs, is required by main.ts: cheaper than import)', () => {
    expect(graph.packages.filter((p) => p !== 'commander')).toEqual([]);
  });

  it('loads sim/cli/ and, outside it, only leaf modules (files that import nothing)', () => {
    const outside = graph.files.filter((f) => !f.startsWith('cli/'));
    for (const f of outside) expect(runtimeImports(join(simRoot, f)), f).toEqual([]);
    expect(outside.length).toBeLessThanOrEqual(5);
  });

  it('the check itself sees through a re-export and skips type-only imports', () => {
    const whole = staticGraph(join(simRoot, 'scenario', 'index.ts'));
    expect(whole.packages).toContain('yaml');
    expect(runtimeImports(join(simRoot, 'cli', 'run.ts'))).not.toContain('../events/recorder.ts');
  });
});
