// The layout `--cluster create` proposes before touching any node: nodes
// interleaved by IP, the first N/(replicas+1) become masters with the slot
// space cut in float steps (lround, as redis-cli computes it), replicas
// assigned preferring another host, then the anti-affinity optimizer: up to
// 500 × nodes random swaps of two replicas' masters, kept unless the score
// gets worse. On one host the score cannot improve, so every swap is kept
// and the final pairing is random, an even permutation of the initial one;
// the randomness (rand() seeded by the clock in redis-cli) is the tool's PRNG.

import type { Prng } from '../../core/prng.ts';
import { f32 } from './format.ts';
import type { Output } from './output.ts';
import { CLUSTER_MANAGER_SLOTS, type CliNode } from './node.ts';

/** The masters' slot ranges: Master[i] -> Slots first - last. */
export function allocateSlots(mastersCount: number): [number, number][] {
  const out: [number, number][] = [];
  const slotsPerNode = f32(CLUSTER_MANAGER_SLOTS / f32(mastersCount));
  let first = 0;
  let cursor = f32(0);
  for (let i = 0; i < mastersCount; i++) {
    let last = Math.round(f32(f32(cursor + slotsPerNode) - 1));
    if (last > CLUSTER_MANAGER_SLOTS || i === mastersCount - 1) last = CLUSTER_MANAGER_SLOTS - 1;
    if (last < first) last = first;
    out.push([first, last]);
    first = last + 1;
    cursor = f32(cursor + slotsPerNode);
  }
  return out;
}

/** Nodes grouped by IP (in order of first appearance) and interleaved round-robin. */
export function interleaveByIp(nodes: readonly CliNode[]): { interleaved: CliNode[]; byIp: CliNode[][] } {
  const byIp: CliNode[][] = [];
  const index = new Map<string, number>();
  for (const n of nodes) {
    if (!index.has(n.ip)) {
      index.set(n.ip, byIp.length);
      byIp.push([]);
    }
    byIp[index.get(n.ip)!]!.push(n);
  }
  const interleaved: CliNode[] = [];
  for (let k = 0; interleaved.length < nodes.length; k++) for (const group of byIp) if (k < group.length) interleaved.push(group[k]!);
  return { interleaved, byIp };
}

/** Give every master its slots and pick replicas for it (the "Adding replica" lines). */
export function assignLayout(out: Output, nodes: readonly CliNode[], mastersCount: number, replicas: number): CliNode[][] {
  const { interleaved, byIp } = interleaveByIp(nodes);
  const masters = interleaved.slice(0, mastersCount);
  allocateSlots(mastersCount).forEach(([first, last], i) => {
    out.out(`Master[${i}] -> Slots ${first} - ${last}\n`);
    const m = masters[i]!;
    m.slotsCount = 0;
    for (let j = first; j <= last; j++) {
      m.slots[j] = 1;
      m.slotsCount++;
    }
    m.dirty = true;
  });
  // The rest, rotated by one: it sometimes starts the optimizer from a better place.
  const rest: (CliNode | null)[] = interleaved.slice(mastersCount);
  if (rest.length > 0) rest.push(rest.shift()!);
  let base = 0;
  let available = rest.length;
  for (let assignUnused = false; ; assignUnused = true) {
    for (const master of masters) {
      let assigned = 0;
      while (assigned < replicas && available > 0) {
        let found: CliNode | null = null;
        let firstIdx = -1;
        for (let j = base; j < rest.length; j++) {
          const n = rest[j];
          if (!n) continue;
          if (n.ip !== master.ip) {
            found = n;
            rest[j] = null;
            break;
          }
          if (firstIdx < 0) firstIdx = j;
        }
        let slave = found;
        if (!slave && firstIdx >= 0) {
          slave = rest[firstIdx]!;
          base = firstIdx + 1;
        }
        if (!slave) break;
        assigned++;
        available--;
        slave.replicate = master.name;
        slave.dirty = true;
        out.out(`Adding replica ${slave.ip}:${slave.port} to ${master.ip}:${master.port}\n`);
        if (assignUnused) break;
      }
    }
    if (assignUnused || available === 0) break;
    out.out('Adding extra replicas...\n');
  }
  return byIp;
}

/** clusterManagerGetAntiAffinityScore, with the offending replicas (one per crowded master per host). */
export function antiAffinityScore(nodes: readonly CliNode[], byIp: readonly CliNode[][]): { score: number; offenders: CliNode[] } {
  let score = 0;
  const offenders: CliNode[] = [];
  for (const group of byIp) {
    if (group.length === 0) continue;
    const ip = group[0]!.ip;
    // Master ID -> 'm' (the master itself, always first) and one 's' per replica on this host.
    const related = new Map<string, string>();
    for (const n of group) {
      const key = n.replicate ?? n.name!;
      const types = related.get(key) ?? '';
      related.set(key, n.replicate ? `${types}s` : `m${types}`);
    }
    for (const [name, types] of related) {
      if (types.length < 2) continue;
      score += types[0] === 'm' ? 10000 * (types.length - 1) : types.length;
      const offender = nodes.find((n) => n.replicate === name && n.ip === ip);
      if (offender) offenders.push(offender);
    }
  }
  return { score, offenders };
}

/** clusterManagerOptimizeAntiAffinity. */
export function optimizeAntiAffinity(out: Output, rng: Prng, nodes: readonly CliNode[], byIp: readonly CliNode[][]): void {
  if (antiAffinityScore(nodes, byIp).score === 0) return;
  out.log('>>> Trying to optimize slaves allocation for anti-affinity\n');
  for (let maxiter = 500 * nodes.length; maxiter > 0; maxiter--) {
    const { score, offenders } = antiAffinityScore(nodes, byIp);
    if (score === 0 || offenders.length === 0) break;
    const first = offenders[rng.int(offenders.length)]!;
    const others = nodes.filter((n) => n !== first && n.replicate !== null);
    if (others.length === 0) break;
    const second = others[rng.int(others.length)]!;
    const [a, b] = [first.replicate, second.replicate];
    first.replicate = b;
    second.replicate = a;
    first.dirty = second.dirty = true;
    // Worse: undo. Equal or better: keep, a good layout may need several swaps.
    if (antiAffinityScore(nodes, byIp).score > score) {
      first.replicate = a;
      second.replicate = b;
    }
  }
  const score = antiAffinityScore(nodes, byIp).score;
  if (score === 0) out.log('[OK] Perfect anti-affinity obtained!\n');
  else if (score >= 10000) out.log('[WARNING] Some slaves are in the same host as their master\n');
  else out.log('[WARNING] Some slaves of the same master are in the same host\n');
}
