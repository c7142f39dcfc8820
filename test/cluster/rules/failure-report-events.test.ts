// Failure reports as events (issue 14): each change of a node's failure
// reports, as Redis 7.0 makes it, is one `failure-report` event. A report
// is added when a master's gossip flags the node PFAIL or FAIL
// (clusterNodeAddFailureReport returns 1: the "as not reachable" verbose
// line), withdrawn when that master gossips the node without those flags
// ("is back online"), and pruned as expired only when something counts the
// reports (clusterNodeCleanupFailureReports is lazy), NT × 2 after its last
// repetition. A repetition refreshes the report silently.

import { describe, expect, it } from 'vitest';
import { CLUSTERMSG_TYPE_PING, CLUSTERMSG_TYPE_PONG, CLUSTER_NODE_FAIL, CLUSTER_NODE_MASTER, CLUSTER_NODE_PFAIL } from '../../../sim/cluster/constants.ts';
import { clusterNodeFailureReportsCount } from '../../../sim/cluster/failure-reports.ts';
import { NT, THREE_BY_ONE, events, formed, gossip, node, packet, recvIn, type Label, type TestState } from './helpers.ts';

/** `from` gossips A to me with `flags`, in a message of `type`. */
function aboutA(t: TestState, from: Label, flags: number, type = CLUSTERMSG_TYPE_PING): void {
  const f = node(t, from);
  recvIn(t, f, packet(t, f, type, { gossip: [gossip(node(t, 'A'), flags)] }));
}

const reports = (t: TestState): string[] => events(t, 'failure-report');

describe('failure-report events', () => {
  it('a new report is one event naming the reporter, the flag, the message and the count against the quorum', () => {
    const t = formed('B1');
    aboutA(t, 'C', CLUSTER_NODE_MASTER | CLUSTER_NODE_PFAIL, CLUSTERMSG_TYPE_PONG);
    // Three masters with slots: the quorum is 2. B1 is a replica, so it does not count itself.
    expect(reports(t)).toEqual(['A step=added reporter=C flag=pfail via=pong reports=1 needed=2']);
  });

  it('a master deciding counts itself: self=1', () => {
    const t = formed('B');
    aboutA(t, 'C', CLUSTER_NODE_MASTER | CLUSTER_NODE_FAIL);
    expect(reports(t)).toEqual(['A step=added reporter=C flag=fail via=ping reports=1 self=1 needed=2']);
  });

  it('repeating a report refreshes it without an event', () => {
    const t = formed('B1');
    aboutA(t, 'C', CLUSTER_NODE_MASTER | CLUSTER_NODE_PFAIL);
    t.env.now += NT;
    aboutA(t, 'C', CLUSTER_NODE_MASTER | CLUSTER_NODE_PFAIL);
    expect(reports(t)).toHaveLength(1);
  });

  it('a second reporter raises the count', () => {
    const t = formed('B1');
    aboutA(t, 'C', CLUSTER_NODE_MASTER | CLUSTER_NODE_PFAIL);
    aboutA(t, 'B', CLUSTER_NODE_MASTER | CLUSTER_NODE_PFAIL);
    expect(reports(t)[1]).toBe('A step=added reporter=B flag=pfail via=ping reports=2 needed=2');
  });

  it('gossip without PFAIL/FAIL from the reporter withdraws its report: removed, with the message', () => {
    const t = formed('B1');
    aboutA(t, 'C', CLUSTER_NODE_MASTER | CLUSTER_NODE_PFAIL);
    aboutA(t, 'C', CLUSTER_NODE_MASTER, CLUSTERMSG_TYPE_PONG);
    expect(reports(t)[1]).toBe('A step=removed reporter=C via=pong reports=0 needed=2');
  });

  it('an expired report is an event only when it is pruned, with its age (expiry is lazy in Redis)', () => {
    const t = formed('B1');
    const t0 = t.env.now;
    aboutA(t, 'C', CLUSTER_NODE_MASTER | CLUSTER_NODE_PFAIL);
    t.env.now = t0 + 2 * NT + 1;
    // Valid for NT × 2: past that it no longer counts, but nothing has pruned it yet.
    expect(reports(t)).toHaveLength(1);
    t.env.now = t0 + 2 * NT + 500;
    expect(clusterNodeFailureReportsCount(t.cs, node(t, 'A'))).toBe(0);
    expect(reports(t)[1]).toBe(`A step=expired reporter=C age_ms=${2 * NT + 500} reports=0 needed=2`);
  });

  it('a new report does not count reports that have expired but are not yet pruned', () => {
    const t = formed('B1', { layout: THREE_BY_ONE });
    const t0 = t.env.now;
    aboutA(t, 'C', CLUSTER_NODE_MASTER | CLUSTER_NODE_PFAIL);
    t.env.now = t0 + 2 * NT + 1;
    aboutA(t, 'B', CLUSTER_NODE_MASTER | CLUSTER_NODE_PFAIL);
    expect(reports(t)[1]).toBe('A step=added reporter=B flag=pfail via=ping reports=1 needed=2');
  });
});
