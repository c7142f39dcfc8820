// The event vocabulary: how each event type reads as a row of events.csv
// (`node,event,subject,detail`, detail as space-separated key=value pairs).
// The table is keyed by type, so the compiler keeps it complete, and its
// keys are the names `event:` conditions accept. Expectations match on
// these rows and reports print them; nothing renders an event until one of
// them asks.

import type { NodeNames } from './names.ts';
import type { LogThreshold } from './recorder.ts';
import { NONE, type EventOf, type EventType, type NodeIx, type SimEvent, type SlotRanges } from './types.ts';

/** One event as events.csv shows it. */
export interface EventRow {
  readonly t: number;
  readonly node: string;
  readonly event: EventType;
  readonly subject: string;
  readonly detail: string;
}

/** How node indices print (NodeNames, or anything that can name an index). */
export type EventNamer = Pick<NodeNames, 'name'>;

type Detail<K extends EventType> = (e: EventOf<K>, n: (ix: NodeIx) => string) => string;

/** `0-5460,5462`. */
export function slotRangesText(r: SlotRanges): string {
  let s = '';
  for (let i = 0; i < r.length; i += 2) {
    if (i > 0) s += ',';
    s += r[i] === r[i + 1] ? String(r[i]) : `${r[i]}-${r[i + 1]}`;
  }
  return s;
}

const list = (ixs: readonly NodeIx[], n: (ix: NodeIx) => string): string => ixs.map(n).join(',');

function faultDetail(e: EventOf<'fault'>, n: (ix: NodeIx) => string): string {
  const change = (): string =>
    [e.reset ? 'reset' : '', e.latency ? `latency=${e.latency}` : '', e.loss >= 0 ? `loss=${e.loss}` : ''].filter(Boolean).join(' ');
  switch (e.action) {
    case 'partition':
      if (e.groups.length > 0) return `action=partition groups=${e.groups.map((g) => `[${list(g, n)}]`).join('|')}`;
      return `action=partition from=${list(e.from, n)} to=${list(e.to, n)}${e.oneway ? ' oneway=1' : ''}`;
    case 'heal':
      return e.all ? 'action=heal all=1' : `action=heal between=${list(e.from, n)}|${list(e.to, n)}`;
    case 'link':
      return `action=link between=${list(e.from, n)}|${list(e.to, n)} ${change()}`;
    case 'network':
      return `action=network ${change()}`;
    case 'drop':
      return `action=drop types=${e.messageTypes.join(',') || 'all'} from=${list(e.from, n)} to=${list(e.to, n)} message-level=1`;
    case 'pause':
      return `action=pause${e.forMs >= 0 ? ` for_ms=${e.forMs}` : ''}`;
    case 'redis-cli':
      return `action=redis-cli args=${JSON.stringify(e.text)}`;
    case 'workload-start':
    case 'workload-stop':
      return `action=${e.action} workload=${e.text}`;
    default:
      return `action=${e.action}`;
  }
}

function stateDetail(e: EventOf<'state'>, n: (ix: NodeIx) => string): string {
  switch (e.reason) {
    case 'none':
      return `state=${e.state}`;
    case 'owner-fail':
      return `state=${e.state} reason=owner-fail slot=${e.slot} owner=${n(e.owner)}`;
    case 'unassigned':
      return `state=${e.state} reason=unassigned slot=${e.slot}`;
    case 'minority':
      return `state=${e.state} reason=minority reachable=${e.reachable} size=${e.size} needed=${e.needed}`;
  }
}

function roleDetail(e: EventOf<'role'>, n: (ix: NodeIx) => string): string {
  if (e.role === 'replica') return `role=replica master=${n(e.master)}`;
  const was = e.wasReplicaOf === NONE ? '-' : n(e.wasReplicaOf);
  return e.reset ? `role=master was-replica-of=${was} reason=reset` : `role=master was-replica-of=${was} offset=${e.offset}`;
}

function manualFailoverDetail(e: EventOf<'manual-failover'>, n: (ix: NodeIx) => string): string {
  switch (e.step) {
    case 'accepted':
      return `step=accepted mode=${e.mode} master=${n(e.master)} end=${e.endMs}`;
    case 'offset-received':
    case 'can-start':
      return `step=${e.step} offset=${e.offset}`;
    default:
      return `step=${e.step}`;
  }
}

function replSyncDetail(e: EventOf<'repl-sync'>): string {
  if (e.side === 'replica') return `kind=${e.kind} offset=${e.offset} keys=${e.keys} dropped=${e.dropped}`;
  return `replica=${e.replica} kind=${e.kind} offset=${e.offset}${e.kind === 'full' ? ` rdb_bytes=${e.rdbBytes}` : ''}`;
}

function failureReportDetail(e: EventOf<'failure-report'>, n: (ix: NodeIx) => string): string {
  const how = e.step === 'added' ? ` flag=${e.flag}` : e.step === 'expired' ? ` age_ms=${e.ageMs}` : '';
  const via = e.via ? ` via=${e.via}` : '';
  return `step=${e.step} reporter=${n(e.reporter)}${how}${via} reports=${e.reports}${e.self ? ' self=1' : ''} needed=${e.needed}`;
}

const DETAIL: { readonly [K in EventType]: Detail<K> } = {
  pfail: (e) => `no_pong_ms=${e.noPongMs} silence_ms=${e.silenceMs} timeout=${e.timeoutMs}`,
  'pfail-cleared': () => '',
  'failure-report': failureReportDetail,
  fail: (e, n) => `reporters=${list(e.reporters, n)} needed=${e.needed}`,
  'fail-received': (e, n) => `from=${n(e.from)}`,
  'fail-cleared': (e) => `reason=${e.reason}`,
  state: stateDetail,
  'election-scheduled': (e) =>
    e.manual
      ? `delay=${e.delayMs} rank=${e.rank} offset=${e.offset} manual=1`
      : `delay=${e.delayMs} fixed=${e.fixedMs} random=${e.randomMs} rank=${e.rank} offset=${e.offset}`,
  'election-rank': (e) => `rank=${e.rank} added=${e.addedMs}`,
  'election-started': (e) => `epoch=${e.epoch} needed=${e.needed}`,
  'election-expired': (e) => `epoch=${e.epoch} votes=${e.votes}`,
  'election-won': (e) => `epoch=${e.epoch} votes=${e.votes} needed=${e.needed}`,
  'vote-granted': (e, n) => `epoch=${e.epoch} master=${n(e.master)}${e.forceAck ? ' forceack=1' : ''}`,
  'vote-denied': (e) => `reason=${e.reason} epoch=${e.epoch}`,
  'vote-received': (e) => `epoch=${e.epoch} count=${e.count}`,
  role: roleDetail,
  'role-seen': (e, n) => (e.role === 'master' ? 'role=master' : `role=replica master=${n(e.master)}`),
  'config-epoch': (e, n) =>
    `epoch=${e.epoch} reason=${e.reason}${e.slot >= 0 ? ` slot=${e.slot}` : ''}${e.with !== NONE ? ` with=${n(e.with)}` : ''}`,
  'update-sent': (e, n) => `about=${n(e.about)} epoch=${e.epoch}`,
  'slot-owner': (e) =>
    e.subject === NONE
      ? `slots=${slotRangesText(e.slots)} owner=none reason=${e.reason}`
      : `slots=${slotRangesText(e.slots)} epoch=${e.epoch}${e.reason ? ` reason=${e.reason}` : ''}`,
  'manual-failover': manualFailoverDetail,
  'replica-migrated': (e, n) => `from=${n(e.from)} to=${n(e.to)}`,
  handshake: (e) => (e.step === 'started' ? `step=started addr=${e.ip}:${e.port}@${e.cport}` : `step=${e.step}`),
  'node-id': (e) => `old=${e.oldId} new=${e.newId}`,
  'repl-link': (e) => `state=${e.state} offset=${e.offset}`,
  'repl-sync': replSyncDetail,
  shutdown: (e) => `replicas=${e.replicas} lagging=${e.lagging}`,
  fault: faultDetail,
  command: (e) => `command=${JSON.stringify(e.command)} reply=${JSON.stringify(e.reply)}`,
  'redis-cli': (e) => (e.line === null ? `exit=${e.exitCode}` : `line=${JSON.stringify(e.line)}${e.stderr ? ' stream=stderr' : ''}`),
  'write-lost': (e) => `key=${e.key} value=${e.value} f=${e.f} acked_ms=${Math.round(e.ackedMs)} cause=${e.cause}`,
};

/**
 * How much each event type says, in Redis's loglevel words: `verbose`
 * events are the ones a node has in quantity, one per peer that told it
 * something (Redis logs the same news at verbose). A run always records
 * them (conditions, invariants, the narration and timeline.html read them
 * the same whatever the level); events.csv writes them only when the run's
 * log level is verbose or debug, as log.txt does its verbose lines, so that
 * `--log-level notice` keeps a 200-node run's events.csv to the events that
 * happen once per node and fault. Every other type is `notice`.
 */
export const VERBOSE_EVENTS: ReadonlySet<EventType> = new Set<EventType>(['failure-report']);

/** Whether events.csv writes `e` at the run's log level (`nothing`: the library's runs, that write no log). */
export function eventWritten(e: SimEvent, level: LogThreshold): boolean {
  return level === 'debug' || level === 'verbose' || !VERBOSE_EVENTS.has(e.type);
}

/** Every event name, in the vocabulary's order. */
export const EVENT_TYPES = Object.keys(DETAIL) as readonly EventType[];

const TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);

export function isEventType(s: string): s is EventType {
  return TYPE_SET.has(s);
}

/** The `detail` cell of an event. */
export function eventDetail(e: SimEvent, names: EventNamer): string {
  const n = (ix: NodeIx): string => names.name(ix);
  return (DETAIL[e.type] as Detail<EventType>)(e as never, n);
}

/** The `node` cell: the process, `*` for a fault on several, `redis-cli` for the tool. */
export function eventNode(e: SimEvent, names: EventNamer): string {
  if (e.type === 'redis-cli') return 'redis-cli';
  if (e.type === 'fault' && e.node === NONE) return '*';
  return names.name(e.node);
}

/** The node an event is about, or NONE. */
export function eventSubject(e: SimEvent): NodeIx {
  return 'subject' in e ? e.subject : NONE;
}

/** One event as a row of events.csv. */
export function eventRow(e: SimEvent, names: EventNamer): EventRow {
  return { t: e.t, node: eventNode(e, names), event: e.type, subject: names.name(eventSubject(e)), detail: eventDetail(e, names) };
}
