// timeline.html is one self-contained file, and nothing a scenario says can
// become markup or script in it: names, descriptions and commands are
// escaped in the HTML and carried as JSON that cannot end its element.

import { describe, expect, it } from 'vitest';
import { buildSummary } from '../../sim/report/summary.ts';
import { buildTimelineData } from '../../sim/report/timeline/build.ts';
import { escapeHtml, jsonForScript, timelineHtml } from '../../sim/report/timeline/html.ts';
import type { TimelineData } from '../../sim/report/timeline/model.ts';
import { runScenario } from '../../sim/run/runner.ts';
import { scenarioFrom } from './helpers.ts';

const EVIL = `</script><script>window.__pwned = 1</script><!-- <img src=x onerror="window.__pwned = 2"> & 'quotes'`;

/** A short run whose name, description and command carry markup. */
function evilRunHtml(): { html: string; data: TimelineData } {
  const scenario = scenarioFrom(`
name: "evil <b>name</b>"
description: ${JSON.stringify(EVIL)}
seed: 1
duration: 3s
cluster: { masters: 3, replicas: 0 }
timeline:
  - at: 1s
    redis: { node: A, command: "SET \\"<script>window.__pwned = 3</script>\\" 1" }
`);
  const r = runScenario(scenario, { seed: 1, logLevel: 'warning', timeline: true });
  const data = buildTimelineData(r, r.timelineRecord!, buildSummary(r, null));
  return { html: timelineHtml(data), data };
}

describe('timeline.html escaping', () => {
  it('escapes text for element content and attributes', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;');
  });

  it('writes JSON that cannot close its script element and parses back unchanged', () => {
    const value = { s: EVIL, line: 'a\u2028b\u2029c', n: [1, 2.5] };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('keeps scenario markup out of the page: only its own two scripts, everything else escaped', () => {
    const { html, data } = evilRunHtml();
    expect(html.match(/<script/gi)).toHaveLength(2);
    expect(html).not.toContain('<b>name</b>');
    expect(html).toContain('<h1>evil &lt;b&gt;name&lt;/b&gt;</h1>');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;window.__pwned = 1&lt;/script&gt;&lt;!--');
    expect(html).not.toContain('<!--');
    // The data element holds the same texts, intact after JSON.parse.
    const json = /<script type="application\/json" id="timeline-data">([^<]*)<\/script>/.exec(html)![1]!;
    const parsed = JSON.parse(json) as TimelineData;
    expect(parsed.scenario.description.trim()).toBe(EVIL);
    expect(parsed.details.some((d) => d.includes('<script>window.__pwned = 3</script>'))).toBe(true);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(data)));
  }, 30_000);

  it('references nothing outside the file', () => {
    // The markup, styles and script, without the data (whose texts the scenario chose).
    const page = evilRunHtml().html.replace(/(<script type="application\/json" id="timeline-data">)[^<]*/, '$1');
    // No tag loads anything (the escaped description may well say `src=` as text).
    expect(page).not.toMatch(/<[^>]*\b(src|href)\s*=/i);
    expect(page).not.toMatch(/https?:\/\/|@import|url\(|fetch\(|XMLHttpRequest|WebSocket/i);
    const html = page;
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;`);
  }, 30_000);
});

describe('timeline.html data of a long run', () => {
  it('gzipped a segment at a time, it reads back as the same JSON', async () => {
    const { data } = evilRunHtml();
    const { gunzipSync } = await import('node:zlib');
    const whole = timelineHtml(data, { compressAboveBytes: 0 });
    const segmented = timelineHtml(data, { compressAboveBytes: 0, segmentAboveChars: 1000 });
    const payload = (html: string): string => gunzipSync(Buffer.from(/data-encoding="gzip-base64">([^<]*)</.exec(html)![1]!, 'base64')).toString('utf8');
    expect(payload(segmented)).toBe(JSON.stringify(data));
    expect(payload(whole)).toBe(JSON.stringify(data));
    expect(segmented).not.toBe(whole);
  });
});
