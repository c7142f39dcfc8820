// Page script: drawing one frame on the canvas for the visible time window,
// and returning what was drawn where (for hover hit tests).

const ROLE_FILL = ['#d9dce2', '#8fb3f0', '#9fd8b0'];
const BELIEF_FILL = [null, '#f0a500', '#d62728'];
const CANDIDATE_FILL = [null, '#c7a6f5', '#6a1fb0'];
const DOWN_FILL = '#6b7280';
const MSG_COLOR = { FAIL: '#d62728', FAILOVER_AUTH_REQUEST: '#7b2cbf', FAILOVER_AUTH_ACK: '#2ca02c', UPDATE: '#ff7f0e', MFSTART: '#0f9bb0' };
const OTHER_COLOR = 'rgba(110, 120, 140, 0.35)';
const BAND_FILL = { partition: '#e15759', kill: '#4e5563', shutdown: '#4e5563', pause: '#8c6bb1', drop: '#f28e2b', link: '#76b7b2', network: '#76b7b2', 'replication-cut': '#b07aa1' };
function drawAxis(ctx, lay, view, X) {
  const span = view.t1 - view.t0;
  const step = tickStep(span, lay.plotW, 90);
  ctx.fillStyle = '#5b6475';
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  ctx.strokeStyle = '#eceef2';
  ctx.lineWidth = 1;
  for (let t = Math.ceil(view.t0 / step) * step; t <= view.t1; t += step) {
    const x = Math.round(X(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, lay.axisTop);
    ctx.lineTo(x, lay.height - LAYOUT.bottom);
    ctx.stroke();
    ctx.fillText(fmtSec(Math.abs(t) < step / 1e6 ? 0 : t, step), x, 18);
  }
}

function drawFaults(ctx, model, lay, view, X, hits) {
  const L = LAYOUT;
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  model.data.faults.forEach((b, i) => {
    if (b.to < view.t0 || b.from > view.t1) return;
    const y = lay.faultY + b.row * L.faultRowH + 1;
    const x1 = Math.max(lay.x0, X(b.from));
    const x2 = Math.min(lay.x0 + lay.plotW, X(b.to));
    const w = Math.max(3, x2 - x1);
    ctx.fillStyle = BAND_FILL[b.kind] || '#9aa3b2';
    ctx.fillRect(x1, y, w, L.faultRowH - 3);
    if (w > 40) {
      ctx.save();
      ctx.beginPath();
      ctx.rect(x1, y, w, L.faultRowH - 3);
      ctx.clip();
      ctx.fillStyle = '#fff';
      ctx.fillText(b.label, x1 + 4, y + (L.faultRowH - 3) / 2);
      ctx.restore();
    }
    hits.bands.push({ x1, x2: x1 + w, y1: y, y2: y + L.faultRowH - 3, i });
    // Band edges across the lanes, so the reader sees which states they caused.
    ctx.strokeStyle = BAND_FILL[b.kind] || '#9aa3b2';
    ctx.setLineDash([3, 3]);
    ctx.lineWidth = 1;
    for (const t of b.to > b.from ? [b.from, b.to] : [b.from]) {
      const x = Math.round(X(t)) + 0.5;
      if (x < lay.x0 || x > lay.x0 + lay.plotW) continue;
      ctx.beginPath();
      ctx.moveTo(x, lay.laneY0 - 4);
      ctx.lineTo(x, lay.clientY - 4);
      ctx.stroke();
    }
    ctx.setLineDash([]);
  });
}

/** A row's name in the gutter; a group's master has ▾ (unfold) or ▸ (folded, with how many it holds). */
function drawRowLabel(ctx, model, lay, row, y) {
  const L = LAYOUT;
  const name = model.data.nodes[row.lane];
  ctx.fillStyle = '#1d2330';
  ctx.font = `${row.head ? 600 : 400} 12px system-ui, sans-serif`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const text = row.folded ? `${name} +${row.size - 1}` : name;
  ctx.fillText(row.size > 1 && row.head ? `${row.folded ? '▸' : '▾'} ${text}` : text, lay.x0 - 8, y + L.laneH / 2);
  if (row.head && row.group > 0) {
    // A hairline between groups.
    ctx.fillStyle = '#c9ced8';
    ctx.fillRect(4, y - L.laneGap / 2 - 0.5, lay.x0 + lay.plotW, 1);
  }
}

function drawLanes(ctx, model, lay, view, X) {
  const L = LAYOUT;
  const end = model.data.endMs;
  lay.rows.forEach((row) => {
    const k = row.lane;
    const lane = model.lanes[k];
    const y = lay.laneY(k);
    drawRowLabel(ctx, model, lay, row, y);
    let i = Math.max(0, lastAtOrBefore(lane.t, view.t0));
    for (; i < lane.t.length && lane.t[i] <= view.t1; i++) {
      const t2 = i + 1 < lane.t.length ? lane.t[i + 1] : end;
      const x1 = Math.max(lay.x0, X(lane.t[i]));
      const x2 = Math.min(lay.x0 + lay.plotW, X(t2));
      if (x2 <= x1) continue;
      const w = Math.max(1, x2 - x1);
      const s = unpackLane(lane.code[i]);
      if (s.proc === 2) {
        ctx.fillStyle = DOWN_FILL;
        ctx.fillRect(x1, y, w, L.laneH);
        ctx.fillStyle = hatch(ctx, '#9aa1ad');
        ctx.fillRect(x1, y, w, L.laneH);
        continue;
      }
      ctx.fillStyle = ROLE_FILL[s.role];
      ctx.fillRect(x1, y, w, L.laneH);
      if (BELIEF_FILL[s.belief]) {
        ctx.fillStyle = BELIEF_FILL[s.belief];
        ctx.fillRect(x1, y + L.laneH / 2 - 5, w, 10);
      }
      if (CANDIDATE_FILL[s.candidate]) {
        ctx.fillStyle = CANDIDATE_FILL[s.candidate];
        ctx.fillRect(x1, y, w, 6);
      }
      if (s.proc === 1) {
        ctx.fillStyle = hatch(ctx, 'rgba(40, 40, 60, 0.55)');
        ctx.fillRect(x1, y, w, L.laneH);
      }
    }
  });
}

function drawMessages(ctx, model, lay, view, X, opts, hits) {
  const labels = model.data.messages.labels;
  const plotR = lay.x0 + lay.plotW;
  const visible = (m, i) => m.at[i] >= view.t0 && m.sent[i] <= view.t1;
  const range = (m) => [firstAtOrAfter(m.at, view.t0), m.at];
  if (opts.allMessages) {
    const m = model.other;
    ctx.strokeStyle = OTHER_COLOR;
    ctx.lineWidth = 1;
    ctx.beginPath();
    const [from] = range(m);
    for (let i = from; i < m.n && m.at[i] <= view.t1 + m.maxLatency; i++) {
      if (!visible(m, i)) continue;
      ctx.moveTo(X(m.sent[i]), lay.laneMid(m.from[i]));
      ctx.lineTo(X(m.at[i]), lay.laneMid(m.to[i]));
    }
    ctx.stroke();
  }
  if (opts.keyMessages) {
    const m = model.key;
    const [from] = range(m);
    for (let i = from; i < m.n && m.at[i] <= view.t1 + m.maxLatency; i++) {
      if (!visible(m, i)) continue;
      const x1 = X(m.sent[i]);
      const y1 = lay.laneMid(m.from[i]);
      const x2 = X(m.at[i]);
      const y2 = lay.laneMid(m.to[i]);
      // Between two members of a folded group: nothing to see.
      if (y1 === y2 && m.from[i] !== m.to[i]) continue;
      ctx.strokeStyle = ctx.fillStyle = MSG_COLOR[labels[m.label[i]]] || '#333';
      ctx.lineWidth = 1.6;
      ctx.setLineDash(m.fault[i] ? [4, 3] : []);
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
      ctx.stroke();
      ctx.setLineDash([]);
      const a = Math.atan2(y2 - y1, x2 - x1);
      ctx.beginPath();
      ctx.moveTo(x2, y2);
      ctx.lineTo(x2 - 7 * Math.cos(a - 0.4), y2 - 7 * Math.sin(a - 0.4));
      ctx.lineTo(x2 - 7 * Math.cos(a + 0.4), y2 - 7 * Math.sin(a + 0.4));
      ctx.closePath();
      ctx.fill();
      if (x2 >= lay.x0 - 10 && x1 <= plotR + 10) hits.msgs.push({ x1, y1, x2, y2, kind: 'key', i });
    }
    const d = model.drops;
    for (let i = firstAtOrAfter(d.t, view.t0); i < d.n && d.t[i] <= view.t1; i++) {
      const x = X(d.t[i]);
      const y1 = lay.laneMid(d.from[i]);
      const y2 = lay.laneMid(d.to[i]);
      const ym = y1 + (y2 - y1) * 0.35;
      ctx.strokeStyle = MSG_COLOR[labels[d.label[i]]] || '#555';
      ctx.lineWidth = 1.4;
      ctx.setLineDash([2, 2]);
      ctx.beginPath();
      ctx.moveTo(x, y1);
      ctx.lineTo(x + 6, ym);
      ctx.stroke();
      ctx.setLineDash([]);
      glyph(ctx, 'x', x + 6, ym, '#c00', true);
      hits.msgs.push({ x1: x, y1, x2: x + 6, y2: ym, kind: 'drop', i });
    }
  }
}

function drawMarkers(ctx, model, lay, view, X, hits) {
  const m = model.markers;
  const kinds = model.data.markerKinds;
  const details = model.data.details;
  for (let i = firstAtOrAfter(m.t, view.t0); i < m.n && m.t[i] <= view.t1; i++) {
    const kind = kinds[m.kind[i]];
    const spec = MARKS[kind];
    if (!spec) continue;
    const x = X(m.t[i]);
    const y = lay.laneY(m.node[i]) + (spec[3] === 0 ? 9 : LAYOUT.laneH - 8);
    let color = spec[1];
    if (kind === 'state' && !details[m.detail[i]].startsWith('state=ok')) color = '#d62728';
    glyph(ctx, spec[0], x, y, color, spec[2]);
    hits.markers.push({ x, y, i });
  }
}

function drawClient(ctx, model, lay, view, X, hits) {
  const c = model.data.client;
  if (!c) return;
  const L = LAYOUT;
  const top = lay.clientY;
  const base = top + L.clientH;
  ctx.fillStyle = '#f3f4f7';
  ctx.fillRect(lay.x0, top, lay.plotW, L.clientH);
  ctx.fillStyle = '#1d2330';
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText('clients', lay.x0 - 8, top + L.clientH / 2);
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillText('lost', lay.x0 - 8, base + 2 + L.lostH / 2);
  // Re-bucket per pixel column. Counts are summed (the tooltip's numbers);
  // heights are per bucket, so that columns holding 4 or 5 buckets do not
  // alternate in height, and a bucket wider than a pixel spreads over its columns.
  const cols = Math.ceil(lay.plotW);
  const sums = { ok: new Float64Array(cols), fail: new Float64Array(cols), info: new Float64Array(cols), lost: new Float64Array(cols) };
  const spanOf = new Float64Array(cols);
  const b0 = Math.max(0, Math.floor((view.t0 - c.startMs) / c.bucketMs));
  const b1 = Math.ceil((view.t1 - c.startMs) / c.bucketMs);
  const pxPerBucket = (c.bucketMs / (view.t1 - view.t0)) * lay.plotW;
  const w = Math.max(1, Math.round(pxPerBucket));
  for (let b = b0; b <= b1; b++) {
    const x = Math.floor(X(c.startMs + b * c.bucketMs) - lay.x0);
    for (let px = Math.max(0, x); px < Math.min(cols, x + w); px++) {
      spanOf[px] += 1 / w;
      for (const key of ['ok', 'fail', 'info', 'lost']) {
        const v = c[key][b];
        if (v) sums[key][px] += v / w;
      }
    }
  }
  const height = (key, px) => (spanOf[px] > 0 ? sums[key][px] / spanOf[px] : 0);
  // One scale for the whole run (the busiest bucket), so that zooming does not rescale the bars.
  const unit = (L.clientH - 4) / model.clientMax;
  for (let px = 0; px < cols; px++) {
    let y = base;
    for (const [key, color] of [['ok', '#2e9d4f'], ['info', '#f0a500'], ['fail', '#d62728']]) {
      const h = height(key, px) * unit;
      if (!h) continue;
      ctx.fillStyle = color;
      ctx.fillRect(lay.x0 + px, y - h, 1, h);
      y -= h;
    }
    if (sums.lost[px] > 0) {
      ctx.fillStyle = `rgba(198, 40, 40, ${Math.min(1, 0.35 + sums.lost[px] / 10)})`;
      ctx.fillRect(lay.x0 + px, base + 2, 1, L.lostH);
    }
  }
  hits.client = { sums, top, bottom: base + 2 + L.lostH };
}

/** One frame; returns the hit lists for hover. */
function drawFrame(ctx, model, lay, view, opts, cursor) {
  const hits = { markers: [], msgs: [], bands: [], client: null, quorum: [], elections: [] };
  const X = (t) => lay.x0 + ((t - view.t0) / (view.t1 - view.t0)) * lay.plotW;
  lay.axisTop = 22;
  ctx.clearRect(0, 0, lay.width, lay.height);
  ctx.save();
  drawAxis(ctx, lay, view, X);
  ctx.beginPath();
  ctx.rect(lay.x0 - LAYOUT.gutter, 0, lay.plotW + LAYOUT.gutter, lay.height);
  ctx.clip();
  drawLanes(ctx, model, lay, view, X);
  if (view.t0 < 0) {
    // The warm-up: the cluster forming before the scenario's t=0.
    ctx.fillStyle = 'rgba(255, 255, 255, 0.55)';
    const x = Math.min(X(0), lay.x0 + lay.plotW);
    ctx.fillRect(lay.x0, lay.laneY0, x - lay.x0, lay.clientY - lay.laneY0);
  }
  drawClient(ctx, model, lay, view, X, hits);
  ctx.restore();
  ctx.save();
  ctx.beginPath();
  ctx.rect(lay.x0, 0, lay.plotW, lay.height);
  ctx.clip();
  drawFaults(ctx, model, lay, view, X, hits);
  drawMessages(ctx, model, lay, view, X, opts, hits);
  if (opts.teach) drawTeaching(ctx, model, lay, view, X, hits);
  if (opts.markers) drawMarkers(ctx, model, lay, view, X, hits);
  if (cursor) {
    ctx.strokeStyle = 'rgba(29, 35, 48, 0.6)';
    ctx.lineWidth = 1;
    const x = Math.round(X(cursor.t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, lay.axisTop);
    ctx.lineTo(x, lay.height);
    ctx.stroke();
    if (cursor.selectFrom !== undefined) {
      ctx.fillStyle = 'rgba(59, 111, 216, 0.15)';
      const xa = X(cursor.selectFrom);
      ctx.fillRect(Math.min(xa, x), lay.axisTop, Math.abs(x - xa), lay.height);
    }
  }
  ctx.restore();
  return hits;
}
