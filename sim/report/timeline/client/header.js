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

function fillLegend(box) {
  const item = (sw, text) => el('span', { class: 'item' }, sw, text);
  const stripe = (base, color, where) =>
    `background: linear-gradient(to bottom, ${base} 0, ${base} ${where[0]}%, ${color} ${where[0]}%, ${color} ${where[1]}%, ${base} ${where[1]}%)`;
  const hatchCss = (base, line) => `background: repeating-linear-gradient(135deg, ${base} 0 3px, ${line} 3px 5px)`;
  box.append(
    el('span', { class: 'group' }, 'Lane (what the node believes):'),
    item(swatch(`background:${ROLE_FILL[1]}`), 'master'),
    item(swatch(`background:${ROLE_FILL[2]}`), 'replica'),
    item(swatch(stripe(ROLE_FILL[1], BELIEF_FILL[1], [30, 70])), 'sees some node PFAIL'),
    item(swatch(stripe(ROLE_FILL[1], BELIEF_FILL[2], [30, 70])), 'sees some node FAIL'),
    item(swatch(stripe(ROLE_FILL[2], CANDIDATE_FILL[1], [0, 25])), 'candidate: election scheduled'),
    item(swatch(stripe(ROLE_FILL[2], CANDIDATE_FILL[2], [0, 25])), 'candidate: asking for votes'),
    item(swatch(hatchCss(ROLE_FILL[1], '#55556b')), 'paused'),
    item(swatch(hatchCss(DOWN_FILL, '#9aa1ad')), 'not running'),
  );
  const msgs = el('span', { class: 'group' }, 'Messages:');
  box.append(msgs);
  for (const [label, color] of Object.entries(MSG_COLOR)) box.append(item(swatch(`background:${color};height:3px`), label));
  box.append(item(swatch(`background:${OTHER_COLOR};height:2px`), 'other bus messages'), item(el('span', { style: 'color:#c00;font-weight:700' }, '×'), 'dropped (message-level fault)'));
  box.append(item(swatch('border-top:2px dashed #555;height:0'), 'duplicated or reordered'));
  box.append(el('span', { class: 'group' }, 'Faults:'));
  for (const [kind, color] of Object.entries(BAND_FILL)) if (kind !== 'shutdown' && kind !== 'network') box.append(item(swatch(`background:${color}`), kind));
  box.append(el('span', { class: 'group' }, 'Clients:'));
  box.append(item(swatch('background:#2e9d4f'), 'ok'), item(swatch('background:#f0a500'), 'info (unknown)'), item(swatch('background:#d62728'), 'fail'));
  box.append(item(swatch('background:#c62828;height:6px'), 'acknowledged, later lost'));
  box.append(el('span', { class: 'group' }, 'Markers:'));
  for (const [kind, spec] of Object.entries(MARKS)) {
    const c = el('canvas', { width: 14, height: 14, style: 'width:14px;height:14px' });
    glyph(c.getContext('2d'), spec[0], 7, 7, spec[1], spec[2]);
    box.append(item(c, kind));
  }
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
