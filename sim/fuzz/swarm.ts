// Swarm testing (Groce et al., "Swarm Testing", ISSTA 2012): instead of one
// configuration with every fault at a fixed rate, each generated run draws
// its own cluster shape, configuration, network, client workload and a
// *subset* of fault kinds with their own weights. A run that never kills
// anything has room for many replication cuts; a cluster with three replicas
// per master has ranks and competing candidates; a 500 ms node timeout makes
// elections cheap to reach. Bugs that hide from the average mix show up in
// some corner of the swarm.
//
// Every drawn parameter is written into the scenario file (cluster config,
// network, workload) or its header comment (fault kinds), so the shrunk file
// says exactly what ran. fast-check shrinks the parameters too: toward fewer
// masters and replicas, the shortest node timeout, no workload, plain defaults.

import fc from 'fast-check';
import { nodeIdentities } from '../scenario/names.ts';
import { FAULT_KINDS, type FaultKind } from './schedule.ts';

export interface SwarmWorkload {
  readonly clients: number;
  /** Operations per second, all clients together. */
  readonly rate: number;
  readonly keys: number;
  /** Weights of set, get, rpush, incr (sum 1, two decimals). */
  readonly mix: { readonly set: number; readonly get: number; readonly rpush: number; readonly incr: number };
}

export interface SwarmParams {
  readonly masters: number;
  /** Replicas of each master, in master order (uneven). */
  readonly replicas: readonly number[];
  readonly spares: number;
  readonly nodeTimeoutMs: number;
  readonly validityFactor: number;
  readonly migrationBarrier: number;
  readonly allowReplicaMigration: boolean;
  readonly requireFullCoverage: boolean;
  /** Replica positions (in node order among replicas) that start with cluster-replica-no-failover yes. */
  readonly noFailover: readonly number[];
  readonly latencyMinMs: number;
  readonly latencyMaxMs: number;
  readonly loss: number;
  /** Fault times are multiples of this: coarse steps make faults coincide. */
  readonly timeStepMs: number;
  /** The fault kinds this run draws from, with their weights. */
  readonly faults: readonly { readonly kind: FaultKind; readonly weight: number }[];
  readonly workload: SwarmWorkload | null;
}

/** Node timeouts: mostly short (elections are cheap to reach and to simulate), sometimes Redis's 15 s. */
const nodeTimeout = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 5, max: 30 }).map((x) => x * 100) },
  { weight: 1, arbitrary: fc.integer({ min: 30, max: 150 }).map((x) => x * 100) },
);

const MIXES: readonly SwarmWorkload['mix'][] = [
  { set: 1, get: 0, rpush: 0, incr: 0 },
  { set: 0, get: 0, rpush: 1, incr: 0 },
  { set: 0.4, get: 0.2, rpush: 0.3, incr: 0.1 },
  { set: 0.5, get: 0.5, rpush: 0, incr: 0 },
  { set: 0, get: 0.2, rpush: 0.4, incr: 0.4 },
];

const workload: fc.Arbitrary<SwarmWorkload | null> = fc.option(
  fc.record({
    clients: fc.integer({ min: 1, max: 4 }),
    rate: fc.integer({ min: 2, max: 40 }).map((x) => x * 10),
    keys: fc.constantFrom(10, 100, 1000),
    mix: fc.constantFrom(...MIXES),
  }),
  { nil: null, freq: 4 },
);

/** Fault kinds a swarm draws from: message drops only when asked for (they are stronger than TCP allows). */
export function swarmKinds(messageDrops: boolean): FaultKind[] {
  return FAULT_KINDS.filter((k) => messageDrops || k !== 'drop');
}

export function swarmArbitrary(messageDrops: boolean): fc.Arbitrary<SwarmParams> {
  const kinds = swarmKinds(messageDrops);
  return fc
    .record({
      masters: fc.integer({ min: 1, max: 7 }),
      // Mostly one to three: two or more replicas of one master make ranks and competing candidates.
      replicas: fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 3 }) }), { minLength: 7, maxLength: 7 }),
      spares: fc.integer({ min: 0, max: 2 }),
      nodeTimeoutMs: nodeTimeout,
      validityFactor: fc.constantFrom(10, 0, 1, 2, 5),
      migrationBarrier: fc.integer({ min: 0, max: 3 }).map((x) => (x + 1) % 4),
      allowReplicaMigration: fc.boolean().map((x) => !x),
      requireFullCoverage: fc.boolean().map((x) => !x),
      noFailover: fc.array(fc.nat({ max: 20 }), { maxLength: 2 }),
      latencyMinMs: fc.constantFrom(0.2, 0.1, 1, 5),
      // Slow links make concurrent elections (two candidates in one epoch) and stale views likely.
      latencySpreadMs: fc.constantFrom(0.8, 0, 5, 50, 150),
      loss: fc.constantFrom(0, 0.001, 0.01),
      timeStepMs: fc.constantFrom(100, 1000, 2000),
      faults: fc.subarray(kinds, { minLength: 1 }).chain((ks) => fc.tuple(...ks.map((kind) => fc.integer({ min: 1, max: 3 }).map((weight) => ({ kind, weight }))))),
      workload,
    })
    .map(({ latencySpreadMs, replicas, noFailover, ...p }) => {
      const reps = replicas.slice(0, p.masters);
      const total = reps.reduce((a, b) => a + b, 0);
      const nf = total === 0 ? [] : [...new Set(noFailover.map((i) => i % total))].sort((a, b) => a - b);
      // A lost TCP segment costs 200 ms, then 400, 800 …: with a short node timeout a default loss
      // would make healthy nodes flap (as real Redis does), which says nothing about the protocol.
      const loss = p.nodeTimeoutMs >= 3000 ? p.loss : 0;
      // Likewise a default latency above a tenth of the node timeout would make links flap.
      const spread = Math.min(latencySpreadMs, Math.max(0, p.nodeTimeoutMs / 10 - p.latencyMinMs));
      return { ...p, loss, replicas: reps, noFailover: nf, latencyMaxMs: Math.round((p.latencyMinMs + spread) * 1000) / 1000 };
    });
}

/** Node names in index order, as the scenario names them. */
export function swarmNodes(p: SwarmParams): string[] {
  return nodeIdentities({ masters: p.masters, replicasPerMaster: p.replicas, spares: p.spares, added: [] }).map((n) => n.name);
}

/** Replica names in node order (noFailover positions index into this). */
function replicaNames(p: SwarmParams): string[] {
  return nodeIdentities({ masters: p.masters, replicasPerMaster: p.replicas, spares: p.spares, added: [] })
    .filter((n) => n.startRole === 'replica')
    .map((n) => n.name);
}

/** `3m[2,0,1]+1s nt700`: a short label for progress lines and file names. */
export function swarmLabel(p: SwarmParams): string {
  return `${p.masters}m[${p.replicas.join(',')}]${p.spares ? `+${p.spares}s` : ''}-nt${p.nodeTimeoutMs}`;
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');

/** The scenario's cluster, network and workload sections (YAML lines, no trailing newline). */
export function swarmYaml(p: SwarmParams): string[] {
  const masterNames = nodeIdentities({ masters: p.masters, replicasPerMaster: p.replicas, spares: 0, added: [] })
    .filter((n) => n.startRole === 'master')
    .map((n) => n.name);
  const lines = [
    'cluster:',
    `  masters: ${p.masters}`,
    `  replicas: { ${masterNames.map((m, i) => `${m}: ${p.replicas[i] ?? 0}`).join(', ')} }`,
    ...(p.spares > 0 ? [`  spares: ${p.spares}`] : []),
    '  config:',
    `    cluster-node-timeout: ${p.nodeTimeoutMs}`,
    `    cluster-replica-validity-factor: ${p.validityFactor}`,
    `    cluster-migration-barrier: ${p.migrationBarrier}`,
    `    cluster-allow-replica-migration: "${yesNo(p.allowReplicaMigration)}"`,
    `    cluster-require-full-coverage: "${yesNo(p.requireFullCoverage)}"`,
  ];
  const reps = replicaNames(p);
  const nf = p.noFailover.map((i) => reps[i]).filter((x): x is string => x !== undefined);
  if (nf.length > 0) lines.push('  nodes:', ...nf.map((n) => `    ${n}: { cluster-replica-no-failover: "yes" }`));
  lines.push('network:', `  latency: ${p.latencyMinMs}ms..${p.latencyMaxMs}ms`, `  loss: ${p.loss}`);
  if (p.workload) {
    const w = p.workload;
    const mix = Object.entries(w.mix).filter(([, v]) => v > 0).map(([k, v]) => `${k}: ${v}`).join(', ');
    lines.push('workload:', '  - name: clients', `    clients: ${w.clients}`, `    rate: ${w.rate}/s`, `    keys: ${w.keys}`, `    mix: { ${mix} }`, '    timeout: 1s');
  }
  return lines;
}

/** Every drawn parameter as `key=value` words, for the progress line and the file header. */
export function swarmDescription(p: SwarmParams): string[] {
  return [
    `shape: ${p.masters} masters, replicas ${p.replicas.join('/')}, ${p.spares} spares; node timeout ${p.nodeTimeoutMs} ms, validity factor ${p.validityFactor}, migration barrier ${p.migrationBarrier}, allow-replica-migration ${yesNo(p.allowReplicaMigration)}, require-full-coverage ${yesNo(p.requireFullCoverage)}, no-failover replicas ${p.noFailover.length}`,
    `network: latency ${p.latencyMinMs}..${p.latencyMaxMs} ms, loss ${p.loss}; workload: ${p.workload ? `${p.workload.clients} clients, ${p.workload.rate}/s over ${p.workload.keys} keys` : 'none'}`,
    `fault kinds: ${p.faults.map((f) => `${f.kind}×${f.weight}`).join(' ')}; fault times in steps of ${p.timeStepMs} ms`,
  ];
}

/** How long faults may go on, scaled to the node timeout so that slow clusters get time to fail over. */
export function swarmWindowMs(p: SwarmParams): number {
  return Math.min(60_000, Math.max(8000, 6 * p.nodeTimeoutMs));
}
