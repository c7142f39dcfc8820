// The view recorder re-reads only the table entries that report a change.
// These are the reporting rules it depends on (the end-to-end check that
// recorded views equal CLUSTER NODES is in timeline-views.test.ts).

import { describe, expect, it } from 'vitest';
import { CLUSTER_NODE_MASTER, CLUSTER_NODE_PFAIL, CLUSTER_NODE_SLAVE } from '../../sim/cluster/constants.ts';
import { ClusterNode, clusterNodeAddSlave } from '../../sim/cluster/node.ts';

function fed(...nodes: ClusterNode[]): ClusterNode[] {
  const feed: ClusterNode[] = [];
  for (const n of nodes) {
    n.viewFeed = feed;
    n.viewStale = false;
  }
  return feed;
}

describe('the view change feed', () => {
  it('an entry whose printed field gets a new value reports itself once until the recorder looks again', () => {
    const a = new ClusterNode('a'.repeat(40), CLUSTER_NODE_MASTER, 0);
    const feed = fed(a);
    a.flags |= CLUSTER_NODE_PFAIL;
    a.pongReceived = 1234;
    a.setSlotBit(7, true);
    expect(feed).toEqual([a]);
    feed.length = 0;
    a.viewStale = false;
    a.pingSent = 99;
    expect(feed).toEqual([a]);
  });

  it('assigning the value it already has is not a change', () => {
    const a = new ClusterNode('a'.repeat(40), CLUSTER_NODE_MASTER, 0);
    const feed = fed(a);
    a.flags = CLUSTER_NODE_MASTER;
    a.configEpoch = 0;
    a.link = null;
    a.hostname = '';
    expect(feed).toEqual([]);
  });

  it("a master's new configEpoch makes its replicas stale too (their lines print it)", () => {
    const m = new ClusterNode('m'.repeat(40), CLUSTER_NODE_MASTER, 0);
    const r = new ClusterNode('r'.repeat(40), CLUSTER_NODE_SLAVE, 0);
    r.slaveof = m;
    clusterNodeAddSlave(m, r);
    const feed = fed(m, r);
    m.configEpoch = 7;
    expect(feed).toEqual([m, r]);
  });
});
