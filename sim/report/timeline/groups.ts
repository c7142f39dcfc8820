// Lane groups: each master with the replicas it had when the scenario
// started (t=0, or a node's first view when it started later), so that a
// large cluster's page can fold a group into one lane. A node that was no
// replica of a lane's master then (a spare, a node not yet met) is a group
// of its own. Groups follow the lane order of their first lane.

import type { NodeNames } from '../../events/names.ts';
import type { ViewRecorder } from './view-recorder.ts';

/** Pages of more than this many nodes open with every group folded. */
export const COLLAPSE_ABOVE = 30;

/** The master ID (or '' for none) a node's own CLUSTER NODES line names, in a snapshot. */
function masterIdIn(lines: readonly string[], snap: readonly number[]): string | undefined {
  for (const li of snap) {
    const fields = lines[li]!.split('\t', 1)[0]!.split(' ');
    const flags = (fields[2] ?? '').split(',');
    if (!flags.includes('myself')) continue;
    return flags.includes('slave') && fields[3] && fields[3] !== '-' ? fields[3] : '';
  }
  return undefined;
}

/** The master lane each lane replicated at t=0 (or when it first ran), or -1. */
function mastersAtStart(nodes: readonly string[], views: ViewRecorder, names: NodeNames): number[] {
  const laneOfName = new Map(nodes.map((n, k) => [n, k]));
  return nodes.map((_, k) => {
    const log = views.logs[k]!;
    let i = 0;
    while (i + 1 < log.snapAt.length && log.snapAt[i + 1]! <= 0) i++;
    for (; i < log.snaps.length; i++) {
      const snap = log.snaps[i];
      if (!snap) continue;
      const id = masterIdIn(views.lines, snap);
      if (id === undefined) continue;
      if (id === '') return -1;
      const ix = names.processOfId(id);
      return ix === undefined ? -1 : (laneOfName.get(names.name(ix)) ?? -1);
    }
    return -1;
  });
}

/** Lanes in groups, in display order: a master, then its replicas; others alone. */
export function laneGroups(nodes: readonly string[], views: ViewRecorder, names: NodeNames): number[][] {
  const masterOf = mastersAtStart(nodes, views, names);
  const groupOf = new Map<number, number[]>();
  const groups: number[][] = [];
  nodes.forEach((_, k) => {
    const m = masterOf[k]!;
    // A replica of a replica (or of itself) would make a chain: it stands alone.
    const head = m >= 0 && m !== k && masterOf[m] === -1 ? m : k;
    let g = groupOf.get(head);
    if (!g) {
      groupOf.set(head, (g = []));
      groups.push(g);
    }
    if (head === k) g.unshift(k);
    else g.push(k);
  });
  // A group's place is its head's lane.
  return groups.sort((a, b) => a[0]! - b[0]!);
}
