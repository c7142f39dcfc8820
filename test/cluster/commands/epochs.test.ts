// CLUSTER SET-CONFIG-EPOCH and BUMPEPOCH (spec §10.2, §16). The replies
// on a lone node are in real-replies; BUMPED on a replica (it bumps its own
// configEpoch, which CLUSTER NODES does not show) was seen on a real 7.0.15.

import { describe, expect, it } from 'vitest';
import {
  CLUSTER_TODO_FSYNC_CONFIG,
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from '../../../sim/cluster/constants.ts';
import { A, A1, cluster, events, logs, loneMaster, threeShards } from './helpers.ts';

describe('CLUSTER SET-CONFIG-EPOCH', () => {
  it('sets the epoch of a fresh node and raises currentEpoch to it', () => {
    const t = loneMaster();
    expect(cluster(t, 'SET-CONFIG-EPOCH', '4')).toBe('OK');
    expect(t.cs.myself.configEpoch).toBe(4);
    expect(t.cs.currentEpoch).toBe(4);
    expect(logs(t, 'warning')).toEqual(['configEpoch set to 4 via CLUSTER SET-CONFIG-EPOCH']);
    expect(events(t, 'config-epoch')).toEqual([`${A} epoch=4 reason=set-config-epoch`]);
    // Saved, but without fsync: losing it is harmless (collision handling fixes epochs).
    expect(t.cs.todoBeforeSleep).toBe(CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_SAVE_CONFIG);
  });

  it('never lowers currentEpoch', () => {
    const t = loneMaster();
    t.cs.currentEpoch = 9;
    expect(cluster(t, 'SET-CONFIG-EPOCH', '4')).toBe('OK');
    expect(t.cs.currentEpoch).toBe(9);
  });

  it('0 is accepted but leaves the epoch settable again', () => {
    const t = loneMaster();
    expect(cluster(t, 'SET-CONFIG-EPOCH', '0')).toBe('OK');
    expect(cluster(t, 'SET-CONFIG-EPOCH', '2')).toBe('OK');
  });

  it('a node that knows others refuses, whatever its epoch', () => {
    expect(cluster(threeShards(), 'SET-CONFIG-EPOCH', '7')).toBe(
      '-ERR The user can assign a config epoch only when the node does not know any other node.',
    );
  });
});

describe('CLUSTER BUMPEPOCH', () => {
  it('BUMPED takes currentEpoch + 1 when mine is not the highest', () => {
    const t = threeShards(A); // A has epoch 1, C has 3
    expect(cluster(t, 'BUMPEPOCH')).toBe('BUMPED 4');
    expect(t.cs.myself.configEpoch).toBe(4);
    expect(logs(t, 'warning')).toEqual(['New configEpoch set to 4']);
    expect(t.cs.todoBeforeSleep).toBe(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_FSYNC_CONFIG);
    expect(cluster(t, 'BUMPEPOCH')).toBe('STILL 4');
  });

  it('a replica bumps its own configEpoch', () => {
    const t = threeShards(A1);
    expect(cluster(t, 'BUMPEPOCH')).toBe('BUMPED 4');
    expect(t.cs.myself.configEpoch).toBe(4);
  });

  it('STILL when mine equals the highest, even if currentEpoch is that value', () => {
    const t = threeShards(A);
    t.cs.myself.configEpoch = 3;
    t.cs.nodes.get(A)!.configEpoch = 3;
    // C also has 3: the highest is shared, so no bump.
    expect(cluster(t, 'BUMPEPOCH')).toBe('STILL 3');
  });
});
