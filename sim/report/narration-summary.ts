// Narration for large clusters: news that every node learns on its own
// (a node is PFAIL, answers again, is no longer FAIL; a master votes) makes
// one line per observer, 199 of them for one dead master in a 200-node
// cluster. Past SUMMARISE_ABOVE observers, they are told as one line: how
// many, and between when ("199 nodes saw A PFAIL between 25.2 and 26.7 s").
// A cluster of up to SUMMARISE_ABOVE + 1 nodes (every scenario of the
// catalogue) keeps its line per observer.

import type { NodeIx, SimEvent } from '../events/types.ts';

/** Up to this many observers of the same news are narrated one by one; more make one line. */
export const SUMMARISE_ABOVE = 8;

/** The events a narrator has not told yet, and a way to take some of them. */
export interface Pending {
  readonly events: readonly SimEvent[];
  /** Whether the event at index k was told already (as part of another line). */
  isTold(k: number): boolean;
  /** Events from index `from` up to the next timeline action matching `pred`, all marked told; the first of each `keyOf` returned. */
  take(from: number, pred: (x: SimEvent) => boolean, keyOf: (x: SimEvent) => NodeIx): SimEvent[];
}

/** `25.2 and 26.7 s`; with three decimals when the span is under a second. */
export function between(first: number, last: number): string {
  const d = last - first >= 1000 ? 1 : 3;
  return `between ${(first / 1000).toFixed(d)} and ${(last / 1000).toFixed(d)} s`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const observer = (x: SimEvent): NodeIx => x.node;

/**
 * Matching events from index i on until the next timeline action, one per
 * observer (or per `keyOf`), taken; or null, taking nothing, when they are
 * few enough to tell one by one.
 */
function many(p: Pending, i: number, pred: (x: SimEvent) => boolean, keyOf = observer): SimEvent[] | null {
  const seen = new Set<NodeIx>();
  for (let k = i; k < p.events.length; k++) {
    const x = p.events[k]!;
    if (k > i && x.type === 'fault') break;
    if (!p.isTold(k) && pred(x)) seen.add(keyOf(x));
  }
  return seen.size > SUMMARISE_ABOVE ? p.take(i, pred, keyOf) : null;
}

export interface Summary {
  readonly node: string;
  readonly text: string;
  /** The events it tells, one per observer. */
  readonly told: readonly SimEvent[];
}

/**
 * One line for many observers of `e`'s news (e is at index i), or null
 * when there are few enough to narrate each (then nothing is taken).
 */
export function summarise(e: SimEvent, i: number, p: Pending, n: (ix: NodeIx) => string): Summary | null {
  const span = (xs: SimEvent[]): string => between(xs[0]!.t, xs[xs.length - 1]!.t);
  switch (e.type) {
    case 'pfail': {
      const bySubject = many(p, i, (x) => x.type === 'pfail' && x.subject === e.subject);
      if (bySubject) return { node: '', told: bySubject, text: `${plural(bySubject.length, 'node')} saw ${n(e.subject)} PFAIL ${span(bySubject)} (no PONG for longer than cluster-node-timeout ${e.timeoutMs} ms)` };
      const byObserver = many(p, i, (x) => x.type === 'pfail' && x.node === e.node, (x) => (x.type === 'pfail' ? x.subject : x.node));
      if (byObserver) return { node: n(e.node), told: byObserver, text: `saw ${byObserver.length} nodes PFAIL ${span(byObserver)} (no PONG for longer than cluster-node-timeout ${e.timeoutMs} ms)` };
      return null;
    }
    case 'pfail-cleared': {
      const xs = many(p, i, (x) => x.type === 'pfail-cleared' && x.subject === e.subject);
      return xs && { node: '', told: xs, text: `${plural(xs.length, 'node')} heard ${n(e.subject)} answer again ${span(xs)}: PFAIL cleared` };
    }
    case 'fail-cleared': {
      const xs = many(p, i, (x) => x.type === 'fail-cleared' && x.subject === e.subject);
      if (!xs) return null;
      const reasons = new Map<string, number>();
      for (const x of xs) if (x.type === 'fail-cleared') reasons.set(x.reason, (reasons.get(x.reason) ?? 0) + 1);
      const why = [...reasons].map(([r, c]) => `${r.replace(/-/g, ' ')}: ${c}`).join(', ');
      return { node: '', told: xs, text: `${plural(xs.length, 'node')} cleared FAIL of ${n(e.subject)} ${span(xs)} (${why})` };
    }
    case 'vote-granted': {
      const xs = many(p, i, (x) => x.type === 'vote-granted' && x.subject === e.subject && x.epoch === e.epoch);
      return xs && { node: '', told: xs, text: `${plural(xs.length, 'master')} voted for ${n(e.subject)} in epoch ${e.epoch} ${span(xs)}` };
    }
    case 'update-sent': {
      const xs = many(p, i, (x) => x.type === 'update-sent' && x.subject === e.subject && x.about === e.about && x.epoch === e.epoch);
      return xs && { node: '', told: xs, text: `${plural(xs.length, 'node')} told ${n(e.subject)} its slots belong to ${n(e.about)} now (UPDATE, epoch ${e.epoch}) ${span(xs)}` };
    }
    default:
      return null;
  }
}

/**
 * The reporters a FAIL decision counted, with when each report reached the
 * deciding node: `B at 15.906 s, C at 17.906 s` (the node itself last, when
 * it is a master); for many, the first and the last.
 */
export function reportersText(reporters: readonly NodeIx[], decider: NodeIx, since: (reporter: NodeIx) => number | undefined, n: (ix: NodeIx) => string): string {
  const at = (r: NodeIx): string => {
    if (r === decider) return `${n(r)} itself`;
    const t = since(r);
    return t === undefined ? n(r) : `${n(r)} at ${(t / 1000).toFixed(3)} s`;
  };
  if (reporters.length <= SUMMARISE_ABOVE) return reporters.map(at).join(', ');
  const others = reporters.filter((r) => r !== decider && since(r) !== undefined).sort((a, b) => since(a)! - since(b)!);
  if (others.length === 0) return `${reporters.length} masters`;
  return `the first ${at(others[0]!)}, the last ${at(others[others.length - 1]!)}`;
}
