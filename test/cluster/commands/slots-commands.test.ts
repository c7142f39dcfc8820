// ADDSLOTS / DELSLOTS / ADDSLOTSRANGE / DELSLOTSRANGE / FLUSHSLOTS with
// other nodes in the table (the argument errors against a real 7.0.15 are
// in real-replies). What matters here: all-or-nothing, the importing state,
// and that nothing is told to the cluster.

import { describe, expect, it } from 'vitest';
import {
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from '../../../sim/cluster/constants.ts';
import { A, B, C, cluster, events, loneMaster, threeShards } from './helpers.ts';

describe('slot assignment commands', () => {
  it('ADDSLOTS is all-or-nothing', () => {
    const t = threeShards(A);
    expect(cluster(t, 'ADDSLOTS', '300', '301', '150')).toBe('-ERR Slot 150 is already busy');
    expect(t.cs.slots.owner(300)).toBeNull();
    expect(cluster(t, 'ADDSLOTSRANGE', '300', '310', '305', '306')).toBe('-ERR Slot 305 specified multiple times');
    expect(t.cs.slots.owner(300)).toBeNull();
    expect(t.cs.myself.numslots).toBe(100);
  });

  it('ADDSLOTS binds to myself without a new epoch or any message', () => {
    const t = threeShards(A);
    t.cs.todoBeforeSleep = 0;
    expect(cluster(t, 'ADDSLOTSRANGE', '300', '309', '400', '400')).toBe('OK');
    expect(t.cs.myself.numslots).toBe(111);
    expect(t.cs.slots.owner(400)).toBe(t.cs.myself);
    expect(t.cs.myself.configEpoch).toBe(1);
    expect(t.cs.currentEpoch).toBe(3);
    expect(t.env.sent).toEqual([]);
    expect(t.cs.todoBeforeSleep).toBe(CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_SAVE_CONFIG);
    expect(events(t, 'slot-owner')).toEqual([`${A} slots=300-309,400 epoch=1 reason=addslots`]);
  });

  it('owning a slot by ADDSLOTS ends its import', () => {
    const t = threeShards(A);
    cluster(t, 'DELSLOTS', '150');
    t.cs.importingSlotsFrom.set(150, t.cs.nodes.get(B)!);
    expect(cluster(t, 'ADDSLOTS', '150')).toBe('OK');
    expect(t.cs.importingSlotsFrom.has(150)).toBe(false);
  });

  it("DELSLOTS unbinds any node's slot, not only mine", () => {
    const t = threeShards(A);
    expect(cluster(t, 'DELSLOTS', '150', '5')).toBe('OK');
    expect(t.cs.slots.owner(150)).toBeNull();
    expect(t.cs.nodes.get(B)!.numslots).toBe(99);
    expect(t.cs.myself.numslots).toBe(99);
    expect(events(t, 'slot-owner')).toEqual([' slots=5,150 owner=none reason=delslots']);
  });

  it('DELSLOTSRANGE is all-or-nothing too', () => {
    const t = threeShards(A);
    expect(cluster(t, 'DELSLOTSRANGE', '250', '260', '295', '305')).toBe('-ERR Slot 300 is already unassigned');
    expect(t.cs.nodes.get(C)!.numslots).toBe(100);
  });

  it('FLUSHSLOTS unbinds only my slots, and only with an empty keyspace', () => {
    const t = threeShards(A);
    t.server.keysInSlot.set(7, 1);
    expect(cluster(t, 'FLUSHSLOTS')).toBe('-ERR DB must be empty to perform CLUSTER FLUSHSLOTS.');
    t.server.keysInSlot.clear();
    t.cs.importingSlotsFrom.set(150, t.cs.nodes.get(B)!);
    expect(cluster(t, 'FLUSHSLOTS')).toBe('OK');
    expect(t.cs.myself.numslots).toBe(0);
    expect(t.cs.nodes.get(B)!.numslots).toBe(100);
    // Redis leaves open imports alone here.
    expect(t.cs.importingSlotsFrom.has(150)).toBe(true);
  });

  it('the whole slot space can be added in one range', () => {
    const t = loneMaster();
    expect(cluster(t, 'ADDSLOTSRANGE', '0', '16383')).toBe('OK');
    expect(t.cs.myself.numslots).toBe(16384);
  });
});
