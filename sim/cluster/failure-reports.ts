// Failure reports: "master X told me (in gossip) that node N is PFAIL or
// FAIL". One report per reporter, timestamped with the last time it was
// repeated, valid for cluster-node-timeout × 2. The quorum check of
// markNodeAsFailingIfNeeded counts them.

import { CLUSTER_FAIL_REPORT_VALIDITY_MULT } from './constants.ts';
import type { ClusterNode } from './node.ts';
import type { ClusterState } from './state.ts';

/** clusterNodeAddFailureReport: true if the report is new, false if refreshed. */
export function clusterNodeAddFailureReport(cs: ClusterState, failing: ClusterNode, sender: ClusterNode): boolean {
  const now = cs.env.mstime();
  for (const fr of failing.failReports) {
    if (fr.node === sender) {
      fr.time = now;
      return false;
    }
  }
  failing.failReports.push({ node: sender, time: now });
  return true;
}

/** clusterNodeCleanupFailureReports: drop reports older than NT × 2. */
export function clusterNodeCleanupFailureReports(cs: ClusterState, n: ClusterNode): void {
  if (n.failReports.length === 0) return;
  const maxtime = cs.nodeTimeout * CLUSTER_FAIL_REPORT_VALIDITY_MULT;
  const now = cs.env.mstime();
  // Called for every gossip entry: allocate only when something expired.
  if (n.failReports.every((fr) => now - fr.time <= maxtime)) return;
  n.failReports = n.failReports.filter((fr) => now - fr.time <= maxtime);
}

/** clusterNodeDelFailureReport: true if sender had a report about n. */
export function clusterNodeDelFailureReport(cs: ClusterState, n: ClusterNode, sender: ClusterNode): boolean {
  const i = n.failReports.findIndex((fr) => fr.node === sender);
  if (i < 0) return false;
  n.failReports.splice(i, 1);
  clusterNodeCleanupFailureReports(cs, n);
  return true;
}

/** clusterNodeFailureReportsCount: valid reports (expired ones are pruned first). */
export function clusterNodeFailureReportsCount(cs: ClusterState, n: ClusterNode): number {
  clusterNodeCleanupFailureReports(cs, n);
  return n.failReports.length;
}
