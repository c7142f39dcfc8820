// sweep.html: one self-contained page (no script, no network) with, for each
// numeric metric of a sweep, a histogram and a CDF drawn as inline SVG, the
// percentiles beside them, and the failing seeds with their repro commands.
// It is computed here from the rows, so the page is the same bytes for the
// same metrics.csv (merged shards included) and opens anywhere.

export interface SweepPageInput {
  readonly title: string;
  /** Metric columns to plot, in order, each with a one-line meaning. */
  readonly metrics: readonly { readonly name: string; readonly meaning: string }[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  readonly failing: readonly { readonly seed: number; readonly why: string; readonly repro: string }[];
  readonly exitCodes: Readonly<Record<string, number>>;
}

const W = 360;
const H = 140;
const PAD = 28;
const BINS = 20;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (v: number): string => (Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(2));

function nearestRank(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

function axis(lo: number, hi: number): string {
  return `<line x1="${PAD}" y1="${H - PAD}" x2="${W - 4}" y2="${H - PAD}" stroke="#888"/><text x="${PAD}" y="${H - 8}" font-size="10">${fmt(lo)}</text><text x="${W - 4}" y="${H - 8}" font-size="10" text-anchor="end">${fmt(hi)}</text>`;
}

function histogram(xs: readonly number[], lo: number, hi: number): string {
  const counts = new Array<number>(BINS).fill(0);
  const span = hi - lo || 1;
  for (const x of xs) counts[Math.min(BINS - 1, Math.floor(((x - lo) / span) * BINS))]!++;
  const max = Math.max(...counts);
  const bw = (W - PAD - 4) / BINS;
  const bars = counts
    .map((c, i) => {
      const h = max === 0 ? 0 : (c / max) * (H - 2 * PAD);
      return `<rect x="${(PAD + i * bw).toFixed(1)}" y="${(H - PAD - h).toFixed(1)}" width="${(bw - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="#4a7ab5"><title>${c} seeds</title></rect>`;
    })
    .join('');
  return `<svg width="${W}" height="${H}" role="img" aria-label="histogram">${bars}${axis(lo, hi)}<text x="${PAD}" y="12" font-size="10">histogram (max ${max} seeds per bin)</text></svg>`;
}

function cdf(sorted: readonly number[], lo: number, hi: number): string {
  const span = hi - lo || 1;
  const x = (v: number): number => PAD + ((v - lo) / span) * (W - PAD - 4);
  const y = (f: number): number => H - PAD - f * (H - 2 * PAD);
  let d = `M${x(lo).toFixed(1)},${y(0).toFixed(1)}`;
  sorted.forEach((v, i) => {
    d += `H${x(v).toFixed(1)}V${y((i + 1) / sorted.length).toFixed(1)}`;
  });
  return `<svg width="${W}" height="${H}" role="img" aria-label="CDF"><path d="${d}" fill="none" stroke="#b5574a" stroke-width="1.5"/>${axis(lo, hi)}<text x="${PAD}" y="12" font-size="10">cumulative share of seeds</text></svg>`;
}

function metricSection(name: string, meaning: string, rows: SweepPageInput['rows']): string {
  const xs = rows.map((r) => r[name]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  const head = `<h2>${esc(name)}</h2><p>${esc(meaning)}</p>`;
  if (xs.length === 0) return `${head}<p><em>no seed has this metric</em></p>`;
  const lo = xs[0]!;
  const hi = xs[xs.length - 1]!;
  const stats = `<p>seeds ${xs.length} (${rows.length - xs.length} without) · p50 ${fmt(nearestRank(xs, 50))} · p90 ${fmt(nearestRank(xs, 90))} · p99 ${fmt(nearestRank(xs, 99))} · max ${fmt(hi)}</p>`;
  return `<section>${head}${stats}<div class="row">${histogram(xs, lo, hi)}${cdf(xs, lo, hi)}</div></section>`;
}

export function sweepPage(p: SweepPageInput): string {
  const codes = Object.entries(p.exitCodes).map(([k, n]) => `exit ${esc(k)} ×${n}`).join(', ');
  const failing = p.failing.length === 0 ? '<p>none</p>' : `<ul>${p.failing.map((f) => `<li>seed ${f.seed}: ${esc(f.why)}<br><code>${esc(f.repro)}</code></li>`).join('')}</ul>`;
  return [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${esc(p.title)}</title>`,
    '<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:800px}.row{display:flex;gap:1em;flex-wrap:wrap}h2{font-size:1.05em;margin-bottom:.2em}section{margin-bottom:1.5em}</style>',
    `</head><body><h1>${esc(p.title)}</h1><p>${p.rows.length} seeds; ${codes}</p>`,
    ...p.metrics.map((m) => metricSection(m.name, m.meaning, p.rows)),
    `<h2>Failing seeds</h2>${failing}`,
    '</body></html>',
    '',
  ].join('\n');
}
