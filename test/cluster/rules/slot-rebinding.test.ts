// Who owns a slot (spec §7 C.6, §7 I, §10.3, §10.4;
// clusterUpdateSlotsConfigWith and the UPDATE paths of clusterProcessPacket
// in cluster.c 7.0.15): a claim wins with a strictly greater configEpoch or
// on an unclaimed slot; importing slots wait for SETSLOT; a stale claim earns
// its sender one UPDATE per packet.

import { describe, expect, it } from 'vitest';
import {
  CLUSTERMSG_TYPE_PING,
  CLUSTERMSG_TYPE_PONG,
  CLUSTERMSG_TYPE_UPDATE,
  CLUSTER_NODE_MASTER,
  CLUSTER_NODE_MYSELF,
} from '../../../sim/cluster/constants.ts';
import type { ClusterMsg } from '../../../sim/cluster/messages.ts';
import { nodeIsMaster, nodeIsSlave } from '../../../sim/cluster/node.ts';
import { SlotBitmap } from '../../../sim/cluster/slot-bitmap.ts';
import { ID, THREE_BY_ONE, formed, logs, node, packet, recvIn, sent, sentMsgs, type Label, type TestState } from './helpers.ts';

const A_SLOTS = SlotBitmap.of([[0, 5460]]);
const C_SLOTS = SlotBitmap.of([[10923, 16383]]);
const WITH_A2 = { ...THREE_BY_ONE, replicas: [...THREE_BY_ONE.replicas, ['A2', 'A']] as typeof THREE_BY_ONE.replicas };

/** `from` announces itself as a master claiming `slots` with `epoch` (e.g. the broadcast PONG of a winner). */
function claim(t: TestState, from: Label, epoch: number, slots: SlotBitmap, type = CLUSTERMSG_TYPE_PONG): void {
  const f = node(t, from);
  const over: Partial<ClusterMsg> = { slaveof: null, flags: CLUSTER_NODE_MASTER | CLUSTER_NODE_MYSELF, configEpoch: epoch, myslots: slots };
  recvIn(t, f, packet(t, f, type, { currentEpoch: Math.max(epoch, t.cs.currentEpoch), ...over }));
}

const owner = (t: TestState, slot: number): string => {
  const n = t.cs.slots.owner(slot);
  return n ? (Object.entries(ID).find(([, id]) => id === n.name)?.[0] ?? '?') : 'none';
};

describe('rebinding on claims', () => {
  it('a greater configEpoch takes the slots', () => {
    const t = formed('C');
    claim(t, 'A1', 7, A_SLOTS);
    expect([owner(t, 0), owner(t, 5460)]).toEqual(['A1', 'A1']);
    expect(node(t, 'A').numslots).toBe(0);
  });

  it('an equal configEpoch from another node changes nothing (and earns no UPDATE)', () => {
    const t = formed('C');
    claim(t, 'A1', 1, A_SLOTS);
    expect(owner(t, 0)).toBe('A');
    expect(sent(t)).toEqual([]);
  });

  it('an unassigned slot goes to any claimer, even with epoch 0', () => {
    const t = formed('C');
    t.cs.slots.setOwner(16383, null);
    node(t, 'C').setSlotBit(16383, false);
    claim(t, 'A1', 0, SlotBitmap.of([16383]));
    expect(owner(t, 16383)).toBe('A1');
  });

  it('a slot in IMPORTING state is left alone until SETSLOT', () => {
    const t = formed('C');
    t.cs.importingSlotsFrom.set(7, node(t, 'B'));
    claim(t, 'A1', 7, A_SLOTS);
    expect([owner(t, 6), owner(t, 7), owner(t, 8)]).toEqual(['A1', 'A', 'A1']);
  });

  it('a slot its owner stops claiming stays bound but any claimer may take it', () => {
    const t = formed('C');
    claim(t, 'A', 1, A_SLOTS.with(5, false), CLUSTERMSG_TYPE_PING);
    expect(owner(t, 5)).toBe('A');
    expect(t.cs.ownerNotClaimingSlot.has(5)).toBe(true);
    claim(t, 'B', 2, SlotBitmap.of([[5461, 10922]]).with(5, true), CLUSTERMSG_TYPE_PING);
    expect(owner(t, 5)).toBe('B');
    expect(t.cs.ownerNotClaimingSlot.has(5)).toBe(false);
  });
});

describe('the loser of its last slot follows the winner', () => {
  it('a master left without slots becomes a replica of the new owner', () => {
    const t = formed('A');
    const to: string[] = [];
    Object.assign(t.server, { replicationSetMaster: (ip: string, port: number) => void to.push(`${ip}:${port}`) });
    claim(t, 'A1', 7, A_SLOTS);
    expect(nodeIsSlave(t.cs.myself)).toBe(true);
    expect(t.cs.myself.slaveof).toBe(node(t, 'A1'));
    expect(logs(t, 'warning')).toContain(`Configuration change detected. Reconfiguring myself as a replica of ${ID.A1}`);
    expect(to).toEqual([`127.0.0.1:${node(t, 'A1').port}`]);
  });

  it('a master that keeps some slots stays master and drops the keys of the slots it lost', () => {
    const t = formed('A');
    t.server.keysInSlot.set(50, 3).set(200, 4);
    claim(t, 'A1', 7, SlotBitmap.of([[0, 99]]));
    expect(nodeIsMaster(t.cs.myself)).toBe(true);
    expect(t.cs.myself.numslots).toBe(5361);
    expect([...t.server.keysInSlot.keys()]).toEqual([200]);
  });

  it('a sibling replica follows the winner too', () => {
    const t = formed('A2', { layout: WITH_A2 });
    claim(t, 'A1', 7, A_SLOTS);
    expect(t.cs.myself.slaveof).toBe(node(t, 'A1'));
  });

  it('with cluster-allow-replica-migration no, only a winner that claims exactly my old slots is followed', () => {
    const wider = formed('A', { config: { clusterAllowReplicaMigration: false } });
    claim(wider, 'A1', 7, SlotBitmap.of([[0, 5460], [10923, 16383]]));
    expect(wider.cs.myself.numslots).toBe(0);
    expect(nodeIsMaster(wider.cs.myself)).toBe(true); // an empty master, not a replica

    const exact = formed('A', { config: { clusterAllowReplicaMigration: false } });
    claim(exact, 'A1', 7, A_SLOTS);
    expect(exact.cs.myself.slaveof).toBe(node(exact, 'A1'));

    const yes = formed('A');
    claim(yes, 'A1', 7, SlotBitmap.of([[0, 5460], [10923, 16383]]));
    expect(yes.cs.myself.slaveof).toBe(node(yes, 'A1'));
  });
});

describe('UPDATE messages', () => {
  it('a stale claim gets one UPDATE about the newer owner of its first such slot, with the owner’s claimed slots', () => {
    const t = formed('C');
    claim(t, 'A', 1, A_SLOTS.with(20, false), CLUSTERMSG_TYPE_PING); // A stops claiming 20
    claim(t, 'A1', 0, SlotBitmap.of([[0, 10922]])); // stale against A (1) and B (2)
    expect(sent(t).filter((m) => m.startsWith('UPDATE'))).toEqual(['UPDATE->A1']);
    const u = sentMsgs(t, CLUSTERMSG_TYPE_UPDATE)[0]!.update!;
    expect([u.nodename, u.configEpoch, u.slots.count, u.slots.has(20)]).toEqual([ID.A, 1, 5460, false]);
    expect(logs(t, 'verbose')).toEqual([`Node ${ID.A1} has old slots configuration, sending an UPDATE message about ${ID.A}`]);
  });

  it('a replica advertising its old master’s stale slots gets an UPDATE as well', () => {
    const t = formed('C', { layout: WITH_A2 });
    claim(t, 'A1', 7, A_SLOTS); // A1 won; in my table A now has no slots
    const a2 = node(t, 'A2'); // still says "replica of A, slots 0-5460, epoch 1"
    recvIn(t, a2, packet(t, a2, CLUSTERMSG_TYPE_PING, { myslots: A_SLOTS, configEpoch: 1 }));
    expect(sent(t).filter((m) => m.startsWith('UPDATE'))).toEqual(['UPDATE->A2']);
  });

  function update(t: TestState, about: Label, epoch: number, slots: SlotBitmap, from: Label = 'B'): void {
    const f = node(t, from);
    recvIn(t, f, packet(t, f, CLUSTERMSG_TYPE_UPDATE, { update: { nodename: ID[about], configEpoch: epoch, slots } }));
  }

  it('an UPDATE with a newer epoch is applied: the node becomes a master with that epoch and those slots', () => {
    const t = formed('C');
    update(t, 'A1', 7, A_SLOTS);
    const a1 = node(t, 'A1');
    expect([nodeIsMaster(a1), a1.configEpoch, owner(t, 0)]).toEqual([true, 7, 'A1']);
  });

  it('an UPDATE that is not newer than what I know is ignored', () => {
    const t = formed('C');
    update(t, 'A', 1, C_SLOTS);
    expect(owner(t, 16383)).toBe('C');
  });

  it('an UPDATE about myself raises my epoch but changes no slot', () => {
    const t = formed('C');
    update(t, 'C', 9, A_SLOTS);
    expect(t.cs.myself.configEpoch).toBe(9);
    expect(owner(t, 0)).toBe('A');
    expect(logs(t, 'warning')).toEqual(['Discarding UPDATE message about myself.']);
  });

  it('an UPDATE telling the old master its slots are gone demotes it', () => {
    const t = formed('A');
    update(t, 'A1', 7, A_SLOTS);
    expect(t.cs.myself.slaveof).toBe(node(t, 'A1'));
  });
});
