// One `workload:` entry: its clients and the operations they issue.
//
// Rate: `ratePerSec` is the workload's total; each of its clients issues one
// operation every `clients / ratePerSec` seconds, at a phase drawn from its
// own stream, so clients do not fire in lockstep. A client whose lanes are
// all busy when its tick comes owes one operation and issues it the moment
// a lane frees (further ticks meanwhile are skipped): a client stuck behind
// a 500 ms timeout sends again right after it, as the measurement client of
// real-redis/README.md does (sends at 9, 510, 1011 ms during a SIGSTOP).
//
// Each client draws from `rng.fork('workload:NAME:i')`: per tick the op
// (by the mix's cumulative weights), then the key index (keys.ts). Values
// written are `NAME-i-seq`, unique across the run, so lost-write analysis
// can tell every write apart.

import type { Prng } from '../core/prng.ts';
import { ClusterClient } from './cluster-client.ts';
import type { NodeAddress, WorkloadHost } from './env.ts';
import type { History, OpF } from './history.ts';
import { KeySpace } from './keys.ts';
import { Lane, type LaneOwner } from './lane.ts';

/** The fields of a scenario WorkloadSpec a workload runs on (WorkloadSpec satisfies it). */
export interface WorkloadParams {
  readonly name: string;
  readonly clients: number;
  readonly ratePerSec: number;
  readonly keys: { readonly count: number; readonly pattern: string };
  readonly mix: readonly { readonly op: OpF; readonly weight: number }[];
  readonly timeoutMs: number;
  readonly inFlight: number;
  readonly followRedirects: boolean;
}

class WorkloadClient implements LaneOwner {
  readonly lanes: Lane[] = [];
  private readonly phase: number;
  private startedAt = 0;
  private tick = 0;
  nextTickAt = -1;
  private owed = false;
  private seq = 0;
  private readonly valuePrefix: string;

  constructor(
    readonly w: Workload,
    readonly client: ClusterClient,
    private readonly rng: Prng,
    history: History,
    index: number,
  ) {
    this.valuePrefix = `${w.params.name}-${index}-`;
    this.phase = rng.next();
    const n = w.params.inFlight;
    for (let j = 0; j < n; j++) {
      const proc = history.addProcess(n === 1 ? client.name : `${client.name}.${j}`);
      this.lanes.push(new Lane(client, history, proc, this));
    }
  }

  begin(now: number): void {
    this.startedAt = now;
    this.tick = 0;
    this.owed = false;
    this.scheduleTick();
  }

  private scheduleTick(): void {
    const interval = this.w.intervalMs;
    if (!(interval < Infinity)) return;
    this.nextTickAt = this.startedAt + (this.phase + this.tick++) * interval;
    this.client.host.sched.at(this.nextTickAt, clientTick, this);
  }

  /** A tick of this client's clock; stale ticks (stopped, restarted) do nothing. */
  onTick(): void {
    if (!this.w.running || this.nextTickAt !== this.client.host.sched.now) return;
    let lane: Lane | undefined;
    for (let j = 0; j < this.lanes.length && lane === undefined; j++) if (!this.lanes[j]!.busy) lane = this.lanes[j];
    if (lane) this.issue(lane);
    else this.owed = true;
    this.scheduleTick();
  }

  onLaneFree(lane: Lane): void {
    if (!this.owed || !this.w.running) return;
    this.owed = false;
    this.issue(lane);
  }

  stop(): void {
    this.owed = false;
    this.nextTickAt = -1;
  }

  /** End of the run: operations still in progress end now; connections close. */
  abandon(): void {
    for (const l of this.lanes) {
      l.abandon();
      l.closeAll();
    }
  }

  private issue(lane: Lane): void {
    const w = this.w;
    const r = this.rng.next();
    const cum = w.cumulative;
    let k = 0;
    while (k < cum.length - 1 && r >= cum[k]!) k++;
    const f = w.ops[k]!;
    const i = w.keys.pick(f, this.rng);
    const value = f === 'set' || f === 'rpush' ? this.valuePrefix + this.seq++ : null;
    lane.start(f, w.keys.key(i), value, w.keys.slot(i));
  }
}

function clientTick(c: WorkloadClient): void {
  c.onTick();
}

export class Workload {
  running = false;
  private started = false;
  readonly clients: WorkloadClient[] = [];
  readonly keys: KeySpace;
  readonly ops: OpF[];
  readonly cumulative: number[];
  /** Between one client's operations, ms (Infinity when the rate is 0). */
  readonly intervalMs: number;

  constructor(
    private readonly host: WorkloadHost,
    readonly params: WorkloadParams,
    seeds: readonly NodeAddress[],
    history: History,
  ) {
    const mix = params.mix.filter((m) => m.weight > 0);
    if (mix.length === 0) throw new Error(`workload ${params.name}: empty mix`);
    this.ops = mix.map((m) => m.op);
    this.keys = new KeySpace(params.keys.pattern, params.keys.count, this.ops);
    let acc = 0;
    this.cumulative = mix.map((m) => (acc += m.weight));
    // Weights may sum to 0.99 (three 0.33s): the last op takes the remainder.
    this.cumulative[this.cumulative.length - 1] = Infinity;
    this.intervalMs = params.ratePerSec > 0 ? (1000 * params.clients) / params.ratePerSec : Infinity;
    const opts = { timeoutMs: params.timeoutMs, followRedirects: params.followRedirects };
    for (let i = 0; i < params.clients; i++) {
      const name = `${params.name}-${i}`;
      const pid = host.addClientProcess(name);
      const client = new ClusterClient(host, name, pid, seeds, opts);
      this.clients.push(new WorkloadClient(this, client, host.rng.fork(`workload:${params.name}:${i}`), history, i));
    }
  }

  /** Network ids of this workload's client processes (partitions that name the workload). */
  get pids(): number[] {
    return this.clients.map((c) => c.client.pid);
  }

  /** Begin issuing operations (no-op if running). The first start loads every client's slot map. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const now = this.host.sched.now;
    for (const c of this.clients) {
      if (!this.started) c.client.refresh();
      c.begin(now);
    }
    this.started = true;
  }

  /** End of the run: stop, and end every operation still in progress (see Lane.abandon). */
  finish(): void {
    this.stop();
    for (const c of this.clients) c.abandon();
  }

  /** Issue no new operations; those in flight complete (or time out) as usual. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    for (const c of this.clients) c.stop();
  }
}
