// timeline.html in a real browser (Debian's chromium, headless): it loads
// from a file:// URL without a single network request or console error,
// draws a lane per node in the colour of each node's role, shows a node's
// CLUSTER NODES when its lane is hovered, and does not run markup that a
// scenario's text carries. Skips, saying how to enable it, when
// /usr/bin/chromium is not installed.

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSummary } from '../../sim/report/summary.ts';
import { buildTimelineData } from '../../sim/report/timeline/build.ts';
import { timelineHtml } from '../../sim/report/timeline/html.ts';
import { scenarioFrom } from './helpers.ts';
import { hasChromium, launch, NO_CHROMIUM, openTimeline, runToReport, type Browser, type OpenedPage } from './browser.ts';

const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios');
/** id, ip:port@cport, flags, master, ping_sent, pong_received, epoch, link state (then slots). */
const NODES_LINE = /^[0-9a-f]{40} \d+\.\d+\.\d+\.\d+:\d+@\d+ [a-z?,]+ (-|[0-9a-f]{40}) \d+ \d+ \d+ (connected|disconnected)( \d+(-\d+)?)*$/;

if (!hasChromium()) {
  console.warn(`skipping the timeline browser test: ${NO_CHROMIUM}`);
  describe('timeline.html in a browser', () => {
    it.skip(NO_CHROMIUM, () => undefined);
  });
} else {
  describe('timeline.html in a browser', () => {
    let browser: Browser;
    let split: OpenedPage;
    /** The same run's page with its data gzipped, as long runs write it. */
    let packedFile: string;
    const dirs: string[] = [];

    beforeAll(async () => {
      const scenario = scenarioFrom(readFileSync(join(SCENARIOS, 'split-brain.yaml'), 'utf8'), 'scenarios/split-brain.yaml');
      const { dir, result } = runToReport(scenario, 1);
      dirs.push(dir);
      packedFile = join(dir, 'timeline-packed.html');
      const data = buildTimelineData(result, result.timelineRecord!, buildSummary(result, 0));
      writeFileSync(packedFile, timelineHtml(data, { compressAboveBytes: 0 }));
      browser = await launch();
      split = await openTimeline(browser, join(dir, 'timeline.html'));
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    it('loads from file:// with no network request and no console error', () => {
      expect(split.network).toEqual([]);
      expect(split.errors).toEqual([]);
      expect(split.readyMs).toBeGreaterThan(0);
    });

    it('draws one lane per node, coloured by the role the node believes it has', async () => {
      const page = split.page;
      const lanes = await page.evaluate(() => {
        const w = globalThis as any;
        const tl = w.timeline;
        const ctx = w.document.querySelector('#chart canvas').getContext('2d');
        const dpr = w.devicePixelRatio || 1;
        // Near the bottom edge of a lane: under the belief stripe, clear of markers.
        const at = (k: number, t: number): string => {
          const d = ctx.getImageData(Math.round(tl.X(t) * dpr), Math.round((tl.laneMid(k) + 12) * dpr), 1, 1).data;
          return `rgb(${d[0]},${d[1]},${d[2]})`;
        };
        tl.setView(0, tl.data.endMs);
        tl.draw();
        return (tl.data.nodes as string[]).map((name, k) => ({ name, before: at(k, 5000), after: at(k, 50_000) }));
      });
      const master = 'rgb(143,179,240)';
      const replica = 'rgb(159,216,176)';
      expect(lanes).toEqual([
        { name: 'A', before: master, after: replica },
        { name: 'B', before: master, after: master },
        { name: 'C', before: master, after: master },
        { name: 'A1', before: replica, after: master },
        { name: 'B1', before: replica, after: replica },
        { name: 'C1', before: replica, after: replica },
      ]);
    });

    it("shows the hovered node's CLUSTER NODES at that instant", async () => {
      const page = split.page;
      const box = (await page.locator('#chart canvas').boundingBox())!;
      const target = await page.evaluate(() => {
        const tl = (globalThis as any).timeline;
        return { x: tl.X(30_000), y: tl.laneMid(3) };
      });
      await page.mouse.move(box.x + target.x, box.y + target.y);
      await expect.poll(() => page.textContent('#view-title')).toMatch(/^A1 at 30\.\d{3} s$/);
      const lines = ((await page.textContent('#view')) ?? '').split('\n');
      expect(lines).toHaveLength(6);
      for (const l of lines) expect(l).toMatch(NODES_LINE);
      // A1 won the election at 17.8 s: at 30 s it is a master holding A's slots, and sees A failed.
      expect(lines.find((l) => l.includes('myself'))).toMatch(/ myself,master - 0 \d+ 7 connected 0-5460$/);
      expect(lines.some((l) => / master,fail - /.test(l))).toBe(true);
      expect(await page.textContent('#view-state')).toContain('master');
    });

    it('reads the same data from a gzipped page', async () => {
      expect(readFileSync(packedFile, 'utf8')).toContain('data-encoding="gzip-base64"');
      const packed = await openTimeline(browser, packedFile);
      expect(packed.errors).toEqual([]);
      expect(packed.network).toEqual([]);
      const dataOf = (o: OpenedPage) => o.page.evaluate(() => JSON.stringify((globalThis as any).timeline.data));
      const [a, b] = await Promise.all([dataOf(split), dataOf(packed)]);
      expect(b.length).toBeGreaterThan(10_000);
      expect(b).toBe(a);
    });

    it('shows scenario markup as text and never runs it', async () => {
      const evil = scenarioFrom(`
name: "evil <b>name</b>"
description: "<script>window.__pwned = 1</script><img src=x onerror=\\"window.__pwned = 2\\">"
duration: 3s
cluster: { masters: 3, replicas: 0 }
timeline:
  - at: 1s
    redis: { node: A, command: "SET \\"<script>window.__pwned = 3</script>\\" 1" }
`);
      const { dir } = runToReport(evil, 1);
      dirs.push(dir);
      const opened = await openTimeline(browser, join(dir, 'timeline.html'));
      const page = opened.page;
      expect(await page.evaluate(() => (globalThis as any).__pwned)).toBeUndefined();
      expect(await page.textContent('h1')).toBe('evil <b>name</b>');
      expect(await page.textContent('.desc')).toContain('<script>window.__pwned = 1</script>');
      expect(await page.locator('header script, header img, h1 b').count()).toBe(0);
      expect(opened.errors).toEqual([]);
      expect(opened.network).toEqual([]);
    }, 60_000);
  });
}
