// redis-cli --cluster reshard host:port --cluster-from <ids|all>
// --cluster-to <id> --cluster-slots <n> [--cluster-yes] [--cluster-pipeline n]
// (clusterManagerCommandReshard): refuse a cluster with problems, plan which
// slots leave which source (clusterManagerComputeReshardTable), show the
// plan, and move the slots one by one.
//
// The real tool asks on the terminal for anything not given as an option;
// the answers come from the scenario's `stdin:`, one line per question. When
// stdin has no more lines the real tool would ask forever; the simulated one
// stops there and exits 1.

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

/** A prompt stdin has no answer for: the real tool would ask forever; the simulated one stops. */
function unanswered(cm: ClusterManager, option: string): false {
  cm.out.err(`\n(simulated redis-cli: stdin has no more answers; pass ${option} or give stdin:)\n`);
  return false;
}

/** "How many slots…?" until a number in 1…16384 (atoi of up to 5 typed bytes), or null at the end of stdin. */
function askSlots(cm: ClusterManager): number | null {
  for (;;) {
    cm.out.out(`How many slots do you want to move (from 1 to ${CLUSTER_MANAGER_SLOTS})? `);
    const line = cm.readLine(6);
    if (line === null) return null;
    const n = atoi(line);
    if (n > 0 && n <= CLUSTER_MANAGER_SLOTS) return n;
  }
}

/** "What is the receiving node ID?" until a non-empty line, or null at the end of stdin. */
function askTo(cm: ClusterManager): string | null {
  for (;;) {
    cm.out.out('What is the receiving node ID? ');
    const line = cm.readLine(255);
    if (line === null) return null;
    if (line.length > 0) return line;
  }
}

interface Sources {
  nodes: CliNode[];
  all: boolean;
}

/**
 * The sources typed one per prompt until `done` or `all`, each checked as it
 * is typed (a refusal is printed before the next prompt; an unknown node
 * ends the tool). null at the end of stdin, false when the tool must stop.
 */
function askSources(cm: ClusterManager, target: CliNode): Sources | null | false {
  cm.out.out("Please enter all the source node IDs.\n  Type 'all' to use all the nodes as source nodes for the hash slots.\n  Type 'done' once you entered all the source nodes IDs.\n");
  const nodes: CliNode[] = [];
  for (;;) {
    cm.out.out(`Source node #${nodes.length + 1}: `);
    const line = cm.readLine(255);
    if (line === null) return null;
    if (line === 'done') return { nodes, all: false };
    if (line === 'all') return { nodes, all: true };
    const src = nodeForResharding(cm, line, target);
    if (src.node) nodes.push(src.node);
    else if (src.raise) return false;
  }
}

/** --cluster-from a,b,…|all: the same checks; only a trailing empty word is skipped ("a,b,"), an empty one inside is an unknown node. */
function sourcesFromOption(cm: ClusterManager, from: string, target: CliNode): Sources | false {
  const nodes: CliNode[] = [];
  const ids = from.split(',');
  for (const [i, id] of ids.entries()) {
    if (id === 'all') return { nodes, all: true };
    if (id.length === 0 && i === ids.length - 1) continue;
    const src = nodeForResharding(cm, id, target);
    if (src.node) nodes.push(src.node);
    else if (src.raise) return false;
  }
  return { nodes, all: false };
}

/** atoi(): leading blanks, a sign, digits; anything else ends the number (0 if none). */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

export function* clusterManagerCommandReshard(cm: ClusterManager, argv: readonly string[]): Proc<boolean> {
  const out = cm.out;
  if (!(yield* loadInfoFromArgs(cm, argv))) return false;
  yield* checkCluster(cm, false);
  if (cm.errors.length > 0) {
    out.err('*** Please fix your cluster problems before resharding\n');
    return false;
  }
  const slots = cm.cmd.slots || askSlots(cm);
  if (slots === null) return unanswered(cm, '--cluster-slots');
  const to = cm.cmd.to ?? askTo(cm);
  if (to === null) return unanswered(cm, '--cluster-to');
  const target = nodeForResharding(cm, to, null).node;
  if (target === null) return false;
  const given = cm.cmd.from !== null ? sourcesFromOption(cm, cm.cmd.from, target) : askSources(cm, target);
  if (given === null) return unanswered(cm, '--cluster-from');
  if (given === false) return false;
  const sources = given.all ? cm.masters().filter((n) => n.replicate === null && n.name !== target.name) : given.nodes;
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
