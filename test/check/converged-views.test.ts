// The invariants judged on a converged cluster: unique-config-epochs and
// single-slot-owner, on tables changed by hand so that every node still
// agrees (converged) while the property itself is broken, or not.

import { describe, expect, it } from 'vitest';
import { CLUSTER_NODE_PFAIL } from '../../sim/cluster/constants.ts';
import { SingleSlotOwner } from '../../sim/check/invariants/single-slot-owner.ts';
import { UniqueConfigEpochs } from '../../sim/check/invariants/unique-config-epochs.ts';
import { E, FixtureWorld, NT, THREE_BY_ONE } from './fixtures.ts';

/** B and C both at configEpoch 2, in every table (a collision Redis has not resolved yet). */
function sharedEpoch(): FixtureWorld {
  const w = new FixtureWorld(THREE_BY_ONE);
  w.everywhere('C', (n) => (n.configEpoch = 2));
  w.everywhere('C1', (n) => (n.configEpoch = 2));
  return w;
}

const judge = (inv: UniqueConfigEpochs | SingleSlotOwner, w: FixtureWorld, t: number) => {
  w.at(t);
  const v = w.converged();
  expect(v.ok).toBe(true);
  return inv.onConvergence(v, w);
};

describe('unique-config-epochs', () => {
  it('holds: the 3×1 cluster has epochs 1, 2, 3', () => {
    const inv = new UniqueConfigEpochs();
    expect(judge(inv, new FixtureWorld(THREE_BY_ONE), 0)).toBeUndefined();
    expect(judge(inv, new FixtureWorld(THREE_BY_ONE), 60_000)).toBeUndefined();
  });

  it('holds: a shared epoch that Redis resolves within NT + 1 s', () => {
    const inv = new UniqueConfigEpochs();
    const w = sharedEpoch();
    expect(judge(inv, w, 1000)).toBeUndefined();
    expect(judge(inv, w, 1000 + NT)).toBeUndefined();
    w.everywhere('B', (n) => (n.configEpoch = 4)); // B had the smaller ID: it took currentEpoch + 1
    w.everywhere('B1', (n) => (n.configEpoch = 4));
    expect(judge(inv, w, 1000 + NT + 2000)).toBeUndefined();
  });

  it('breaks: B and C still share epoch 2 in a converged cluster after NT + 1 s', () => {
    const inv = new UniqueConfigEpochs();
    const w = sharedEpoch();
    expect(judge(inv, w, 1000)).toBeUndefined();
    const v = judge(inv, w, 1000 + NT + 1001);
    expect(v).toMatchObject({ invariant: 'unique-config-epochs', atMs: 1000 + NT + 1001, nodes: ['B', 'C'] });
    expect(v?.why).toMatch(/^B and C serve slots with the same configEpoch 2 in a converged cluster since 1\.000s/);
  });

  it('a fault or a command starts the grace again', () => {
    const inv = new UniqueConfigEpochs();
    const w = sharedEpoch();
    judge(inv, w, 1000);
    inv.onEvent(E.fault(3000, 'heal', { all: true }));
    // The grace runs from the first converged sight after the disturbance.
    expect(judge(inv, w, 1000 + NT + 1001)).toBeUndefined();
    expect(judge(inv, w, 1000 + NT + 1001 + NT)).toBeUndefined();
    expect(judge(inv, w, 1000 + NT + 1001 + NT + 1001)).toBeDefined();
  });

  it('a master that is down cannot resolve a collision: it is left out', () => {
    const inv = new UniqueConfigEpochs();
    const w = sharedEpoch();
    w.node('C').live = false;
    w.everywhere('C', (n) => (n.flags |= 0)); // tables unchanged: C is simply not running
    judge(inv, w, 1000);
    expect(judge(inv, w, 60_000)).toBeUndefined();
  });

  it('is not judged on a cluster that has not converged', () => {
    const inv = new UniqueConfigEpochs();
    const w = sharedEpoch();
    w.node('A').entry('B').flags |= CLUSTER_NODE_PFAIL;
    const v = w.converged();
    expect(v.ok).toBe(false);
    expect(inv.onConvergence(v, w.at(1000))).toBeUndefined();
    expect(inv.onConvergence(v, w.at(60_000))).toBeUndefined();
  });
});

describe('single-slot-owner', () => {
  it('holds: every table binds each slot to one master whose bitmap has it', () => {
    expect(judge(new SingleSlotOwner(), new FixtureWorld(THREE_BY_ONE), 0)).toBeUndefined();
  });

  it('breaks: B\'s bitmap also claims slot 0, bound to A (in every table, so the cluster still looks converged)', () => {
    const w = new FixtureWorld(THREE_BY_ONE);
    w.everywhere('B', (n) => n.setSlotBit(0, true));
    const v = judge(new SingleSlotOwner(), w, 0);
    expect(v?.invariant).toBe('single-slot-owner');
    expect(v?.why).toBe("in the converged cluster, A's view: B's slot bitmap claims slot 0, bound to A");
  });

  it('breaks: a slot bound to a node every table sees as a replica', () => {
    const w = new FixtureWorld(THREE_BY_ONE);
    w.everywhere('A1', (n, cs) => {
      cs.slots.setOwner(5, n);
      n.setSlotBit(5, true);
      cs.nodes.get(n.slaveof!.name)!.setSlotBit(5, false);
    });
    const v = judge(new SingleSlotOwner(), w, 0);
    expect(v?.why).toBe("in the converged cluster, A's view: slot 5 is bound to A1, which it sees as a replica");
  });

  it('breaks: in a later member\'s view only, the owner\'s bitmap lacks a slot its table binds to it', () => {
    const w = new FixtureWorld(THREE_BY_ONE);
    w.node('C').entry('B').setSlotBit(6000, false);
    const v = judge(new SingleSlotOwner(), w, 0);
    expect(v?.why).toBe("in the converged cluster, C's view: B's slot bitmap differs from the slots its table binds to it");
  });
});
