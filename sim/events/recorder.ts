// What a run leaves behind while it runs: its events, as values, and the
// Redis log records its nodes write (only at the levels asked for: a node
// formats a line only when logEnabled says someone will read it). Listeners
// (invariants, expectations, user observers) see each event as it is
// emitted, while the world is exactly in the state it describes. Rendering
// (events.csv, log.txt, the narration) is report/'s business.

import type { Trace } from '../core/trace.ts';
import { NodeNames } from './names.ts';
import type { EventBody, NodeIx, SimEvent } from './types.ts';

/** Redis 7.0's loglevel values. */
export type LogLevel = 'debug' | 'verbose' | 'notice' | 'warning';

/** The lowest level a run records, or `nothing` (sweeps and fuzzing read no log). */
export type LogThreshold = LogLevel | 'nothing';

export interface LogRecord {
  readonly t: number;
  readonly node: NodeIx;
  /** The process's OS pid and role character (M, S, C) as the line prints them. */
  readonly pid: number;
  readonly role: string;
  readonly level: LogLevel;
  readonly text: string;
}

export type EventListener = (e: SimEvent) => void;

const LEVEL_RANK: Record<LogThreshold, number> = { debug: 0, verbose: 1, notice: 2, warning: 3, nothing: 4 };

export class Recorder {
  readonly events: SimEvent[] = [];
  readonly logs: LogRecord[] = [];
  readonly names = new NodeNames();
  private readonly listeners: EventListener[] = [];
  /** Where log records go instead of `logs`, when set (log.txt written as the run goes). */
  logSink: ((record: LogRecord) => void) | undefined = undefined;
  private readonly minRank: number;

  constructor(
    private readonly trace: Trace,
    /** The lowest level recorded (events.csv follows it for verbose events: vocabulary.ts eventWritten). */
    readonly logLevel: LogThreshold,
  ) {
    this.minRank = LEVEL_RANK[logLevel];
  }

  onEvent(l: EventListener): void {
    this.listeners.push(l);
  }

  /** Stop telling `l` (a user's observer after its run). */
  offEvent(l: EventListener): void {
    const i = this.listeners.indexOf(l);
    if (i >= 0) this.listeners.splice(i, 1);
  }

  /** Record `body` as done or seen by process `node` at `t`. */
  emit(t: number, node: NodeIx, body: EventBody): SimEvent {
    const e = { t, node, ...body } as SimEvent;
    this.add(e);
    return e;
  }

  /** Record an event already stamped with its time and node. */
  add(e: SimEvent): void {
    this.events.push(e);
    this.trace.recordValue(e.t, e.type, e);
    for (let i = 0; i < this.listeners.length; i++) this.listeners[i]!(e);
  }

  logEnabled(level: LogLevel): boolean {
    return LEVEL_RANK[level] >= this.minRank;
  }

  log(t: number, node: NodeIx, pid: number, role: string, level: LogLevel, text: string): void {
    if (!this.logEnabled(level)) return;
    const record = { t, node, pid, role, level, text };
    if (this.logSink !== undefined) this.logSink(record);
    else this.logs.push(record);
  }
}
