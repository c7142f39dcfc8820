// The story `sim run` tells on stdout: the key moments of a run, each with
// the reason behind its timing, in simulated seconds. Built from events
// only, so it reads the same for a live run and for a replayed one.

import type { SimEvent } from '../events/recorder.ts';

export interface NarrationContext {
  /** cluster-node-timeout of the node that logged the event. */
  nodeTimeoutOf(node: string): number;
}

const sec = (ms: number): string => `${(ms / 1000).toFixed(3)}s`;

function kv(detail: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of detail.split(' ')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i)] = part.slice(i + 1);
  }
  return out;
}

function line(t: number, node: string, text: string): string {
  return `  ${sec(t).padStart(9)}  ${node.padEnd(4)} ${text}`;
}

/** Events after t=0 grouped into narrated lines. */
export function narrate(events: readonly SimEvent[], ctx: NarrationContext): string[] {
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
    const d = kv(e.detail);
    switch (e.event) {
      case 'fault':
        out.push(line(e.t, e.node === '*' ? '' : e.node, `▶ ${e.detail.replace(/^action=/, '')}`));
        break;
      case 'pfail': {
        const key = `${e.node}>${e.subject}`;
        if (pfailSeen.has(key)) break;
        pfailSeen.add(key);
        const nt = Number(d.timeout ?? ctx.nodeTimeoutOf(e.node));
        out.push(line(e.t, e.node, `${e.subject} is PFAIL: no PONG for ${(Number(d.no_pong_ms) / 1000).toFixed(1)} s > cluster-node-timeout ${nt} ms`));
        break;
      }
      case 'pfail-cleared':
        out.push(line(e.t, e.node, `${e.subject} answers again: PFAIL cleared`));
        break;
      case 'fail': {
        const reporters = (d.reporters ?? '').split(',').filter(Boolean);
        out.push(line(e.t, e.node, `FAIL ${e.subject}: ${reporters.length} of ${d.needed} required master reports (${reporters.join(', ')})`));
        // The broadcast that follows, and the state changes it causes, in two lines.
        const heard = absorb(i, e.t, 50, (x) => x.event === 'fail-received' && x.subject === e.subject);
        if (heard.length > 0) {
          const last = heard[heard.length - 1]!.t;
          // Stamped with the FAIL's own time so the narration stays in time order.
          out.push(line(e.t, '', `  FAIL ${e.subject} reached ${heard.length} more node${heard.length === 1 ? '' : 's'} within ${(last - e.t).toFixed(1)} ms`));
        }
        break;
      }
      case 'fail-received':
        out.push(line(e.t, e.node, `learns ${e.subject} is FAIL from ${d.from}`));
        break;
      case 'fail-cleared':
        out.push(line(e.t, e.node, `clears FAIL of ${e.subject} (${(d.reason ?? '').replace(/-/g, ' ')})`));
        break;
      case 'state': {
        const nodes = [e.node, ...absorb(i, e.t, 50, (x) => x.event === 'state' && x.detail.startsWith(`state=${d.state}`)).map((x) => x.node)];
        const why =
          d.reason === 'owner-fail'
            ? ` (slot ${d.slot} is served by FAIL ${d.owner})`
            : d.reason === 'minority'
              ? ` (only ${d.reachable} of ${d.size} masters reachable)`
              : d.reason === 'unassigned'
                ? ` (slot ${d.slot} unassigned)`
                : '';
        out.push(line(e.t, nodes.length === 1 ? e.node : '', `cluster_state ${d.state} on ${nodes.join(', ')}${why}`));
        break;
      }
      case 'election-scheduled':
        out.push(
          line(
            e.t,
            e.node,
            d.manual
              ? `election at once (manual failover), offset ${d.offset}`
              : `election in ${d.delay} ms = 500 fixed + ${d.random} random + rank ${d.rank} × 1000 (offset ${d.offset})`,
          ),
        );
        break;
      case 'election-started':
        out.push(line(e.t, e.node, `asks for votes, epoch ${d.epoch} (needs ${d.needed})`));
        break;
      case 'vote-granted':
        out.push(line(e.t, e.node, `votes for ${e.subject} in epoch ${d.epoch}`));
        break;
      case 'vote-denied':
        out.push(line(e.t, e.node, `refuses ${e.subject} in epoch ${d.epoch}: ${(d.reason ?? '').replace(/-/g, ' ')}`));
        break;
      case 'election-won':
        out.push(line(e.t, e.node, `wins epoch ${d.epoch} with ${d.votes} votes: replaces ${e.subject} as master`));
        break;
      case 'election-expired':
        out.push(line(e.t, e.node, `election for epoch ${d.epoch} expired with ${d.votes} votes`));
        break;
      case 'role':
        if (e.node === e.subject)
          out.push(line(e.t, e.node, d.role === 'master' ? 'is now a master' : `is now a replica of ${d.master}`));
        break;
      case 'update-sent':
        out.push(line(e.t, e.node, `tells ${e.subject} its slots belong to ${d.about} now (UPDATE, epoch ${d.epoch})`));
        break;
      case 'config-epoch':
        if (d.reason !== 'failover') out.push(line(e.t, e.node, `configEpoch → ${d.epoch} (${d.reason}${d.with ? ` with ${d.with}` : ''})`));
        break;
      case 'manual-failover':
        out.push(line(e.t, e.node, `manual failover: ${(d.step ?? '').replace(/-/g, ' ')}${d.offset ? ` (offset ${d.offset})` : ''}`));
        break;
      case 'replica-migrated':
        out.push(line(e.t, e.node, `migrates from ${d.from} to orphaned master ${d.to}`));
        break;
      case 'command': {
        const m = /^command=("(?:[^"\\]|\\.)*") reply=("(?:[^"\\]|\\.)*")$/.exec(e.detail);
        if (m) out.push(line(e.t, e.node, `${JSON.parse(m[1]!)} → ${JSON.parse(m[2]!)}`));
        break;
      }
      case 'write-lost':
        break; // listed after the timeline, with explanations
      default:
        break;
    }
  }
  return out;
}
