// CLUSTER RESET, FORGET and REPLICATE: the commands that change which
// nodes this one knows and follows (spec §16). "Can't forget my master!",
// "I can only replicate a master, not a replica." and "To set a master the
// node must be empty and without assigned slots." were seen on a real
// 7.0.15 cluster; the log lines are cluster.c's.

import { describe, expect, it, vi } from 'vitest';
import { CLUSTER_BLACKLIST_TTL } from '../../../sim/cluster/constants.ts';
import { clusterNodeAddFailureReport } from '../../../sim/cluster/failure-reports.ts';
import { nodeIsMaster, nodeIsSlave } from '../../../sim/cluster/node.ts';
import { clusterBlacklistExists } from '../../../sim/cluster/node-table.ts';
import { A, A1, B, B1, C, cluster, events, logs, threeShards } from './helpers.ts';

describe('CLUSTER RESET', () => {
  it('a master holding keys cannot be reset, soft or hard', () => {
    const t = threeShards(A);
    t.server.keysInSlot.set(3, 1);
    expect(cluster(t, 'RESET')).toBe("-ERR CLUSTER RESET can't be called with master nodes containing keys");
    expect(cluster(t, 'RESET', 'HARD')).toBe("-ERR CLUSTER RESET can't be called with master nodes containing keys");
    expect(t.cs.nodes.size).toBe(5);
  });

  it('a replica is reset even with keys: it becomes a master and drops its data', () => {
    const t = threeShards(A1);
    t.server.keysInSlot.set(3, 5);
    const unset = vi.spyOn(t.server, 'replicationUnsetMaster');
    expect(cluster(t, 'RESET')).toBe('OK');
    expect(nodeIsMaster(t.cs.myself)).toBe(true);
    expect(t.cs.myself.slaveof).toBeNull();
    expect(unset).toHaveBeenCalledOnce();
    expect(t.server.dbSize()).toBe(0);
    expect(events(t, 'role')).toEqual([`${A1} role=master was-replica-of=${A} reason=reset`]);
  });

  it('SOFT forgets every other node, every slot and open slot, and keeps ID and epochs', () => {
    const t = threeShards(A);
    t.cs.migratingSlotsTo.set(5, t.cs.nodes.get(B)!);
    t.cs.mfEnd = t.env.now + 1000;
    expect(cluster(t, 'reset', 'soft')).toBe('OK');
    expect([...t.cs.nodes.keys()]).toEqual([A]);
    expect(t.cs.slots.isEmpty()).toBe(true);
    expect(t.cs.myself.numslots).toBe(0);
    expect(t.cs.migratingSlotsTo.size).toBe(0);
    expect(t.cs.mfEnd).toBe(0);
    expect(t.cs.myself.name).toBe(A);
    expect(t.cs.myself.configEpoch).toBe(1);
    expect(t.cs.currentEpoch).toBe(3);
    expect(logs(t)).toEqual([]);
  });

  it('HARD also zeroes the epochs and gives the node a new random ID', () => {
    const t = threeShards(A);
    t.cs.lastVoteEpoch = 3;
    expect(cluster(t, 'RESET', 'HARD')).toBe('OK');
    const me = t.cs.myself;
    expect(me.name).not.toBe(A);
    expect(me.name).toMatch(/^[0-9a-f]{40}$/);
    expect([...t.cs.nodes.keys()]).toEqual([me.name]);
    expect(t.cs.nodes.get(me.name)).toBe(me);
    expect([t.cs.currentEpoch, t.cs.lastVoteEpoch, me.configEpoch]).toEqual([0, 0, 0]);
    expect(t.env.logs).toEqual([
      { level: 'warning', text: 'configEpoch set to 0 via CLUSTER RESET HARD' },
      { level: 'notice', text: `Node hard reset, now I'm ${me.name}` },
    ]);
    expect(events(t, 'node-id')).toEqual([`${A} old=${A} new=${me.name}`]);
  });
});

describe('CLUSTER FORGET', () => {
  it('a node cannot forget itself or its master', () => {
    const t = threeShards(A1);
    expect(cluster(t, 'FORGET', A1)).toBe("-ERR I tried hard but I can't forget myself...");
    expect(cluster(t, 'FORGET', A)).toBe("-ERR Can't forget my master!");
    expect(cluster(t, 'FORGET', 'nobody')).toBe('-ERR Unknown node nobody');
  });

  it('FORGET deletes the node with its slots and reports, and blacklists it for 60 s', () => {
    const t = threeShards(A);
    const b = t.cs.nodes.get(B)!;
    const c = t.cs.nodes.get(C)!;
    clusterNodeAddFailureReport(t.cs, c, b);
    expect(cluster(t, 'FORGET', B)).toBe('OK');
    expect(t.cs.nodes.has(B)).toBe(false);
    expect(t.cs.slots.owner(150)).toBeNull();
    expect(c.failReports).toEqual([]);
    // Its replica stays, without a known master.
    expect(t.cs.nodes.get(B1)!.slaveof).toBeNull();
    expect(t.cs.nodesBlackList.get(B)).toBe(Math.floor(t.env.now / 1000) + CLUSTER_BLACKLIST_TTL);
    t.env.now += 60_999;
    expect(clusterBlacklistExists(t.cs, B)).toBe(true);
    t.env.now += 1000;
    expect(clusterBlacklistExists(t.cs, B)).toBe(false);
  });
});

describe('CLUSTER REPLICATE', () => {
  it('the target must be another known master', () => {
    const t = threeShards(C);
    expect(cluster(t, 'REPLICATE', 'x')).toBe('-ERR Unknown node x');
    expect(cluster(t, 'REPLICATE', C)).toBe("-ERR Can't replicate myself");
    expect(cluster(t, 'REPLICATE', A1)).toBe('-ERR I can only replicate a master, not a replica.');
  });

  it('a master must be empty: no slots and no keys', () => {
    const t = threeShards(C);
    expect(cluster(t, 'REPLICATE', A)).toBe('-ERR To set a master the node must be empty and without assigned slots.');
    cluster(t, 'DELSLOTSRANGE', '200', '299');
    t.server.keysInSlot.set(9, 1);
    expect(cluster(t, 'REPLICATE', A)).toBe('-ERR To set a master the node must be empty and without assigned slots.');
    t.server.keysInSlot.clear();
    expect(cluster(t, 'REPLICATE', A)).toBe('OK');
    expect(nodeIsSlave(t.cs.myself)).toBe(true);
    expect(t.cs.nodes.get(A)!.slaves.map((s) => s.name)).toEqual([A1, C]);
  });

  it('a replica may switch masters whatever it holds', () => {
    const t = threeShards(A1);
    t.server.keysInSlot.set(9, 1);
    const setMaster = vi.spyOn(t.server, 'replicationSetMaster');
    expect(cluster(t, 'REPLICATE', B)).toBe('OK');
    expect(t.cs.myself.slaveof?.name).toBe(B);
    expect(t.cs.nodes.get(A)!.slaves).toEqual([]);
    expect(setMaster).toHaveBeenCalledWith('127.0.0.1', 30002);
    expect(events(t, 'role')).toEqual([`${A1} role=replica master=${B}`]);
  });
});
