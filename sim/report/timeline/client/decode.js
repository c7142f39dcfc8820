// Page script: reading the embedded data (model.ts). Plain browser
// JavaScript, concatenated with the other parts into one inline script
// (html.ts); the unit tests run this same text in Node to check that
// viewAt() reproduces what the nodes printed.

/** Largest i with times[i] <= t, or -1 (times ascending). */
function lastAtOrBefore(times, t) {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Smallest i with times[i] >= t, or times.length. */
function firstAtOrAfter(times, t) {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Running sums of a delta-coded list. */
function absTimes(deltas) {
  const out = new Float64Array(deltas.length);
  let t = 0;
  for (let i = 0; i < deltas.length; i++) {
    t += deltas[i];
    out[i] = t;
  }
  return out;
}

/** view-encode.ts decodeClock. */
function decodeClock(e, t, epochMs) {
  if (e === 0) return 0;
  return epochMs + t + (e > 0 ? e - 1 : e);
}

/** Lazily decoded views: per node, snapshot times and the ping/pong series it was asked for. */
function makeViewIndex(views) {
  const parts = views.lines.map((l) => l.split('\t'));
  return { views, parts, nodes: [] };
}

function nodeCache(index, k) {
  let c = index.nodes[k];
  if (!c) c = index.nodes[k] = { t: absTimes(index.views.perNode[k].t), ping: new Map(), pong: new Map(), link: new Map() };
  return c;
}

/** Value of one (observer, node ID) series at t; clocks are decoded (epochMs), link states kept as 0/1 (null). */
function seriesAt(cache, encoded, id, t, epochMs) {
  let s = cache.get(id);
  if (!s) {
    const e = encoded[id] || [];
    const n = e.length / 2;
    s = { t: new Float64Array(n), v: new Float64Array(n) };
    let tt = 0;
    for (let i = 0; i < n; i++) {
      tt += e[2 * i];
      s.t[i] = tt;
      s.v[i] = epochMs === null ? e[2 * i + 1] : decodeClock(e[2 * i + 1], tt, epochMs);
    }
    cache.set(id, s);
  }
  const i = lastAtOrBefore(s.t, t);
  return i < 0 ? 0 : s.v[i];
}

/** The line indices node k printed at whole-ms t: an array, null (not running) or undefined (not yet started). */
function snapshotAt(index, k, t) {
  const c = nodeCache(index, k);
  const i = lastAtOrBefore(c.t, t);
  if (i < 0) return undefined;
  const s = index.views.perNode[k].s;
  if (s[i] === null) return null;
  const isFull = (x) => x.length === 0 || x[0] >= 0;
  let j = i;
  while (!isFull(s[j])) j--;
  let cur = s[j].slice();
  for (let m = j + 1; m <= i; m++) {
    const d = s[m];
    if (isFull(d)) {
      cur = d.slice();
      continue;
    }
    if (d[0] < -1) cur.length = -2 - d[0];
    for (let p = 1; p < d.length; p += 2) cur[d[p]] = d[p + 1];
  }
  return cur;
}

/**
 * CLUSTER NODES as node k would print it at simulated time t (rounded down
 * to a whole ms, where the record is exact); null if it was not running,
 * undefined before it first ran.
 */
function viewAt(index, k, t) {
  const ms = Math.floor(t);
  const snap = snapshotAt(index, k, ms);
  if (!snap) return snap;
  const v = index.views;
  const c = nodeCache(index, k);
  const nv = v.perNode[k];
  let out = '';
  for (const li of snap) {
    const id = v.lineId[li];
    const ping = seriesAt(c.ping, nv.ping, id, ms, v.epochMs);
    const pong = seriesAt(c.pong, nv.pong, id, ms, v.epochMs);
    const link = seriesAt(c.link, nv.link, id, ms, null) ? 'connected' : 'disconnected';
    const [head, epoch, rest] = index.parts[li];
    out += `${head} ${ping} ${pong} ${epoch} ${link}${rest}\n`;
  }
  return out;
}

/** Scenario names of the lines viewAt printed for node k at t, one per line ('' when unknown). */
function viewNamesAt(index, k, t) {
  const snap = snapshotAt(index, k, Math.floor(t));
  return snap ? snap.map((li) => index.views.names[index.views.lineId[li]] || '') : [];
}

/** Lane code (model.ts packLane) of node k at t. */
function laneAt(data, k, t) {
  const lane = data.lanes[k];
  let code = -1;
  for (let i = 0; i < lane.length && lane[i] <= t; i += 2) code = lane[i + 1];
  return code;
}

function unpackLane(code) {
  return { role: code & 3, belief: (code >> 2) & 3, candidate: (code >> 4) & 3, proc: (code >> 6) & 3 };
}
