// The text reports of a run: events.csv and log.txt (byte-identical for the
// same scenario and seed), written with d3-dsv so quoting follows RFC 4180.

import { csvFormat } from 'd3-dsv';
import type { LogLine, SimEvent } from '../events/recorder.ts';

/** events.csv: `t_ms,node,event,subject,detail`, one row per protocol event. */
export function eventsCsv(events: readonly SimEvent[]): string {
  const rows = events.map((e) => ({
    t_ms: formatMs(e.t),
    node: e.node,
    event: e.event,
    subject: e.subject,
    detail: e.detail,
  }));
  return csvFormat(rows, ['t_ms', 'node', 'event', 'subject', 'detail']) + '\n';
}

/** Times with sub-millisecond parts keep three decimals; whole ms stay integers. */
export function formatMs(t: number): string {
  return Number.isInteger(t) ? String(t) : t.toFixed(3);
}

/** log.txt: every node's Redis-style log lines in simulated-time order. */
export function logTxt(logs: readonly LogLine[]): string {
  return logs.map((l) => l.line).join('\n') + (logs.length ? '\n' : '');
}
