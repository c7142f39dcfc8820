// Lane colours, fault bands and client buckets from literal fixtures: what a
// reader sees in each lane must follow from the node's own view, its
// election events and its process changes.

import { describe, expect, it } from 'vitest';
import { E, ix, NAMES } from '../helpers/event-builders.ts';
import { bucketWidth, clientLane } from '../../sim/report/timeline/client-lane.ts';
import { faultBands } from '../../sim/report/timeline/faults.ts';
import { beliefOfLines, beliefsFromSnapshots, candidatePoints, laneSegments } from '../../sim/report/timeline/lanes.ts';
import { Belief, Candidate, Proc, Role, unpackLane, type LaneState } from '../../sim/report/timeline/model.ts';
import type { Op } from '../../sim/workload/history.ts';

const ID = (c: string): string => c.repeat(40);

/** [t, code, …] → readable states. */
function states(lane: number[]): [number, LaneState][] {
  const out: [number, LaneState][] = [];
  for (let i = 0; i < lane.length; i += 2) out.push([lane[i]!, unpackLane(lane[i + 1]!)]);
  return out;
}

describe('lane belief from a node view', () => {
  const me = `${ID('a')} 127.0.0.1:7000@17000 myself,master - 0 0 1 connected 0-5460`;
  it('takes the role from the myself line and the worst flag from the others', () => {
    expect(beliefOfLines([me, `${ID('b')} 127.0.0.1:7001@17001 master - 0 0 2 connected`])).toEqual({ role: Role.Master, belief: Belief.Ok });
    expect(beliefOfLines([me, `${ID('b')} 127.0.0.1:7001@17001 master,fail? - 0 0 2 connected`])).toEqual({ role: Role.Master, belief: Belief.Pfail });
    const replica = `${ID('c')} 127.0.0.1:7003@17003 myself,slave ${ID('a')} 0 0 1 connected`;
    const failed = `${ID('a')} 127.0.0.1:7000@17000 master,fail - 0 0 1 connected 0-5460`;
    const pfail = `${ID('b')} 127.0.0.1:7001@17001 master,fail? - 0 0 2 connected`;
    expect(beliefOfLines([failed, replica, pfail])).toEqual({ role: Role.Replica, belief: Belief.Fail });
  });

  it('reads snapshots through the interned line table; a stopped node believes nothing', () => {
    const lines = [`${ID('a')} 127.0.0.1:7000@17000 myself,master -\t1 connected`, `${ID('b')} 127.0.0.1:7001@17001 master,fail -\t2 connected`];
    expect(beliefsFromSnapshots([0, 10, 20], [[0], [0, 1], null], lines)).toEqual([
      { t: 0, role: Role.Master, belief: Belief.Ok },
      { t: 10, role: Role.Master, belief: Belief.Fail },
      { t: 20, role: Role.None, belief: Belief.Ok },
    ]);
  });
});

describe('candidate state from election events', () => {
  it('runs from election-scheduled through election-started to election-won', () => {
    const events = [E.scheduled(100, 'A1', 'A', 724), E.started(824, 'A1', 'A', 7), E.won(830.5, 'A1', 'A', 7)];
    expect(candidatePoints(events, 5000)).toEqual([100, Candidate.Scheduled, 824, Candidate.Voting, 830.5, Candidate.No]);
  });

  it('ends when the master\'s FAIL is cleared, or by the auth timeout when nothing ends it', () => {
    expect(candidatePoints([E.scheduled(100, 'A1', 'A', 600), E.failCleared(300, 'A1', 'A')], 5000)).toEqual([100, 1, 300, 0]);
    // A FAIL cleared for another node does not stop this election; 2 × 5000 ms after its start it is over.
    expect(candidatePoints([E.scheduled(100, 'A1', 'A', 600), E.failCleared(300, 'A1', 'B')], 5000)).toEqual([100, 1, 10_700, 0]);
    // The auth timeout is at least 2 s, and a rank change pushes it back.
    expect(candidatePoints([E.scheduled(0, 'B1', 'B', 500), E.rank(200, 'B1', 'B', 1, 1000)], 100)).toEqual([0, 1, 3500, 0]);
  });
});

describe('lane segments', () => {
  it('merge view, process and election changes into one state per interval', () => {
    const beliefs = [
      { t: -5000, role: Role.Replica, belief: Belief.Ok },
      { t: 1000, role: Role.Replica, belief: Belief.Pfail },
      { t: 2000, role: Role.Replica, belief: Belief.Fail },
      { t: 3000, role: Role.Master, belief: Belief.Fail },
    ];
    const procs = [-5000, Proc.Up, 4000, Proc.Paused, 5000, Proc.Up, 6000, Proc.Down];
    const candidates = [2100, Candidate.Scheduled, 2800, Candidate.Voting, 3000, Candidate.No];
    const s = states(laneSegments(beliefs, procs, candidates, -5000));
    expect(s.map(([t]) => t)).toEqual([-5000, 1000, 2000, 2100, 2800, 3000, 4000, 5000, 6000]);
    expect(s[2]![1]).toEqual({ role: Role.Replica, belief: Belief.Fail, candidate: Candidate.No, proc: Proc.Up });
    expect(s[4]![1].candidate).toBe(Candidate.Voting);
    expect(s[5]![1]).toEqual({ role: Role.Master, belief: Belief.Fail, candidate: Candidate.No, proc: Proc.Up });
    expect(s[6]![1].proc).toBe(Proc.Paused);
    expect(s[8]![1].proc).toBe(Proc.Down);
  });

  it('shows no candidate on a stopped process and merges repeated states', () => {
    const s = states(laneSegments([{ t: 0, role: Role.Replica, belief: Belief.Ok }], [0, Proc.Up, 50, Proc.Down, 60, Proc.Down], [40, Candidate.Scheduled], 0));
    expect(s).toEqual([
      [0, { role: Role.Replica, belief: Belief.Ok, candidate: 0, proc: Proc.Up }],
      [40, { role: Role.Replica, belief: Belief.Ok, candidate: Candidate.Scheduled, proc: Proc.Up }],
      [50, { role: Role.Replica, belief: Belief.Ok, candidate: 0, proc: Proc.Down }],
    ]);
  });
});

describe('fault bands', () => {
  const nodes = ['A', 'B', 'C', 'A1'];
  const laneOf = (i: number): number | undefined => { const k = nodes.indexOf(NAMES.name(i)); return k < 0 ? undefined : k; };
  it('pair each fault with what undoes it and pack overlapping ones into rows', () => {
    const events = [
      E.fault(10_000, 'partition', { groups: E.groups(['A'], ['B', 'C', 'A1']) }),
      E.fault(12_000, 'kill', {}, 'B'),
      E.fault(15_000, 'pause', { forMs: 2000 }, 'C'),
      E.fault(17_000, 'resume', {}, 'C'),
      E.fault(20_000, 'heal', { all: true }),
      E.fault(21_000, 'restart', {}, 'B'),
      E.fault(22_000, 'drop', { messageTypes: ['FAILOVER_AUTH_ACK'], from: [ix('B')], to: [ix('A1')] }),
      E.fault(23_000, 'partition', { from: [ix('A')], to: [ix('B')], oneway: true }),
      E.fault(24_000, 'heal', { from: [ix('B')], to: [ix('A')] }),
    ];
    const bands = faultBands(events, laneOf, NAMES, [{ at: 22_000, untilMs: 27_000 }], 60_000);
    const short = bands.map((b) => [b.kind, b.from, b.to, b.row, b.nodes]);
    expect(short).toEqual([
      ['partition', 10_000, 20_000, 0, [0, 1, 2, 3]],
      ['kill', 12_000, 21_000, 1, [1]],
      ['pause', 15_000, 17_000, 2, [2]],
      ['restart', 21_000, 21_000, 0, [1]],
      ['drop', 22_000, 27_000, 0, [1, 3]],
      ['partition', 23_000, 24_000, 1, [0, 1]],
    ]);
    expect(bands[4]!.label).toBe('drop types=FAILOVER_AUTH_ACK from=B to=A1 message-level=1');
  });

  it('leave a fault that is never undone open until the end', () => {
    const bands = faultBands([E.fault(5000, 'kill', {}, 'A')], laneOf, NAMES, [], 9000);
    expect(bands.map((b) => [b.kind, b.from, b.to])).toEqual([['kill', 5000, 9000]]);
  });
});

describe('client lane', () => {
  const op = (completeMs: number, type: Op['type']): Op =>
    ({ id: 0, process: 'w-0', f: 'set', key: 'k', value: 'v', invokeMs: completeMs - 1, type, completeMs, result: null, node: 'A', error: '' }) as Op;

  it('counts completions per bucket by outcome, and lost writes by acknowledgement time', () => {
    const c = clientLane([op(0.5, 'ok'), op(9.9, 'ok'), op(10, 'fail'), op(25, 'info'), op(30, undefined)], [{ ackedMs: 12 } as never], ['w'], 0, 80_000)!;
    expect(c.bucketMs).toBe(10);
    expect(c.ok).toEqual([2]);
    expect(c.fail).toEqual([0, 1]);
    expect(c.info).toEqual([0, 0, 1]);
    expect(c.lost).toEqual([0, 1]);
    expect(c.totals).toEqual({ ok: 2, fail: 1, info: 1, lost: 1 });
  });

  it('picks round bucket widths that keep an hour to a few thousand buckets', () => {
    expect(bucketWidth(60_000)).toBe(10);
    expect(bucketWidth(600_000)).toBe(100);
    expect(bucketWidth(3_600_000)).toBe(500);
    expect(bucketWidth(100)).toBe(1);
    expect(clientLane([], [], [], 0, 1000)).toBeNull();
  });
});
