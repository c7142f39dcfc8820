// The story `sim run` tells on stdout: the key moments of a run, each with
// the reason behind its timing, in simulated seconds. Built from events
// only, so it reads the same for a live run and for a replayed one.

import type { NodeNames } from '../events/names.ts';
import { NONE, type NodeIx, type SimEvent } from '../events/types.ts';
import { eventDetail } from '../events/vocabulary.ts';

export interface NarrationContext {
  /** Who is who in the events. */
  names: NodeNames;
}

const sec = (ms: number): string => `${(ms / 1000).toFixed(3)}s`;

function line(t: number, node: string, text: string): string {
  return `  ${sec(t).padStart(9)}  ${node.padEnd(4)} ${text}`;
}

const words = (s: string): string => s.replace(/-/g, ' ');

/**
 * A `redis:` step and its reply as redis-cli printed it; a reply of several
 * lines (an array, CLUSTER NODES, INFO) continues under the first, indented.
 */
function commandLines(t: number, who: string, command: string, reply: string): string[] {
  const [first, ...rest] = reply.split('\n');
  const head = line(t, who, `${command} → ${first}`);
  return [head, ...rest.map((l) => `${' '.repeat(21)}${l}`)];
}

/** Events after t=0 grouped into narrated lines. */
export function narrate(events: readonly SimEvent[], ctx: NarrationContext): string[] {
  const names = ctx.names;
  const n = (ix: NodeIx): string => names.name(ix);
  const out: string[] = [];
  const pfailSeen = new Set<string>();
  /** Events already told as part of a summary line. */
  const consumed = new Set<number>();
  /** Indexes after `from` within `windowMs` of `t0` matching `pred`, marked consumed. */
  const absorb = (from: number, t0: number, windowMs: number, pred: (x: SimEvent) => boolean): SimEvent[] => {
    const got: SimEvent[] = [];
    for (let k = from; k < events.length && events[k]!.t - t0 <= windowMs; k++) {
      if (!consumed.has(k) && pred(events[k]!)) {
        consumed.add(k);
        got.push(events[k]!);
      }
    }
    return got;
  };
  let i = 0;
  while (i < events.length) {
    const e = events[i]!;
    i++;
    if (e.t < 0 || consumed.has(i - 1)) continue;
    const who = n(e.node);
    switch (e.type) {
      case 'fault':
        out.push(line(e.t, who, `▶ ${eventDetail(e, names).replace(/^action=/, '')}`));
        break;
      case 'pfail': {
        const key = `${e.node}>${e.subject}`;
        if (pfailSeen.has(key)) break;
        pfailSeen.add(key);
        out.push(line(e.t, who, `${n(e.subject)} is PFAIL: no PONG for ${(e.noPongMs / 1000).toFixed(1)} s > cluster-node-timeout ${e.timeoutMs} ms`));
        break;
      }
      case 'pfail-cleared':
        out.push(line(e.t, who, `${n(e.subject)} answers again: PFAIL cleared`));
        break;
      case 'fail': {
        const subject = e.subject;
        const reporters = e.reporters.map(n).filter(Boolean);
        out.push(line(e.t, who, `FAIL ${n(subject)}: ${reporters.length} of ${e.needed} required master reports (${reporters.join(', ')})`));
        // The broadcast that follows, and the state changes it causes, in two lines.
        const heard = absorb(i, e.t, 50, (x) => x.type === 'fail-received' && x.subject === subject);
        if (heard.length > 0) {
          const last = heard[heard.length - 1]!.t;
          // Stamped with the FAIL's own time so the narration stays in time order.
          out.push(line(e.t, '', `  FAIL ${n(subject)} reached ${heard.length} more node${heard.length === 1 ? '' : 's'} within ${(last - e.t).toFixed(1)} ms`));
        }
        break;
      }
      case 'fail-received':
        out.push(line(e.t, who, `learns ${n(e.subject)} is FAIL from ${n(e.from)}`));
        break;
      case 'fail-cleared':
        out.push(line(e.t, who, `clears FAIL of ${n(e.subject)} (${words(e.reason)})`));
        break;
      case 'state': {
        const state = e.state;
        const nodes = [who, ...absorb(i, e.t, 50, (x) => x.type === 'state' && x.state === state).map((x) => n(x.node))];
        const why =
          e.reason === 'owner-fail'
            ? ` (slot ${e.slot} is served by FAIL ${n(e.owner)})`
            : e.reason === 'minority'
              ? ` (only ${e.reachable} of ${e.size} masters reachable)`
              : e.reason === 'unassigned'
                ? ` (slot ${e.slot} unassigned)`
                : '';
        out.push(line(e.t, nodes.length === 1 ? who : '', `cluster_state ${state} on ${nodes.join(', ')}${why}`));
        break;
      }
      case 'election-scheduled':
        out.push(
          line(
            e.t,
            who,
            e.manual
              ? `election at once (manual failover), offset ${e.offset}`
              : `election in ${e.delayMs} ms = ${e.fixedMs} fixed + ${e.randomMs} random + rank ${e.rank} × 1000 (offset ${e.offset})`,
          ),
        );
        break;
      case 'election-started':
        out.push(line(e.t, who, `asks for votes, epoch ${e.epoch} (needs ${e.needed})`));
        break;
      case 'vote-granted':
        out.push(line(e.t, who, `votes for ${n(e.subject)} in epoch ${e.epoch}`));
        break;
      case 'vote-denied':
        out.push(line(e.t, who, `refuses ${n(e.subject)} in epoch ${e.epoch}: ${words(e.reason)}`));
        break;
      case 'election-won':
        out.push(line(e.t, who, `wins epoch ${e.epoch} with ${e.votes} votes: replaces ${n(e.subject)} as master`));
        break;
      case 'election-expired':
        out.push(line(e.t, who, `election for epoch ${e.epoch} expired with ${e.votes} votes`));
        break;
      case 'role':
        if (e.node === e.subject) out.push(line(e.t, who, e.role === 'master' ? 'is now a master' : `is now a replica of ${n(e.master)}`));
        break;
      case 'update-sent':
        out.push(line(e.t, who, `tells ${n(e.subject)} its slots belong to ${n(e.about)} now (UPDATE, epoch ${e.epoch})`));
        break;
      case 'config-epoch':
        if (e.reason !== 'failover') out.push(line(e.t, who, `configEpoch → ${e.epoch} (${e.reason}${e.with !== NONE ? ` with ${n(e.with)}` : ''})`));
        break;
      case 'manual-failover':
        out.push(line(e.t, who, `manual failover: ${words(e.step)}${e.offset >= 0 ? ` (offset ${e.offset})` : ''}`));
        break;
      case 'replica-migrated':
        out.push(line(e.t, who, `migrates from ${n(e.from)} to orphaned master ${n(e.to)}`));
        break;
      case 'command':
        out.push(...commandLines(e.t, who, e.command, e.reply));
        break;
      default:
        break; // write-lost is listed after the timeline, with explanations
    }
  }
  return out;
}
