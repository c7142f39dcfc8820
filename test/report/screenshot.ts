// The README's picture of timeline.html: the split-brain scenario from 14 s
// to 21 s (B1 gathering B's and C's failure reports and declaring A FAIL,
// A1's election delay and its votes), with B's CLUSTER NODES pinned at 20 s
// (A failed, A1 promoted and owning A's slots), the narration beside.
//   npx tsx test/report/screenshot.ts [out.png]
// Needs Debian's chromium (apt-get install chromium).

import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hasChromium, launch, NO_CHROMIUM, openTimeline, runToReport } from './browser.ts';
import { scenarioFrom } from './helpers.ts';

const root = join(import.meta.dirname, '..', '..');
const out = process.argv[2] ?? join(root, 'test', 'fixtures', 'screenshots', 'timeline-split-brain.png');
if (!hasChromium()) {
  console.error(NO_CHROMIUM);
  process.exit(2);
}
const file = 'scenarios/split-brain.yaml';
const { dir } = runToReport(scenarioFrom(readFileSync(join(root, file), 'utf8'), file), 1);
const b = await launch({ width: 1400, height: 900 });
try {
  const { page } = await openTimeline(b, join(dir, 'timeline.html'));
  await page.evaluate('window.timeline.setView(14000, 21000); window.timeline.draw()');
  const canvas = (await page.locator('#chart canvas').boundingBox())!;
  // Strings: the page's globals have no types here, and tsx helpers must not leak into the page.
  const at = (await page.evaluate('({ x: window.timeline.X(20000), y: window.timeline.laneMid(1) })')) as { x: number; y: number };
  await page.mouse.click(canvas.x + at.x, canvas.y + at.y);
  await page.mouse.move(canvas.x + at.x, canvas.y + at.y);
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await b.close();
}
