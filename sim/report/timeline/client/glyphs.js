// Page script: the small shapes markers and drops are drawn with, and the
// hatch patterns of stopped processes.

/** Marker glyphs by event kind: [shape, colour, filled, row] (row 0: failure detection, 1: elections and roles). */
const MARKS = {
  pfail: ['tri', '#d08a00', true, 0],
  'pfail-cleared': ['tri', '#d08a00', false, 0],
  fail: ['dia', '#d62728', true, 0],
  'fail-received': ['dot', '#d62728', true, 0],
  'fail-cleared': ['dia', '#d62728', false, 0],
  state: ['bar', '#2e9d4f', true, 0],
  'election-scheduled': ['circ', '#6a1fb0', false, 1],
  'election-rank': ['circ', '#b48be0', false, 1],
  'election-started': ['circ', '#6a1fb0', true, 1],
  'election-won': ['star', '#6a1fb0', true, 1],
  'election-expired': ['x', '#6a1fb0', true, 1],
  'vote-granted': ['sq', '#2ca02c', true, 1],
  'vote-denied': ['sq', '#d62728', false, 1],
  'vote-received': ['dot', '#2ca02c', true, 1],
  role: ['star', '#1d2330', true, 1],
  'config-epoch': ['E', '#1d2330', true, 1],
  'update-sent': ['tri', '#ff7f0e', true, 1],
  'slot-owner': ['sq', '#3b6fd8', false, 1],
  'manual-failover': ['M', '#0f9bb0', true, 1],
  'replica-migrated': ['R', '#1d2330', true, 1],
  command: ['>', '#1d2330', true, 0],
  'node-id': ['N', '#1d2330', true, 0],
  shutdown: ['x', '#4e5563', true, 0],
};

let hatchCache = null;
function hatch(ctx, color) {
  if (!hatchCache) hatchCache = {};
  if (!hatchCache[color]) {
    const c = document.createElement('canvas');
    c.width = c.height = 8;
    const g = c.getContext('2d');
    g.strokeStyle = color;
    g.lineWidth = 1.5;
    g.beginPath();
    g.moveTo(0, 8);
    g.lineTo(8, 0);
    g.stroke();
    hatchCache[color] = ctx.createPattern(c, 'repeat');
  }
  return hatchCache[color];
}

function glyph(ctx, shape, x, y, color, filled) {
  const r = 4;
  ctx.beginPath();
  if (shape === 'tri') (ctx.moveTo(x, y - r), ctx.lineTo(x + r, y + r), ctx.lineTo(x - r, y + r), ctx.closePath());
  else if (shape === 'dia') (ctx.moveTo(x, y - r - 1), ctx.lineTo(x + r, y), ctx.lineTo(x, y + r + 1), ctx.lineTo(x - r, y), ctx.closePath());
  else if (shape === 'circ') ctx.arc(x, y, r, 0, Math.PI * 2);
  else if (shape === 'dot') ctx.arc(x, y, 2.5, 0, Math.PI * 2);
  else if (shape === 'sq') ctx.rect(x - 3.5, y - 3.5, 7, 7);
  else if (shape === 'bar') ctx.rect(x - 1.5, y - 5, 3, 10);
  else if (shape === 'star') {
    for (let i = 0; i < 10; i++) {
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      const rr = i % 2 === 0 ? r + 1.5 : r / 2;
      ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
    }
    ctx.closePath();
  } else if (shape === 'x') (ctx.moveTo(x - r, y - r), ctx.lineTo(x + r, y + r), ctx.moveTo(x + r, y - r), ctx.lineTo(x - r, y + r));
  else {
    ctx.font = 'bold 11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineWidth = 3;
    ctx.strokeStyle = '#fff';
    ctx.strokeText(shape, x, y);
    ctx.fillStyle = color;
    ctx.fillText(shape, x, y);
    return;
  }
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = shape === 'x' ? color : '#fff';
  if (shape !== 'x') {
    ctx.stroke();
    ctx.fillStyle = filled ? color : '#fff';
    ctx.fill();
    if (!filled) ((ctx.strokeStyle = color), ctx.stroke());
  } else ctx.stroke();
}

