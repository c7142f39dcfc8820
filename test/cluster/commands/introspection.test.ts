// The read-only subcommands' reply shapes (the renderers themselves are
// tested against real output in test/cluster/real-redis-formats.test.ts)
// and SAVECONFIG.

import { describe, expect, it } from 'vitest';
import { clusterCommand } from '../../../sim/cluster/commands/cluster-command.ts';
import { CLUSTER_TODO_FSYNC_CONFIG, CLUSTER_TODO_SAVE_CONFIG, CLUSTER_TODO_UPDATE_STATE } from '../../../sim/cluster/constants.ts';
import { clusterNodeAddFailureReport } from '../../../sim/cluster/failure-reports.ts';
import { clusterInfoString } from '../../../sim/cluster/info.ts';
import { clusterGenNodeDescription, clusterGenNodesDescription } from '../../../sim/cluster/nodes-format.ts';
import { array, bulk, int } from '../../../sim/core/reply.ts';
import type { TestState } from '../fake-env.ts';
import { A, A1, B, C, cluster, threeShards } from './helpers.ts';

const run = (t: TestState, ...args: string[]) => clusterCommand({ cs: t.cs, saveConfigNow: () => t.env.saveConfig(() => 'saved') }, ['CLUSTER', ...args]);

describe('read-only CLUSTER subcommands', () => {
  it('NODES and INFO are bulk strings, MYID a bulk', () => {
    const t = threeShards(A);
    expect(run(t, 'NODES')).toEqual(bulk(clusterGenNodesDescription(t.cs, 0)));
    expect(run(t, 'INFO')).toEqual(bulk(clusterInfoString(t.cs)));
    expect(run(t, 'MYID')).toEqual(bulk(A));
  });

  it('REPLICAS lists each replica as a NODES line without its newline', () => {
    const t = threeShards(B);
    const a1 = t.cs.nodes.get(A1)!;
    expect(run(t, 'REPLICAS', A)).toEqual(array([bulk(clusterGenNodeDescription(t.cs, a1))]));
    expect(run(t, 'SLAVES', C)).toEqual(array([]));
    expect(cluster(t, 'REPLICAS', A1)).toBe('-ERR The specified node is not a master');
  });

  it('COUNT-FAILURE-REPORTS counts only reports still valid', () => {
    const t = threeShards(A);
    const c = t.cs.nodes.get(C)!;
    clusterNodeAddFailureReport(t.cs, c, t.cs.nodes.get(B)!);
    expect(cluster(t, 'COUNT-FAILURE-REPORTS', C)).toBe('(integer) 1');
    t.env.now += 2 * t.cs.nodeTimeout + 1;
    expect(cluster(t, 'COUNT-FAILURE-REPORTS', C)).toBe('(integer) 0');
  });

  it('GETKEYSINSLOT returns at most <count> keys', () => {
    const t = threeShards(A);
    t.server.keysInSlot.set(5, 3);
    expect(run(t, 'COUNTKEYSINSLOT', '5')).toEqual(int(3));
    expect(run(t, 'GETKEYSINSLOT', '5', '2')).toEqual(array([bulk('key:5:0'), bulk('key:5:1')]));
    expect(run(t, 'GETKEYSINSLOT', '5', '99')).toEqual(array(['key:5:0', 'key:5:1', 'key:5:2'].map(bulk)));
  });

  it('SAVECONFIG writes nodes.conf at once and settles the pending save', () => {
    const t = threeShards(A);
    t.cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_FSYNC_CONFIG | CLUSTER_TODO_UPDATE_STATE);
    expect(cluster(t, 'SAVECONFIG')).toBe('OK');
    expect(t.env.saved).toHaveLength(1);
    expect(t.cs.todoBeforeSleep).toBe(CLUSTER_TODO_UPDATE_STATE);
  });
});
