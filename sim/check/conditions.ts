// Evaluating scenario conditions against the live world. Each condition
// answers ok plus a one-line reason that names what it saw, so a failed
// expectation says why ("B sees A as master, expected replica").

import { CLUSTER_NODE_FAIL, CLUSTER_NODE_HANDSHAKE, CLUSTER_NODE_NOADDR, CLUSTER_NODE_NOFAILOVER, CLUSTER_NODE_PFAIL } from '../cluster/constants.ts';
import type { ClusterNode } from '../cluster/node.ts';
import { holds, formatComparison } from '../scenario/comparison.ts';
import type { Condition, ConditionSet, EventCondition, NodeFlag } from '../scenario/types.ts';
import type { NodeNames } from '../events/names.ts';
import type { SimEvent } from '../events/types.ts';
import { eventRow } from '../events/vocabulary.ts';
import { checkConverged } from './converged.ts';
import { entryFor, nodeNamed, observers, roleOf, type ClusterReader, type NodeView } from './views.ts';

export interface Verdict {
  ok: boolean;
  why: string;
}

/** Answers about data the cluster views cannot give (workloads, replication). */
export interface DataOracle {
  inSync(replica: string): Verdict;
  /** Lost acknowledged writes so far (final once the run ends). */
  lostWrites(): number;
  historyConsistent(): Verdict;
  replicasConsistent(): Verdict;
  keysReadable(): Verdict;
}

export interface ConditionContext {
  world: ClusterReader;
  events: readonly SimEvent[];
  data?: DataOracle;
}

const OK: Verdict = { ok: true, why: '' };
const no = (why: string): Verdict => ({ ok: false, why });

function hasFlag(n: ClusterNode, flag: NodeFlag): boolean {
  switch (flag) {
    case 'pfail':
      return (n.flags & CLUSTER_NODE_PFAIL) !== 0;
    case 'fail':
      return (n.flags & CLUSTER_NODE_FAIL) !== 0;
    case 'handshake':
      return (n.flags & CLUSTER_NODE_HANDSHAKE) !== 0;
    case 'noaddr':
      return (n.flags & CLUSTER_NODE_NOADDR) !== 0;
    case 'nofailover':
      return (n.flags & CLUSTER_NODE_NOFAILOVER) !== 0;
    case 'master':
      return roleOf(n) === 'master';
    case 'slave':
      return roleOf(n) === 'replica';
    case 'none':
      return (n.flags & (CLUSTER_NODE_PFAIL | CLUSTER_NODE_FAIL)) === 0;
  }
}

/** Whether an event matches an `event:` condition, which is written against its events.csv row. */
export function eventMatches(e: SimEvent, c: EventCondition, names: NodeNames): boolean {
  if (e.type !== c.name) return false;
  const r = eventRow(e, names);
  if (c.node !== undefined && r.node !== c.node) return false;
  if (c.subject !== undefined && r.subject !== c.subject) return false;
  if (c.involving !== undefined && r.node !== c.involving && r.subject !== c.involving) return false;
  for (const d of c.detail) {
    const m = new RegExp(`(?:^| )${d.key}=(\\S*)`).exec(r.detail);
    if (!m) return false;
    if (d.match.kind === 'equals' ? m[1] !== d.match.text : !holds(d.match.cmp, Number(m[1]))) return false;
  }
  return true;
}

/** How far each event condition has counted, in which event list: a run's events only grow, so each is looked at once. */
const counted = new WeakMap<EventCondition, { events: readonly SimEvent[]; seen: number; count: number }>();

/** Events matching `c` so far (a `by:` or `always:` condition is asked after every instant). */
function countMatches(c: EventCondition, events: readonly SimEvent[], names: NodeNames): number {
  let k = counted.get(c);
  if (!k || k.events !== events || k.seen > events.length) counted.set(c, (k = { events, seen: 0, count: 0 }));
  for (; k.seen < events.length; k.seen++) if (eventMatches(events[k.seen]!, c, names)) k.count++;
  return k.count;
}

function viewCheck(ctx: ConditionContext, seenBy: string | undefined, fn: (obs: NodeView) => string | undefined): Verdict {
  const obs = observers(ctx.world, seenBy);
  if (obs.length === 0) return no(seenBy ? `${seenBy} is not live` : 'no live node');
  for (const o of obs) {
    const bad = fn(o);
    if (bad) return no(bad);
  }
  return OK;
}

export function evaluate(c: Condition, ctx: ConditionContext): Verdict {
  const w = ctx.world;
  switch (c.kind) {
    case 'role':
      return viewCheck(ctx, c.seenBy, (o) => {
        for (const r of c.roles) {
          const seen = roleOf(entryFor(o, nodeNamed(w, r.node)));
          if (seen !== r.role) return `${o.name} sees ${r.node} as ${seen}, expected ${r.role}`;
        }
        return undefined;
      });
    case 'replica-of':
      return viewCheck(ctx, c.seenBy, (o) => {
        for (const p of c.pairs) {
          const n = entryFor(o, nodeNamed(w, p.replica));
          const m = n?.slaveof ? w.nameOf(n.slaveof.name) : '(none)';
          if (m !== p.master) return `${o.name} sees ${p.replica} replicating ${m}, expected ${p.master}`;
        }
        return undefined;
      });
    case 'replicas':
      return viewCheck(ctx, c.seenBy, (o) => {
        for (const r of c.counts) {
          const n = entryFor(o, nodeNamed(w, r.master));
          const count = n ? n.slaves.filter((s) => !(s.flags & CLUSTER_NODE_FAIL)).length : 0;
          if (!holds(r.count, count)) return `${o.name} sees ${count} replicas of ${r.master}, expected ${formatComparison(r.count)}`;
        }
        return undefined;
      });
    case 'known-nodes': {
      for (const k of c.counts) {
        const size = nodeNamed(w, k.node).cs?.nodes.size ?? 0;
        if (!holds(k.count, size)) return no(`${k.node} knows ${size} nodes, expected ${formatComparison(k.count)}`);
      }
      return OK;
    }
    case 'cluster-state': {
      const targets = c.on ? c.on.map((n) => nodeNamed(w, n)) : observers(w, undefined);
      for (const p of targets) {
        const s = p.cs && p.live ? (p.cs.state === 0 ? 'ok' : 'fail') : 'down';
        if (s !== c.state) return no(`${p.name} cluster_state is ${s}, expected ${c.state}`);
      }
      return targets.length > 0 ? OK : no('no live node');
    }
    case 'flag':
      return viewCheck(ctx, c.seenBy, (o) => {
        if (o.name === c.node && c.seenBy === undefined) return undefined; // a node does not flag itself
        const n = entryFor(o, nodeNamed(w, c.node));
        if (!n) return `${o.name} does not know ${c.node}`;
        return hasFlag(n, c.flag) ? undefined : `${o.name} does not see ${c.node} as ${c.flag}`;
      });
    case 'owner':
      return viewCheck(ctx, c.seenBy, (o) => {
        const cs = o.cs!;
        const want = c.owner === null ? null : nodeNamed(w, c.owner).nodeId;
        for (const r of c.slots)
          for (let s = r.start; s <= r.end; s++) {
            const got = cs.slots.owner(s)?.name ?? null;
            if (got !== want)
              return `${o.name} sees slot ${s} owned by ${got ? w.nameOf(got) : 'nobody'}, expected ${c.owner ?? 'nobody'}`;
          }
        return undefined;
      });
    case 'open-slots': {
      for (const p of w.nodes) {
        const cs = p.cs;
        if (!cs) continue;
        const open = [...cs.migratingSlotsTo.keys(), ...cs.importingSlotsFrom.keys()].filter(
          (s) => !c.slots || c.slots.some((r) => s >= r.start && s <= r.end),
        );
        if (c.none && open.length > 0) return no(`${p.name} has slot ${open[0]} open`);
        if (!c.none && open.length > 0) return OK;
      }
      return c.none ? OK : no('no slot is open');
    }
    case 'epoch': {
      const cs = nodeNamed(w, c.node).cs;
      if (!cs) return no(`${c.node} is down`);
      if (c.config && !holds(c.config, cs.myself.configEpoch))
        return no(`${c.node} configEpoch is ${cs.myself.configEpoch}, expected ${formatComparison(c.config)}`);
      if (c.current && !holds(c.current, cs.currentEpoch))
        return no(`${c.node} currentEpoch is ${cs.currentEpoch}, expected ${formatComparison(c.current)}`);
      return OK;
    }
    case 'converged': {
      const v = checkConverged(w);
      return v.ok === c.value ? OK : no(c.value ? v.why : 'the cluster is converged');
    }
    case 'event': {
      const count = countMatches(c, ctx.events, w.names);
      return holds(c.count, count) ? OK : no(`${count} ${c.name} events match, expected ${formatComparison(c.count)}`);
    }
    case 'in-sync':
      for (const r of c.replicas) {
        const v = ctx.data?.inSync(r) ?? no('no replication data');
        if (!v.ok) return v;
      }
      return OK;
    case 'lost-writes': {
      const lost = ctx.data?.lostWrites() ?? 0;
      if (c.max !== undefined && lost > c.max) return no(`${lost} acknowledged writes lost, expected at most ${c.max}`);
      if (c.min !== undefined && lost < c.min) return no(`${lost} acknowledged writes lost, expected at least ${c.min}`);
      return OK;
    }
    case 'history':
      return ctx.data?.historyConsistent() ?? no('no history recorded');
    case 'replicas-consistent': {
      const v = ctx.data?.replicasConsistent() ?? no('no replication data');
      return v.ok === c.value ? OK : no(c.value ? v.why : 'replicas are consistent');
    }
    case 'keys-readable':
      return ctx.data?.keysReadable() ?? no('no workload data');
    case 'keys-in-slot': {
      const n = nodeNamed(w, c.on).keysInSlot(c.slot);
      if (n === undefined) return no(`${c.on} is down`);
      return holds(c.count, n) ? OK : no(`${c.on} has ${n} keys in slot ${c.slot}, expected ${formatComparison(c.count)}`);
    }
  }
}

export function evaluateAll(set: ConditionSet, ctx: ConditionContext): Verdict {
  for (const c of set) {
    const v = evaluate(c, ctx);
    if (!v.ok) return v;
  }
  return OK;
}
