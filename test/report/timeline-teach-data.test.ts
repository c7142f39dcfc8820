// What timeline.html is given to teach with (issue 14), checked without a
// browser on the split-brain run (seed 1), whose story is told in
// scenarios/split-brain.yaml and whose events.csv has the rows quoted here:
// - groups: each master with the replica it had at t=0 (A with A1, …);
// - the quorum: B1 declared A FAIL at 17905.626 on the reports of B (arrived
//   15905.56, in a PONG) and C (17905.626, in a PONG), 2 of the 2 needed;
//   B1 is a replica, so it does not count itself;
// - the election: A1 scheduled at 17973 with 500 fixed + 499 random + rank
//   0, asked for votes at 18973 in epoch 7 (needs 2), got B's and C's votes
//   and won at 18974.244.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NodeIx, SimEvent } from '../../sim/events/types.ts';
import { buildSummary } from '../../sim/report/summary.ts';
import { buildTimelineData } from '../../sim/report/timeline/build.ts';
import { COLLAPSE_ABOVE } from '../../sim/report/timeline/groups.ts';
import type { TimelineData } from '../../sim/report/timeline/model.ts';
import { quorums } from '../../sim/report/timeline/teach.ts';
import { runScenario } from '../../sim/run/runner.ts';
import { scenarioFrom } from './helpers.ts';

const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios');

describe('timeline data that teaches the quorum (split-brain, seed 1)', () => {
  let data: TimelineData;
  const lane = (name: string): number => data.nodes.indexOf(name);

  beforeAll(() => {
    const scenario = scenarioFrom(readFileSync(join(SCENARIOS, 'split-brain.yaml'), 'utf8'), 'scenarios/split-brain.yaml');
    const r = runScenario(scenario, { seed: 1, logLevel: 'nothing', timeline: true });
    data = buildTimelineData(r, r.timelineRecord!, buildSummary(r, 0));
  }, 120_000);

  it('groups each master with the replica it had at t=0, and opens them unfolded (6 nodes)', () => {
    expect(data.groups.map((g) => g.map((k) => data.nodes[k]))).toEqual([
      ['A', 'A1'],
      ['B', 'B1'],
      ['C', 'C1'],
    ]);
    expect(data.collapsed).toBe(false);
    expect(COLLAPSE_ABOVE).toBe(30);
  });

  it("holds B1's run-up to FAIL A: B's report, then C's, 2 of 2 needed", () => {
    expect(data.quorums).toEqual([
      {
        lane: lane('B1'),
        subject: lane('A'),
        needed: 2,
        self: false,
        pfailT: 17604,
        failT: 17905.626,
        reports: [15905.56, lane('B'), 1, 1, 1, 17905.626, lane('C'), 2, 1, 1],
      },
    ]);
  });

  it("holds A1's election: the delay in parts, the epoch, the votes and the win", () => {
    expect(data.elections).toEqual([
      {
        lane: lane('A1'),
        t: 17973,
        fixedMs: 500,
        randomMs: 499,
        rank: 0,
        addedMs: 0,
        manual: false,
        startT: 18973,
        epoch: 7,
        needed: 2,
        votes: [18974.163, 18974.244],
        endT: 18974.244,
        outcome: 'won',
      },
    ]);
  });

  it('carries the narration with its times, the FAIL line naming when each report arrived', () => {
    const fail = data.narration.find((l) => l.text.startsWith('FAIL A'));
    expect(fail).toEqual({ t: 17905.626, node: 'B1', text: 'FAIL A: 2 of 2 required master reports (B at 15.906 s, C at 17.906 s)' });
    const times = data.narration.map((l) => l.t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});

describe('a quorum run-up starts again when no valid report was left', () => {
  const report = (t: number, reporter: NodeIx, step: 'added' | 'removed' | 'expired', reports: number): SimEvent => ({
    t,
    node: 4,
    type: 'failure-report',
    subject: 0,
    reporter,
    step,
    flag: step === 'added' ? 'pfail' : '',
    via: step === 'expired' ? '' : 'ping',
    reports,
    self: false,
    needed: 2,
    ageMs: step === 'expired' ? 10_500 : -1,
  });

  it('an old report that expired before the next episode is not part of it', () => {
    const events: SimEvent[] = [
      report(1000, 1, 'added', 1),
      report(11_500, 1, 'expired', 0),
      report(20_000, 2, 'added', 1),
      report(21_000, 1, 'added', 2),
      { t: 21_000, node: 4, type: 'fail', subject: 0, reporters: [2, 1], needed: 2 },
    ];
    const q = quorums(events, (ix) => ix);
    expect(q).toHaveLength(1);
    expect(q[0]!.reports).toEqual([20_000, 2, 1, 1, 0, 21_000, 1, 2, 1, 0]);
  });

  it('nor is one that lapsed without being pruned (Redis prunes lazily): the new report is the only valid one', () => {
    const events: SimEvent[] = [report(1000, 1, 'added', 1), report(20_000, 2, 'added', 1), { t: 20_000, node: 4, type: 'fail', subject: 0, reporters: [2], needed: 1 }];
    expect(quorums(events, (ix) => ix)[0]!.reports).toEqual([20_000, 2, 1, 1, 0]);
  });
});
