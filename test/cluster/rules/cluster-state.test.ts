// cluster_state (spec §12; clusterUpdateState in cluster.c 7.0.15): ok needs
// every slot served by a non-FAIL owner (with full coverage required) and a
// reachable majority of slot-owning masters; a master waits 2 s after its
// first evaluation, and clamp(NT, 500, 5000) after leaving a minority,
// before turning ok; replicas never wait.

import { describe, expect, it } from 'vitest';
import { CLUSTER_FAIL, CLUSTER_NODE_FAIL, CLUSTER_NODE_PFAIL, CLUSTER_OK } from '../../../sim/cluster/constants.ts';
import { clusterUpdateState } from '../../../sim/cluster/cluster-state.ts';
import { clusterDelSlot } from '../../../sim/cluster/node-table.ts';
import { formed, logs, node, type Label, type TestState } from './helpers.ts';

const state = (t: TestState): string => (t.cs.state === CLUSTER_OK ? 'ok' : 'fail');

function evaluate(t: TestState, at = t.env.now): string {
  t.env.now = at;
  clusterUpdateState(t.cs);
  return state(t);
}

describe('what makes the cluster fail', () => {
  it('one unassigned slot, with full coverage required', () => {
    const t = formed('B');
    clusterDelSlot(t.cs, 16383);
    expect(evaluate(t)).toBe('fail');
    expect(logs(t, 'warning')).toEqual(['Cluster state changed: fail']);
    const lax = formed('B', { config: { clusterRequireFullCoverage: false } });
    clusterDelSlot(lax.cs, 16383);
    expect(evaluate(lax)).toBe('ok');
  });

  it('a slot owner in FAIL; an owner only in PFAIL keeps coverage', () => {
    const t = formed('B');
    node(t, 'A').flags |= CLUSTER_NODE_PFAIL;
    expect(evaluate(t)).toBe('ok');
    node(t, 'A').flags = (node(t, 'A').flags & ~CLUSTER_NODE_PFAIL) | CLUSTER_NODE_FAIL;
    expect(evaluate(t)).toBe('fail');
  });

  it('fewer than size/2+1 reachable slot owners (PFAIL counts as unreachable), even with full coverage off', () => {
    const t = formed('B', { config: { clusterRequireFullCoverage: false } });
    node(t, 'A').flags |= CLUSTER_NODE_PFAIL;
    node(t, 'C').flags |= CLUSTER_NODE_PFAIL;
    expect(evaluate(t)).toBe('fail');
    expect(t.cs.amongMinorityTime).toBe(t.env.now);
    expect(t.cs.size).toBe(3);
  });

  it('size counts only masters with slots, and is refreshed here', () => {
    const t = formed('B');
    t.cs.size = 7;
    evaluate(t);
    expect(t.cs.size).toBe(3);
  });
});

describe('delays before ok', () => {
  /** A fresh node: state FAIL, never evaluated. */
  function fresh(me: Label, nt = 3000): TestState {
    const t = formed(me, { config: { clusterNodeTimeout: nt } });
    t.cs.state = CLUSTER_FAIL;
    t.cs.firstCallTime = 0;
    t.cs.amongMinorityTime = 0;
    return t;
  }

  it('a master stays fail for 2000 ms after its first evaluation', () => {
    const t = fresh('B');
    const t0 = t.env.now;
    expect(evaluate(t, t0)).toBe('fail');
    expect(evaluate(t, t0 + 1999)).toBe('fail');
    expect(evaluate(t, t0 + 2000)).toBe('ok');
  });

  it('a replica turns ok at its first evaluation', () => {
    const t = fresh('B1');
    expect(evaluate(t)).toBe('ok');
  });

  it.each([
    [3000, 3000],
    [100, 500],
    [15000, 5000],
  ])('with NT=%i a master that was in the minority waits %i ms (clamp(NT, 500, 5000)) after its last minority evaluation', (nt, delay) => {
    const t = fresh('B', nt);
    t.cs.firstCallTime = t.env.now - 10_000;
    for (const l of ['A', 'C'] as const) node(t, l).flags |= CLUSTER_NODE_PFAIL;
    const left = t.env.now;
    expect(evaluate(t, left)).toBe('fail');
    for (const l of ['A', 'C'] as const) node(t, l).flags &= ~CLUSTER_NODE_PFAIL;
    expect(evaluate(t, left + delay - 1)).toBe('fail');
    expect(evaluate(t, left + delay)).toBe('ok');
    expect(logs(t, 'warning')).toEqual(['Cluster state changed: ok']);
  });

  it('a replica leaving the minority turns ok at once', () => {
    const t = fresh('B1');
    for (const l of ['A', 'C'] as const) node(t, l).flags |= CLUSTER_NODE_PFAIL;
    const left = t.env.now;
    expect(evaluate(t, left)).toBe('fail');
    for (const l of ['A', 'C'] as const) node(t, l).flags &= ~CLUSTER_NODE_PFAIL;
    expect(evaluate(t, left + 1)).toBe('ok');
  });

  it('the delays only hold back ok: a master turns fail at once', () => {
    const t = formed('B');
    t.cs.firstCallTime = 0;
    node(t, 'A').flags |= CLUSTER_NODE_FAIL;
    expect(evaluate(t)).toBe('fail');
  });
});
