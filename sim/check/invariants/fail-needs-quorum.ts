// fail-needs-quorum: a node marks another FAIL only with a quorum: valid
// failure reports (younger than NT × 2) from masters, plus itself if it is
// a master, at least floor(size / 2) + 1, size being the masters with slots
// as of its last clusterUpdateState (§9.3, markNodeAsFailingIfNeeded). FAIL
// is what lets a replica take over; marking it without a majority would let
// a minority depose a master the majority still reaches.
//
// Checked against the marking node's table as it is when `fail` is emitted
// (its failure reports are still there), not against the event's own list.
// A report counts if its reporter is a master in that table, or was one
// when it reported: a `role-seen` event showed it turning replica at or
// after the report (a reporter demoted in between still counts in 7.0).

import { CLUSTER_FAIL_REPORT_VALIDITY_MULT } from '../../cluster/constants.ts';
import { nodeIsMaster } from '../../cluster/node.ts';
import { unixMs } from '../../core/time.ts';
import type { NodeIx, SimEvent } from '../../events/types.ts';
import { entryOf, viewOf, type Invariant, type InvariantWorld, type Violation } from './types.ts';

export class FailNeedsQuorum implements Invariant {
  readonly name = 'fail-needs-quorum' as const;
  /** `observer>subject` → last time (unix ms) the observer saw the subject turn replica. */
  private readonly demoted = new Map<string, number>();

  onEvent(e: SimEvent, w: InvariantWorld): Violation | undefined {
    if (e.type === 'role-seen' && e.role === 'replica') {
      this.demoted.set(`${e.node}>${e.subject}`, unixMs(e.t));
      return undefined;
    }
    if (e.type !== 'fail') return undefined;
    const n = (ix: NodeIx): string => w.names.name(ix);
    const observer = n(e.node);
    const subject = n(e.subject);
    const bad = (why: string, nodes: string[] = []): Violation => ({
      invariant: this.name,
      atMs: e.t,
      why: `${observer} marked ${subject} FAIL, but ${why}`,
      event: e,
      nodes: [observer, subject, ...nodes],
    });
    const cs = viewOf(w, e.node)?.cs;
    if (!cs) return bad('it has no running server');
    const failing = entryOf(cs, e.subject, w);
    if (!failing) return bad(`it does not know ${subject}`);

    const needed = Math.floor(cs.size / 2) + 1;
    const claimed = e.needed;
    if (claimed !== needed) return bad(`it claimed a quorum of ${claimed} where floor(size ${cs.size} / 2) + 1 = ${needed}`);
    const now = cs.env.mstime();
    const validity = cs.nodeTimeout * CLUSTER_FAIL_REPORT_VALIDITY_MULT;
    const valid: string[] = [];
    const invalid: string[] = [];
    for (const fr of failing.failReports) {
      const who = w.nameOf(fr.node.name);
      const whoIx = w.names.processOfId(fr.node.name);
      const wasMaster = nodeIsMaster(fr.node) || (whoIx !== undefined && (this.demoted.get(`${e.node}>${whoIx}`) ?? -Infinity) >= fr.time);
      if (now - fr.time > validity) invalid.push(`${who} (report ${now - fr.time} ms old)`);
      else if (!wasMaster) invalid.push(`${who} (a replica)`);
      else if (fr.node === failing) invalid.push(`${who} (about itself)`);
      else valid.push(who);
    }
    if (nodeIsMaster(cs.myself)) valid.push(observer);
    if (valid.length >= needed) return undefined;
    const text = `${valid.length} valid voice${valid.length === 1 ? '' : 's'} (${valid.join(', ') || 'none'})`;
    return bad(`only ${text} of ${needed} needed${invalid.length ? `; not counted: ${invalid.join(', ')}` : ''}`, valid);
  }
}
