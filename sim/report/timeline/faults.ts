// Fault bands from the `fault` events the timeline executor records: each
// injected action opens a band that the matching undo closes (partition →
// heal, kill/shutdown → restart/start, pause → resume, drop → its `for`,
// link or network → its next change, replication cut → restore). Instant actions (restart,
// workload start, redis-cli) are bands of zero length. Bands are packed into
// rows so that overlapping ones do not hide each other.

import type { NodeNames } from '../../events/names.ts';
import { NONE, type EventOf, type NodeIx, type SimEvent } from '../../events/types.ts';
import { eventDetail } from '../../events/vocabulary.ts';
import type { FaultBand } from './model.ts';

type Fault = EventOf<'fault'>;

export interface DropRule {
  at: number;
  untilMs: number;
}

interface Open {
  band: FaultBand;
  /** What closes it: a predicate over later fault events. */
  closes: (x: Fault) => boolean;
}

/** The sides an action names: partition groups, or from | to (partition, drop, heal and link between). */
function sides(e: Fault): (readonly NodeIx[])[] {
  if (e.groups.length > 0) return [...e.groups];
  return e.from.length > 0 && e.to.length > 0 ? [e.from, e.to] : [];
}

/** Same sets of nodes on both sides, in either order (`heal between=A|B` closes `partition from=A to=B`). */
function sameSides(a: (readonly NodeIx[])[], b: (readonly NodeIx[])[]): boolean {
  const key = (ss: (readonly NodeIx[])[]): string => ss.map((s) => [...s].sort((x, y) => x - y).join(',')).sort().join('|');
  return key(a) === key(b);
}

/** Every process an action mentions: its subject and every side. */
function nodesIn(e: Fault): NodeIx[] {
  const out = new Set<NodeIx>();
  if (e.subject !== NONE) out.add(e.subject);
  for (const side of sides(e)) for (const ix of side) out.add(ix);
  return [...out];
}

export function faultBands(events: readonly SimEvent[], laneOf: (ix: NodeIx) => number | undefined, names: NodeNames, dropRules: readonly DropRule[], endMs: number): FaultBand[] {
  const bands: FaultBand[] = [];
  const open: Open[] = [];
  const start = (e: Fault, kind: string, closes: Open['closes'] | null, to = e.t): void => {
    const label = eventDetail(e, names).replace(/^action=/, '');
    const band: FaultBand = { from: e.t, to, kind, label, nodes: nodesIn(e).flatMap((ix) => laneOf(ix) ?? []), row: 0 };
    bands.push(band);
    if (closes) {
      band.to = endMs;
      open.push({ band, closes });
    }
  };
  for (const e of events) {
    if (e.type !== 'fault') continue;
    for (let i = open.length - 1; i >= 0; i--) {
      if (open[i]!.closes(e)) {
        open[i]!.band.to = e.t;
        open.splice(i, 1);
      }
    }
    const who = e.subject;
    const mySides = sides(e);
    switch (e.action) {
      case 'partition':
      case 'isolate':
        start(e, 'partition', (x) => x.action === 'heal' && (x.all || sameSides(sides(x), mySides)));
        break;
      case 'kill':
      case 'shutdown':
        start(e, e.action, (x) => (x.action === 'restart' || x.action === 'start') && x.subject === who);
        break;
      case 'pause':
        start(e, 'pause', (x) => x.action === 'resume' && x.subject === who);
        break;
      case 'drop': {
        const rule = dropRules.find((r) => r.at === e.t);
        const until = rule && rule.untilMs !== Infinity ? rule.untilMs : endMs;
        start(e, 'drop', null, Math.min(until, endMs));
        break;
      }
      case 'link':
        // A later change of the same link (or a network reset) ends this one's band.
        start(e, 'link', (x) => (x.action === 'link' && sameSides(sides(x), mySides)) || (x.action === 'network' && x.reset));
        break;
      case 'network':
        start(e, 'network', (x) => x.action === 'network');
        break;
      case 'replication-cut':
        start(e, 'replication-cut', (x) => x.action === 'replication-restore' && x.subject === who);
        break;
      case 'heal':
      case 'resume':
      case 'replication-restore':
        break; // closers only
      default:
        start(e, e.action, null);
    }
  }
  packRows(bands);
  return bands;
}

/** Greedy interval packing: each band takes the first row where it does not overlap. */
function packRows(bands: FaultBand[]): void {
  const rowEnds: number[] = [];
  for (const b of bands) {
    let r = rowEnds.findIndex((end) => end < b.from);
    if (r < 0) r = rowEnds.push(-Infinity) - 1;
    b.row = r;
    rowEnds[r] = Math.max(b.to, b.from);
  }
}
