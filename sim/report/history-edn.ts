// history.edn: the workloads' operations as a Jepsen history, one operation
// map per line, ready for Elle, Knossos or elle-cli without a converter.
//
// Jepsen's rules, which the file keeps (and test/report checks):
// - `:index` counts every line from 0, in the order things happened; `:time`
//   is simulated nanoseconds since t=0.
// - `:process` is an integer. Each client lane starts as its own process
//   (0 … N−1, N lanes in all); at most one op per process is outstanding. An
//   op that ends `:info` may still take effect, so its process never invokes
//   again: the lane's next op runs as process p + N, as Jepsen's workers do.
// - `:type` is `:invoke`, then `:ok` (it happened), `:fail` (it certainly
//   did not) or `:info` (unknown); `:error` says why for fail and info;
//   `:node` names the node whose reply decided the outcome.
// - Faults and operator commands are `:nemesis` ops: an `:info` invocation
//   and an `:info` completion at the same instant.
//
// Values: strings (SET, GET) are registers as jepsen.independent writes
// them, `:f :write`/`:read` with `[key value]` (nil: nothing read); INCR is
// `:f :add` with `[key 1]` (the new counter as `:counter`); lists are
// Elle's list-append micro-op transactions, `:f :append` with
// `[[:append key element]]` (RPUSH) and `:f :read` with `[[:r key [..]]]`
// (LRANGE key 0 -1), so that the history of a list workload goes to Elle's
// list-append checker as it is. Elle reads `:value`, not `:f`.

import type { NodeNames } from '../events/names.ts';
import type { SimEvent } from '../events/types.ts';
import type { History, Op } from '../workload/history.ts';
import { ednMap, ednNumber, ednString, ednStrings, ednVector } from './edn.ts';

const F: Readonly<Record<Op['f'], string>> = { set: ':write', get: ':read', incr: ':add', rpush: ':append', lrange: ':read' };

/** Simulated ms → integer ns. */
const ns = (ms: number): string => String(Math.round(ms * 1e6));

function opValue(op: Op, done: boolean): string {
  const k = ednString(op.key);
  const read = done && op.type === 'ok';
  switch (op.f) {
    case 'set':
      return ednVector([k, ednString(op.value ?? '')]);
    case 'get':
      return ednVector([k, read && typeof op.result === 'string' ? ednString(op.result) : 'nil']);
    case 'incr':
      return ednVector([k, '1']);
    case 'rpush':
      return `[[:append ${k} ${ednString(op.value ?? '')}]]`;
    case 'lrange':
      return `[[:r ${k} ${read && Array.isArray(op.result) ? ednStrings(op.result as readonly string[]) : 'nil'}]]`;
  }
}

/** Writes the history as it grows: each drain() returns the lines not written yet. */
export class HistoryEdnWriter {
  private records = 0;
  private nemeses = 0;
  private index = 0;
  /** Each lane's current Jepsen process (its lane index until an op of it ends info). */
  private readonly process: number[] = [];

  constructor(
    private readonly h: History,
    private readonly names: NodeNames,
  ) {}

  /** Lines (each ending in a newline) for what was recorded since the last call; at most `limit` records. */
  drain(limit = Infinity): string {
    const h = this.h;
    let out = '';
    for (let n = 0; n < limit; n++) {
      if (this.nemeses < h.nemesisCount && h.nemesisPosition(this.nemeses) <= this.records) out += this.nemesis(h.nemesisEvent(this.nemeses++));
      else if (this.records < h.recordCount) out += this.record(this.records++);
      else break;
    }
    return out;
  }

  /** Is something recorded not written yet? */
  get pending(): boolean {
    return this.records < this.h.recordCount || this.nemeses < this.h.nemesisCount;
  }

  /** Everything left to write, in pieces of about `chunk` records. */
  *chunks(chunk = 10_000): Generator<string> {
    while (this.pending) yield this.drain(chunk);
  }

  private record(i: number): string {
    const h = this.h;
    const r = h.recordAt(i);
    const op = h.op(r >> 1);
    const done = (r & 1) === 1;
    const lane = h.laneOf(op.id);
    const p = this.process[lane] ?? lane;
    const type = done ? op.type! : 'invoke';
    const entries: [string, string][] = [
      ['index', String(this.index++)],
      ['time', ns(done ? op.completeMs : op.invokeMs)],
      ['type', `:${type}`],
      ['process', String(p)],
      ['f', F[op.f]],
      ['value', opValue(op, done)],
    ];
    if (done && op.node !== '') entries.push(['node', ednString(op.node)]);
    if (done && type !== 'ok' && op.error !== '') entries.push(['error', ednString(op.error)]);
    if (done && type === 'ok' && op.f === 'incr' && typeof op.result === 'number') entries.push(['counter', ednNumber(op.result)]);
    // An op that ended info may still be in flight: its process is retired.
    if (type === 'info') this.process[lane] = p + h.processCount;
    return `${ednMap(entries)}\n`;
  }

  private nemesis(e: SimEvent): string {
    const what = nemesisOp(e, this.names);
    if (!what) return '';
    const line = (value: string): string =>
      `${ednMap([
        ['index', String(this.index++)],
        ['time', ns(e.t)],
        ['type', ':info'],
        ['process', ':nemesis'],
        ['f', what.f],
        ['value', value],
      ])}\n`;
    return line(what.invoke) + line(what.complete);
  }
}

/** Is this event a nemesis op of history.edn (a fault, an operator command)? Workload starts and stops are not. */
export function isNemesisEvent(e: SimEvent): boolean {
  return (e.type === 'fault' && e.action !== 'workload-start' && e.action !== 'workload-stop') || e.type === 'command';
}

/** The `:f` and the invocation's and completion's `:value` of a nemesis event. */
function nemesisOp(e: SimEvent, names: NodeNames): { f: string; invoke: string; complete: string } | undefined {
  const n = (ix: number): string => ednString(names.name(ix));
  const nodes = (ixs: readonly number[]): string => ednVector(ixs.map(n));
  if (e.type === 'command') {
    const asked: [string, string][] = [
      ['node', n(e.node)],
      ['command', ednString(e.command)],
    ];
    return { f: ':redis', invoke: ednMap(asked), complete: ednMap([...asked, ['reply', ednString(e.reply)]]) };
  }
  if (e.type !== 'fault') return undefined;
  const same = (f: string, v: string): { f: string; invoke: string; complete: string } => ({ f, invoke: v, complete: v });
  const between = (): [string, string] => ['between', ednVector([nodes(e.from), nodes(e.to)])];
  const change = (): [string, string][] => [
    ...(e.reset ? [['reset', 'true'] as [string, string]] : []),
    ...(e.latency ? [['latency', ednString(e.latency)] as [string, string]] : []),
    ...(e.loss >= 0 ? [['loss', ednNumber(e.loss)] as [string, string]] : []),
  ];
  switch (e.action) {
    case 'partition':
      if (e.groups.length > 0) return same(':start-partition', ednMap([['groups', ednVector(e.groups.map(nodes))]]));
      return same(':start-partition', ednMap([['from', nodes(e.from)], ['to', nodes(e.to)], ['oneway', String(e.oneway)]]));
    case 'isolate':
      return same(':start-partition', ednMap([['isolate', n(e.subject)]]));
    case 'heal':
      return same(':stop-partition', e.all ? ':all' : ednMap([between()]));
    case 'link':
      return same(':link', ednMap([between(), ...change()]));
    case 'network':
      return same(':network', ednMap(change()));
    case 'drop':
      return same(':drop', ednMap([['types', ednStrings(e.messageTypes)], ['from', nodes(e.from)], ['to', nodes(e.to)], ...(e.forMs >= 0 ? [['for-ms', ednNumber(e.forMs)] as [string, string]] : [])]));
    case 'pause':
      return same(':pause', ednMap([['node', n(e.node)], ...(e.forMs >= 0 ? [['for-ms', ednNumber(e.forMs)] as [string, string]] : [])]));
    case 'redis-cli':
      return same(':redis-cli', ednMap([['args', ednString(e.text)]]));
    case 'workload-start':
    case 'workload-stop':
      return undefined;
    default:
      return same(`:${e.action}`, ednMap([['node', n(e.node)]]));
  }
}

/** The whole file as one string (tests, small runs); empty without workloads. */
export function formatHistoryEdn(h: History, names: NodeNames): string {
  let out = '';
  for (const piece of new HistoryEdnWriter(h, names).chunks()) out += piece;
  return out;
}
