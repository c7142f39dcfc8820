// Rule: every relative link in the repository's Markdown leads somewhere.
// A link to a file or folder must name one that exists (relative to the
// Markdown file, as GitHub resolves it), and a `#anchor` into a Markdown
// file must be one of its headings under GitHub's slug rules (or an
// explicit <a name>). Links with a scheme (https:, mailto:) are not checked.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, anchors, links, markdownFiles, slug } from './markdown.ts';

const anchorCache = new Map<string, Set<string>>();
function anchorsOf(path: string): Set<string> {
  let a = anchorCache.get(path);
  if (!a) anchorCache.set(path, (a = anchors(readFileSync(path, 'utf8'))));
  return a;
}

/** What is wrong with one link of `file`, or undefined when it resolves. */
function problem(file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined;
  const hash = target.indexOf('#');
  const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
  const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
  const abs = pathPart === '' ? join(REPO, file) : pathPart.startsWith('/') ? join(REPO, pathPart) : join(REPO, dirname(file), pathPart);
  if (!abs.startsWith(REPO)) return `${target}: leaves the repository`;
  if (!existsSync(abs)) return `${target}: ${relative(REPO, abs)} does not exist`;
  if (anchor === undefined || !abs.endsWith('.md') || statSync(abs).isDirectory()) return undefined;
  return anchorsOf(abs).has(anchor) ? undefined : `${target}: no heading of ${relative(REPO, abs)} has the anchor #${anchor}`;
}

describe('every relative link in the Markdown of the repository resolves', () => {
  const files = markdownFiles();

  it('finds the Markdown files (README.md, docs/, the folder READMEs)', () => {
    expect(files).toContain('README.md');
    expect(files).toContain('docs/README.md');
    expect(files).toContain('sim/scenario/README.md');
  });

  for (const file of files) {
    it(`${file}: every link names an existing file, and every #anchor a heading`, () => {
      const bad = links(readFileSync(join(REPO, file), 'utf8'))
        .map((l) => ({ l, why: problem(file, l.target) }))
        .filter((x) => x.why !== undefined)
        .map((x) => `${file}:${x.l.line}: ${x.why}`);
      expect(bad).toEqual([]);
    });
  }
});

describe('the checker follows GitHub', () => {
  it('slugs headings as GitHub does', () => {
    expect(slug('`@B` references in commands')).toBe('b-references-in-commands');
    expect(slug('Values: times, rates, slots, comparisons')).toBe('values-times-rates-slots-comparisons');
    expect(slug('kill, restart, start, shutdown')).toBe('kill-restart-start-shutdown');
    expect(slug('one-vote-per-epoch')).toBe('one-vote-per-epoch');
    expect(slug('What `sim run` prints (exit 0–4)')).toBe('what-sim-run-prints-exit-04');
    expect(slug('[Linked](x.md) and *stressed* cluster_state')).toBe('linked-and-stressed-cluster_state');
  });

  it('numbers repeated headings and skips code', () => {
    const a = anchors('# Notes\n\n## Notes\n\n```\n# not a heading\n```\n\n<a name="here"></a>\n');
    expect([...a]).toEqual(['notes', 'notes-1', 'here']);
  });

  it('reads inline links, images and reference definitions, not code', () => {
    const text = 'See [a](docs/a.md#x) and ![p](img.png "title").\n`[no](code.md)`\n\n```\n[no](fenced.md)\n```\n[ref]: other.md\n';
    expect(links(text).map((l) => l.target)).toEqual(['docs/a.md#x', 'img.png', 'other.md']);
  });
});
