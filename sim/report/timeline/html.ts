// timeline.html: one self-contained file. The page skeleton is here; the
// styles and the script are files beside this one (client/), read once and
// inlined; the run's data is embedded as JSON, gzipped and base64-coded when
// it is large (a long run's ping/pong clocks compress about 5×; the page
// inflates it with the browser's own DecompressionStream). Nothing is
// fetched: no fonts, no libraries, no network at all, so the file can be
// mailed or opened from a CI artifact.
//
// Scenario text (name, description, commands in event details) reaches the
// page in two ways only: escaped here (title, heading, description), or as
// JSON that the script puts in with textContent.

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { GzipSegments } from './gzip-segments.ts';
import { jsonChunks } from './json-chunks.ts';
import type { TimelineData } from './model.ts';

/** Data JSON larger than this is embedded gzipped (smaller pages stay plain JSON, readable in the file). */
export const COMPRESS_ABOVE_BYTES = 256 * 1024;

export interface HtmlOptions {
  compressAboveBytes?: number;
  /** See SEGMENTED_ABOVE_CHARS (tests set it low). */
  segmentAboveChars?: number;
}

/** Script parts, in the order they must be concatenated (later parts use earlier ones). */
const SCRIPT_PARTS = ['decode.js', 'prepare.js', 'glyphs.js', 'draw.js', 'teach.js', 'header.js', 'story.js', 'ui.js'];

let assets: { css: string; js: string } | undefined;

/** The client files, read on first use (they ship with the sources). */
function clientAssets(): { css: string; js: string } {
  if (!assets) {
    const read = (f: string): string => readFileSync(new URL(`./client/${f}`, import.meta.url), 'utf8');
    const js = SCRIPT_PARTS.map(read).join('\n');
    // One scope for the parts, none of it global except window.timeline.
    assets = { css: read('style.css'), js: `(function () {\n'use strict';\n${js}\n})();` };
  }
  return assets;
}

/** The decoder part alone (tests run it in Node against a run's data). */
export function decoderSource(): string {
  return readFileSync(new URL('./client/decode.js', import.meta.url), 'utf8');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON that is safe inside <script type="application/json">: no `<` at all
 * (so no `</script>` or `<!--` can end or confuse the element), and no
 * U+2028/2029 (line terminators in older JavaScript parsers).
 */
export function jsonForScript(value: unknown): string {
  return escapeForScript(JSON.stringify(value));
}

function escapeForScript(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * Page data JSON beyond this many characters is never held whole: it is
 * gzipped a segment at a time as it is written (gzip-segments.ts), which
 * gives other (equally valid) compressed bytes than gzipping it at once.
 */
export const SEGMENTED_ABOVE_CHARS = 64 << 20;

/** The data element: plain JSON, or gzip+base64 (no `<` either way). */
function dataElement(data: TimelineData, compressAboveBytes: number, segmentAboveChars: number): string {
  // The JSON is made in pieces; up to SEGMENTED_ABOVE_CHARS they are kept and handled as one text.
  const kept: string[] = [];
  let length = 0;
  let segments: GzipSegments | undefined;
  for (const piece of jsonChunks(data)) {
    if (segments) segments.write(piece);
    else {
      kept.push(piece);
      length += piece.length;
      if (length > segmentAboveChars) {
        segments = new GzipSegments();
        for (const k of kept) segments.write(k);
        kept.length = 0;
      }
    }
  }
  if (segments) return packedElement(segments.end());
  const text = kept.join('');
  const json = escapeForScript(text);
  if (json.length <= compressAboveBytes) return `<script type="application/json" id="timeline-data">${json}</script>`;
  return packedElement(gzipSync(Buffer.from(text, 'utf8'), { level: 9 }));
}

function packedElement(gzipped: Buffer): string {
  return `<script type="application/octet-stream" id="timeline-data" data-encoding="gzip-base64">${gzipped.toString('base64')}</script>`;
}

export function timelineHtml(data: TimelineData, opts: HtmlOptions = {}): string {
  const { css, js } = clientAssets();
  const s = data.scenario;
  const title = `${s.name} (seed ${s.seed}) — sim timeline`;
  // No external resource may load: the CSP says so too, for anyone who edits the page.
  const csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
${css}
</style>
</head>
<body>
<header>
<h1>${escapeHtml(s.name)}</h1>
<div class="meta" id="meta">${escapeHtml(`${s.file} · seed ${s.seed}`)}</div>
<p class="desc">${escapeHtml(s.description.trim())}</p>
<details id="outcome"></details>
</header>
<div class="toolbar">
<button type="button" id="zoom-out" title="zoom out (−)">−</button>
<button type="button" id="zoom-in" title="zoom in (+)">+</button>
<button type="button" id="fit" title="whole run, warm-up included (0)">whole run</button>
<button type="button" id="fit-scenario" title="from t=0 to the end">from 0 s</button>
<label><input type="checkbox" id="opt-keyMessages"> key messages</label>
<label><input type="checkbox" id="opt-allMessages"> all bus messages</label>
<label><input type="checkbox" id="opt-markers"> event markers</label>
<label><input type="checkbox" id="opt-teach"> quorum &amp; election delays</label>
<button type="button" id="fold" title="fold or unfold every group of lanes (a master with its replicas)">fold groups</button>
<span class="readout" id="readout"></span>
</div>
<div class="legend" id="legend"></div>
<div class="notes" id="notes"></div>
<div id="main">
<div id="chart"><canvas aria-label="timeline chart: one lane per node"></canvas></div>
<aside id="story" aria-label="the run narrated, synced with the chart"><div class="head"><strong>What happened</strong> <span class="hint">hover a line to see it on the chart; click to go there</span></div><ol id="story-lines"></ol></aside>
</div>
<div id="panel">
<div class="head"><strong>CLUSTER NODES</strong> <span id="view-title">hover a node's lane</span> <span class="state" id="view-state"></span> <button type="button" id="unpin" hidden>unpin</button></div>
<div class="view-box"><pre id="view-names" aria-hidden="true" title="scenario names (not part of the output)"></pre><pre id="view"></pre></div>
</div>
<div id="tip" hidden></div>
<noscript><p>This page draws its timeline with JavaScript; events.csv and log.txt beside it hold the same run as text.</p></noscript>
${dataElement(data, opts.compressAboveBytes ?? COMPRESS_ABOVE_BYTES, opts.segmentAboveChars ?? SEGMENTED_ABOVE_CHARS)}
<script>
${js}
</script>
</body>
</html>
`;
}
