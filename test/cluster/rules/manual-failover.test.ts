// Manual failover, both sides (spec §7 A/H, §13; the MFSTART branch of
// clusterProcessPacket, clusterHandleManualFailover and
// manualFailoverCheckTimeout in cluster.c 7.0.15).

import { describe, expect, it } from 'vitest';
import {
  CLUSTERMSG_FLAG0_PAUSED,
  CLUSTERMSG_TYPE_MFSTART,
  CLUSTERMSG_TYPE_PING,
  CLUSTER_MF_TIMEOUT,
} from '../../../sim/cluster/constants.ts';
import { clusterBeforeSleep, clusterCron } from '../../../sim/cluster/cron.ts';
import { nodeIsMaster } from '../../../sim/cluster/node.ts';
import { cluster } from '../commands/helpers.ts';
import { ID, formed, freshReplication, logs, node, packet, recvIn, recvOut, sentMsgs, type TestState } from './helpers.ts';

describe('master side', () => {
  it('MFSTART from my replica pauses writes for 10 s, arms 5 s, and answers with a PAUSED PING at once', () => {
    const t = formed('A');
    t.server.masterReplOffset = 4242;
    let pausedUntil = 0;
    // FakeServer declares the hook without parameters; the real one gets the deadline.
    Object.assign(t.server, { pauseWritesUntil: (ms: number) => void (pausedUntil = ms) });
    const a1 = node(t, 'A1');
    recvIn(t, a1, packet(t, a1, CLUSTERMSG_TYPE_MFSTART));
    expect(t.cs.mfEnd).toBe(t.env.now + CLUSTER_MF_TIMEOUT);
    expect(t.cs.mfSlave).toBe(a1);
    expect(pausedUntil).toBe(t.env.now + 2 * CLUSTER_MF_TIMEOUT);
    expect(logs(t, 'warning')).toEqual([`Manual failover requested by replica ${ID.A1}.`]);
    const ping = sentMsgs(t, CLUSTERMSG_TYPE_PING)[0]!;
    expect([ping.mflags & CLUSTERMSG_FLAG0_PAUSED, ping.offset]).toEqual([CLUSTERMSG_FLAG0_PAUSED, 4242]);
  });

  it('MFSTART from a node that is not my replica is ignored', () => {
    const t = formed('A');
    const b1 = node(t, 'B1');
    recvIn(t, b1, packet(t, b1, CLUSTERMSG_TYPE_MFSTART));
    expect(t.cs.mfEnd).toBe(0);
  });

  it('after 5 s the master gives up and unpauses', () => {
    const t = formed('A');
    let unpaused = 0;
    t.server.unpauseWrites = () => void unpaused++;
    const a1 = node(t, 'A1');
    recvIn(t, a1, packet(t, a1, CLUSTERMSG_TYPE_MFSTART));
    t.env.now = t.cs.mfEnd;
    clusterCron(t.cs);
    expect(t.cs.mfEnd).not.toBe(0); // mf_end < now is required
    t.env.now += 1;
    clusterCron(t.cs);
    expect([t.cs.mfEnd, unpaused]).toEqual([0, 1]);
    expect(logs(t, 'warning')).toContain('Manual failover timed out.');
  });
});

describe('replica side', () => {
  function requested(): TestState {
    const t = formed('A1');
    freshReplication(t, 900);
    expect(cluster(t, 'FAILOVER')).toBe('OK');
    return t;
  }

  function pausedPing(t: TestState, offset: number, mflags = CLUSTERMSG_FLAG0_PAUSED): void {
    const a = node(t, 'A');
    recvOut(t, a, packet(t, a, CLUSTERMSG_TYPE_PING, { offset, mflags }));
  }

  it('the first PAUSED packet from my master sets the target offset; later ones do not move it', () => {
    const t = requested();
    pausedPing(t, 1000, 0); // not paused yet: ignored
    expect(t.cs.mfMasterOffset).toBe(-1);
    pausedPing(t, 1000);
    pausedPing(t, 1200);
    expect(t.cs.mfMasterOffset).toBe(1000);
    expect(logs(t, 'warning')).toContain('Received replication offset for paused master manual failover: 1000');
  });

  it('the election may start once my processed offset equals the master’s paused offset', () => {
    const t = requested();
    pausedPing(t, 1000);
    clusterBeforeSleep(t.cs, () => {});
    expect(t.cs.mfCanStart).toBe(false);
    t.server.slaveOffset = 1000;
    clusterBeforeSleep(t.cs, () => {}); // re-armed every event loop until it matches
    expect(t.cs.mfCanStart).toBe(true);
    expect(logs(t, 'warning')).toContain('All master replication stream processed, manual failover can start.');
    clusterBeforeSleep(t.cs, () => {});
    expect(t.cs.failoverAuthSent).toBe(true);
    expect(t.cs.failoverAuthTime).toBe(t.env.now);
  });

  it('TAKEOVER needs no election: the replica is master at once', () => {
    const t = formed('A1');
    expect(cluster(t, 'FAILOVER', 'TAKEOVER')).toBe('OK');
    expect(nodeIsMaster(t.cs.myself)).toBe(true);
    expect(t.cs.myself.numslots).toBe(5461);
    expect(t.cs.failoverAuthSent).toBe(false);
  });
});
