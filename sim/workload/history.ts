// Every client operation, Jepsen style: an `invoke` record when the client
// issues it, then one completion: `ok` (it happened), `fail` (it certainly
// did not happen) or `info` (unknown: no reply in time, or the connection
// died after the request left). A process is one sequential lane of a
// client: Jepsen's rule that a process has at most one op outstanding holds.
//
// Storage is columnar (parallel arrays of primitives and shared string
// references) so that an hour at 500 ops/s records without allocating an
// object per operation; `ops()` and `rows()` build objects on demand.

import { Interner } from '../core/interner.ts';
import type { SimEvent } from '../events/types.ts';

export type OpF = 'set' | 'get' | 'rpush' | 'incr' | 'lrange';
export type Completion = 'ok' | 'fail' | 'info';
export type RecordType = 'invoke' | Completion;

const F_NAMES: readonly OpF[] = ['set', 'get', 'rpush', 'incr', 'lrange'];
const F_INDEX: Readonly<Record<OpF, number>> = { set: 0, get: 1, rpush: 2, incr: 3, lrange: 4 };

/** What an ok op returned: the value a get read (null: nil), the counter an incr made, the list an lrange read. */
export type OpResult = string | number | readonly string[] | null;

/** Reads: they change nothing, so lost-write checks skip them. */
const isReadF = (f: number): boolean => f === F_INDEX.get || f === F_INDEX.lrange;
const TYPES: readonly (Completion | undefined)[] = [undefined, 'ok', 'fail', 'info'];
const TYPE_INDEX: Readonly<Record<Completion, number>> = { ok: 1, fail: 2, info: 3 };

/** One operation with its outcome (an analysis view; built on demand). */
export interface Op {
  readonly id: number;
  readonly process: string;
  readonly f: OpF;
  readonly key: string;
  /** What a write wrote (set, rpush); null for get, lrange and incr. */
  readonly value: string | null;
  readonly invokeMs: number;
  /** undefined while the op is still in flight. */
  readonly type: Completion | undefined;
  /** Completion time; Infinity while in flight. */
  readonly completeMs: number;
  /** get: the value read (null for nil); incr: the counter's new value; lrange: the list read; else null. */
  readonly result: OpResult;
  /** The node whose reply decided the outcome, or '' (timeout before any reply, no route). */
  readonly node: string;
  /** For fail and info: the error reply or `timeout`, `connection reset` … */
  readonly error: string;
  /**
   * For ok ops: the replying node's master_repl_offset right after the
   * command, i.e. where a write ends in that node's replication stream; -1
   * when unknown. Kept for lost-write reports, not written to history.csv.
   */
  readonly offset: number;
}

/** One line of history.csv. */
export interface HistoryRow {
  readonly process: string;
  readonly type: RecordType;
  readonly f: OpF;
  readonly key: string;
  readonly value: string;
  readonly t_ms: number;
}

/** A growable column of numbers (doubling; no per-push allocation). */
class Column<T extends Float64Array | Int32Array | Uint8Array> {
  length = 0;
  constructor(public data: T) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new (this.data.constructor as new (n: number) => T)(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

export class History {
  private readonly processNames: string[] = [];
  /** Node names; 0 is '' (no node). */
  private readonly nodeNames = new Interner(['']);
  private readonly proc = new Column(new Int32Array(1024));
  private readonly fn = new Column(new Uint8Array(1024));
  private readonly invokeAt = new Column(new Float64Array(1024));
  /** 0 in flight, then TYPE_INDEX. */
  private readonly type = new Column(new Uint8Array(1024));
  private readonly completeAt = new Column(new Float64Array(1024));
  private readonly node = new Column(new Int32Array(1024));
  private readonly offsetAt = new Column(new Float64Array(1024));
  private readonly keys: string[] = [];
  private readonly values: (string | null)[] = [];
  private readonly results: OpResult[] = [];
  /** Only fail and info ops have an error; most ops are ok. */
  private readonly errors = new Map<number, string>();
  /** Records in the order they happened: op * 2 (+1 for the completion). */
  private readonly records = new Column(new Int32Array(2048));
  /** Told the index of each record as it is made (history.csv written as the run goes). */
  onRecord: ((record: number) => void) | undefined = undefined;
  /**
   * Faults and operator commands during the run (Jepsen's nemesis
   * operations, for history.edn), each with the number of records made
   * before it, so they interleave with the ops in the order they happened.
   */
  private readonly nemesisEvents: SimEvent[] = [];
  private readonly nemesisAfter: number[] = [];
  /** Told the index of each nemesis event as it is added. */
  onNemesis: ((k: number) => void) | undefined = undefined;

  /** Register a process (a client lane); returns its index for invoke(). */
  addProcess(name: string): number {
    this.processNames.push(name);
    return this.processNames.length - 1;
  }

  get size(): number {
    return this.proc.length;
  }

  /** Processes (client lanes) registered; a lane's index is its first Jepsen process number. */
  get processCount(): number {
    return this.processNames.length;
  }

  /** The lane (process index) that ran op `id`. */
  laneOf(id: number): number {
    return this.proc.data[id]!;
  }

  /** Record `i` as `op * 2`, plus 1 for a completion. */
  recordAt(i: number): number {
    return this.records.data[i]!;
  }

  /** A fault or operator command happened now (it goes between the records made so far and the next). */
  nemesis(e: SimEvent): void {
    this.nemesisEvents.push(e);
    this.nemesisAfter.push(this.records.length);
    this.onNemesis?.(this.nemesisEvents.length - 1);
  }

  get nemesisCount(): number {
    return this.nemesisEvents.length;
  }

  nemesisEvent(k: number): SimEvent {
    return this.nemesisEvents[k]!;
  }

  /** How many records were made before nemesis event `k`. */
  nemesisPosition(k: number): number {
    return this.nemesisAfter[k]!;
  }

  invoke(process: number, f: OpF, key: string, value: string | null, tMs: number): number {
    const id = this.proc.length;
    this.proc.push(process);
    this.fn.push(F_INDEX[f]);
    this.invokeAt.push(tMs);
    this.type.push(0);
    this.completeAt.push(Infinity);
    this.node.push(0);
    this.offsetAt.push(-1);
    this.keys.push(key);
    this.values.push(value);
    this.results.push(null);
    this.records.push(id * 2);
    this.onRecord?.(this.records.length - 1);
    return id;
  }

  complete(id: number, type: Completion, tMs: number, result: OpResult, node: string, error: string, offset = -1): void {
    if (this.type.data[id] !== 0) throw new Error(`history: op ${id} completed twice`);
    this.type.data[id] = TYPE_INDEX[type];
    this.completeAt.data[id] = tMs;
    if (result !== null) this.results[id] = result;
    this.node.data[id] = this.nodeId(node);
    this.offsetAt.data[id] = offset;
    if (error !== '') this.errors.set(id, error);
    this.records.push(id * 2 + 1);
    this.onRecord?.(this.records.length - 1);
  }

  private nodeId(name: string): number {
    return this.nodeNames.id(name);
  }

  isComplete(id: number): boolean {
    return this.type.data[id] !== 0;
  }

  op(id: number): Op {
    return {
      id,
      process: this.processNames[this.proc.data[id]!]!,
      f: F_NAMES[this.fn.data[id]!]!,
      key: this.keys[id]!,
      value: this.values[id]!,
      invokeMs: this.invokeAt.data[id]!,
      type: TYPES[this.type.data[id]!],
      completeMs: this.completeAt.data[id]!,
      offset: this.offsetAt.data[id]!,
      result: this.results[id]!,
      node: this.nodeNames.values[this.node.data[id]!]!,
      error: this.errors.get(id) ?? '',
    };
  }

  /** Every op in invocation order; with `writesOnly`, only set/rpush/incr (what lost-write checks read). */
  ops(opts: { writesOnly?: boolean } = {}): Op[] {
    const out: Op[] = [];
    for (let i = 0; i < this.size; i++) {
      if (opts.writesOnly && isReadF(this.fn.data[i]!)) continue;
      out.push(this.op(i));
    }
    return out;
  }

  /**
   * The records in the order they happened (history.csv). `value` is what
   * was written for writes (on every record of the op), what was read on a
   * get's ok, the new counter on an incr's ok, the list an lrange read (as
   * a JSON array) on its ok, and empty otherwise.
   */
  *rows(): Generator<HistoryRow> {
    for (let i = 0; i < this.records.length; i++) yield this.row(i);
  }

  /** Record `i` (in the order they happened) as a history.csv row. */
  row(i: number): HistoryRow {
    const r = this.records.data[i]!;
    const id = r >> 1;
    const done = (r & 1) === 1;
    const f = F_NAMES[this.fn.data[id]!]!;
    const type: RecordType = done ? TYPES[this.type.data[id]!]! : 'invoke';
    let value = this.values[id]!;
    if (value === null) value = done && type === 'ok' && this.results[id] !== null ? resultText(this.results[id]!) : '';
    return {
      process: this.processNames[this.proc.data[id]!]!,
      type,
      f,
      key: this.keys[id]!,
      value,
      t_ms: done ? this.completeAt.data[id]! : this.invokeAt.data[id]!,
    };
  }

  /** Records so far (history.csv rows). */
  get recordCount(): number {
    return this.records.length;
  }

  /** Each op's outcome and completion time, in invocation order, without making an Op (one object, reused). */
  *outcomes(): Generator<Pick<Op, 'type' | 'completeMs'>> {
    const o: { type: Completion | undefined; completeMs: number } = { type: undefined, completeMs: Infinity };
    for (let i = 0; i < this.size; i++) {
      o.type = TYPES[this.type.data[i]!];
      o.completeMs = this.completeAt.data[i]!;
      yield o;
    }
  }

  /** Counts for summaries: ops by outcome, and acknowledged writes. */
  counts(): { invoked: number; ok: number; fail: number; info: number; pending: number; ackedWrites: number } {
    const c = { invoked: this.size, ok: 0, fail: 0, info: 0, pending: 0, ackedWrites: 0 };
    for (let i = 0; i < this.size; i++) {
      const t = this.type.data[i]!;
      if (t === 0) c.pending++;
      else if (t === 1) {
        c.ok++;
        if (!isReadF(this.fn.data[i]!)) c.ackedWrites++;
      } else if (t === 2) c.fail++;
      else c.info++;
    }
    return c;
  }
}

function resultText(r: string | number | readonly string[]): string {
  return typeof r === 'object' ? JSON.stringify(r) : String(r);
}
