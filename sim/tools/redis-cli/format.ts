// The texts redis-cli builds from its node model: the `M:`/`S:` blocks
// (clusterManagerNodeInfo), slot lists as `[0-5460],[5462]`, the flags
// without `myself`, and printf's `%.2f`.

import { CLUSTER_MANAGER_SLOTS, type CliNode } from './node.ts';

/** clusterManagerNodeSlotsString: `[a-b]` per range, `[a]` per single slot, comma-separated. */
export function slotsString(slots: Uint8Array): string {
  const parts: string[] = [];
  let first = -1;
  for (let i = 0; i <= CLUSTER_MANAGER_SLOTS; i++) {
    const has = i < CLUSTER_MANAGER_SLOTS && slots[i] === 1;
    if (has && first < 0) first = i;
    if (!has && first >= 0) {
      parts.push(first === i - 1 ? `[${first}]` : `[${first}-${i - 1}]`);
      first = -1;
    }
  }
  return parts.join(',');
}

/** clusterManagerNodeFlagString: the node's flags as it printed them, minus `myself`. */
export function flagString(node: CliNode): string {
  return (node.flagsStr ?? []).filter((f) => f !== 'myself').join(',');
}

/** clusterManagerNodeInfo: the node's block, every line indented by `indent` spaces. */
export function nodeInfo(node: CliNode, indent: number): string {
  const sp = ' '.repeat(indent);
  let info = sp;
  if (node.dirty && node.replicate !== null) info += `S: ${node.name} ${node.ip}:${node.port}`;
  else {
    const role = node.isSlave ? 'S' : 'M';
    info += `${role}: ${node.name} ${node.ip}:${node.port}\n${sp}   slots:${slotsString(node.slots)} (${node.slotsCount} slots) ${flagString(node)}`;
  }
  if (node.replicate !== null) info += `\n${sp}   replicates ${node.replicate}`;
  else if (node.replicasCount) info += `\n${sp}   ${node.replicasCount} additional replica(s)`;
  return info;
}

/**
 * printf("%.2f", x) as glibc prints it: the exact binary value rounded to
 * two decimals, ties to even (JavaScript's toFixed rounds ties up).
 */
export function fixed2(x: number): string {
  const scaled = x * 100;
  const floor = Math.floor(scaled);
  const frac = scaled - floor;
  // x * 100 is exact for the dyadic values redis-cli prints (keys/16384, weights, thresholds).
  if (frac === 0.5 && (floor + 0.5) / 100 === x) {
    const even = floor % 2 === 0 ? floor : floor + 1;
    return (even / 100).toFixed(2);
  }
  return x.toFixed(2);
}

/** C's (float) cast: keep the arithmetic of float-typed expressions in single precision. */
export const f32 = Math.fround;
