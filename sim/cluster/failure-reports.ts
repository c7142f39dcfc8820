// Failure reports: "master X told me (in gossip) that node N is PFAIL or
// FAIL". One report per reporter, timestamped with the last time it was
// repeated, valid for cluster-node-timeout × 2. The quorum check of
// markNodeAsFailingIfNeeded counts them.
//
// Gossip asks about reports for every entry of every packet, and almost
// every node has none: those questions read the store's shared empty list
// and allocate nothing.

import { CLUSTER_FAIL_REPORT_VALIDITY_MULT } from './constants.ts';
import type { ClusterNode, FailReport } from './node.ts';
import { H_REPORTS } from './node-store.ts';
import type { ClusterState } from './state.ts';

/** clusterNodeAddFailureReport: true if the report is new, false if refreshed. */
export function clusterNodeAddFailureReport(cs: ClusterState, failing: ClusterNode, sender: ClusterNode): boolean {
  const now = cs.env.mstime();
  for (const fr of failing.s.failReports[failing.i]!) {
    if (fr.node === sender) {
      fr.time = now;
      return false;
    }
  }
  failing.failReports.push({ node: sender, time: now });
  failing.s.reportsChanged(failing.i);
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
}

/** clusterNodeDelFailureReport: true if sender had a report about n. */
export function clusterNodeDelFailureReport(cs: ClusterState, n: ClusterNode, sender: ClusterNode): boolean {
  const reports = n.s.failReports[n.i]!;
  if (reports.length === 0) return false;
  const i = reports.findIndex((fr) => fr.node === sender);
  if (i < 0) return false;
  reports.splice(i, 1);
  n.s.reportsChanged(n.i);
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
