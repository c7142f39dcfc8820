// The formed cluster of t=0 can be built two ways: by loading the nodes.conf
// text each node would hold, or directly. Both must give the same table.
import { describe, expect, it } from 'vitest';
import { clusterGenNodesDescription } from '../../sim/cluster/nodes-format.ts';
import { formClusterState, formedNodesConf, type FormedNode } from '../../sim/run/bootstrap.ts';
import { World } from '../../sim/run/world.ts';

function world(): { w: World; formed: FormedNode[] } {
  const names = ['A', 'B', 'C', 'A1', 'B1', 'C1', 'S1'];
  const w = new World({
    seed: 3,
    processes: names.map((n, i) => ({ name: n, ip: '127.0.0.1', port: 7000 + i, cport: 17000 + i, config: {} as never })),
  });
  const P = (n: string) => w.process(n);
  const slots: [number, number][][] = [[[0, 5460]], [[5461, 10922]], [[10923, 16383]]];
  const formed: FormedNode[] = names.map((n, i) =>
    i < 3 ? { proc: P(n), slots: slots[i]! } : n === 'S1' ? { proc: P(n), slots: [] } : { proc: P(n), master: P(names[i - 3]!), slots: [] },
  );
  return { w, formed };
}

describe('formed cluster bootstrap', () => {
  it('building the table directly equals loading the nodes.conf text', () => {
    for (const self of ['A', 'B1', 'S1']) {
      const a = world();
      const fa = a.formed.find((f) => f.proc.name === self)!;
      fa.proc.disk.nodesConf = formedNodesConf(a.formed, fa);
      a.w.start(fa.proc);
      const b = world();
      const fb = b.formed.find((f) => f.proc.name === self)!;
      fb.proc.disk.formed = (cs) => formClusterState(cs, b.formed, fb);
      b.w.start(fb.proc);
      const ca = a.w.process(self).server!.cs;
      const cb = b.w.process(self).server!.cs;
      expect(clusterGenNodesDescription(cb)).toBe(clusterGenNodesDescription(ca));
      expect([cb.currentEpoch, cb.lastVoteEpoch]).toEqual([ca.currentEpoch, ca.lastVoteEpoch]);
      for (const n of ca.nodes.values()) {
        const m = cb.nodes.get(n.name)!;
        expect([m.flags, m.configEpoch, m.slaves.map((s) => s.name)]).toEqual([n.flags, n.configEpoch, n.slaves.map((s) => s.name)]);
      }
    }
  });
});
