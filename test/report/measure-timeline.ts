// How big and how fast timeline.html is for a long run: the 10-minute,
// 20-node fixture by default. Prints, never asserts (timings depend on the
// machine):
//   npx tsx test/report/measure-timeline.ts [scenario.yaml] [--seed N]
// Measures the run with and without the timeline recorders (their cost),
// building the page, its size by part, and in chromium (when installed) the
// time to first draw, a redraw at several zooms, and a hover's view lookup.

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildSummary } from '../../sim/report/summary.ts';
import { buildTimelineData } from '../../sim/report/timeline/build.ts';
import { timelineHtml } from '../../sim/report/timeline/html.ts';
import { runScenario } from '../../sim/run/runner.ts';
import { hasChromium, launch, NO_CHROMIUM, openTimeline, runToReport } from './browser.ts';
import { scenarioFrom } from './helpers.ts';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? join(import.meta.dirname, '..', 'fixtures', 'scenarios', 'timeline-20-nodes-10m.yaml');
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 1;
const scenario = scenarioFrom(readFileSync(file, 'utf8'), file);
const kb = (n: number): string => `${(n / 1024).toFixed(0)} KiB`;

function timed<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

// The recorders' cost: the same run with and without them, twice each, interleaved.
const walls: Record<string, number[]> = { with: [], without: [] };
let result = undefined as ReturnType<typeof runScenario> | undefined;
for (let i = 0; i < 2; i++) {
  const [r, ms] = timed(() => runScenario(scenario, { seed, logLevel: 'warning', timeline: true }));
  walls.with!.push(ms);
  result = r;
  walls.without!.push(timed(() => runScenario(scenario, { seed, logLevel: 'warning', timeline: false }))[1]);
}
const r = result!;
const rec = r.timelineRecord!;
console.log(`${scenario.name}: ${rec.nodes.length} nodes, ${(r.endMs / 1000).toFixed(0)} s simulated, ${r.world.sched.eventsRun} scheduler events`);
console.log(`run wall: ${walls.with!.map((m) => m.toFixed(0)).join(', ')} ms with the timeline recorders, ${walls.without!.map((m) => m.toFixed(0)).join(', ')} ms without`);

const [data, buildMs] = timed(() => buildTimelineData(r, rec, buildSummary(r, null)));
const [html, htmlMs] = timed(() => timelineHtml(data));
console.log(`build: data ${buildMs.toFixed(0)} ms, html ${htmlMs.toFixed(0)} ms; timeline.html ${kb(Buffer.byteLength(html))}`);
for (const [k, v] of Object.entries(data)) {
  const n = JSON.stringify(v).length;
  if (n > 2048) console.log(`  ${k.padEnd(10)} ${kb(n)}`);
}
for (const [k, v] of Object.entries(data.views)) console.log(`    views.${k.padEnd(8)} ${kb(JSON.stringify(v).length)}`);
const m = data.messages;
console.log(
  `  ${rec.views.snapshotCount} view snapshots, ${data.views.lines.length} distinct lines; ${m.key.length / 6} key messages, ` +
    `${m.otherTotal} other bus messages (${m.sampleEvery === 1 ? 'all kept' : `1 in ${m.sampleEvery} kept`}), ${m.drops.length / 4} drops; ` +
    `${data.markers.length / 5} markers; ${data.faults.length} fault bands`,
);

if (!hasChromium()) {
  console.log(`browser timings skipped: ${NO_CHROMIUM}`);
} else {
  const { dir } = runToReport(scenario, seed);
  const path = join(dir, 'timeline.html');
  console.log(`written: ${path} (${kb(statSync(path).size)})`);
  const b = await launch();
  try {
    const opened = await openTimeline(b, path);
    console.log(`chromium: ready (parse, decode, first draw) ${opened.readyMs.toFixed(0)} ms after navigation; errors ${opened.errors.length}, network requests ${opened.network.length}`);
    // A string, so that tsx's helpers do not leak into the page (and the page's globals need no types here).
    const timings = (await opened.page.evaluate(`(() => {
      const tl = window.timeline;
      const redraw = (t0, t1, all) => {
        tl.st.opts.allMessages = all;
        tl.setView(t0, t1);
        const s = performance.now();
        for (let i = 0; i < 10; i++) tl.draw();
        return (performance.now() - s) / 10;
      };
      const end = tl.data.endMs;
      const out = {
        'whole run': redraw(tl.data.startMs, end, false),
        'whole run, all bus messages': redraw(tl.data.startMs, end, true),
        '10 s window, all bus messages': redraw(60000, 70000, true),
        '100 ms window': redraw(61000, 61100, false),
      };
      const n = tl.data.nodes.length;
      const s = performance.now();
      let k = 0;
      for (let i = 0; i < 200; i++) k += (tl.viewAt(i % n, (i * 2999) % end) || '').length;
      out['CLUSTER NODES lookup (hover)'] = (performance.now() - s) / 200;
      return out;
    })()`)) as Record<string, number>;
    for (const [k, v] of Object.entries(timings)) console.log(`  ${k}: ${v.toFixed(1)} ms`);
  } finally {
    await b.close();
  }
}
