// fail-needs-quorum: a `fail` event is checked against the marking node's
// own failure reports, as they are when the event is emitted.

import { describe, expect, it } from 'vitest';
import { CLUSTER_NODE_FAIL, CLUSTER_NODE_MASTER, CLUSTER_NODE_PFAIL, CLUSTER_NODE_SLAVE } from '../../sim/cluster/constants.ts';
import { unixMs } from '../../sim/core/time.ts';
import { FailNeedsQuorum } from '../../sim/check/invariants/fail-needs-quorum.ts';
import { E, feed, FixtureWorld, NT, THREE_BY_ONE } from './fixtures.ts';

/** `observer` marks A FAIL at time t, holding reports from `reporters` made at `reportedAt`. */
function marking(observer: string, reporters: string[], t: number, reportedAt = t - 500) {
  const w = new FixtureWorld(THREE_BY_ONE).at(t);
  const a = w.node(observer).entry('A');
  a.flags = (a.flags & ~CLUSTER_NODE_PFAIL) | CLUSTER_NODE_FAIL;
  for (const r of reporters) a.failReports.push({ node: w.node(observer).entry(r), time: unixMs(reportedAt) });
  const voices = [...reporters, ...(observer.length === 1 ? [observer] : [])];
  const e = E.fail(t, observer, 'A', voices, 2);
  return { w, e };
}

describe('fail-needs-quorum', () => {
  it('holds: master B with a fresh report from master C (2 of 3)', () => {
    const { w, e } = marking('B', ['C'], 9000);
    expect(feed(new FailNeedsQuorum(), w, [e])).toBeUndefined();
  });

  it('holds: replica B1 with fresh reports from B and C (a replica does not count itself)', () => {
    const { w, e } = marking('B1', ['B', 'C'], 9000);
    expect(feed(new FailNeedsQuorum(), w, [e])).toBeUndefined();
  });

  it('breaks: replica B1 with a single report', () => {
    const { w, e } = marking('B1', ['C'], 9000);
    const v = feed(new FailNeedsQuorum(), w, [e]);
    expect(v).toMatchObject({ invariant: 'fail-needs-quorum', event: e });
    expect(v?.why).toBe('B1 marked A FAIL, but only 1 valid voice (C) of 2 needed');
  });

  it('breaks: the second voice is a report older than NT × 2', () => {
    const { w, e } = marking('B', ['C'], 9000, 9000 - 2 * NT - 1);
    expect(feed(new FailNeedsQuorum(), w, [e])?.why).toBe(`B marked A FAIL, but only 1 valid voice (B) of 2 needed; not counted: C (report ${2 * NT + 1} ms old)`);
  });

  it('breaks: the second voice is a replica that never was a master', () => {
    const { w, e } = marking('B', ['C1'], 9000);
    expect(feed(new FailNeedsQuorum(), w, [e])?.why).toMatch(/not counted: C1 \(a replica\)$/);
  });

  it('holds: a reporter demoted after it reported still counts (7.0 keeps its report)', () => {
    const { w, e } = marking('B', ['C'], 9000, 8000);
    const c = w.node('B').entry('C');
    c.flags = (c.flags & ~CLUSTER_NODE_MASTER) | CLUSTER_NODE_SLAVE;
    const seen = E.roleSeen(8500, 'B', 'C', 'C1');
    expect(feed(new FailNeedsQuorum(), w, [seen, e])).toBeUndefined();
  });

  it('breaks: a quorum claimed from a stale cluster size', () => {
    const { w, e } = marking('B', ['C'], 9000);
    const bad = { ...e, needed: 1 };
    expect(feed(new FailNeedsQuorum(), w, [bad])?.why).toBe('B marked A FAIL, but it claimed a quorum of 1 where floor(size 3 / 2) + 1 = 2');
  });
});
