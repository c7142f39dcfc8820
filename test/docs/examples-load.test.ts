// Rule: every YAML example in the documentation is a scenario that loads.
// Each ```yaml block of README.md and of docs/**/*.md goes through
// loadScenario exactly as `sim check` would read it, and must load without
// errors, unless the line above it marks it (see docs/README.md):
//   <!-- fragment -->  a piece of a file, not loaded;
//   <!-- invalid -->   an example of a mistake: it must fail to load.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatScenarioError, loadScenario } from '../../sim/scenario/index.ts';
import { REPO, fences, markdownFiles } from './markdown.ts';

const FRAGMENT = '<!-- fragment -->';
const INVALID = '<!-- invalid -->';

const documents = markdownFiles().filter((f) => f === 'README.md' || f.startsWith('docs/'));

describe('every YAML example in the documentation loads with loadScenario', () => {
  it('the scenario reference and the README have examples', () => {
    const yaml = (f: string): number => fences(readFileSync(join(REPO, f), 'utf8')).filter((b) => b.lang === 'yaml').length;
    expect(yaml('docs/scenario-format.md')).toBeGreaterThan(15);
    expect(yaml('README.md')).toBeGreaterThan(0);
  });

  for (const file of documents) {
    const blocks = fences(readFileSync(join(REPO, file), 'utf8')).filter((b) => b.lang === 'yaml' || b.lang === 'yml');
    for (const b of blocks) {
      if (b.before === FRAGMENT) continue;
      const where = `${file}:${b.line}`;
      if (b.before === INVALID) {
        it(`${where} is marked invalid, and fails to load`, () => {
          expect(loadScenario(where, b.body).ok).toBe(false);
        });
        continue;
      }
      it(`${where} loads`, () => {
        const r = loadScenario(where, b.body);
        expect(r.ok ? [] : r.errors.map(formatScenarioError)).toEqual([]);
      });
    }
  }
});
