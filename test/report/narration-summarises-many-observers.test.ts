// Narration for large clusters (issue 14): news that each node learns on its
// own is one line per observer up to SUMMARISE_ABOVE observers (so every
// node of a 9-node cluster keeps its line), and one line saying how many and
// between when past that ("199 nodes saw A PFAIL between 25.2 and 26.7 s").
// The FAIL line says when each counted report reached the deciding node.

import { describe, expect, it } from 'vitest';
import { NodeNames } from '../../sim/events/names.ts';
import type { EventBody, SimEvent } from '../../sim/events/types.ts';
import { narrate } from '../../sim/report/narrate.ts';
import { SUMMARISE_ABOVE } from '../../sim/report/narration-summary.ts';

/** Node 0 is A; nodes 1… are N1, N2, … */
function names(count: number): NodeNames {
  const n = new NodeNames();
  n.setName(0, 'A');
  for (let i = 1; i < count; i++) n.setName(i, `N${i}`);
  return n;
}

const at = (t: number, node: number, body: EventBody): SimEvent => ({ t, node, ...body }) as SimEvent;
const pfail = (t: number, node: number, subject: number): SimEvent =>
  at(t, node, { type: 'pfail', subject, noPongMs: 15_100, silenceMs: 15_200, timeoutMs: 15_000 });

/** `observers` nodes see A PFAIL, evenly from 25.2 s to 26.7 s. */
function manySeeA(observers: number): SimEvent[] {
  return Array.from({ length: observers }, (_, k) => pfail(25_200 + (observers === 1 ? 0 : (k * 1500) / (observers - 1)), k + 1, 0));
}

describe('narration of news many nodes learn', () => {
  it('199 observers of one PFAIL make one line: how many, and between when', () => {
    const lines = narrate(manySeeA(199), { names: names(200) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('199 nodes saw A PFAIL between 25.2 and 26.7 s');
  });

  it(`up to ${SUMMARISE_ABOVE} observers keep one line each (a 9-node cluster reads as before)`, () => {
    const lines = narrate(manySeeA(SUMMARISE_ABOVE), { names: names(10) });
    expect(lines).toHaveLength(SUMMARISE_ABOVE);
    expect(lines[0]).toMatch(/^ +25\.200s {2}N1 +A is PFAIL: no PONG for 15\.1 s > cluster-node-timeout 15000 ms$/);
  });

  it(`${SUMMARISE_ABOVE + 1} observers make one line`, () => {
    expect(narrate(manySeeA(SUMMARISE_ABOVE + 1), { names: names(10) })).toHaveLength(1);
  });

  it('one node seeing many nodes PFAIL (the isolated side) is one line too', () => {
    const events = Array.from({ length: 20 }, (_, k) => pfail(16_000 + k * 50, 0, k + 1));
    const lines = narrate(events, { names: names(21) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/ A +saw 20 nodes PFAIL between 16\.000 and 16\.950 s/);
  });

  it('a timeline action ends the group: what follows it is new news', () => {
    const fault = at(30_000, -1, { type: 'fault', action: 'heal', subject: -1, groups: [], from: [], to: [], oneway: false, all: true, forMs: -1, reset: false, latency: '', loss: -1, messageTypes: [], text: '' });
    const cleared = Array.from({ length: 12 }, (_, k) => at(30_010 + k, k + 1, { type: 'pfail-cleared', subject: 0 }));
    const lines = narrate([...manySeeA(12), fault, ...cleared], { names: names(13) });
    expect(lines.map((l) => l.replace(/^ +[\d.]+s +/, ''))).toEqual([
      '12 nodes saw A PFAIL between 25.2 and 26.7 s (no PONG for longer than cluster-node-timeout 15000 ms)',
      '▶ heal all=1',
      '12 nodes heard A answer again between 30.010 and 30.021 s: PFAIL cleared',
    ]);
  });

  it('many votes for one candidate are one line', () => {
    const votes = Array.from({ length: 60 }, (_, k) => at(27_373 + k / 100, k + 2, { type: 'vote-granted', subject: 1, epoch: 201, master: 0, forceAck: false }));
    expect(narrate(votes, { names: names(70) })).toEqual(['    27.373s       60 masters voted for N1 in epoch 201 between 27.373 and 27.374 s']);
  });
});

describe('the FAIL line tells when each counted report arrived', () => {
  const report = (t: number, node: number, reporter: number): SimEvent =>
    at(t, node, { type: 'failure-report', subject: 0, reporter, step: 'added', flag: 'pfail', via: 'ping', reports: 1, self: false, needed: 2, ageMs: -1 });

  it('the reports, each with its arrival at the deciding node', () => {
    const n = names(6);
    const events = [report(15_905.56, 4, 1), report(16_000, 3, 2), report(17_905.626, 4, 2), at(17_905.626, 4, { type: 'fail', subject: 0, reporters: [1, 2], needed: 2 })];
    expect(narrate(events, { names: n })).toEqual(['    17.906s  N4   FAIL A: 2 of 2 required master reports (N1 at 15.906 s, N2 at 17.906 s)']);
  });

  it('a master deciding counts itself, named last', () => {
    const events = [report(16_501, 2, 1), at(17_000, 2, { type: 'fail', subject: 0, reporters: [1, 2], needed: 2 })];
    expect(narrate(events, { names: names(6) })[0]).toContain('2 of 2 required master reports (N1 at 16.501 s, N2 itself)');
  });

  it('many reporters: the first and the last to arrive', () => {
    const reporters = Array.from({ length: 51 }, (_, k) => k + 1);
    const events = [...reporters.map((r) => report(23_586 + r * 10, 100, r)), at(26_569, 100, { type: 'fail', subject: 0, reporters, needed: 51 })];
    expect(narrate(events, { names: names(101) })[0]).toContain('51 of 51 required master reports (the first N1 at 23.596 s, the last N51 at 24.096 s)');
  });
});
