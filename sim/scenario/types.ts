// The typed result of loading a scenario file: what the runner consumes.
// Everything is already validated and normalised: durations are ms numbers,
// node names are canonical, defaults are filled in, and entries carry their
// source position so that runtime failures can point back at the file.

import type { SourcePos } from './errors.ts';
import type { NodeConfig } from './config-values.ts';
import type { Expectation, TimelineEntry } from './types-timeline.ts';
import type { InvariantName, KnownFlaw } from './vocabulary.ts';

export type { SourcePos } from './errors.ts';
export type { NodeConfig } from './config-values.ts';
export type * from './types-conditions.ts';
export type * from './types-timeline.ts';

/** An inclusive range of hash slots, 0 ≤ start ≤ end ≤ 16383. */
export interface SlotRange {
  readonly start: number;
  readonly end: number;
}

/** How cluster formation happens before t=0. */
export type BootstrapMode =
  /** As `redis-cli --cluster create` leaves it: slots assigned, replicas attached and in sync. */
  | 'formed'
  /** Bare nodes that know only themselves; the timeline joins them (MEET, ADDSLOTS, REPLICATE). */
  | 'manual';

/** A node declared under `cluster.add:`, started later by `start:`. */
export interface AddedNode {
  readonly name: string;
  readonly pos: SourcePos;
}

/** The `cluster:` section, with defaults applied. */
export interface ClusterSpec {
  /** Default 3. */
  readonly masters: number;
  /** Replicas of each master, by master index (from `replicas: 1` or `replicas: { A: 2 }`; default 1 each). */
  readonly replicasPerMaster: readonly number[];
  /** Empty masters joined to the cluster, S1, S2 … Default 0. */
  readonly spares: number;
  /** Initial slots of each master, by master index (explicit `slots:` or redis-cli's even split). Empty with manual bootstrap. */
  readonly slotsPerMaster: readonly (readonly SlotRange[])[];
  /** `cluster.config` over Redis's defaults; applies to every node. */
  readonly config: NodeConfig;
  /** Per-node overrides from `cluster.nodes`, in file order (only the parameters written). */
  readonly overrides: readonly { readonly node: string; readonly config: Partial<NodeConfig> }[];
  readonly add: readonly AddedNode[];
  /** Default `formed`. */
  readonly bootstrap: BootstrapMode;
}

/** How a node is set up at t=0. */
export type StartRole = 'master' | 'replica' | 'spare' | 'added';

/** One simulated process: identity, address and starting configuration (see names.ts for the order). */
export interface NodePlan {
  /** Canonical name: `A`, `AB`, `A1`, `S1`, or an `add:` name. */
  readonly name: string;
  /** Position in index order; the port is 7000 + index. */
  readonly index: number;
  readonly startRole: StartRole;
  /** For replicas: the master it replicates at t=0. */
  readonly masterName?: string;
  readonly ip: string;
  readonly port: number;
  /** Cluster bus port, port + 10000. */
  readonly cport: number;
  /** False for `add:` nodes, which wait for a `start:` action. */
  readonly runningAtStart: boolean;
  /** Initial slots (masters of a formed cluster), else empty. */
  readonly slots: readonly SlotRange[];
  /** Full configuration: defaults, then `cluster.config`, then this node's override. */
  readonly config: NodeConfig;
}

/** A one-way per-message delay distribution. Samples never go below `floorMs`. */
export type LatencyModel =
  | { readonly distribution: 'constant'; readonly valueMs: number }
  | { readonly distribution: 'uniform'; readonly minMs: number; readonly maxMs: number }
  | { readonly distribution: 'normal'; readonly meanMs: number; readonly stddevMs: number; readonly floorMs: number }
  | { readonly distribution: 'exponential'; readonly meanMs: number; readonly floorMs: number };

/** The `network:` section: default conditions of every link. */
export interface NetworkSpec {
  /** Default uniform 0.2ms..1ms. */
  readonly latency: LatencyModel;
  /** On the TCP bus a lost packet is retransmitted (a delay), never dropped. Default 0. */
  readonly lossProbability: number;
}

/** A client operation a workload issues. */
export type WorkloadOp = 'set' | 'get' | 'rpush' | 'lrange' | 'incr';

/** One entry of `workload:`. */
export interface WorkloadSpec {
  readonly name: string;
  /** Default 1. */
  readonly clients: number;
  /** Operations per second for the whole workload, spread over its clients. Default 100. */
  readonly ratePerSec: number;
  /** Key `i` is `pattern` with `%d` replaced by i, for i in 0..count-1. Default 1000 keys `key:%d`. */
  readonly keys: { readonly count: number; readonly pattern: string };
  /** Weights in [0,1] summing to 1, in the order set, get, rpush, lrange, incr; zero weights omitted. Default set 0.8, get 0.2. */
  readonly mix: readonly { readonly op: WorkloadOp; readonly weight: number }[];
  /** An unanswered op is recorded as info (indeterminate) after this. Default 1s. */
  readonly timeoutMs: number;
  /** Outstanding requests per client. Default 1. */
  readonly inFlight: number;
  /** False: a MOVED/ASK reply is a failed op. Default true. */
  readonly followRedirects: boolean;
  /** When it starts; null when only a timeline `workload: { start }` starts it. */
  readonly fromMs: number | null;
  /** When it stops (default: the scenario's duration). */
  readonly toMs: number;
  readonly pos: SourcePos;
}

/** Which safety invariants run (all by default). */
export interface InvariantSettings {
  readonly enabled: readonly InvariantName[];
  readonly disabled: readonly InvariantName[];
  /** Real Redis 7.0 flaws the invariants are told to expect (absent: none). */
  readonly knownFlaws?: readonly KnownFlaw[];
}

/** A loaded, valid scenario. */
export interface Scenario {
  /** The file it came from, as given to the loader. */
  readonly file: string;
  /** `name:`, default the file's base name without extension. */
  readonly name: string;
  /** Default "". */
  readonly description: string;
  /** `seed:` if written; `--seed` overrides; undefined means "draw one and print it". */
  readonly seed?: number;
  /** Simulated time to run; default 60s, or the latest time the file mentions if later. */
  readonly durationMs: number;
  readonly cluster: ClusterSpec;
  /** Every node in index order (masters, replicas A1,B1,…,A2,…, spares, added). */
  readonly nodes: readonly NodePlan[];
  readonly network: NetworkSpec;
  readonly workloads: readonly WorkloadSpec[];
  readonly timeline: readonly TimelineEntry[];
  readonly expect: readonly Expectation[];
  readonly invariants: InvariantSettings;
}
