// The story `sim run` tells on stdout (and timeline.html beside its chart):
// the key moments of a run, each with the reason behind its timing, in
// simulated seconds. Built from events only, so it reads the same for a
// live run and for a replayed one. News that many nodes learn one by one is
// told in one line past a few observers (narration-summary.ts).

import type { NodeNames } from '../events/names.ts';
import { NONE, type EventOf, type EventType, type NodeIx, type SimEvent } from '../events/types.ts';
import { eventDetail } from '../events/vocabulary.ts';
import { reportersText, summarise, SUMMARISE_ABOVE, type Pending } from './narration-summary.ts';

export interface NarrationContext {
  /** Who is who in the events. */
  names: NodeNames;
}

/** One narrated line: when, who ('' for a line about several nodes), what. */
export interface NarrationItem {
  readonly t: number;
  readonly node: string;
  readonly text: string;
}

const sec = (ms: number): string => `${(ms / 1000).toFixed(3)}s`;

/** An item as stdout prints it. */
export function narrationLine(item: NarrationItem): string {
  return `  ${sec(item.t).padStart(9)}  ${item.node.padEnd(4)} ${item.text}`;
}

const words = (s: string): string => s.replace(/-/g, ' ');

/**
 * A `redis:` step and its reply as redis-cli printed it; a reply of several
 * lines (an array, CLUSTER NODES, INFO) continues under the first, indented
 * three past the narration's columns.
 */
function commandText(command: string, reply: string): string {
  const [first, ...rest] = reply.split('\n');
  return [`${command} → ${first}`, ...rest].join(`\n${' '.repeat(21)}`);
}

/** What a handler has at hand: the events, what is told, and where the lines go. */
interface Teller extends Pending {
  readonly n: (ix: NodeIx) => string;
  readonly names: NodeNames;
  /** Index of the event after the one being told. */
  next: number;
  line(t: number, node: string, text: string): void;
  /** `absorb`: matching events after `next` within `windowMs` of `t0`, marked told. */
  absorb(t0: number, windowMs: number, pred: (x: SimEvent) => boolean): SimEvent[];
  /** Pairs `observer>subject` whose PFAIL was told (the first one only is). */
  readonly pfailSeen: Set<string>;
  /** When each failure report arrived, by `observer>subject>reporter` (the latest addition). */
  readonly reportSince: Map<string, number>;
}

type Handler<K extends EventType> = (e: EventOf<K>, who: string, tl: Teller) => void;

function fail(e: EventOf<'fail'>, who: string, tl: Teller): void {
  const { n, line } = tl;
  const subject = e.subject;
  const since = (r: NodeIx): number | undefined => tl.reportSince.get(`${e.node}>${subject}>${r}`);
  const reporters = e.reporters.filter((r) => n(r) !== '');
  line(e.t, who, `FAIL ${n(subject)}: ${reporters.length} of ${e.needed} required master reports (${reportersText(reporters, e.node, since, n)})`);
  // The broadcast that follows, and the state changes it causes, in two lines.
  const heard = tl.absorb(e.t, 50, (x) => x.type === 'fail-received' && x.subject === subject);
  if (heard.length > 0) {
    const last = heard[heard.length - 1]!.t;
    // Stamped with the FAIL's own time so the narration stays in time order.
    line(e.t, '', `  FAIL ${n(subject)} reached ${heard.length} more node${heard.length === 1 ? '' : 's'} within ${(last - e.t).toFixed(1)} ms`);
  }
}

function state(e: EventOf<'state'>, who: string, tl: Teller): void {
  const n = tl.n;
  const same = tl.absorb(e.t, 50, (x) => x.type === 'state' && x.state === e.state);
  const nodes = [who, ...same.map((x) => n(x.node))];
  const why =
    e.reason === 'owner-fail'
      ? ` (slot ${e.slot} is served by FAIL ${n(e.owner)})`
      : e.reason === 'minority'
        ? ` (only ${e.reachable} of ${e.size} masters reachable)`
        : e.reason === 'unassigned'
          ? ` (slot ${e.slot} unassigned)`
          : '';
  const on = nodes.length > SUMMARISE_ABOVE ? `${nodes.length} nodes within ${(same[same.length - 1]!.t - e.t).toFixed(1)} ms` : nodes.join(', ');
  tl.line(e.t, nodes.length === 1 ? who : '', `cluster_state ${e.state} on ${on}${why}`);
}

function pfail(e: EventOf<'pfail'>, who: string, tl: Teller): void {
  const key = `${e.node}>${e.subject}`;
  if (tl.pfailSeen.has(key)) return;
  tl.pfailSeen.add(key);
  tl.line(e.t, who, `${tl.n(e.subject)} is PFAIL: no PONG for ${(e.noPongMs / 1000).toFixed(1)} s > cluster-node-timeout ${e.timeoutMs} ms`);
}

function electionScheduled(e: EventOf<'election-scheduled'>, who: string, tl: Teller): void {
  const why = e.manual
    ? `election at once (manual failover), offset ${e.offset}`
    : `election in ${e.delayMs} ms = ${e.fixedMs} fixed + ${e.randomMs} random + rank ${e.rank} × 1000 (offset ${e.offset})`;
  tl.line(e.t, who, why);
}

const HANDLERS: { readonly [K in EventType]?: Handler<K> } = {
  fault: (e, who, tl) => tl.line(e.t, who, `▶ ${eventDetail(e, tl.names).replace(/^action=/, '')}`),
  pfail,
  'pfail-cleared': (e, who, tl) => tl.line(e.t, who, `${tl.n(e.subject)} answers again: PFAIL cleared`),
  'failure-report': (e, _who, tl) => {
    if (e.step === 'added') tl.reportSince.set(`${e.node}>${e.subject}>${e.reporter}`, e.t);
  },
  fail,
  'fail-received': (e, who, tl) => tl.line(e.t, who, `learns ${tl.n(e.subject)} is FAIL from ${tl.n(e.from)}`),
  'fail-cleared': (e, who, tl) => tl.line(e.t, who, `clears FAIL of ${tl.n(e.subject)} (${words(e.reason)})`),
  state,
  'election-scheduled': electionScheduled,
  'election-started': (e, who, tl) => tl.line(e.t, who, `asks for votes, epoch ${e.epoch} (needs ${e.needed})`),
  'vote-granted': (e, who, tl) => tl.line(e.t, who, `votes for ${tl.n(e.subject)} in epoch ${e.epoch}`),
  'vote-denied': (e, who, tl) => tl.line(e.t, who, `refuses ${tl.n(e.subject)} in epoch ${e.epoch}: ${words(e.reason)}`),
  'election-won': (e, who, tl) => tl.line(e.t, who, `wins epoch ${e.epoch} with ${e.votes} votes: replaces ${tl.n(e.subject)} as master`),
  'election-expired': (e, who, tl) => tl.line(e.t, who, `election for epoch ${e.epoch} expired with ${e.votes} votes`),
  role: (e, who, tl) => {
    if (e.node === e.subject) tl.line(e.t, who, e.role === 'master' ? 'is now a master' : `is now a replica of ${tl.n(e.master)}`);
  },
  'update-sent': (e, who, tl) => tl.line(e.t, who, `tells ${tl.n(e.subject)} its slots belong to ${tl.n(e.about)} now (UPDATE, epoch ${e.epoch})`),
  'config-epoch': (e, who, tl) => {
    if (e.reason !== 'failover') tl.line(e.t, who, `configEpoch → ${e.epoch} (${e.reason}${e.with !== NONE ? ` with ${tl.n(e.with)}` : ''})`);
  },
  'manual-failover': (e, who, tl) => tl.line(e.t, who, `manual failover: ${words(e.step)}${e.offset >= 0 ? ` (offset ${e.offset})` : ''}`),
  'replica-migrated': (e, who, tl) => tl.line(e.t, who, `migrates from ${tl.n(e.from)} to orphaned master ${tl.n(e.to)}`),
  command: (e, who, tl) => tl.line(e.t, who, commandText(e.command, e.reply)),
  // write-lost is listed after the timeline, with explanations.
};

function teller(events: readonly SimEvent[], names: NodeNames, out: NarrationItem[]): { tl: Teller; told: Set<number> } {
  const told = new Set<number>();
  const tl: Teller = {
    events,
    names,
    n: (ix) => names.name(ix),
    next: 0,
    isTold: (k) => told.has(k),
    pfailSeen: new Set(),
    reportSince: new Map(),
    line: (t, node, text) => void out.push({ t, node, text }),
    absorb(t0, windowMs, pred) {
      const got: SimEvent[] = [];
      for (let k = tl.next; k < events.length && events[k]!.t - t0 <= windowMs; k++) {
        if (!told.has(k) && pred(events[k]!)) (told.add(k), got.push(events[k]!));
      }
      return got;
    },
    take(from, pred, keyOf) {
      const firsts = new Map<NodeIx, SimEvent>();
      for (let k = from; k < events.length && (k === from || events[k]!.type !== 'fault'); k++) {
        const x = events[k]!;
        if (told.has(k) || !pred(x)) continue;
        told.add(k);
        if (!firsts.has(keyOf(x))) firsts.set(keyOf(x), x);
      }
      return [...firsts.values()];
    },
  };
  return { tl, told };
}

/** Events after t=0 as narrated lines, for the page (NarrationItem) and stdout (narrationLine). */
export function narrationItems(events: readonly SimEvent[], ctx: NarrationContext): NarrationItem[] {
  const out: NarrationItem[] = [];
  const { tl, told } = teller(events, ctx.names, out);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    tl.next = i + 1;
    if (told.has(i)) continue;
    const handler = HANDLERS[e.type] as Handler<EventType> | undefined;
    // Failure reports of the warm-up count too: a decision after t=0 may rest on them.
    if (handler === undefined || (e.t < 0 && e.type !== 'failure-report')) continue;
    if (e.type === 'pfail' && tl.pfailSeen.has(`${e.node}>${e.subject}`)) continue;
    const who = tl.n(e.node);
    const summary = summarise(e, i, tl, tl.n);
    if (summary === null) {
      handler(e, who, tl);
      continue;
    }
    out.push({ t: e.t, node: summary.node, text: summary.text });
    for (const x of summary.told) if (x.type === 'pfail') tl.pfailSeen.add(`${x.node}>${x.subject}`);
  }
  return out;
}

/** Events after t=0 grouped into narrated lines. */
export function narrate(events: readonly SimEvent[], ctx: NarrationContext): string[] {
  return narrationItems(events, ctx).map(narrationLine);
}
