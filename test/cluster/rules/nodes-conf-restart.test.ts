// What a restart keeps (spec §18, clusterSaveConfig / clusterLoadConfig in
// cluster.c 7.0.15): the node ID, currentEpoch and lastVoteEpoch (vars line),
// every node's role, master and slots, masters' configEpochs. Links, pending
// pings and election state are not saved; a replica's own configEpoch is
// loaded as 0.

import { describe, expect, it } from 'vitest';
import { CLUSTER_NODE_MYSELF, CLUSTER_NODE_PFAIL } from '../../../sim/cluster/constants.ts';
import { nodeIsSlave, type ClusterNode } from '../../../sim/cluster/node.ts';
import { clusterGenNodesConfig, clusterLoadConfig } from '../../../sim/cluster/nodes-conf.ts';
import { clusterFailoverReplaceYourMaster } from '../../../sim/cluster/failover.ts';
import { emptyState } from '../fake-env.ts';
import { formed, label, node, type Label, type TestState } from './helpers.ts';

/** Seen from `me` after A1 took over A's slots at epoch 7; I voted in epoch 7. */
function afterFailover(me: Label): TestState {
  const t = formed('A1');
  t.cs.currentEpoch = 7;
  clusterFailoverReplaceYourMaster(t.cs);
  t.cs.myself.configEpoch = 7;
  const saved = clusterGenNodesConfig(t.cs);
  // Re-read the same table as `me` would have written it.
  const u = emptyState({ clusterNodeTimeout: 3000 });
  const text = saved
    .replace('myself,', '')
    .replace(new RegExp(`^(${node(t, me).name} \\S+ )`, 'm'), '$1myself,')
    .replace('lastVoteEpoch 0', 'lastVoteEpoch 7');
  expect(clusterLoadConfig(u.cs, text)).toBe('loaded');
  return u;
}

const summary = (n: ClusterNode): string =>
  `${label(n.name)} ${nodeIsSlave(n) ? `replica-of ${label(n.slaveof!.name)}` : 'master'} e${n.configEpoch} ${n.slots.ranges().map(([a, b]) => `${a}-${b}`).join(',')}`;

describe('nodes.conf across a restart', () => {
  it('a master keeps its ID, both epochs, and everybody’s roles and slots', () => {
    const t = afterFailover('B');
    expect(label(t.cs.myself.name)).toBe('B');
    expect(t.cs.myself.flags & CLUSTER_NODE_MYSELF).toBe(CLUSTER_NODE_MYSELF);
    expect([t.cs.currentEpoch, t.cs.lastVoteEpoch]).toEqual([7, 7]);
    expect([...t.cs.nodes.values()].map(summary).sort()).toEqual([
      'A master e1 ',
      'A1 master e7 0-5460',
      'B master e2 5461-10922',
      'B1 replica-of B e0 ',
      'C master e3 10923-16383',
      'C1 replica-of C e0 ',
    ]);
    expect(t.cs.slots.owner(0)!.name).toBe(node(t, 'A1').name);
  });

  it('links and pending pings are not restored: the cron reconnects', () => {
    const t = afterFailover('B');
    for (const n of t.cs.nodes.values()) {
      expect(n.link).toBeNull();
      expect(n.pingSent).toBe(0);
      expect(n.flags & CLUSTER_NODE_PFAIL).toBe(0);
    }
  });

  it('a replica loads its own configEpoch as 0 but keeps its master and the shard’s slots', () => {
    const t = afterFailover('C1');
    expect(summary(t.cs.myself)).toBe('C1 replica-of C e0 ');
    expect(t.cs.myself.slaveof!.numslots).toBe(5461);
  });
});
