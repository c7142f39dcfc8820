// Fault bands from the `fault` events the timeline executor records: each
// injected action opens a band that the matching undo closes (partition →
// heal, kill/shutdown → restart/start, pause → resume, drop → its `for`,
// link or network → its next change, replication cut → restore). Instant actions (restart,
// workload start, redis-cli) are bands of zero length. Bands are packed into
// rows so that overlapping ones do not hide each other.

import type { SimEvent } from '../../events/recorder.ts';
import type { FaultBand } from './model.ts';
import type { DropRule } from '../../run/timeline-recorder.ts';

const field = (detail: string, key: string): string | undefined => {
  const m = new RegExp(`(?:^| )${key}=(\\S+)`).exec(detail);
  return m ? m[1] : undefined;
};

/** Node names an action mentions (`groups=[A]|[B,C]`, `from=A to=B,C`, `between=A|B`). */
function namesIn(detail: string, subject: string): string[] {
  const names = new Set<string>();
  if (subject) names.add(subject);
  for (const key of ['groups', 'from', 'to', 'between']) {
    const v = field(detail, key);
    if (v) for (const n of v.split(/[[\]|,]+/)) if (n && n !== '*') names.add(n);
  }
  return [...names];
}

interface Open {
  band: FaultBand;
  /** What closes it: a predicate over later fault events. */
  closes: (action: string, e: SimEvent) => boolean;
}

/** Same sets of names on both sides, in either order (`heal between=A|B` closes `partition from=A to=B`). */
function sameSides(a: string[][], b: string[][]): boolean {
  const key = (sides: string[][]): string => sides.map((s) => [...s].sort().join(',')).sort().join('|');
  return key(a) === key(b);
}

function sides(detail: string): string[][] {
  const g = field(detail, 'groups') ?? field(detail, 'between');
  if (g) return g.split('|').map((s) => s.replace(/[[\]]/g, '').split(',').filter(Boolean));
  const from = field(detail, 'from');
  const to = field(detail, 'to');
  return from && to ? [from.split(','), to.split(',')] : [];
}

export function faultBands(events: readonly SimEvent[], nodes: readonly string[], dropRules: readonly DropRule[], endMs: number): FaultBand[] {
  const lane = new Map(nodes.map((n, i) => [n, i]));
  const bands: FaultBand[] = [];
  const open: Open[] = [];
  const start = (e: SimEvent, kind: string, closes: Open['closes'] | null, to = e.t): void => {
    const label = e.detail.replace(/^action=/, '');
    const band: FaultBand = { from: e.t, to, kind, label, nodes: namesIn(e.detail, e.subject).flatMap((n) => lane.get(n) ?? []), row: 0 };
    bands.push(band);
    if (closes) {
      band.to = endMs;
      open.push({ band, closes });
    }
  };
  for (const e of events) {
    if (e.event !== 'fault') continue;
    const action = field(e.detail, 'action') ?? '';
    for (let i = open.length - 1; i >= 0; i--) {
      if (open[i]!.closes(action, e)) {
        open[i]!.band.to = e.t;
        open.splice(i, 1);
      }
    }
    const who = e.subject;
    const mySides = sides(e.detail);
    switch (action) {
      case 'partition':
      case 'isolate':
        start(e, 'partition', (a, x) => (a === 'heal' && (field(x.detail, 'all') === '1' || sameSides(sides(x.detail), mySides))));
        break;
      case 'kill':
      case 'shutdown':
        start(e, action, (a, x) => (a === 'restart' || a === 'start') && x.subject === who);
        break;
      case 'pause':
        start(e, 'pause', (a, x) => a === 'resume' && x.subject === who);
        break;
      case 'drop': {
        const rule = dropRules.find((r) => r.at === e.t);
        const until = rule && rule.untilMs !== Infinity ? rule.untilMs : endMs;
        start(e, 'drop', null, Math.min(until, endMs));
        break;
      }
      case 'link':
        // A later change of the same link (or a network reset) ends this one's band.
        start(e, 'link', (a, x) => (a === 'link' && sameSides(sides(x.detail), mySides)) || (a === 'network' && /(^| )reset\b/.test(x.detail)));
        break;
      case 'network':
        start(e, 'network', (a) => a === 'network');
        break;
      case 'replication-cut':
        start(e, 'replication-cut', (a, x) => a === 'replication-restore' && x.subject === who);
        break;
      case 'heal':
      case 'resume':
      case 'replication-restore':
        break; // closers only
      default:
        start(e, action || 'fault', null);
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
