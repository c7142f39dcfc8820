// redis-cli --cluster rebalance host:port [--cluster-weight id=w…]
// [--cluster-use-empty-masters] [--cluster-threshold t] [--cluster-simulate]
// (clusterManagerCommandRebalance): every master involved should hold
// 16384 × weight / total weight slots. Nothing happens unless some node is
// off by more than the threshold (percent). Then nodes are sorted by
// balance (slots to give, negative: to take) and slots flow from the end of
// the list to its start, quietly, one `#` per slot.

import type { Proc } from './effects.ts';
import { checkCluster } from './check.ts';
import { f32, fixed2 } from './format.ts';
import { loadInfoFromArgs } from './load.ts';
import type { ClusterManager } from './manager.ts';
import { moveSlot, OPT_QUIET, OPT_UPDATE } from './move-slot.ts';
import { CLUSTER_MANAGER_SLOTS, CliNode } from './node.ts';
import { computeReshardTable } from './reshard.ts';

/** C's atof: the leading decimal number, 0 when there is none. */
const atof = (s: string): number => {
  const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(s);
  return m ? Number(m[0]) : 0;
};

export function* clusterManagerCommandRebalance(cm: ClusterManager, argv: readonly string[]): Proc<boolean> {
  const out = cm.out;
  if (!(yield* loadInfoFromArgs(cm, argv))) return false;
  for (const w of cm.cmd.weights ?? []) {
    const eq = w.indexOf('=');
    if (eq < 0) {
      out.log(`*** invalid input ${w}\n`);
      return false;
    }
    const n = cm.nodeByAbbreviatedName(w.slice(0, eq));
    if (!n) {
      out.log(`*** No such master node ${w.slice(0, eq)}\n`);
      return false;
    }
    n.weight = f32(atof(w.slice(eq + 1)));
  }
  // The masters involved and the total weight (float, as in redis-cli).
  let totalWeight = f32(0);
  const involved: CliNode[] = [];
  for (const n of cm.nodes ?? []) {
    if (n.isSlave || n.replicate !== null) continue;
    if (!cm.cmd.useEmptyMasters && n.slotsCount === 0) {
      n.weight = 0;
      continue;
    }
    totalWeight = f32(totalWeight + n.weight);
    involved.push(n);
  }
  yield* checkCluster(cm, true);
  if (cm.errors.length > 0) {
    out.log('*** Please fix your cluster problems before rebalancing\n');
    return false;
  }
  // Balance: slots to give (positive) or take (negative) to reach the weighted share.
  const threshold = cm.cmd.threshold;
  let thresholdReached = false;
  let totalBalance = 0;
  for (const n of involved) {
    const expected = Math.trunc(f32(f32(CLUSTER_MANAGER_SLOTS / totalWeight) * n.weight));
    n.balance = n.slotsCount - expected;
    totalBalance += n.balance;
    if (threshold > 0) {
      if (n.slotsCount > 0) {
        const errPerc = Math.abs(100 - (100.0 * expected) / n.slotsCount);
        if (errPerc > threshold) thresholdReached = true;
      } else if (expected > 1) thresholdReached = true;
    }
  }
  if (!thresholdReached) {
    out.log(`*** No rebalancing needed! All nodes are within the ${fixed2(threshold)}% threshold.\n`);
    return true;
  }
  // Rounding may leave slots nobody takes: the receiving nodes take one more each until it adds up.
  while (totalBalance > 0) {
    for (const n of involved) {
      if (n.balance <= 0 && totalBalance > 0) {
        n.balance--;
        totalBalance--;
      }
    }
  }
  // glibc's qsort is a merge sort here: stable, like Array.prototype.sort.
  const weighted = [...involved].sort((a, b) => a.balance - b.balance);
  out.log(`>>> Rebalancing across ${involved.length} nodes. Total weight = ${fixed2(totalWeight)}\n`);
  if (cm.cmd.verbose) for (const n of weighted) out.out(`${n.ip}:${n.port} balance is ${n.balance} slots\n`);
  let dstIdx = 0;
  let srcIdx = weighted.length - 1;
  while (dstIdx < srcIdx) {
    const dst = weighted[dstIdx]!;
    const src = weighted[srcIdx]!;
    const numslots = Math.min(Math.abs(dst.balance), Math.abs(src.balance));
    if (numslots > 0) {
      out.out(`Moving ${numslots} slots from ${src.ip}:${src.port} to ${dst.ip}:${dst.port}\n`);
      const table = computeReshardTable([src], numslots);
      if (table.length !== numslots) {
        out.log('*** Assertion failed: Reshard table != number of slots');
        return false;
      }
      if (cm.cmd.simulate) out.out('#'.repeat(table.length));
      else {
        for (const item of table) {
          const moved = yield* moveSlot(cm, item.source, dst, item.slot, OPT_QUIET | OPT_UPDATE, true);
          if (!moved.ok) {
            out.log(`*** clusterManagerMoveSlot: ${moved.err ?? '(null)'}\n`);
            return false;
          }
          out.out('#');
        }
      }
      out.out('\n');
    }
    dst.balance += numslots;
    src.balance -= numslots;
    if (dst.balance === 0) dstIdx++;
    if (src.balance === 0) srcIdx--;
  }
  return true;
}
