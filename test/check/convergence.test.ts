// The invariants' fast convergence check says what sim/check/converged.ts
// says, on real runs sampled throughout (faults, failovers, rejoins), and
// differs only where it means to: a node that knows nobody is not a member.

import { describe, expect, it } from 'vitest';
import { checkConverged } from '../../sim/check/converged.ts';
import { checkMembersConverged } from '../../sim/check/invariants/convergence.ts';
import { WorldView } from '../../sim/run/world-view.ts';
import { addNode, emptyState } from '../cluster/fake-env.ts';
import { CLUSTER_NODE_MASTER, CLUSTER_NODE_MYSELF, CLUSTER_NODE_PFAIL } from '../../sim/cluster/constants.ts';
import { runScenario } from '../../sim/run/runner.ts';
import { loadScenario } from '../../sim/scenario/index.ts';
import { scenarioText } from '../scenarios/helpers.ts';
import type { World } from '../../sim/run/world.ts';
import { FixtureNode, FixtureWorld, idOf, THREE_BY_ONE } from './fixtures.ts';

/** Sample both verdicts every `everyMs` of a scenario run. */
function sampled(file: string, seed: number, everyMs: number): { t: number; ours: boolean; theirs: boolean; why: string }[] {
  const out: { t: number; ours: boolean; theirs: boolean; why: string }[] = [];
  const sample = (w: World, view: WorldView): void => {
    view.beginInstant();
    const ours = view.converged();
    const theirs = checkConverged(view);
    out.push({ t: w.now, ours: ours.ok, theirs: theirs.ok, why: `${ours.why} | ${theirs.why}` });
    if (w.now + everyMs < 40_000) w.sched.after(everyMs, () => sample(w, view));
  };
  const loaded = loadScenario(file, scenarioText(file));
  if (!loaded.ok) throw new Error(`${file} does not load`);
  runScenario(loaded.scenario, { seed, logLevel: 'warning', timeline: false, beforeRun: (w) => w.sched.after(0, () => sample(w, new WorldView(w))) });
  return out;
}

describe('checkMembersConverged agrees with checkConverged', () => {
  // A crash (the dead node is outside both checks) and a partition (the
  // minority master flags everybody, then rejoins as a replica).
  for (const [file, unconverged] of [['master-crash.yaml', 2], ['minority-master.yaml', 50]] as const) {
    it(`${file}: the same verdict at every sample, converged and not`, () => {
      const samples = sampled(file, 1, 61);
      const disagreements = samples.filter((s) => s.ours !== s.theirs);
      expect(disagreements.slice(0, 3)).toEqual([]);
      expect(samples.filter((s) => s.ours).length).toBeGreaterThan(100);
      expect(samples.filter((s) => !s.ours).length).toBeGreaterThanOrEqual(unconverged);
    }, 60_000);
  }
});

describe('members', () => {
  const w = new FixtureWorld(THREE_BY_ONE);
  const lone = (): FixtureNode => {
    const t = emptyState();
    addNode(t, { name: idOf('S1'), port: 30100, flags: CLUSTER_NODE_MASTER | CLUSTER_NODE_MYSELF });
    return new FixtureNode('S1', t.cs);
  };

  it('a started node that knows nobody does not keep the cluster from being converged', () => {
    const nodes = [...w.nodes, lone()];
    expect(checkMembersConverged(nodes, (id) => w.nameOf(id))).toMatchObject({ ok: true });
    expect(checkMembersConverged(nodes, (id) => w.nameOf(id)).members.map((m) => m.name)).not.toContain('S1');
  });

  it('once it knows one other node (a MEET), it is a member the others must learn', () => {
    const s1 = lone();
    addNode({ cs: s1.cs!, env: s1.cs!.env as never, server: s1.cs!.server as never }, { name: idOf('A'), port: 30001, epoch: 1, slots: [[0, 5460]] });
    const v = checkMembersConverged([...w.nodes, s1], (id) => w.nameOf(id));
    expect(v.ok).toBe(false);
    expect(v.why).toMatch(/^S1 does not know B$|^A does not know S1$/);
  });

  it('nodes that are down or paused are left out', () => {
    const w2 = new FixtureWorld(THREE_BY_ONE);
    w2.node('A').entry('B').flags |= CLUSTER_NODE_PFAIL;
    expect(w2.converged().ok).toBe(false);
    w2.node('A').live = false;
    expect(w2.converged().ok).toBe(true);
  });
});
