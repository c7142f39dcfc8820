// A finished run and its timeline recorder → the page's data (model.ts):
// lanes, views, messages (sampled past a cap), fault bands, event markers,
// the client lane and the outcome. Runs once, after the simulation.

import type { NodeNames } from '../../events/names.ts';
import type { NodeIx, SimEvent } from '../../events/types.ts';
import { eventDetail, eventSubject } from '../../events/vocabulary.ts';
import type { Summary } from '../summary.ts';
import { narrationItems } from '../narrate.ts';
import { clientLane } from './client-lane.ts';
import { COLLAPSE_ABOVE, laneGroups } from './groups.ts';
import { elections, quorums } from './teach.ts';
import { faultBands } from './faults.ts';
import { beliefsFromSnapshots, candidatePoints, laneSegments } from './lanes.ts';
import type { MessageColumns } from './message-recorder.ts';
import { TIMELINE_FORMAT, type MessageData, type TimelineData } from './model.ts';
import type { MessageRecorder } from './message-recorder.ts';
import type { ViewRecorder } from './view-recorder.ts';
import type { DropRule } from './faults.ts';
import type { RunReport } from '../run-report.ts';

/** What the run recorded for the page (run/timeline-recorder.ts records it while the run goes). */
export interface TimelineRecord {
  /** Lane order: the world's processes in index order (masters, replicas, spares, added). */
  readonly nodes: readonly string[];
  /** Each lane's cluster-node-timeout, ms (an election's deadline depends on it). */
  readonly nodeTimeoutsMs: readonly number[];
  readonly views: ViewRecorder;
  readonly messages: MessageRecorder;
  /** Per lane: [t, Proc, …] at the exact times the process changed. */
  readonly procs: readonly (readonly number[])[];
  readonly dropRules: readonly DropRule[];
  readonly startMs: number;
}
import { encodeViews } from './view-encode.ts';

/** Cluster-bus messages other than the key ones kept for the "all messages" layer; past this, one in k. */
export const OTHER_MESSAGES_CAP = 20_000;

/** Events drawn as markers on the node that logged them (write-lost goes to the client lane, fault to the fault rows). */
export const MARKER_KINDS: readonly string[] = [
  'pfail',
  'pfail-cleared',
  'fail',
  'fail-received',
  'fail-cleared',
  'election-scheduled',
  'election-rank',
  'election-started',
  'election-won',
  'election-expired',
  'vote-granted',
  'vote-denied',
  'vote-received',
  'role',
  'config-epoch',
  'update-sent',
  'slot-owner',
  'manual-failover',
  'replica-migrated',
  'state',
  'command',
  'node-id',
  'shutdown',
];

const us = (ms: number): number => Math.round(ms * 1000) / 1000;

/** Rows as [sentAt − previous sentAt, latency, from, to, label, fault, …], every `every`-th row. */
function encodeMessages(c: MessageColumns, every: number): number[] {
  const out: number[] = [];
  let prev = 0;
  for (let i = 0; i < c.length; i += every) {
    out.push(us(c.sentAt[i]! - prev), us(c.at[i]! - c.sentAt[i]!), c.from[i]!, c.to[i]!, c.label[i]!, c.fault[i]!);
    prev = c.sentAt[i]!;
  }
  return out;
}

function messageData(rec: TimelineRecord): MessageData {
  const m = rec.messages;
  // The recorder kept one in otherStride (all in runs under OTHER_KEPT_MAX); one in `every` of those is drawn.
  const every = Math.max(1, Math.ceil(m.other.length / OTHER_MESSAGES_CAP));
  const notDrawn: Record<string, number> = {};
  for (const [k, v] of [...m.notDrawn].sort((a, b) => (a[0] < b[0] ? -1 : 1))) notDrawn[k] = v;
  return {
    labels: m.labels,
    key: encodeMessages(m.key, 1),
    other: encodeMessages(m.other, every),
    otherTotal: m.otherSeen,
    sampleEvery: every * m.otherStride,
    drops: m.drops.map(us),
    faults: m.faults,
    notDrawn,
  };
}

function markers(events: readonly SimEvent[], laneOf: (ix: NodeIx) => number | undefined, names: NodeNames): { markers: number[]; details: string[] } {
  const kinds = new Map(MARKER_KINDS.map((k, i) => [k, i]));
  const details: string[] = [];
  const detailIndex = new Map<string, number>();
  const out: number[] = [];
  for (const e of events) {
    const kind = kinds.get(e.type);
    const node = laneOf(e.node);
    if (kind === undefined || node === undefined) continue;
    const detail = eventDetail(e, names);
    let d = detailIndex.get(detail);
    if (d === undefined) {
      d = details.push(detail) - 1;
      detailIndex.set(detail, d);
    }
    out.push(us(e.t), node, kind, laneOf(eventSubject(e)) ?? -1, d);
  }
  return { markers: out, details };
}

export function buildTimelineData(r: RunReport, rec: TimelineRecord, summary: Summary): TimelineData {
  const events = r.events;
  const names = r.names;
  const lane = new Map(rec.nodes.map((n, i) => [n, i]));
  /** A node's lane, by the name events print for it (clients, the tool and unknown IDs have none). */
  const laneOf = (ix: NodeIx): number | undefined => (ix === -1 ? undefined : lane.get(names.name(ix)));
  const byNode = rec.nodes.map(() => [] as SimEvent[]);
  for (const e of events) {
    const k = laneOf(e.node);
    if (k !== undefined) byNode[k]!.push(e);
  }
  const views = rec.views;
  const lanes = rec.nodes.map((name, k) => {
    const log = views.logs[k]!;
    const beliefs = beliefsFromSnapshots(log.snapAt, log.snaps, views.lines);
    const timeout = rec.nodeTimeoutsMs[k]!;
    return laneSegments(beliefs, rec.procs[k]!, candidatePoints(byNode[k]!, timeout), rec.startMs);
  });
  const { markers: marks, details } = markers(events, laneOf, names);
  const history = r.history;
  const s = r.scenario;
  return {
    format: TIMELINE_FORMAT,
    scenario: { name: s.name, description: s.description, file: s.file, seed: r.seed },
    startMs: rec.startMs,
    endMs: r.endMs,
    nodes: [...rec.nodes],
    lanes,
    views: encodeViews(views, (id) => {
      const ix = names.processOfId(id);
      return ix === undefined ? undefined : names.name(ix);
    }),
    messages: messageData(rec),
    faults: faultBands(events, laneOf, names, rec.dropRules, r.endMs),
    markers: marks,
    markerKinds: [...MARKER_KINDS],
    details,
    client: clientLane(history.outcomes(), r.lostWrites, s.workloads.map((w) => w.name), rec.startMs, r.endMs),
    groups: laneGroups(rec.nodes, views, names),
    collapsed: rec.nodes.length > COLLAPSE_ABOVE,
    quorums: quorums(events, laneOf),
    elections: elections(events, laneOf),
    narration: narrationItems(events, { names }),
    summary: {
      exitCode: summary.exit_code,
      expectations: summary.expectations.map((x) => ({ ok: x.ok, when: x.when, conditions: x.conditions, why: x.why })),
      steps: summary.steps_failed.map((f) => ({ action: f.action, atMs: f.at_ms, why: f.why })),
      writes: summary.writes,
      repro: summary.repro,
    },
  };
}
