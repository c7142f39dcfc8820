// What a run leaves behind while it runs: protocol events (events.csv),
// Redis-style log lines (log.txt) and listeners (invariants, expectations,
// narration). Node IDs in event details are shown as scenario names.

import type { LogLevel } from '../cluster/config.ts';
import type { Trace } from '../core/trace.ts';
import { formatRedisLogDate } from '../core/time.ts';

export interface SimEvent {
  /** Simulated ms (negative during warm-up). */
  t: number;
  /** Process that observed or acted. */
  node: string;
  event: string;
  /** Process it is about, or ''. */
  subject: string;
  /** Space-separated key=value pairs. */
  detail: string;
}

export interface LogLine {
  t: number;
  node: string;
  level: LogLevel;
  text: string;
  /** The full line as log.txt prints it. */
  line: string;
}

export type EventListener = (e: SimEvent) => void;

const LEVEL_RANK: Record<LogLevel, number> = { debug: 0, verbose: 1, notice: 2, warning: 3 };
const LEVEL_CHAR: Record<LogLevel, string> = { debug: '.', verbose: '-', notice: '*', warning: '#' };
const ID_RE = /\b[0-9a-f]{40}\b/g;

export class Recorder {
  readonly events: SimEvent[] = [];
  readonly logs: LogLine[] = [];
  private readonly listeners: EventListener[] = [];
  private readonly minRank: number;
  /** Node ID → scenario name (kept current across CLUSTER RESET HARD). */
  readonly nameOfId = new Map<string, string>();

  constructor(
    private readonly trace: Trace,
    logLevel: LogLevel,
  ) {
    this.minRank = LEVEL_RANK[logLevel];
  }

  onEvent(l: EventListener): void {
    this.listeners.push(l);
  }

  /** A node ID as a scenario name (unknown IDs: their first 8 characters). */
  nameOf(id: string): string {
    if (id === '') return '';
    return this.nameOfId.get(id) ?? (/^[0-9a-f]{40}$/.test(id) ? id.slice(0, 8) : id);
  }

  /** Replace every known node ID in a text by its name. */
  withNames(text: string): string {
    return text.replace(ID_RE, (id) => this.nameOf(id));
  }

  emit(t: number, node: string, event: string, subject: string, detail: string): void {
    const e: SimEvent = { t, node, event, subject: this.nameOf(subject), detail: detail ? this.withNames(detail) : '' };
    this.events.push(e);
    this.trace.record(t, event, node, e.subject, e.detail);
    for (const l of this.listeners) l(e);
  }

  logEnabled(level: LogLevel): boolean {
    return LEVEL_RANK[level] >= this.minRank;
  }

  log(t: number, node: string, pid: number, role: string, level: LogLevel, text: string): void {
    if (!this.logEnabled(level)) return;
    const line = `${node} ${pid}:${role} ${formatRedisLogDate(t)} ${LEVEL_CHAR[level]} ${text}`;
    this.logs.push({ t, node, level, text, line });
  }
}
