// Page script: the embedded data turned into typed arrays once
// at load (so that every redraw is binary searches and loops over numbers),
// and the page's geometry.

const LAYOUT = { axisH: 28, faultRowH: 15, laneH: 30, laneGap: 5, clientH: 54, lostH: 12, gutter: 70, right: 12, bottom: 10 };

/** [dSent, latency, from, to, label, fault, …] → columns (see build.ts encodeMessages). */
function decodeMessages(flat) {
  const n = flat.length / 6;
  const m = {
    n,
    sent: new Float64Array(n),
    at: new Float64Array(n),
    from: new Int16Array(n),
    to: new Int16Array(n),
    label: new Int16Array(n),
    fault: new Int8Array(n),
    maxLatency: 0,
  };
  let sent = 0;
  for (let i = 0; i < n; i++) {
    const o = i * 6;
    sent += flat[o];
    m.sent[i] = sent;
    m.at[i] = sent + flat[o + 1];
    m.from[i] = flat[o + 2];
    m.to[i] = flat[o + 3];
    m.label[i] = flat[o + 4];
    m.fault[i] = flat[o + 5];
    if (flat[o + 1] > m.maxLatency) m.maxLatency = flat[o + 1];
  }
  // Delivery order is the recording order; drawing wants them by delivery time.
  return m;
}

function decodeLane(flat) {
  const n = flat.length / 2;
  const t = new Float64Array(n);
  const code = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = flat[2 * i];
    code[i] = flat[2 * i + 1];
  }
  return { t, code };
}

function decodeMarkers(flat) {
  const n = flat.length / 5;
  const m = { n, t: new Float64Array(n), node: new Int16Array(n), kind: new Int16Array(n), subject: new Int16Array(n), detail: new Int32Array(n) };
  for (let i = 0; i < n; i++) {
    const o = i * 5;
    m.t[i] = flat[o];
    m.node[i] = flat[o + 1];
    m.kind[i] = flat[o + 2];
    m.subject[i] = flat[o + 3];
    m.detail[i] = flat[o + 4];
  }
  return m;
}

function decodeDrops(flat) {
  const n = flat.length / 4;
  const d = { n, t: new Float64Array(n), from: new Int16Array(n), to: new Int16Array(n), label: new Int16Array(n) };
  for (let i = 0; i < n; i++) {
    d.t[i] = flat[4 * i];
    d.from[i] = flat[4 * i + 1];
    d.to[i] = flat[4 * i + 2];
    d.label[i] = flat[4 * i + 3];
  }
  return d;
}

function busiestBucket(c) {
  let max = 1;
  if (c) for (let b = 0; b < c.ok.length; b++) max = Math.max(max, (c.ok[b] || 0) + (c.fail[b] || 0) + (c.info[b] || 0));
  return max;
}

/** Which groups are unfolded: all of them, unless the page opens folded (a large cluster). */
function initialOpen(data) {
  return data.groups.map((g) => !data.collapsed || g.length === 1);
}

function prepare(data) {
  const faultRows = data.faults.reduce((m, b) => Math.max(m, b.row + 1), 1);
  return {
    groups: data.groups,
    open: initialOpen(data),
    clientMax: busiestBucket(data.client),
    data,
    views: makeViewIndex(data.views),
    lanes: data.lanes.map(decodeLane),
    key: decodeMessages(data.messages.key),
    other: decodeMessages(data.messages.other),
    drops: decodeDrops(data.messages.drops),
    markers: decodeMarkers(data.markers),
    faultRows,
  };
}

/**
 * The rows the lanes are drawn in: a group unfolded is one row per lane
 * (the master first), a folded group one row for all (its master's lane,
 * with every member's markers and messages on it).
 */
function rowsFor(model) {
  const rows = [];
  const rowOf = new Int32Array(model.data.nodes.length);
  model.groups.forEach((g, gi) => {
    const open = model.open[gi];
    for (const k of open ? g : g.slice(0, 1)) rows.push({ lane: k, group: gi, head: k === g[0], folded: !open, size: g.length });
    for (const k of g) rowOf[k] = open ? rows.length - g.length + g.indexOf(k) : rows.length - 1;
  });
  return { rows, rowOf };
}

/** Vertical layout in CSS pixels for a canvas `width` wide. */
function layoutFor(model, width) {
  const L = LAYOUT;
  const faultY = L.axisH;
  const laneY0 = faultY + model.faultRows * L.faultRowH + 8;
  const { rows, rowOf } = rowsFor(model);
  const nodes = rows.length;
  const clientY = laneY0 + nodes * (L.laneH + L.laneGap) + 6;
  const hasClient = model.data.client !== null;
  const height = clientY + (hasClient ? L.clientH + L.lostH + 4 : 0) + L.bottom;
  return {
    width,
    height,
    nodes,
    rows,
    rowOf,
    x0: L.gutter,
    plotW: Math.max(50, width - L.gutter - L.right),
    faultY,
    laneY0,
    laneY: (k) => laneY0 + rowOf[k] * (L.laneH + L.laneGap),
    laneMid: (k) => laneY0 + rowOf[k] * (L.laneH + L.laneGap) + L.laneH / 2,
    clientY,
    hasClient,
  };
}

/** Row under a y coordinate, or -1. */
function rowAtY(lay, y) {
  const r = Math.floor((y - lay.laneY0) / (LAYOUT.laneH + LAYOUT.laneGap));
  if (r < 0 || r >= lay.nodes) return -1;
  const inLane = y - (lay.laneY0 + r * (LAYOUT.laneH + LAYOUT.laneGap));
  return inLane >= 0 && inLane <= LAYOUT.laneH ? r : -1;
}

/** Lane under a y coordinate (a folded group's master), or -1. */
function laneAtY(lay, y) {
  const r = rowAtY(lay, y);
  return r < 0 ? -1 : lay.rows[r].lane;
}

/** A round tick step (ms) giving at least `minPx` between ticks. */
function tickStep(spanMs, plotW, minPx) {
  const raw = (spanMs * minPx) / plotW;
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/** Simulated ms as seconds with as many decimals as the step needs. */
function fmtSec(ms, stepMs) {
  const dec = stepMs >= 1000 ? 0 : stepMs >= 100 ? 1 : stepMs >= 10 ? 2 : stepMs >= 1 ? 3 : 4;
  return `${(ms / 1000).toFixed(dec)} s`;
}
