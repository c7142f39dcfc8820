// CLUSTER SETSLOT (spec §15.1) with other nodes in the table. Texts are
// cluster.c 7.0.15's; "Please use SETSLOT only with masters.", "Target node
// is not a master" and "Can't assign hashslot ..." were also seen on a real
// 7.0.15 replica/master pair, the single-node ones are in real-replies.

import { describe, expect, it } from 'vitest';
import {
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from '../../../sim/cluster/constants.ts';
import { nodeIsSlave } from '../../../sim/cluster/node.ts';
import { A, A1, B, B1, C, cluster, events, logs, sentLabels, threeShards } from './helpers.ts';

/** A well-formed ID that no node has. */
const NOBODY = 'c1'.repeat(20);

describe('CLUSTER SETSLOT', () => {
  it('SETSLOT is refused on replicas, before the slot is parsed', () => {
    const t = threeShards(A1);
    expect(cluster(t, 'SETSLOT', '5', 'STABLE')).toBe('-ERR Please use SETSLOT only with masters.');
    expect(cluster(t, 'SETSLOT', 'x', 'STABLE')).toBe('-ERR Please use SETSLOT only with masters.');
  });

  it('MIGRATING needs my slot and a known master as target', () => {
    const t = threeShards(A);
    expect(cluster(t, 'SETSLOT', '150', 'MIGRATING', B)).toBe("-ERR I'm not the owner of hash slot 150");
    expect(cluster(t, 'SETSLOT', '5', 'MIGRATING', B1)).toBe('-ERR Target node is not a master');
    expect(cluster(t, 'SETSLOT', '5', 'MIGRATING', B)).toBe('OK');
    expect(t.cs.migratingSlotsTo.get(5)?.name).toBe(B);
    expect(t.cs.todoBeforeSleep & (CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE)).toBe(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE);
  });

  it('IMPORTING needs a slot I do not own, from a known master', () => {
    const t = threeShards(A);
    expect(cluster(t, 'SETSLOT', '5', 'IMPORTING', B)).toBe("-ERR I'm already the owner of hash slot 5");
    expect(cluster(t, 'SETSLOT', '150', 'IMPORTING', A1)).toBe('-ERR Target node is not a master');
    // The source does not have to be the owner.
    expect(cluster(t, 'SETSLOT', '150', 'IMPORTING', C)).toBe('OK');
    expect(t.cs.importingSlotsFrom.get(150)?.name).toBe(C);
  });

  it('STABLE closes both directions', () => {
    const t = threeShards(A);
    cluster(t, 'SETSLOT', '5', 'MIGRATING', B);
    t.cs.importingSlotsFrom.set(5, t.cs.nodes.get(C)!);
    expect(cluster(t, 'SETSLOT', '5', 'stable')).toBe('OK');
    expect(t.cs.migratingSlotsTo.size + t.cs.importingSlotsFrom.size).toBe(0);
  });

  it('SETSLOT NODE to myself after importing bumps configEpoch and broadcasts a PONG', () => {
    const t = threeShards(A);
    cluster(t, 'SETSLOT', '150', 'IMPORTING', B);
    expect(cluster(t, 'SETSLOT', '150', 'NODE', A)).toBe('OK');
    expect(t.cs.slots.owner(150)).toBe(t.cs.myself);
    expect(t.cs.nodes.get(B)!.hasSlot(150)).toBe(false);
    expect(t.cs.importingSlotsFrom.has(150)).toBe(false);
    expect(t.cs.myself.configEpoch).toBe(4);
    expect(t.cs.currentEpoch).toBe(4);
    expect(logs(t, 'warning')).toEqual(['New configEpoch set to 4', 'configEpoch updated after importing slot 150']);
    expect(sentLabels(t).sort()).toEqual([B, C, A1, B1].map((n) => `PONG->${n.slice(0, 4)}`).sort());
  });

  it('closing an import when my epoch is already the highest keeps it and logs nothing', () => {
    const t = threeShards(C); // C has epoch 3 = currentEpoch
    cluster(t, 'SETSLOT', '5', 'IMPORTING', A);
    expect(cluster(t, 'SETSLOT', '5', 'NODE', C)).toBe('OK');
    expect(t.cs.myself.configEpoch).toBe(3);
    expect(logs(t, 'warning')).toEqual([]);
    // The PONG goes out anyway.
    expect(sentLabels(t).filter((l) => l.startsWith('PONG')).length).toBe(4);
  });

  it('SETSLOT NODE to myself without an import is a plain rebinding', () => {
    const t = threeShards(A);
    expect(cluster(t, 'SETSLOT', '150', 'NODE', A)).toBe('OK');
    expect(t.cs.slots.owner(150)).toBe(t.cs.myself);
    expect(t.cs.myself.configEpoch).toBe(1);
    expect(t.env.sent).toEqual([]);
  });

  it('SETSLOT NODE refuses to give away a slot I still hold keys for', () => {
    const t = threeShards(A);
    t.server.keysInSlot.set(5, 2);
    cluster(t, 'SETSLOT', '5', 'MIGRATING', B);
    expect(cluster(t, 'SETSLOT', '5', 'NODE', B)).toBe(
      "-ERR Can't assign hashslot 5 to a different node while I still hold keys for this hash slot.",
    );
    expect(t.cs.slots.owner(5)).toBe(t.cs.myself);
    expect(cluster(t, 'SETSLOT', '5', 'NODE', NOBODY)).toBe(`-ERR Unknown node ${NOBODY}`);
    expect(cluster(t, 'SETSLOT', '5', 'NODE', B1)).toBe('-ERR Target node is not a master');
  });

  it('SETSLOT NODE ends a migration once the keys are gone', () => {
    const t = threeShards(A);
    cluster(t, 'SETSLOT', '5', 'MIGRATING', B);
    expect(cluster(t, 'SETSLOT', '5', 'NODE', B)).toBe('OK');
    expect(t.cs.migratingSlotsTo.has(5)).toBe(false);
    expect(t.cs.slots.owner(5)?.name).toBe(B);
    expect(events(t, 'slot-owner')).toEqual([`${B} slots=5 epoch=2 reason=setslot`]);
  });

  it('giving away my last slot makes me a replica of the node that took it', () => {
    const t = threeShards(C);
    for (let s = 200; s < 299; s++) cluster(t, 'SETSLOT', String(s), 'NODE', B);
    expect(nodeIsSlave(t.cs.myself)).toBe(false);
    expect(cluster(t, 'SETSLOT', '299', 'NODE', B)).toBe('OK');
    expect(nodeIsSlave(t.cs.myself)).toBe(true);
    expect(t.cs.myself.slaveof?.name).toBe(B);
    expect(logs(t, 'warning')).toEqual([`Configuration change detected. Reconfiguring myself as a replica of ${B}`]);
  });

  it('without cluster-allow-replica-migration an emptied master stays a master', () => {
    const t = threeShards(C, { clusterAllowReplicaMigration: false });
    for (let s = 200; s <= 299; s++) cluster(t, 'SETSLOT', String(s), 'NODE', B);
    expect(t.cs.myself.numslots).toBe(0);
    expect(nodeIsSlave(t.cs.myself)).toBe(false);
  });
});
