// Data properties Redis Cluster does promise, judged on a finished run's
// client history (sim fuzz checks them after every run; docs/invariants.md
// says why each holds). Redis replicates asynchronously, so a failover may
// lose acknowledged writes; these are the promises that remain:
//
// acked-writes-kept: a write acknowledged by a master whose shard then saw
//   no failover, demotion, restart or slot move until the end is never lost.
//   The lost-write analysis already names the cause of each loss from the
//   run's timeline; a loss it cannot explain ("unexplained") breaks this.
// reads-were-written: a GET returns nil or a value some SET of that key
//   wrote (acknowledged or not): Redis never invents data, and a replica
//   promoted by a failover holds only what its master sent it.
//
// The other data promises are scenario conditions every swarm scenario
// carries as expectations, so `sim run` judges them on the written file:
// `replicas-consistent` (after convergence an in-sync replica equals its
// master) and, for a run whose only faults are default-mode manual
// failovers, `lost-writes: 0`.
//
// Inputs are structural (the run's history and lost writes), so this module
// needs nothing from the workload layer.

export interface HistoryOp {
  readonly f: 'set' | 'get' | 'rpush' | 'incr' | 'lrange';
  readonly key: string;
  readonly value: string | null;
  readonly type: 'ok' | 'fail' | 'info' | undefined;
  /** A GET's string, an INCR's number, an LRANGE's whole list. */
  readonly result: string | number | readonly string[] | null;
  readonly invokeMs: number;
  readonly completeMs: number;
  readonly node: string;
}

export interface LostWriteFacts {
  readonly key: string;
  readonly value: string;
  readonly node: string;
  readonly invokedMs: number;
  readonly ackedMs: number;
  readonly cause: string;
  readonly why: string;
}

export interface DataViolation {
  readonly property: 'acked-writes-kept' | 'reads-were-written';
  readonly why: string;
}

export const DATA_PROPERTY_NAMES = ['acked-writes-kept', 'reads-were-written'] as const;

const sec = (ms: number): string => `${(ms / 1000).toFixed(3)}s`;

/** A process fault the scenario applied: a restart (or kill, shutdown) loses what was not persisted. */
export interface ProcessFault {
  readonly node: string;
  readonly atMs: number;
}

export function ackedWritesKept(lost: readonly LostWriteFacts[], restarts: readonly ProcessFault[] = [], ops: readonly HistoryOp[] = []): DataViolation | undefined {
  // A node restarted (even while running) comes back from its disk, as Redis would: what it had not
  // persisted is gone, and a counter counts again from there. So a loss on a key is excused when
  // the node restarted after the key's first write was sent (a reply may arrive after the
  // restart for a write applied before it).
  const firstWrite = new Map<string, number>();
  for (const op of ops) if (op.f !== 'get' && op.f !== 'lrange') firstWrite.set(op.key, Math.min(firstWrite.get(op.key) ?? Infinity, op.invokeMs));
  const restarted = (x: LostWriteFacts): boolean => {
    const from = Math.min(x.invokedMs, firstWrite.get(x.key) ?? Infinity);
    return restarts.some((f) => f.node === x.node && f.atMs >= from);
  };
  const w = lost.find((x) => x.cause === 'unexplained' && !restarted(x));
  if (!w) return undefined;
  return { property: 'acked-writes-kept', why: `${w.node} acknowledged ${JSON.stringify(w.value)} to ${w.key} at ${sec(w.ackedMs)}, its shard saw no failover, restart or slot move, and the write is gone: ${w.why}` };
}

export function readsWereWritten(ops: readonly HistoryOp[]): DataViolation | undefined {
  const written = new Map<string, Set<string>>();
  for (const op of ops) {
    if (op.f !== 'set' || op.value === null || op.type === 'fail') continue;
    let s = written.get(op.key);
    if (!s) written.set(op.key, (s = new Set()));
    s.add(op.value);
  }
  for (const op of ops) {
    if (op.f !== 'get' || op.type !== 'ok' || op.result === null) continue;
    if (written.get(op.key)?.has(String(op.result))) continue;
    return { property: 'reads-were-written', why: `a GET of ${op.key} answered by ${op.node || 'a node'} at ${sec(op.completeMs)} returned ${JSON.stringify(op.result)}, which no SET of that key wrote` };
  }
  return undefined;
}

/** The first data property a run broke, if any. */
export function checkDataProperties(lost: readonly LostWriteFacts[], ops: readonly HistoryOp[], restarts: readonly ProcessFault[] = []): DataViolation | undefined {
  return ackedWritesKept(lost, restarts, ops) ?? readsWereWritten(ops);
}
