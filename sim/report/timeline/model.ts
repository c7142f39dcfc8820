// The data a timeline.html carries: plain JSON, built once after the run and
// read by the page's script (client/*.js). Everything is flat arrays of
// numbers where volume matters (views, messages, lanes, client buckets), so
// that a 10-minute, 20-node run stays a few megabytes, and strings are
// interned in tables. Times are simulated ms; `t < 0` is the warm-up.

export const TIMELINE_FORMAT = 1;

// ---- lane state -------------------------------------------------------------
// One lane segment's state packs into a small integer so a lane is a flat
// [t0, code0, t1, code1, …] list (segment i lasts from t_i to t_{i+1}).

/** What the node believes it is (its own `myself` flags). */
export const enum Role {
  None = 0,
  Master = 1,
  Replica = 2,
}

/** The worst thing the node believes about any other node. */
export const enum Belief {
  Ok = 0,
  Pfail = 1,
  Fail = 2,
}

/** Election state of a replica: scheduled (waiting its delay) or voting. */
export const enum Candidate {
  No = 0,
  Scheduled = 1,
  Voting = 2,
}

/** What the process is doing (process-level faults). */
export const enum Proc {
  Up = 0,
  Paused = 1,
  Down = 2,
}

export interface LaneState {
  role: Role;
  belief: Belief;
  candidate: Candidate;
  proc: Proc;
}

/** role: bits 0-1, belief: 2-3, candidate: 4-5, proc: 6-7 (client/decode.js reads the same). */
export function packLane(s: LaneState): number {
  return s.role | (s.belief << 2) | (s.candidate << 4) | (s.proc << 6);
}

export function unpackLane(code: number): LaneState {
  return { role: code & 3, belief: (code >> 2) & 3, candidate: (code >> 4) & 3, proc: (code >> 6) & 3 };
}

// ---- the JSON ---------------------------------------------------------------

/**
 * Views: what each node would print for CLUSTER NODES. A line is stored once
 * (interned) without its ping_sent, pong_received and link-state fields; a
 * snapshot is the list of line indices a node printed from a whole
 * millisecond on; the three often-changing fields are per-(observer, node ID)
 * series. See view-recorder.ts and view-encode.ts.
 */
export interface ViewData {
  /**
   * Interned lines as `<head>\t<epoch>\t<rest>`: the line is
   * `<head> <ping_sent> <pong_received> <epoch> <connected|disconnected><rest>`.
   */
  lines: readonly string[];
  /** Index into `ids` of each line's node ID (its first field). */
  lineId: number[];
  ids: readonly string[];
  /** Scenario name of each ID ('' if none), shown beside the text, never in it. */
  names: string[];
  /** Unix ms of simulated t=0: ping/pong values are stored relative to it. */
  epochMs: number;
  perNode: NodeViews[];
}

/** Series by id index, written as JSON `{ "id": [dt, v, …], … }` (view-encode.ts SeriesSet). */
export interface SeriesJson {
  toJSON(): Record<string, number[]>;
  jsonChunks(): Iterable<string>;
}

export interface NodeViews {
  /** Snapshot times, whole ms, delta-coded. */
  t: number[];
  /**
   * Snapshots: `null` = not running; `[i, j, …]` (all ≥ 0) = full list of
   * line indices; `[-1, pos, line, pos, line, …]` = the previous snapshot
   * with those positions replaced; `[-2 - len, pos, line, …]` = the same
   * with the table cut or grown to `len` lines first. Every KEYFRAME-th
   * snapshot is full, so a lookup replays at most that many.
   */
  s: (number[] | null)[];
  /**
   * ping_sent series by id index: [dt, value, dt, value, …] (see
   * encodeClock). As JSON an object of arrays; in memory a part that writes
   * itself (json-chunks.ts), so that a long run's series are not all arrays.
   */
  ping: SeriesJson;
  pong: SeriesJson;
  /** Link state series by id index: [dt, 1 connected | 0 disconnected, …]. */
  link: SeriesJson;
}

export interface MessageData {
  labels: readonly string[];
  /** Messages that matter, all of them: [sentAt, at, from, to, label, fault, …] (fault: index into `faults`, 0 = none). */
  key: number[];
  /** Other cluster-bus messages: same layout, possibly sampled (see `sampleEvery`). */
  other: number[];
  otherTotal: number;
  /** 1 = every message is there; k = one in k, in delivery order. */
  sampleEvery: number;
  /** Message-level drops: [t, from, to, label, …]. */
  drops: number[];
  /** Fault marks of delivered messages: `''`, `dup`, `reorder`. */
  faults: string[];
  /** Messages between nodes that are not cluster bus (replication, MIGRATE), by label; not drawn. */
  notDrawn: Record<string, number>;
}

export interface FaultBand {
  from: number;
  /** Equal to `from` for instant actions (restart, workload start…). */
  to: number;
  kind: string;
  /** The action as events.csv records it (`partition groups=[A]|[B,C]`). */
  label: string;
  /** Lane indices of the nodes it names (for highlighting); empty = every node. */
  nodes: number[];
  row: number;
}

export interface ClientData {
  /** Bucket width (ms) and start of bucket 0. */
  bucketMs: number;
  startMs: number;
  /** Completions per bucket, by outcome; lost: acknowledged writes later lost, by ack time. */
  ok: number[];
  fail: number[];
  info: number[];
  lost: number[];
  totals: { ok: number; fail: number; info: number; lost: number };
  workloads: string[];
}

/**
 * A FAIL decision and the failure reports it rested on, for the deciding
 * node's lane: the count climbing to the quorum.
 */
export interface QuorumData {
  /** The deciding node's lane, and the failed node's (-1 when it has none). */
  lane: number;
  subject: number;
  needed: number;
  /** The decider is a master: it counts itself as one more voice. */
  self: boolean;
  /** When the decider itself flagged the subject PFAIL (-1: not seen in this run-up). */
  pfailT: number;
  failT: number;
  /**
   * The changes of its reports about the subject since they last were none:
   * [t, reporter lane (-1: not a lane), reports after, step (1 added, 0 removed, -1 expired), via (0 ping, 1 pong, 2 meet, -1), …].
   */
  reports: number[];
}

/** One election attempt of a replica, with the delay it waited and how it ended. */
export interface ElectionData {
  lane: number;
  /** Scheduled at t; the delay's parts: 500 ms fixed, the random part, rank × 1000 ms, and what re-ranking added. */
  t: number;
  fixedMs: number;
  randomMs: number;
  rank: number;
  addedMs: number;
  manual: boolean;
  /** When it asked for votes (-1: it never did), and the epoch it asked in. */
  startT: number;
  epoch: number;
  needed: number;
  /** Times votes arrived (each counted). */
  votes: number[];
  /** When and how it ended: won, expired, or ended otherwise (-1: still going at the end of the run). */
  endT: number;
  outcome: 'won' | 'expired' | 'ended' | '';
}

/** One narrated line (narrate.ts), for the story beside the chart. */
export interface NarrationLine {
  t: number;
  node: string;
  text: string;
}

export interface TimelineData {
  format: typeof TIMELINE_FORMAT;
  scenario: { name: string; description: string; file: string; seed: number };
  startMs: number;
  endMs: number;
  nodes: string[];
  /** Per node: [t, code, …], code from packLane. */
  lanes: number[][];
  views: ViewData;
  messages: MessageData;
  faults: FaultBand[];
  /** Protocol events as markers: [t, node, kind, subject (node index or -1), detail index, …]. */
  markers: number[];
  markerKinds: string[];
  details: string[];
  client: ClientData | null;
  /** Lanes in display groups (a master and the replicas it had at t=0), in display order. */
  groups: number[][];
  /** Groups start collapsed (runs of more than COLLAPSE_ABOVE nodes). */
  collapsed: boolean;
  quorums: QuorumData[];
  elections: ElectionData[];
  narration: NarrationLine[];
  summary: {
    exitCode: number;
    expectations: { ok: boolean; when: string; conditions: string[]; why: string }[];
    steps: { action: string; atMs: number; why: string }[];
    writes: { acked: number; lost: number } | null;
    repro: string;
  };
}
