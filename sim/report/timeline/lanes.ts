// Lane colours: what each node believes, over time. Three sources, merged:
// - its own CLUSTER NODES view (role from its `myself` line, belief from the
//   worst flag it shows for any other node), which also covers what no event
//   announces (a restart reloading FAIL flags from nodes.conf, CLUSTER RESET);
// - its election events (a replica is a candidate from election-scheduled
//   until it wins, gives up, expires or stops having a failed master);
// - process changes (down, paused).

import type { NodeIx, SimEvent } from '../../events/types.ts';
import { Belief, Candidate, packLane, Proc, Role } from './model.ts';

export interface BeliefPoint {
  t: number;
  role: Role;
  belief: Belief;
}

/** Role and belief read from one CLUSTER NODES text (lines, with or without ping/pong). */
export function beliefOfLines(lines: readonly string[]): { role: Role; belief: Belief } {
  let role = Role.None;
  let belief = Belief.Ok;
  for (const line of lines) {
    const flags = line.split(' ', 3)[2]?.split(',') ?? [];
    if (flags.includes('myself')) role = flags.includes('master') ? Role.Master : flags.includes('slave') ? Role.Replica : Role.None;
    else if (flags.includes('fail')) belief = Belief.Fail;
    else if (flags.includes('fail?') && belief === Belief.Ok) belief = Belief.Pfail;
  }
  return { role, belief };
}

/** Belief points of one node from its snapshots (null = not running). */
export function beliefsFromSnapshots(times: readonly number[], snaps: readonly (readonly number[] | null)[], lines: readonly string[]): BeliefPoint[] {
  const memo = new Map<number, { role: Role; belief: Belief }>();
  const one = (li: number): { role: Role; belief: Belief } => {
    let b = memo.get(li);
    if (!b) memo.set(li, (b = beliefOfLines([lines[li]!])));
    return b;
  };
  return snaps.map((snap, i) => {
    if (snap === null) return { t: times[i]!, role: Role.None, belief: Belief.Ok };
    let role = Role.None;
    let belief = Belief.Ok;
    for (const li of snap) {
      const b = one(li);
      if (b.role !== Role.None) role = b.role;
      if (b.belief > belief) belief = b.belief;
    }
    return { t: times[i]!, role, belief };
  });
}

/**
 * Candidate state changes of one node, from its own events: [t, Candidate, …].
 * An election that nobody ends by an event (its master's FAIL was cleared
 * elsewhere, say) ends when Redis would drop it: the auth timeout after its
 * start (2 × cluster-node-timeout, at least 2 s).
 */
export function candidatePoints(events: readonly SimEvent[], nodeTimeoutMs: number): number[] {
  const authTimeout = Math.max(2 * nodeTimeoutMs, 2000);
  const out: number[] = [];
  let state = Candidate.No;
  let master: NodeIx | undefined;
  let deadline = Infinity;
  const set = (t: number, s: Candidate): void => {
    if (s === state) return;
    state = s;
    out.push(t, s);
  };
  for (const e of events) {
    if (state !== Candidate.No && e.t > deadline) set(deadline, Candidate.No);
    switch (e.type) {
      case 'election-scheduled':
        master = e.subject;
        deadline = e.t + e.delayMs + authTimeout;
        set(e.t, Candidate.Scheduled);
        break;
      case 'election-rank':
        deadline += e.addedMs;
        break;
      case 'election-started':
        if (state !== Candidate.No) set(e.t, Candidate.Voting);
        break;
      case 'election-won':
      case 'election-expired':
      case 'role':
        set(e.t, Candidate.No);
        break;
      case 'fail-cleared':
        if (e.subject === master) set(e.t, Candidate.No);
        break;
    }
  }
  if (state !== Candidate.No && deadline !== Infinity) set(deadline, Candidate.No);
  return out;
}

/**
 * Merge the three sources into [t, code, …] (code: packLane), one entry per
 * change, starting at `startMs`. A process that is down is no candidate.
 */
export function laneSegments(beliefs: readonly BeliefPoint[], procPoints: readonly number[], candidates: readonly number[], startMs: number): number[] {
  type Change = { t: number; apply: (s: State) => void };
  interface State {
    role: Role;
    belief: Belief;
    candidate: Candidate;
    proc: Proc;
  }
  const changes: Change[] = [];
  for (const b of beliefs) changes.push({ t: b.t, apply: (s) => ((s.role = b.role), (s.belief = b.belief)) });
  for (let i = 0; i < procPoints.length; i += 2) {
    const p = procPoints[i + 1] as Proc;
    changes.push({ t: procPoints[i]!, apply: (s) => (s.proc = p) });
  }
  for (let i = 0; i < candidates.length; i += 2) {
    const c = candidates[i + 1] as Candidate;
    changes.push({ t: candidates[i]!, apply: (s) => (s.candidate = c) });
  }
  // Stable sort: at equal times, views, then processes, then elections.
  changes.sort((a, b) => a.t - b.t);
  const s: State = { role: Role.None, belief: Belief.Ok, candidate: Candidate.No, proc: Proc.Down };
  const out: number[] = [];
  let i = 0;
  const emit = (t: number): void => {
    const code = packLane({ ...s, candidate: s.proc === Proc.Down ? Candidate.No : s.candidate });
    const n = out.length;
    if (n > 0 && out[n - 2] === t) out.length = n - 2;
    if (out.length > 0 && out[out.length - 1] === code) return;
    out.push(t, code);
  };
  while (i < changes.length && changes[i]!.t <= startMs) changes[i++]!.apply(s);
  emit(startMs);
  while (i < changes.length) {
    const t = changes[i]!.t;
    while (i < changes.length && changes[i]!.t === t) changes[i++]!.apply(s);
    emit(t);
  }
  return out;
}
