// "Converged": every live node agrees on who owns each slot, who is master
// or replica of whom, the masters' configEpochs, and flags no live node as
// failing. This is the state a healed cluster must reach (and what
// `converged: true` and the converges-after-heal invariant ask for).

import type { Verdict } from './conditions.ts';
import { firstSlotDifference } from './invariants/convergence.ts';
import { entryFor, isFlaggedFailing, liveNodes, roleOf, type ClusterReader } from './views.ts';

export function checkConverged(world: ClusterReader): Verdict {
  const live = liveNodes(world);
  if (live.length === 0) return { ok: false, why: 'no live node' };
  const ref = live[0]!;
  const refCs = ref.cs!;
  for (const obs of live) {
    const cs = obs.cs!;
    for (const subj of live) {
      const n = entryFor(obs, subj);
      if (!n) return { ok: false, why: `${obs.name} does not know ${subj.name}` };
      if (isFlaggedFailing(n)) return { ok: false, why: `${obs.name} flags live ${subj.name} as failing` };
      const own = subj.cs!.myself;
      const role = roleOf(n);
      if (role !== roleOf(own)) return { ok: false, why: `${obs.name} sees ${subj.name} as ${role}, it is ${roleOf(own)}` };
      const master = n.slaveof?.name ?? null;
      const ownMaster = own.slaveof?.name ?? null;
      if (master !== ownMaster) return { ok: false, why: `${obs.name} and ${subj.name} disagree on whom ${subj.name} replicates` };
      if (role === 'master' && n.configEpoch !== own.configEpoch)
        return { ok: false, why: `${obs.name} sees ${subj.name} at configEpoch ${n.configEpoch}, it has ${own.configEpoch}` };
    }
    if (obs === ref) continue;
    const s = firstSlotDifference(refCs, cs);
    if (s >= 0) {
      const a = refCs.slots.owner(s)?.name ?? null;
      const b = cs.slots.owner(s)?.name ?? null;
      const who = (id: string | null): string => (id ? world.nameOf(id) : 'nobody');
      return { ok: false, why: `slot ${s}: ${ref.name} says ${who(a)}, ${obs.name} says ${who(b)}` };
    }
  }
  return { ok: true, why: '' };
}
