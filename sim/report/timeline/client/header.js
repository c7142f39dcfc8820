// Page script: the parts of the page around the chart (run facts,
// expectations, legend, notes on what is and is not drawn). Every text that
// comes from the scenario or the run goes in through textContent, never as
// markup.

function el(tag, props, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === 'style') e.style.cssText = v;
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

function fillHeader(data) {
  const s = data.summary;
  const sec = (ms) => `${(ms / 1000).toFixed(1)} s`;
  const meta = document.getElementById('meta');
  meta.textContent = `${data.scenario.file} · seed ${data.scenario.seed} · ${data.nodes.length} nodes · simulated ${sec(data.endMs)} (warm-up from ${sec(data.startMs)}) · exit ${s.exitCode}`;
  if (s.writes) meta.textContent += ` · writes: ${s.writes.acked} acknowledged, ${s.writes.lost} lost`;
  const box = document.getElementById('outcome');
  const held = s.expectations.filter((x) => x.ok).length;
  const sum = el('summary', {}, `Expectations: ${held} of ${s.expectations.length} held${s.steps.length ? `, ${s.steps.length} timeline steps failed` : ''}`);
  const list = el('ul');
  for (const x of s.expectations) {
    list.append(el('li', { class: x.ok ? 'held' : 'failed' }, `${x.ok ? '✓' : '✗'} ${x.when}: ${x.conditions.join(', ')}${x.ok ? '' : ` — ${x.why}`}`));
  }
  for (const f of s.steps) list.append(el('li', { class: 'failed' }, `✗ ${f.action} at ${(f.atMs / 1000).toFixed(3)} s: ${f.why}`));
  list.append(el('li', {}, `Repro: ${s.repro}`));
  box.append(sum, list);
  if (held < s.expectations.length || s.steps.length) box.open = true;
}

function swatch(style) {
  return el('span', { class: 'sw', style });
}

/** What this run's chart holds, so that the legend lists that and nothing else. */
function contents(model) {
  const data = model.data;
  const lane = { role: new Set(), belief: new Set(), candidate: new Set(), proc: new Set(), noRole: false };
  for (const l of model.lanes) {
    for (let i = 0; i < l.code.length; i++) {
      const s = unpackLane(l.code[i]);
      if (s.role === 0 && s.proc !== 2) lane.noRole = true;
      lane.role.add(s.role);
      lane.belief.add(s.belief);
      lane.candidate.add(s.candidate);
      lane.proc.add(s.proc);
    }
  }
  const labels = new Set();
  for (let i = 0; i < model.key.n; i++) labels.add(data.messages.labels[model.key.label[i]]);
  const kinds = new Set();
  for (let i = 0; i < model.markers.n; i++) kinds.add(data.markerKinds[model.markers.kind[i]]);
  return {
    lane,
    labels,
    kinds,
    faults: new Set(data.faults.map((b) => b.kind)),
    other: model.other.n > 0,
    drops: model.drops.n > 0,
    msgFaults: model.key.fault.some((f) => f !== 0),
    delays: data.elections.some((e) => !e.manual),
    votes: data.elections.some((e) => e.startT >= 0),
    quorums: data.quorums.length > 0,
  };
}

function legendCanvas(draw) {
  const c = el('canvas', { width: 28, height: 14, style: 'width:28px;height:14px' });
  draw(c.getContext('2d'));
  return c;
}

function fillLegend(box, model) {
  const has = contents(model);
  const item = (sw, text) => el('span', { class: 'item' }, sw, text);
  const group = (title, items) => {
    const shown = items.filter((x) => x[0]);
    if (shown.length) box.append(el('span', { class: 'group' }, title), ...shown.map((x) => item(x[1], x[2])));
  };
  const stripe = (base, color, where) =>
    `background: linear-gradient(to bottom, ${base} 0, ${base} ${where[0]}%, ${color} ${where[0]}%, ${color} ${where[1]}%, ${base} ${where[1]}%)`;
  const hatchCss = (base, line) => `background: repeating-linear-gradient(135deg, ${base} 0 3px, ${line} 3px 5px)`;
  const l = has.lane;
  group('Lane (what the node believes):', [
    [l.role.has(1), swatch(`background:${ROLE_FILL[1]}`), 'master'],
    [l.role.has(2), swatch(`background:${ROLE_FILL[2]}`), 'replica'],
    [l.noRole, swatch(`background:${ROLE_FILL[0]}`), 'no role yet'],
    [l.belief.has(1), swatch(stripe(ROLE_FILL[1], BELIEF_FILL[1], [30, 70])), 'sees some node PFAIL'],
    [l.belief.has(2), swatch(stripe(ROLE_FILL[1], BELIEF_FILL[2], [30, 70])), 'sees some node FAIL'],
    [l.candidate.has(1) && !has.delays, swatch(stripe(ROLE_FILL[2], CANDIDATE_FILL[1], [0, 25])), 'candidate: election scheduled'],
    [l.candidate.has(2) && !has.votes, swatch(stripe(ROLE_FILL[2], CANDIDATE_FILL[2], [0, 25])), 'candidate: asking for votes'],
    [l.proc.has(1), swatch(hatchCss(ROLE_FILL[1], '#55556b')), 'paused'],
    [l.proc.has(2), swatch(hatchCss(DOWN_FILL, '#9aa1ad')), 'not running'],
  ]);
  group('Election delay (candidate lane, top):', [
    [has.delays, swatch(`background:${DELAY_FILL.fixed}`), '500 ms fixed'],
    [has.delays, swatch(`background:${DELAY_FILL.random}`), 'random 0–499 ms'],
    [has.delays, swatch(`background:${DELAY_FILL.rank}`), 'rank × 1000 ms'],
    [has.votes, swatch(`background:${DELAY_FILL.votes}`), 'waiting for votes (dots: votes)'],
  ]);
  group('Quorum (deciding node):', [
    [has.quorums, legendCanvas((g) => ((g.strokeStyle = QUORUM_COLOR), (g.lineWidth = 2), g.beginPath(), g.moveTo(1, 12), g.lineTo(10, 12), g.lineTo(10, 7), g.lineTo(19, 7), g.lineTo(19, 2), g.lineTo(27, 2), g.stroke())), 'failure reports counted'],
    [has.quorums, legendCanvas((g) => ((g.strokeStyle = 'rgba(179, 89, 0, 0.8)'), g.setLineDash([1, 2]), g.beginPath(), g.moveTo(14, 0), g.lineTo(14, 14), g.stroke())), 'report from a master (gossip)'],
  ]);
  group('Messages:', [
    ...Object.entries(MSG_COLOR).map(([label, color]) => [has.labels.has(label), swatch(`background:${color};height:3px`), label]),
    [has.other, swatch(`background:${OTHER_COLOR};height:2px`), 'other bus messages (when shown)'],
    [has.drops, el('span', { style: 'color:#c00;font-weight:700' }, '×'), 'dropped (message-level fault)'],
    [has.msgFaults, swatch('border-top:2px dashed #555;height:0'), 'duplicated or reordered'],
  ]);
  group('Faults:', Object.entries(BAND_FILL).map(([kind, color]) => [has.faults.has(kind), swatch(`background:${color}`), kind]));
  const c = model.data.client;
  group('Clients:', [
    [c && c.totals.ok, swatch('background:#2e9d4f'), 'ok'],
    [c && c.totals.info, swatch('background:#f0a500'), 'info (unknown)'],
    [c && c.totals.fail, swatch('background:#d62728'), 'fail'],
    [c && c.totals.lost, swatch('background:#c62828;height:6px'), 'acknowledged, later lost'],
  ]);
  group('Markers:', Object.entries(MARKS).map(([kind, spec]) => [has.kinds.has(kind), legendCanvas((g) => glyph(g, spec[0], 14, 7, spec[1], spec[2])), kind]));
}

function fillNotes(box, data) {
  const m = data.messages;
  const drawn = m.sampleEvery === 1 ? `all ${m.otherTotal}` : `1 in ${m.sampleEvery} (${Math.ceil(m.otherTotal / m.sampleEvery)} of ${m.otherTotal}, in delivery order)`;
  const notDrawn = Object.entries(m.notDrawn)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const lines = [
    `Arrows: every FAIL, FAILOVER_AUTH_REQUEST, FAILOVER_AUTH_ACK, UPDATE and MFSTART (${m.key.length / 6}), ${m.drops.length / 4} dropped. ` +
      `"All bus messages" adds PING/PONG/MEET/PUBLISH: ${drawn}. Client traffic is not drawn${notDrawn ? `; nor is replication/MIGRATE traffic between nodes (${notDrawn})` : ''}.`,
    'CLUSTER NODES views are recorded as the run goes and are exact at every whole millisecond (the state after every event up to and including it, as `sim nodes --at` prints it). ' +
      'Hover a lane to see one; click to pin it. Wheel or +/− to zoom, drag to pan, shift-drag to zoom to a range.',
  ];
  if (data.client) {
    const c = data.client;
    lines.push(`Client lane: ${c.totals.ok} ok, ${c.totals.info} info, ${c.totals.fail} fail, ${c.totals.lost} acknowledged writes lost (by acknowledgement time), in ${c.bucketMs} ms buckets summed per pixel.`);
  }
  for (const l of lines) box.append(el('div', {}, l));
}
