// Page script: start-up and interaction. Zoom (wheel, buttons, keys,
// shift-drag), pan (drag), hover (tooltips, the CLUSTER NODES panel), click
// to pin a view. Redraws are coalesced into animation frames.

const ROLE_TEXT = ['no role', 'master', 'replica'];
const BELIEF_TEXT = ['flags no other node', 'sees some node PFAIL', 'sees some node FAIL'];
const CANDIDATE_TEXT = ['', 'candidate: election scheduled', 'candidate: asking for votes'];

/** The embedded data: plain JSON, or gzip+base64 inflated by the browser itself (html.ts). */
async function loadData() {
  const el = document.getElementById('timeline-data');
  if (el.dataset.encoding !== 'gzip-base64') return JSON.parse(el.textContent);
  if (typeof DecompressionStream !== 'function') throw new Error('this browser cannot inflate the embedded data (it needs DecompressionStream: Chrome 80, Firefox 113, Safari 16.4 or later)');
  const bin = atob(el.textContent.trim());
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
  return JSON.parse(text);
}

function boot(data) {
  const model = prepare(data);
  fillHeader(data);
  fillLegend(document.getElementById('legend'), model);
  const story = fillStory(document.getElementById('story-lines'), data);
  fillNotes(document.getElementById('notes'), data);
  const canvas = document.querySelector('#chart canvas');
  const ctx = canvas.getContext('2d');
  const tip = document.getElementById('tip');
  const readout = document.getElementById('readout');
  const full = { t0: data.startMs, t1: data.endMs };
  const st = { view: { t0: Math.max(0, data.startMs), t1: data.endMs }, opts: { keyMessages: true, allMessages: false, markers: true, teach: true }, cursor: null, pinned: null, hits: null, lay: null, frame: 0 };

  const X = (t) => st.lay.x0 + ((t - st.view.t0) / (st.view.t1 - st.view.t0)) * st.lay.plotW;
  const T = (x) => st.view.t0 + ((x - st.lay.x0) / st.lay.plotW) * (st.view.t1 - st.view.t0);

  function draw() {
    st.frame = 0;
    st.hits = drawFrame(ctx, model, st.lay, st.view, st.opts, st.cursor);
    const span = st.view.t1 - st.view.t0;
    readout.textContent = `showing ${fmtSec(st.view.t0, span / 10)} – ${fmtSec(st.view.t1, span / 10)}${st.cursor ? ` · cursor ${fmtSec(st.cursor.t, 1)}` : ''}`;
  }
  const redraw = () => {
    if (!st.frame) st.frame = requestAnimationFrame(draw);
  };
  function resize() {
    const width = canvas.parentElement.clientWidth;
    st.lay = layoutFor(model, width);
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(st.lay.height * dpr);
    canvas.style.height = `${st.lay.height}px`;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    draw();
  }

  function setView(t0, t1) {
    const maxSpan = (full.t1 - full.t0) * 1.2;
    let span = Math.min(maxSpan, Math.max(0.05, t1 - t0));
    const margin = (full.t1 - full.t0) * 0.1;
    t0 = Math.min(Math.max(t0, full.t0 - margin), full.t1 + margin - span);
    st.view = { t0, t1: t0 + span };
    redraw();
  }
  const zoom = (factor, tc) => setView(tc - (tc - st.view.t0) * factor, tc + (st.view.t1 - tc) * factor);
  const center = () => (st.view.t0 + st.view.t1) / 2;

  function hover(e) {
    const r = canvas.getBoundingClientRect();
    const x = e.clientX - r.left;
    const y = e.clientY - r.top;
    const inPlot = x >= st.lay.x0 && x <= st.lay.x0 + st.lay.plotW;
    st.cursor = inPlot ? { t: T(x), selectFrom: st.cursor?.selectFrom } : null;
    if (st.cursor) syncStory(story, st.cursor.t);
    const k = laneAtY(st.lay, y);
    if (inPlot && k >= 0 && !st.pinned) showView(model, k, T(x), false);
    const text = inPlot && st.hits ? tooltipAt(st, model, x, y, T) : '';
    tip.hidden = !text;
    if (text) {
      tip.textContent = text;
      tip.style.left = `${Math.min(e.clientX + 14, window.innerWidth - 380)}px`;
      tip.style.top = `${e.clientY + 14}px`;
    }
    redraw();
  }

  let drag = null;
  canvas.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    canvas.setPointerCapture(e.pointerId);
    drag = { x: e.clientX, view: st.view, select: e.shiftKey, moved: false };
    if (drag.select && st.cursor) st.cursor.selectFrom = st.cursor.t;
  });
  canvas.addEventListener('pointermove', (e) => {
    if (drag && Math.abs(e.clientX - drag.x) > 3) drag.moved = true;
    if (drag && drag.moved && !drag.select) {
      canvas.classList.add('dragging');
      const dt = ((e.clientX - drag.x) / st.lay.plotW) * (drag.view.t1 - drag.view.t0);
      setView(drag.view.t0 - dt, drag.view.t1 - dt);
    }
    hover(e);
  });
  canvas.addEventListener('pointerup', (e) => {
    canvas.classList.remove('dragging');
    const d = drag;
    drag = null;
    if (!d) return;
    if (d.select && st.cursor && st.cursor.selectFrom !== undefined) {
      const a = st.cursor.selectFrom;
      st.cursor.selectFrom = undefined;
      if (d.moved) setView(Math.min(a, st.cursor.t), Math.max(a, st.cursor.t));
      return;
    }
    if (d.moved) return;
    const r = canvas.getBoundingClientRect();
    const k = laneAtY(st.lay, e.clientY - r.top);
    const x = e.clientX - r.left;
    const row = st.lay.rows[rowAtY(st.lay, e.clientY - r.top)];
    if (x < st.lay.x0 && row && row.head && row.size > 1) return void ((model.open[row.group] = row.folded), resize());
    if (k >= 0 && x >= st.lay.x0) {
      st.pinned = { k, t: T(x) };
      showView(model, k, st.pinned.t, true);
    }
  });
  canvas.addEventListener('pointerleave', () => {
    tip.hidden = true;
    if (st.cursor) st.cursor = null;
    redraw();
  });
  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const r = canvas.getBoundingClientRect();
      const x = Math.min(Math.max(e.clientX - r.left, st.lay.x0), st.lay.x0 + st.lay.plotW);
      zoom(Math.exp(e.deltaY * 0.0015), T(x));
    },
    { passive: false },
  );
  canvas.addEventListener('dblclick', (e) => zoom(0.5, T(e.clientX - canvas.getBoundingClientRect().left)));
  document.getElementById('unpin').addEventListener('click', () => {
    st.pinned = null;
    document.getElementById('unpin').hidden = true;
    document.getElementById('view-state').textContent = 'unpinned: hover a lane';
  });
  const on = (id, fn) => document.getElementById(id).addEventListener('click', fn);
  on('zoom-in', () => zoom(0.5, center()));
  on('zoom-out', () => zoom(2, center()));
  on('fit', () => setView(full.t0, full.t1));
  on('fit-scenario', () => setView(Math.max(0, full.t0), full.t1));
  on('fold', () => {
    const fold = model.open.some((o, g) => o && model.groups[g].length > 1);
    model.open = model.groups.map((g) => !fold || g.length === 1);
    resize();
  });
  wireStory(
    story,
    (t) => ((st.cursor = t === null ? null : { t }), syncStory(story, t, false), redraw()),
    (t) => setView(t - (st.view.t1 - st.view.t0) / 2, t + (st.view.t1 - st.view.t0) / 2),
  );
  for (const id of ['keyMessages', 'allMessages', 'markers', 'teach']) {
    const box = document.getElementById(`opt-${id}`);
    box.checked = st.opts[id];
    box.addEventListener('change', () => ((st.opts[id] = box.checked), redraw()));
  }
  document.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLInputElement) return;
    const span = st.view.t1 - st.view.t0;
    if (e.key === '+' || e.key === '=') zoom(0.5, center());
    else if (e.key === '-') zoom(2, center());
    else if (e.key === '0') setView(full.t0, full.t1);
    else if (e.key === 'ArrowLeft') setView(st.view.t0 - span * 0.2, st.view.t1 - span * 0.2);
    else if (e.key === 'ArrowRight') setView(st.view.t0 + span * 0.2, st.view.t1 + span * 0.2);
    else if (e.key === 'Escape') document.getElementById('unpin').click();
  });
  window.addEventListener('resize', resize);
  resize();
  // For tests and the curious: the page's state and its view decoder.
  window.timeline = { data, model, st, setView, draw, resize, story, viewAt: (k, t) => viewAt(model.views, k, t), laneMid: (k) => st.lay.laneMid(k), X };
  performance.mark('timeline-ready');
  document.documentElement.dataset.ready = '1';
}

function showView(model, k, t, pinned) {
  const data = model.data;
  const ms = Math.floor(t);
  const name = data.nodes[k];
  const s = unpackLane(laneAt(data, k, ms));
  const text = viewAt(model.views, k, ms);
  document.getElementById('view-title').textContent = `${name} at ${fmtSec(ms, 1)}`;
  const parts = s.proc === 2 ? ['not running'] : [ROLE_TEXT[s.role], BELIEF_TEXT[s.belief], CANDIDATE_TEXT[s.candidate], s.proc === 1 ? 'paused (would answer nothing until resumed)' : ''];
  document.getElementById('view-state').textContent = `${parts.filter(Boolean).join(' · ')}${pinned ? ' · pinned' : ''}`;
  document.getElementById('unpin').hidden = !pinned;
  document.getElementById('view').textContent = text === undefined ? `(${name} had not started yet)` : text === null ? `(${name} is not running)` : text.replace(/\n$/, '');
  document.getElementById('view-names').textContent = viewNamesAt(model.views, k, ms).join('\n');
}


/** The tooltip for what is under (x, y): markers, the quorum, election delays, messages, fault bands, the client lane. */
function tooltipAt(st, model, x, y, T) {
  const data = model.data;
  const h = st.hits;
  const step = h.quorum.find((q) => Math.abs(q.x - x) <= 5 && Math.abs(q.y - y) <= 5);
  if (step) return step.text;
  const near = h.markers.filter((m) => Math.abs(m.x - x) <= 6 && Math.abs(m.y - y) <= 7);
  if (near.length) {
    return near.slice(0, 6).map(({ i }) => {
      const m = model.markers;
      const subject = m.subject[i] >= 0 ? ` → ${data.nodes[m.subject[i]]}` : '';
      return `${fmtSec(m.t[i], 1)}  ${data.nodes[m.node[i]]}  ${data.markerKinds[m.kind[i]]}${subject}\n  ${data.details[m.detail[i]]}`;
    }).join('\n') + (near.length > 6 ? `\n… and ${near.length - 6} more here (zoom in)` : '');
  }
  const delay = h.elections.find((b) => x >= b.x1 - 1 && x <= b.x2 + 1 && y >= b.y1 - 1 && y <= b.y2 + 1);
  if (delay) return delay.text;
  for (const s of h.msgs) {
    if (distToSegment(x, y, s) > 4) continue;
    const labels = data.messages.labels;
    if (s.kind === 'drop') {
      const d = model.drops;
      return `${labels[d.label[s.i]]} ${data.nodes[d.from[s.i]]} → ${data.nodes[d.to[s.i]]} dropped at ${fmtSec(d.t[s.i], 1)} (message-level fault)`;
    }
    const m = model.key;
    const fault = m.fault[s.i] ? ` (${data.messages.faults[m.fault[s.i]]})` : '';
    return `${labels[m.label[s.i]]}${fault} ${data.nodes[m.from[s.i]]} → ${data.nodes[m.to[s.i]]}\nsent ${fmtSec(m.sent[s.i], 1)}, delivered ${fmtSec(m.at[s.i], 1)} (${(m.at[s.i] - m.sent[s.i]).toFixed(3)} ms)`;
  }
  for (const b of h.bands) {
    if (x < b.x1 || x > b.x2 || y < b.y1 || y > b.y2) continue;
    const f = data.faults[b.i];
    return `${f.label}\n${fmtSec(f.from, 1)}${f.to > f.from ? ` – ${fmtSec(f.to, 1)}` : ''}`;
  }
  if (h.client && y >= h.client.top && y <= h.client.bottom) {
    const px = Math.floor(x - st.lay.x0);
    const c = h.client.sums;
    const r = (v) => Math.round(v[px] || 0);
    return `${fmtSec(T(x), 1)}: ok ${r(c.ok)}, info ${r(c.info)}, fail ${r(c.fail)}, lost ${r(c.lost)} (this pixel)`;
  }
  return '';
}


function distToSegment(x, y, s) {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  const len2 = dx * dx + dy * dy;
  const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - s.x1) * dx + (y - s.y1) * dy) / len2));
  return Math.hypot(x - (s.x1 + u * dx), y - (s.y1 + u * dy));
}

loadData().then(boot, (e) => {
  document.getElementById('notes').textContent = `The timeline cannot be shown: ${e.message}`;
  throw e;
});
