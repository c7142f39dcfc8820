// Node names, index order and addresses, exactly as scenario-format.md §2
// fixes them: masters A, B, …, Z, AA, AB, …; replica k of master X is Xk;
// spares S1, S2, …; then `cluster.add` nodes by their own names. Index order is
// masters, then replicas round by round (A1, B1, …, A2, B2, …), then spares,
// then added nodes; node i listens on 127.0.0.1:7000+i, bus port +10000.

import type { NodeConfig } from './config-values.ts';
import type { ClusterSpec, NodePlan, StartRole } from './types.ts';

export const NODE_IP = '127.0.0.1';
export const BASE_PORT = 7000;
/** Redis's CLUSTER_PORT_INCR: the bus listens on port + 10000. */
export const BUS_PORT_OFFSET = 10000;

/** Name of master `i` (0-based): A..Z, then AA, AB, … (bijective base 26, like spreadsheet columns). */
export function masterName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Replica `k` (1-based) of a master: `A1`, `A2`, `AB1`. */
export function replicaName(master: string, k: number): string {
  return `${master}${k}`;
}

/** Spare `k` (1-based): `S1`, `S2`. */
export function spareName(k: number): string {
  return `S${k}`;
}

/** The counts that determine every node's name and index. */
export interface ClusterShape {
  readonly masters: number;
  /** By master index; missing entries mean 0. */
  readonly replicasPerMaster: readonly number[];
  readonly spares: number;
  readonly added: readonly string[];
}

/** A node's identity and address, before configuration. */
export type NodeIdentity = Pick<NodePlan, 'name' | 'index' | 'startRole' | 'masterName' | 'ip' | 'port' | 'cport'>;

/** Every node of the shape, in index order. Names may repeat if the shape is odd (see duplicateNames). */
export function nodeIdentities(shape: ClusterShape): NodeIdentity[] {
  const out: NodeIdentity[] = [];
  const push = (name: string, startRole: StartRole, master?: string): void => {
    const index = out.length;
    const port = BASE_PORT + index;
    const id: NodeIdentity = { name, index, startRole, ip: NODE_IP, port, cport: port + BUS_PORT_OFFSET };
    out.push(master === undefined ? id : { ...id, masterName: master });
  };
  const masters = Array.from({ length: shape.masters }, (_, i) => masterName(i));
  for (const m of masters) push(m, 'master');
  const rounds = Math.max(0, ...shape.replicasPerMaster.slice(0, shape.masters));
  for (let k = 1; k <= rounds; k++) {
    masters.forEach((m, i) => {
      if ((shape.replicasPerMaster[i] ?? 0) >= k) push(replicaName(m, k), 'replica', m);
    });
  }
  for (let k = 1; k <= shape.spares; k++) push(spareName(k), 'spare');
  for (const name of shape.added) push(name, 'added');
  return out;
}

/**
 * Names generated twice: with 19+ masters, master S's replica S1 collides
 * with spare S1; an `add:` name may also repeat a generated one.
 */
export function duplicateNames(ids: readonly NodeIdentity[]): string[] {
  const seen = new Set<string>();
  const dups: string[] = [];
  for (const { name } of ids) {
    if (seen.has(name) && !dups.includes(name)) dups.push(name);
    seen.add(name);
  }
  return dups;
}

/**
 * The full node list the runner builds the world from: identities plus each
 * node's starting slots and configuration (defaults < cluster.config < its override).
 */
export function planNodes(cluster: ClusterSpec): NodePlan[] {
  const shape: ClusterShape = {
    masters: cluster.masters,
    replicasPerMaster: cluster.replicasPerMaster,
    spares: cluster.spares,
    added: cluster.add.map((a) => a.name),
  };
  return nodeIdentities(shape).map((id) => {
    let config: NodeConfig = cluster.config;
    for (const o of cluster.overrides) if (o.node === id.name) config = { ...config, ...o.config };
    const slots = id.startRole === 'master' ? (cluster.slotsPerMaster[id.index] ?? []) : [];
    return { ...id, runningAtStart: id.startRole !== 'added', slots, config };
  });
}
