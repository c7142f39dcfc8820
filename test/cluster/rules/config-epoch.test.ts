// configEpoch collisions and bumps (spec §10.1, §10.2;
// clusterHandleConfigEpochCollision and clusterBumpConfigEpochWithoutConsensus
// in cluster.c 7.0.15).

import { describe, expect, it } from 'vitest';
import { CLUSTERMSG_TYPE_MEET, CLUSTERMSG_TYPE_PING, CLUSTERMSG_TYPE_PONG } from '../../../sim/cluster/constants.ts';
import { clusterBumpConfigEpochWithoutConsensus } from '../../../sim/cluster/config-epoch.ts';
import { cluster } from '../commands/helpers.ts';
import { ID, formed, logs, node, packet, recvIn, type Label, type Layout, type TestState } from './helpers.ts';

/** Three masters that all start at configEpoch 0 (bootstrap without SET-CONFIG-EPOCH). */
const ALL_ZERO: Layout = {
  masters: [
    ['A', [0, 5460], 0],
    ['B', [5461, 10922], 0],
    ['C', [10923, 16383], 0],
  ],
  replicas: [['A1', 'A']],
};

function hear(t: TestState, from: Label, type = CLUSTERMSG_TYPE_PING): void {
  const f = node(t, from);
  recvIn(t, f, packet(t, f, type));
}

describe('collision', () => {
  it('a master hearing a master with my configEpoch and a greater ID takes currentEpoch + 1', () => {
    const t = formed('A', { layout: ALL_ZERO });
    hear(t, 'B'); // bbbb… > aaaa…
    expect(t.cs.currentEpoch).toBe(1);
    expect(t.cs.myself.configEpoch).toBe(1);
    expect(logs(t, 'verbose')).toEqual([`WARNING: configEpoch collision with node ${ID.B}. configEpoch set to 1`]);
  });

  it('PONG and MEET trigger it too', () => {
    for (const type of [CLUSTERMSG_TYPE_PONG, CLUSTERMSG_TYPE_MEET]) {
      const t = formed('A', { layout: ALL_ZERO });
      hear(t, 'C', type);
      expect(t.cs.myself.configEpoch).toBe(1);
    }
  });

  it('the node with the greater ID does not move', () => {
    const t = formed('C', { layout: ALL_ZERO });
    hear(t, 'A');
    hear(t, 'B');
    expect(t.cs.myself.configEpoch).toBe(0);
    expect(t.cs.currentEpoch).toBe(0);
  });

  it('after moving, the node collides no more with the same peer; a later collision moves it past currentEpoch', () => {
    const t = formed('A', { layout: ALL_ZERO });
    hear(t, 'B'); // A: 1
    hear(t, 'B'); // B still 0: no collision
    expect(t.cs.myself.configEpoch).toBe(1);
    node(t, 'C').configEpoch = 1; // C also moved to 1 (its own collision with B)
    t.cs.currentEpoch = 1;
    hear(t, 'C');
    expect(t.cs.myself.configEpoch).toBe(2);
  });

  it('replicas neither collide nor cause collisions', () => {
    const t = formed('A1', { layout: ALL_ZERO });
    hear(t, 'B');
    expect(t.cs.myself.configEpoch).toBe(0);
    // S (5555…) is the smallest ID; A1 (a1a1…) is greater and announces epoch 0 like S, but as a replica.
    const u = formed('S', { layout: { masters: [['S', [0, 16383], 0], ['A', null, 0]], replicas: [['A1', 'A']] } });
    hear(u, 'A1');
    expect(u.cs.myself.configEpoch).toBe(0);
    hear(u, 'A'); // the same epoch from a master with a greater ID does move it
    expect(u.cs.myself.configEpoch).toBe(1);
  });
});

describe('bump without consensus', () => {
  it('moves when my configEpoch is 0 or not the maximum (nodes and currentEpoch included)', () => {
    const zero = formed('A', { layout: ALL_ZERO });
    expect(clusterBumpConfigEpochWithoutConsensus(zero.cs, 'bumpepoch')).toBe(true);
    expect(zero.cs.myself.configEpoch).toBe(1);
    expect(logs(zero, 'warning')).toEqual(['New configEpoch set to 1']);

    const behind = formed('A'); // A 1, C 3
    expect(clusterBumpConfigEpochWithoutConsensus(behind.cs, 'bumpepoch')).toBe(true);
    expect(behind.cs.myself.configEpoch).toBe(4);

    const epochOnly = formed('C'); // C has the highest configEpoch, but currentEpoch is higher
    epochOnly.cs.currentEpoch = 7;
    expect(clusterBumpConfigEpochWithoutConsensus(epochOnly.cs, 'bumpepoch')).toBe(true);
    expect(epochOnly.cs.myself.configEpoch).toBe(8);
  });

  it('stays when mine is already the greatest and non-zero; CLUSTER BUMPEPOCH says STILL', () => {
    const t = formed('C');
    expect(clusterBumpConfigEpochWithoutConsensus(t.cs, 'bumpepoch')).toBe(false);
    expect(t.cs.myself.configEpoch).toBe(3);
    expect(t.cs.currentEpoch).toBe(3);
    expect(logs(t)).toEqual([]);
    expect(cluster(t, 'BUMPEPOCH')).toBe('STILL 3');
  });
});
