// Page script: what the chart teaches on top of the lanes. On the lane of a
// node that declared another FAIL, the quorum building up: each failure
// report arriving (a dotted line from the master whose gossip carried it),
// the count climbing towards the majority needed, and the moment FAIL is
// declared. On a candidate's lane, its election delay in parts (500 ms
// fixed + random + rank × 1000 ms) and its wait for votes.

const QUORUM_COLOR = '#b35900';
const DELAY_FILL = { fixed: '#e4d6fa', random: '#c7a6f5', rank: '#a57be3', votes: '#6a1fb0' };

/** Text with a white halo, so that it reads over any lane colour. */
function haloText(ctx, text, x, y, color, align) {
  ctx.font = '600 10px system-ui, sans-serif';
  ctx.textAlign = align || 'left';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 3;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.strokeText(text, x, y);
  ctx.fillStyle = color;
  ctx.fillText(text, x, y);
}

const VIA_TEXT = ['a PING', 'a PONG', 'a MEET'];

function quorumTip(data, q, i) {
  const r = q.reports;
  const name = (k) => (k >= 0 ? data.nodes[k] : 'a node with no lane');
  const who = data.nodes[q.lane];
  const subject = q.subject >= 0 ? data.nodes[q.subject] : 'the node';
  const count = `${r[i + 2]} report${r[i + 2] === 1 ? '' : 's'}${q.self ? ` + ${who} itself (a master)` : ''}, ${q.needed} needed`;
  const via = r[i + 4] >= 0 ? ` in the gossip of ${VIA_TEXT[r[i + 4]]}` : '';
  const what = r[i + 3] === 1 ? `${name(r[i + 1])} tells ${who}${via} that ${subject} is failing` : r[i + 3] === 0 ? `${name(r[i + 1])} withdraws its report${via}` : `${name(r[i + 1])}'s report expired (older than 2 × cluster-node-timeout)`;
  return `${fmtSec(r[i], 1)}  ${what}: ${count}`;
}

/** Who told whom: a dotted arrow at x from the reporter's lane to the deciding node's. */
function drawTold(ctx, lay, x, from, to) {
  const y = lay.laneY(to);
  const y0 = lay.laneMid(from);
  const down = y0 < lay.laneMid(to);
  const y1 = down ? y + 2 : y + LAYOUT.laneH - 2;
  ctx.strokeStyle = 'rgba(179, 89, 0, 0.55)';
  ctx.lineWidth = 1;
  ctx.setLineDash([1, 2]);
  ctx.beginPath();
  ctx.moveTo(x, y0);
  ctx.lineTo(x, y1);
  ctx.stroke();
  ctx.setLineDash([]);
  const d = down ? 1 : -1;
  ctx.fillStyle = 'rgba(179, 89, 0, 0.8)';
  ctx.beginPath();
  ctx.moveTo(x, y1);
  ctx.lineTo(x - 3, y1 - 5 * d);
  ctx.lineTo(x + 3, y1 - 5 * d);
  ctx.closePath();
  ctx.fill();
}

function drawQuorum(ctx, model, lay, view, X, q, hits) {
  const r = q.reports;
  const first = r.length ? Math.min(r[0], q.pfailT >= 0 ? q.pfailT : r[0]) : q.failT;
  if (q.failT < view.t0 || first > view.t1) return;
  const y = lay.laneY(q.lane);
  const H = LAYOUT.laneH;
  const own = q.self ? 1 : 0;
  const Y = (c) => y + H - 4 - (Math.min(c, q.needed) / q.needed) * (H - 10);
  // A light ground, so that the count reads over the lane's stripes.
  ctx.fillStyle = 'rgba(255, 255, 255, 0.55)';
  ctx.fillRect(X(first), y + 2, X(q.failT) - X(first), H - 4);
  // The majority needed, as a dashed line over the run-up.
  ctx.strokeStyle = QUORUM_COLOR;
  ctx.lineWidth = 1;
  ctx.setLineDash([2, 3]);
  ctx.beginPath();
  ctx.moveTo(X(first), Y(q.needed));
  ctx.lineTo(X(q.failT), Y(q.needed));
  ctx.stroke();
  ctx.setLineDash([]);
  // The count, a staircase.
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  let c = own;
  ctx.moveTo(X(first), Y(c));
  for (let i = 0; i < r.length; i += 5) {
    ctx.lineTo(X(r[i]), Y(c));
    c = r[i + 2] + own;
    ctx.lineTo(X(r[i]), Y(c));
  }
  ctx.lineTo(X(q.failT), Y(c));
  ctx.stroke();
  let lastLabel = -Infinity;
  if (q.self && q.pfailT >= 0 && q.pfailT <= (r.length ? r[0] : q.failT)) {
    // A master counts itself, from the moment it has the node PFAIL itself.
    haloText(ctx, `${model.data.nodes[q.lane]} itself 1/${q.needed}`, X(q.pfailT) + 3, y + 7, QUORUM_COLOR);
    lastLabel = X(q.pfailT) + 40;
  }
  for (let i = 0; i < r.length; i += 5) {
    const x = X(r[i]);
    const from = r[i + 1];
    if (r[i + 3] === 1 && from >= 0 && lay.rowOf[from] !== lay.rowOf[q.lane]) drawTold(ctx, lay, x, from, q.lane);
    glyph(ctx, r[i + 3] === 1 ? 'dot' : 'x', x, Y(r[i + 2] + own), QUORUM_COLOR, true);
    hits.quorum.push({ x, y: Y(r[i + 2] + own), text: quorumTip(model.data, q, i) });
    if (r[i + 3] === 1 && x - lastLabel > 44 && from >= 0) {
      haloText(ctx, `${model.data.nodes[from]} ${r[i + 2] + own}/${q.needed}`, x + 3, y + 7, QUORUM_COLOR);
      lastLabel = x;
    }
  }
  const xf = X(q.failT);
  if (xf - lastLabel > 60) haloText(ctx, `FAIL ${q.subject >= 0 ? model.data.nodes[q.subject] : ''}`, xf + 7, y + 7, '#d62728');
}

function electionTip(data, e) {
  const who = data.nodes[e.lane];
  const delay = e.fixedMs + e.randomMs + e.rank * 1000 + e.addedMs;
  const parts = e.manual
    ? `${who}: manual failover, no delay`
    : `${who}: election delay ${delay} ms = ${e.fixedMs} fixed + ${e.randomMs} random + rank ${e.rank} × 1000${e.addedMs ? ` (re-ranked: +${e.addedMs})` : ''}, scheduled at ${fmtSec(e.t, 1)}`;
  const asked = e.startT >= 0 ? `\nasked for votes at ${fmtSec(e.startT, 1)} in epoch ${e.epoch} (needs ${e.needed}), ${e.votes.length} arrived` : '\nnever asked for votes';
  const end = e.outcome === 'won' ? `; won at ${fmtSec(e.endT, 1)}` : e.outcome === 'expired' ? `; expired at ${fmtSec(e.endT, 1)}` : '';
  return parts + asked + end;
}

function drawElection(ctx, model, lay, view, X, e, hits) {
  const wait = e.startT >= 0 ? (e.endT >= 0 ? e.endT : view.t1) : e.t;
  if (wait < view.t0 || e.t > view.t1) return;
  const y = lay.laneY(e.lane);
  const rankMs = e.rank * 1000 + e.addedMs;
  const parts = [
    ['fixed', e.t, e.t + e.fixedMs, `${e.fixedMs} fixed`],
    ['random', e.t + e.fixedMs, e.t + e.fixedMs + e.randomMs, `${e.randomMs} random`],
    ['rank', e.t + e.fixedMs + e.randomMs, e.t + e.fixedMs + e.randomMs + rankMs, `rank ${e.rank} × 1000`],
  ];
  if (e.startT >= 0) parts.push(['votes', e.startT, wait, `votes ${e.votes.length}/${e.needed}`]);
  for (const [kind, a, b, label] of parts) {
    if (b <= a) continue;
    const x1 = X(a);
    const x2 = X(b);
    ctx.fillStyle = DELAY_FILL[kind];
    ctx.fillRect(x1, y, Math.max(1, x2 - x1), 9);
    ctx.font = '600 9px system-ui, sans-serif';
    if (ctx.measureText(label).width + 6 < x2 - x1) {
      ctx.fillStyle = kind === 'votes' || kind === 'rank' ? '#fff' : '#3b1670';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(label, x1 + 3, y + 5);
    }
    hits.elections.push({ x1, x2, y1: y, y2: y + 9, text: electionTip(model.data, e) });
  }
  for (const t of e.votes) glyph(ctx, 'dot', X(t), y + 4.5, '#2ca02c', true);
}

function drawTeaching(ctx, model, lay, view, X, hits) {
  for (const e of model.data.elections) drawElection(ctx, model, lay, view, X, e, hits);
  for (const q of model.data.quorums) drawQuorum(ctx, model, lay, view, X, q, hits);
}
