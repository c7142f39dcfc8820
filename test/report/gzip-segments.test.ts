// A long run's page data is gzipped a segment at a time: the result must
// read back, with any gzip reader, as the text that went in.

import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { GzipSegments } from '../../sim/report/timeline/gzip-segments.ts';
import { jsonChunks } from '../../sim/report/timeline/json-chunks.ts';

describe('gzip in segments', () => {
  it('reads back as the whole text, across segment boundaries', () => {
    const g = new GzipSegments();
    let text = '';
    for (let i = 0; i < 40_000; i++) {
      const piece = `{"i":${i},"s":"${'é'.repeat(i % 7)}${'x'.repeat(i % 300)}"},`;
      text += piece;
      g.write(piece);
    }
    expect(gunzipSync(g.end()).toString('utf8')).toBe(text);
  });

  it('an empty text is an empty member', () => {
    expect(gunzipSync(new GzipSegments().end()).toString('utf8')).toBe('');
  });
});

describe('JSON in pieces', () => {
  it('joins to JSON.stringify', () => {
    const big = Array.from({ length: 10_000 }, (_, i) => i * 1.5 - 77);
    const v = { a: 1, b: 'x"<', c: [1, null, undefined, 'q', { d: undefined, e: [] }], f: { 3: [1], 10: [2], 2: [] }, big, t: true, n: null };
    expect([...jsonChunks(v)].join('')).toBe(JSON.stringify(v));
  });

  it('a part with jsonChunks writes itself; JSON.stringify uses its toJSON', () => {
    const part = { toJSON: () => ({ k: [1, 2] }), jsonChunks: () => ['{"k":', '[1,2]}'] };
    const v = { before: 0, part, after: [part] };
    expect([...jsonChunks(v)].join('')).toBe(JSON.stringify(v));
  });
});
