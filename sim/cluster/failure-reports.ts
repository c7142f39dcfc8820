// Failure reports: "master X told me (in gossip) that node N is PFAIL or
// FAIL". One report per reporter, timestamped with the last time it was
// repeated, valid for cluster-node-timeout × 2. The quorum check of
// markNodeAsFailingIfNeeded counts them.
//
// Gossip asks about reports for every entry of every packet, and almost
// every node has none: those questions read the store's shared empty list
// and allocate nothing.
//
// Each change (a new report, one withdrawn, one pruned as expired) is a
// `failure-report` event, so that the quorum can be watched forming;
// refreshing a report already held is not (it happens with every gossip
// entry that repeats it).

import { CLUSTERMSG_TYPE_MEET, CLUSTERMSG_TYPE_PING, CLUSTERMSG_TYPE_PONG, CLUSTER_FAIL_REPORT_VALIDITY_MULT, CLUSTER_NODE_FAIL } from './constants.ts';
import { nodeIsMaster, type ClusterNode, type FailReport } from './node.ts';
import { H_REPORTS } from './node-store.ts';
import type { ClusterState } from './state.ts';

/** The message whose gossip section carried a report, as the event names it. */
function via(msgType: number): '' | 'ping' | 'pong' | 'meet' {
  return msgType === CLUSTERMSG_TYPE_PING ? 'ping' : msgType === CLUSTERMSG_TYPE_PONG ? 'pong' : msgType === CLUSTERMSG_TYPE_MEET ? 'meet' : '';
}

/** Reports about `n` still valid now, without pruning (pruning stays where Redis does it). */
function validReports(cs: ClusterState, n: ClusterNode): number {
  const reports = n.s.failReports[n.i]!;
  const maxtime = cs.nodeTimeout * CLUSTER_FAIL_REPORT_VALIDITY_MULT;
  const now = cs.env.mstime();
  let valid = 0;
  for (let i = 0; i < reports.length; i++) if (now - reports[i]!.time <= maxtime) valid++;
  return valid;
}

function reportEvent(
  cs: ClusterState,
  failing: ClusterNode,
  reporter: ClusterNode,
  step: 'added' | 'removed' | 'expired',
  flags: number,
  msgType: number,
  ageMs: number,
): void {
  cs.env.emit({
    type: 'failure-report',
    subject: cs.env.nodeIx(failing.name),
    reporter: cs.env.nodeIx(reporter.name),
    step,
    flag: step !== 'added' ? '' : flags & CLUSTER_NODE_FAIL ? 'fail' : 'pfail',
    via: via(msgType),
    reports: validReports(cs, failing),
    self: nodeIsMaster(cs.myself),
    needed: Math.floor(cs.size / 2) + 1,
    ageMs,
  });
}

/**
 * clusterNodeAddFailureReport: true if the report is new, false if
 * refreshed. `flags` (the gossip entry's) and `msgType` (the message that
 * carried it) only describe a new report's event.
 */
export function clusterNodeAddFailureReport(cs: ClusterState, failing: ClusterNode, sender: ClusterNode, flags = 0, msgType = -1): boolean {
  const now = cs.env.mstime();
  for (const fr of failing.s.failReports[failing.i]!) {
    if (fr.node === sender) {
      fr.time = now;
      return false;
    }
  }
  failing.failReports.push({ node: sender, time: now });
  failing.s.reportsChanged(failing.i);
  reportEvent(cs, failing, sender, 'added', flags, msgType, -1);
  return true;
}

/** clusterNodeCleanupFailureReports: drop reports older than NT × 2. */
export function clusterNodeCleanupFailureReports(cs: ClusterState, n: ClusterNode): void {
  const reports = n.s.failReports[n.i]!;
  if (reports.length === 0) return;
  const maxtime = cs.nodeTimeout * CLUSTER_FAIL_REPORT_VALIDITY_MULT;
  const now = cs.env.mstime();
  // Called for every gossip entry: allocate only when something expired.
  if (reports.every((fr) => now - fr.time <= maxtime)) return;
  n.failReports = reports.filter((fr: FailReport) => now - fr.time <= maxtime);
  for (const fr of reports) if (now - fr.time > maxtime) reportEvent(cs, n, fr.node, 'expired', 0, -1, now - fr.time);
}

/**
 * clusterNodeDelFailureReport: true if sender had a report about n.
 * `msgType`: the message whose gossip withdrew it (-1: the sender was
 * deleted from the table).
 */
export function clusterNodeDelFailureReport(cs: ClusterState, n: ClusterNode, sender: ClusterNode, msgType = -1): boolean {
  const reports = n.s.failReports[n.i]!;
  if (reports.length === 0) return false;
  const i = reports.findIndex((fr) => fr.node === sender);
  if (i < 0) return false;
  reports.splice(i, 1);
  n.s.reportsChanged(n.i);
  reportEvent(cs, n, sender, 'removed', 0, msgType, -1);
  clusterNodeCleanupFailureReports(cs, n);
  return true;
}

/** clusterNodeFailureReportsCount: valid reports (expired ones are pruned first). */
export function clusterNodeFailureReportsCount(cs: ClusterState, n: ClusterNode): number {
  clusterNodeCleanupFailureReports(cs, n);
  return n.s.failReports[n.i]!.length;
}

/** clusterNodeFailureReportsCount for the entry in `row` of the table. */
export function clusterRowFailureReportsCount(cs: ClusterState, row: number): number {
  if (cs.store.i32[(row << 4) + H_REPORTS] === 0) return 0;
  return clusterNodeFailureReportsCount(cs, cs.store.handle[row]!);
}
