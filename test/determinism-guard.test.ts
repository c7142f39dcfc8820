// TigerBeetle-style tidy check: nothing inside the simulation may read the
// wall clock, use timers or draw unseeded randomness. Only sim/cli/ (the
// command line: it shows wall time and may pick a seed) is exempt.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', 'sim');
/** The command line is the one room with real I/O: it shows wall time and may draw a seed. */
const exempt = (rel: string): boolean => rel.startsWith('cli/');

const BANNED: [RegExp, string][] = [
  [/\bMath\.random\b/, 'Math.random (use the seeded Prng)'],
  [/\bDate\.now\b|\bnew Date\b|\bDate\(/, 'Date (simulated time only)'],
  [/\bperformance\.now\b/, 'performance.now'],
  [/\bprocess\.hrtime\b/, 'process.hrtime'],
  [/\bset(Timeout|Interval|Immediate)\s*\(/, 'timers'],
  [/\bqueueMicrotask\b/, 'queueMicrotask'],
  [/\brandom(Bytes|UUID|Int)\s*\(/, 'crypto randomness'],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|js)$/.test(f) ? [p] : [];
  });
}

/** Source with comments blanked out, so a comment may mention what it avoids. */
function code(src: string): string[] {
  return src
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' '))
    .split('\n')
    .map((l) => l.replace(/(^|[^:'"`])\/\/.*$/, '$1'));
}

describe('determinism guard', () => {
  it('no wall clock, timers or unseeded randomness under sim/ (except sim/cli/)', () => {
    const hits: string[] = [];
    for (const f of files(root)) {
      const rel = relative(root, f);
      if (exempt(rel)) continue;
      code(readFileSync(f, 'utf8')).forEach((line, i) => {
        for (const [re, what] of BANNED) if (re.test(line)) hits.push(`sim/${rel}:${i + 1}: ${what}: ${line.trim()}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('seedrandom is imported only by core/prng.ts', () => {
    const importers = files(root)
      .filter((f) => /from ['"]seedrandom['"]/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(importers).toEqual(['core/prng.ts']);
  });

  it('the guard itself catches a banned call', () => {
    const lines = code('const x = 1; // Math.random() in a comment is fine\nconst y = Math.random();');
    const flagged = lines.filter((l) => BANNED.some(([re]) => re.test(l)));
    expect(flagged).toEqual(['const y = Math.random();']);
  });
});
