// What the page teaches beside the lanes' colours: how a FAIL decision was
// reached (the failure reports arriving at the deciding node, the count
// against the quorum) and how long a candidate waited before asking for
// votes and why (500 ms fixed + random + rank × 1000 ms), then for how long
// it waited for votes. Both read only events, after the run.

import type { NodeIx, SimEvent } from '../../events/types.ts';
import type { ElectionData, QuorumData } from './model.ts';

type LaneOf = (ix: NodeIx) => number | undefined;

const us = (ms: number): number => Math.round(ms * 1000) / 1000;

const STEP = { added: 1, removed: 0, expired: -1 } as const;
const VIA = { ping: 0, pong: 1, meet: 2, '': -1 } as const;

/** One quorum per `fail` event on a lane, with the decider's reports about the subject since it last held no valid one. */
export function quorums(events: readonly SimEvent[], laneOf: LaneOf): QuorumData[] {
  /** Per `decider>subject`: the run-up so far. */
  const runUp = new Map<string, { reports: number[]; pfailT: number }>();
  const get = (node: NodeIx, subject: NodeIx): { reports: number[]; pfailT: number } => {
    const key = `${node}>${subject}`;
    let r = runUp.get(key);
    if (!r) runUp.set(key, (r = { reports: [], pfailT: -1 }));
    return r;
  };
  const out: QuorumData[] = [];
  for (const e of events) {
    if (e.type === 'failure-report') {
      const r = get(e.node, e.subject);
      // A report that is the only valid one starts a run-up afresh (older ones expired, pruned or not yet).
      if (e.step === 'added' && e.reports === 1) r.reports = [];
      r.reports.push(us(e.t), laneOf(e.reporter) ?? -1, e.reports, STEP[e.step], VIA[e.via]);
    } else if (e.type === 'pfail') {
      get(e.node, e.subject).pfailT = us(e.t);
    } else if (e.type === 'pfail-cleared' || e.type === 'fail-cleared') {
      get(e.node, e.subject).pfailT = -1;
    } else if (e.type === 'fail') {
      const lane = laneOf(e.node);
      if (lane === undefined) continue;
      const r = get(e.node, e.subject);
      const self = e.reporters.includes(e.node);
      out.push({ lane, subject: laneOf(e.subject) ?? -1, needed: e.needed, self, pfailT: r.pfailT, failT: us(e.t), reports: r.reports });
      runUp.delete(`${e.node}>${e.subject}`);
    }
  }
  return out;
}

/** Every election attempt of every lane, from election-scheduled to how it ended. */
export function elections(events: readonly SimEvent[], laneOf: LaneOf): ElectionData[] {
  const out: ElectionData[] = [];
  const open = new Map<NodeIx, ElectionData>();
  const end = (node: NodeIx, t: number, outcome: ElectionData['outcome']): void => {
    const x = open.get(node);
    if (!x) return;
    x.endT = us(t);
    x.outcome = outcome;
    open.delete(node);
  };
  for (const e of events) {
    switch (e.type) {
      case 'election-scheduled': {
        const lane = laneOf(e.node);
        if (lane === undefined) break;
        end(e.node, e.t, 'ended');
        const x: ElectionData = { lane, t: us(e.t), fixedMs: e.fixedMs, randomMs: e.randomMs, rank: e.rank, addedMs: 0, manual: e.manual, startT: -1, epoch: 0, needed: 0, votes: [], endT: -1, outcome: '' };
        out.push(x);
        open.set(e.node, x);
        break;
      }
      case 'election-rank': {
        const x = open.get(e.node);
        if (x && x.startT < 0) ((x.addedMs += e.addedMs), (x.rank = e.rank));
        break;
      }
      case 'election-started': {
        const x = open.get(e.node);
        if (x) ((x.startT = us(e.t)), (x.epoch = e.epoch), (x.needed = e.needed));
        break;
      }
      case 'vote-received':
        open.get(e.node)?.votes.push(us(e.t));
        break;
      case 'election-won':
        end(e.node, e.t, 'won');
        break;
      case 'election-expired':
        end(e.node, e.t, 'expired');
        break;
      case 'role':
        if (e.node === e.subject) end(e.node, e.t, 'ended');
        break;
    }
  }
  return out;
}
