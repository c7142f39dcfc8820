// redis-cli --cluster reshard host:port --cluster-from <ids|all>
// --cluster-to <id> --cluster-slots <n> [--cluster-yes] [--cluster-pipeline n]
// (clusterManagerCommandReshard): refuse a cluster with problems, plan which
// slots leave which source (clusterManagerComputeReshardTable), show the
// plan, and move the slots one by one.
//
// The real tool asks on the terminal for anything not given as an option.
// A scenario has no terminal: the prompt is printed and, with nothing to
// read, the simulated tool stops there instead of asking forever.

import type { Proc } from './effects.ts';
import { checkCluster } from './check.ts';
import { f32, nodeInfo } from './format.ts';
import { loadInfoFromArgs } from './load.ts';
import type { ClusterManager } from './manager.ts';
import { moveSlot, OPT_VERBOSE } from './move-slot.ts';
import { CLUSTER_MANAGER_SLOTS, CliNode } from './node.ts';

export interface ReshardItem {
  source: CliNode;
  slot: number;
}

/**
 * clusterManagerComputeReshardTable: sources by slot count (descending,
 * stable), each giving numslots × its share of the slots (the first rounded
 * up, the others down, in float), lowest slots first, never more than numslots.
 */
export function computeReshardTable(sources: readonly CliNode[], numslots: number): ReshardItem[] {
  const moved: ReshardItem[] = [];
  const total = sources.reduce((s, n) => s + n.slotsCount, 0);
  const sorted = [...sources].sort((a, b) => b.slotsCount - a.slotsCount);
  sorted.forEach((node, i) => {
    let n = f32(f32(f32(numslots) / f32(total)) * f32(node.slotsCount));
    n = i === 0 ? Math.ceil(n) : Math.floor(n);
    const max = Math.trunc(n);
    let count = 0;
    for (let j = 0; j < CLUSTER_MANAGER_SLOTS; j++) {
      if (!node.slots[j]) continue;
      if (count >= max || moved.length >= numslots) break;
      moved.push({ source: node, slot: j });
      count++;
    }
  });
  return moved;
}

/** clusterNodeForResharding: a known master, not the target. */
function nodeForResharding(cm: ClusterManager, id: string, target: CliNode | null): { node: CliNode | null; raise: boolean } {
  const node = cm.nodeByName(id);
  if (!node || node.isSlave) {
    cm.out.log(`*** The specified node (${id}) is not known or not a master, please retry.\n`);
    return { node: null, raise: true };
  }
  if (target !== null && node.name === target.name) {
    cm.out.log('*** It is not possible to use the target node as source node.\n');
    return { node: null, raise: false };
  }
  return { node, raise: false };
}

/** A prompt the simulated tool cannot have answered. */
function unanswered(cm: ClusterManager, prompt: string, option: string): false {
  cm.out.out(prompt);
  cm.out.err(`\n(simulated redis-cli: no terminal to answer; pass ${option})\n`);
  return false;
}

export function* clusterManagerCommandReshard(cm: ClusterManager, argv: readonly string[]): Proc<boolean> {
  const out = cm.out;
  if (!(yield* loadInfoFromArgs(cm, argv))) return false;
  yield* checkCluster(cm, false);
  if (cm.errors.length > 0) {
    out.err('*** Please fix your cluster problems before resharding\n');
    return false;
  }
  const slots = cm.cmd.slots;
  if (!slots) return unanswered(cm, `How many slots do you want to move (from 1 to ${CLUSTER_MANAGER_SLOTS})? `, '--cluster-slots');
  if (cm.cmd.to === null) return unanswered(cm, 'What is the receiving node ID? ', '--cluster-to');
  const target = nodeForResharding(cm, cm.cmd.to, null).node;
  if (target === null) return false;
  if (cm.cmd.from === null) {
    out.out("Please enter all the source node IDs.\n  Type 'all' to use all the nodes as source nodes for the hash slots.\n  Type 'done' once you entered all the source nodes IDs.\n");
    return unanswered(cm, 'Source node #1: ', '--cluster-from');
  }
  let sources: CliNode[] = [];
  let all = false;
  const ids = cm.cmd.from.split(',');
  for (const [i, id] of ids.entries()) {
    if (id === 'all') {
      all = true;
      break;
    }
    // Only a trailing empty word is skipped ("a,b,"); an empty one inside is an unknown node.
    if (id.length === 0 && i === ids.length - 1) continue;
    const src = nodeForResharding(cm, id, target);
    if (src.node) sources.push(src.node);
    else if (src.raise) return false;
  }
  if (all) sources = cm.masters().filter((n) => n.replicate === null && n.name !== target.name);
  if (sources.length === 0) {
    out.err('*** No source nodes given, operation aborted.\n');
    return false;
  }
  out.out(`\nReady to move ${slots} slots.\n  Source nodes:\n`);
  for (const src of sources) out.out(`${nodeInfo(src, 4)}\n`);
  out.out(`  Destination node:\n${nodeInfo(target, 4)}\n`);
  const table = computeReshardTable(sources, slots);
  out.out('  Resharding plan:\n');
  for (const item of table) out.out(`    Moving slot ${item.slot} from ${item.source.name}\n`);
  if (!cm.cmd.yes) {
    out.out('Do you want to proceed with the proposed reshard plan (yes/no)? ');
    if (cm.readAnswer(4) !== 'yes') return false;
  }
  for (const item of table) {
    const moved = yield* moveSlot(cm, item.source, target, item.slot, OPT_VERBOSE, true);
    if (!moved.ok) {
      if (moved.err !== null) out.log(`clusterManagerMoveSlot failed: ${moved.err}\n`);
      return false;
    }
  }
  return true;
}
