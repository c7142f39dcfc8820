// timeline.html teaches the quorum (issue 14), in a real browser (Debian's
// chromium, headless; skipped when /usr/bin/chromium is absent):
// - split-brain: the failure reports reaching the deciding node (B1 declares
//   A FAIL at 17.906 s on the reports of B, which arrived at 15.906 s in a
//   PONG's gossip, and of C, at 17.906 s: 2 of the 2 needed of 3 masters) are
//   drawn on B1's lane and name who told whom; the narration stands beside
//   the chart and follows the cursor both ways; A1's lane shows its election
//   delay as 500 fixed + 499 random + rank 0 × 1000; the legend lists only
//   what the run contains;
// - a 200-node run's page opens with its groups (a master and its replica)
//   folded, one row each, and a group unfolds on a click.

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launch, NO_CHROMIUM, openTimeline, runToReport, type Browser, type OpenedPage } from './browser.ts';
import { scenarioFrom } from './helpers.ts';

const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios');

interface Point {
  x: number;
  y: number;
}

if (!hasChromium()) {
  console.warn(`skipping the timeline quorum browser test: ${NO_CHROMIUM}`);
  describe('timeline.html teaches the quorum', () => {
    it.skip(NO_CHROMIUM, () => undefined);
  });
} else {
  describe('timeline.html teaches the quorum', () => {
    let browser: Browser;
    let split: OpenedPage;
    const dirs: string[] = [];

    /** Page coordinates of the chart at simulated `t` on the lane of node `k` (dy from its middle). */
    const chartPoint = async (o: OpenedPage, t: number, k: number, dy = 0): Promise<Point> => {
      const box = (await o.page.locator('#chart canvas').boundingBox())!;
      const p = (await o.page.evaluate(`({ x: window.timeline.X(${t}), y: window.timeline.laneMid(${k}) })`)) as Point;
      return { x: box.x + p.x, y: box.y + p.y + dy };
    };

    beforeAll(async () => {
      const scenario = scenarioFrom(readFileSync(join(SCENARIOS, 'split-brain.yaml'), 'utf8'), 'scenarios/split-brain.yaml');
      const { dir } = runToReport(scenario, 1);
      dirs.push(dir);
      browser = await launch({ width: 1500, height: 950 });
      split = await openTimeline(browser, join(dir, 'timeline.html'));
      await split.page.evaluate('window.timeline.setView(15000, 20000); window.timeline.draw()');
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });

    it('loads without a console error or a request', () => {
      expect(split.errors).toEqual([]);
      expect(split.network).toEqual([]);
    });

    it("draws the failure reports reaching B1, the deciding node, with who told it and the count against the quorum", async () => {
      const page = split.page;
      const quorums = (await page.evaluate(
        "window.timeline.data.quorums.map((q) => ({ decider: window.timeline.data.nodes[q.lane], subject: window.timeline.data.nodes[q.subject], needed: q.needed, self: q.self, failT: q.failT, reports: q.reports }))",
      )) as { decider: string; subject: string; needed: number; self: boolean; failT: number; reports: number[] }[];
      expect(quorums.map((q) => [q.decider, q.subject, q.needed, q.self])).toEqual([['B1', 'A', 2, false]]);
      // [t, reporter lane, reports after, step, via] per report: B's (lane 1) at 15.906 s via a PONG, C's (lane 2) at 17.906 s.
      const reports = quorums[0]!.reports;
      expect(reports.length).toBe(10);
      expect([Math.round(reports[0]!), reports[1], reports[2], reports[3], reports[4]]).toEqual([15906, 1, 1, 1, 1]);
      expect([Math.round(reports[5]!), reports[6], reports[7], reports[8]]).toEqual([17906, 2, 2, 1]);

      // The first report's dot on B1's lane: hovering it says who told whom.
      const b1 = 4;
      const at = await chartPoint(split, reports[0]!, b1);
      const dot = (await page.evaluate(`window.timeline.st.hits.quorum.map((q) => ({ x: q.x, y: q.y }))`)) as Point[];
      expect(dot).toHaveLength(2);
      const box = (await page.locator('#chart canvas').boundingBox())!;
      await page.mouse.move(box.x + dot[0]!.x, box.y + dot[0]!.y);
      await expect.poll(() => page.textContent('#tip')).toContain('B tells B1 in the gossip of a PONG that A is failing: 1 report, 2 needed');
      expect(Math.abs(box.x + dot[0]!.x - at.x)).toBeLessThan(1);
      await page.mouse.move(box.x + dot[1]!.x, box.y + dot[1]!.y);
      await expect.poll(() => page.textContent('#tip')).toContain('C tells B1 in the gossip of a PONG that A is failing: 2 reports, 2 needed');
    });

    it('draws the quorum in its own colour on the lane, between the first report and FAIL', async () => {
      const page = split.page;
      // Along the staircase at count 1, halfway between the two reports: the quorum colour (#b35900).
      const colour = (await page.evaluate(`(() => {
        const tl = window.timeline;
        const q = tl.data.quorums[0];
        const ctx = document.querySelector('#chart canvas').getContext('2d');
        const dpr = window.devicePixelRatio || 1;
        const y = tl.st.hits.quorum[0].y;
        const d = ctx.getImageData(Math.round(tl.X((q.reports[0] + q.reports[5]) / 2) * dpr), Math.round(y * dpr), 1, 1).data;
        return [d[0], d[1], d[2]];
      })()`)) as number[];
      expect(colour).toEqual([179, 89, 0]);
    });

    it('shows the election delay on the candidate A1: 500 fixed + 499 random + rank 0 × 1000, then the wait for votes', async () => {
      const page = split.page;
      const box = (await page.locator('#chart canvas').boundingBox())!;
      const bars = (await page.evaluate('window.timeline.st.hits.elections')) as { x1: number; x2: number; y1: number; y2: number; text: string }[];
      expect(bars.length).toBeGreaterThan(0);
      await page.mouse.move(box.x + (bars[0]!.x1 + bars[0]!.x2) / 2, box.y + (bars[0]!.y1 + bars[0]!.y2) / 2);
      const tip = (await page.textContent('#tip')) ?? '';
      expect(tip).toContain('A1: election delay 999 ms = 500 fixed + 499 random + rank 0 × 1000');
      expect(tip).toContain('asked for votes at 18.973 s in epoch 7 (needs 2), 2 arrived');
      expect(tip).toContain('won at 18.974 s');
    });

    it('tells the run beside the chart, the line of the moment under the cursor marked', async () => {
      const page = split.page;
      const chart = (await page.locator('#chart canvas').boundingBox())!;
      const story = (await page.locator('#story').boundingBox())!;
      // Beside: to the right of the chart, over the same rows of the page.
      expect(story.x).toBeGreaterThanOrEqual(chart.x + chart.width - 1);
      expect(story.y).toBeLessThan(chart.y + chart.height);
      const lines = await page.locator('#story-lines li').allTextContents();
      expect(lines.some((l) => l.includes('FAIL A: 2 of 2 required master reports (B at 15.906 s, C at 17.906 s)'))).toBe(true);
      expect(lines.some((l) => l.includes('election in 999 ms = 500 fixed + 499 random + rank 0 × 1000'))).toBe(true);
      // Chart → story: at 17.95 s the latest line is B1's FAIL broadcast summary.
      const p = await chartPoint(split, 17_950, 0, 14);
      await page.mouse.move(p.x, p.y);
      await expect.poll(() => page.textContent('#story-lines li.now')).toContain('cluster_state fail on B1');
      // Story → chart: hovering the election line puts the chart's cursor at its moment.
      await page.locator('#story-lines li', { hasText: 'election in 999 ms' }).hover();
      expect(await page.evaluate('window.timeline.st.cursor.t')).toBe(17_973);
    });

    it('lists in the legend only what this run contains', async () => {
      const legend = (await split.page.textContent('#legend')) ?? '';
      for (const present of ['master', 'replica', 'sees some node FAIL', 'partition', 'FAIL', 'FAILOVER_AUTH_ACK', 'failure reports counted', '500 ms fixed', 'election-won']) {
        expect(legend).toContain(present);
      }
      for (const absent of ['paused', 'not running', 'MFSTART', 'dropped', 'duplicated', 'kill', 'manual-failover', 'replica-migrated']) {
        expect(legend).not.toContain(absent);
      }
    });

    it('opens a 200-node run with its groups folded, one row per master and its replica, and unfolds one on a click', async () => {
      const big = scenarioFrom(`
name: two hundred
description: 100 masters with a replica each, formed and left alone.
duration: 1s
cluster: { masters: 100, replicas: 1 }
`);
      const { dir } = runToReport(big, 1);
      dirs.push(dir);
      const opened = await openTimeline(browser, join(dir, 'timeline.html'));
      const page = opened.page;
      expect(opened.errors).toEqual([]);
      const rows = (await page.evaluate('window.timeline.st.lay.rows.map((r) => [window.timeline.data.nodes[r.lane], r.folded, r.size])')) as [string, boolean, number][];
      expect(rows).toHaveLength(100);
      expect(rows[0]).toEqual(['A', true, 2]);
      expect(rows.every(([, folded, size]) => folded && size === 2)).toBe(true);
      // A's replica A1 is drawn on A's row while folded.
      const a1 = (await page.evaluate("window.timeline.data.nodes.indexOf('A1')")) as number;
      expect(await page.evaluate(`window.timeline.laneMid(${a1}) === window.timeline.laneMid(0)`)).toBe(true);
      // Clicking the group's name in the gutter unfolds it: A, then A1.
      const box = (await page.locator('#chart canvas').boundingBox())!;
      const y = (await page.evaluate('window.timeline.laneMid(0)')) as number;
      await page.mouse.click(box.x + 30, box.y + y);
      const after = (await page.evaluate('window.timeline.st.lay.rows.slice(0, 3).map((r) => window.timeline.data.nodes[r.lane])')) as string[];
      expect(after).toEqual(['A', 'A1', 'B']);
    }, 180_000);
  });
}
