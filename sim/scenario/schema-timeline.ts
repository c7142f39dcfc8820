// The `timeline:` section: entries run in order, each with exactly one action
// and an `at:` (absolute) or `after:` (relative to the previous entry's end;
// the default is `after: 0`). `repeat:` nests a block of entries.

import { printable } from '../core/printable.ts';
import { formatDurationMs } from '../core/time.ts';
import {
  readDrop,
  readHeal,
  readLink,
  readNetworkAction,
  readNodeAction,
  readPartition,
  readPause,
  readReplication,
} from './schema-actions-fault.ts';
import { readCheck, readRedis, readWait, readWorkloadAction } from './schema-actions-command.ts';
import { readRedisCli } from './schema-actions-redis-cli.ts';
import type { SourcePos } from './errors.ts';
import type { Scope } from './scope.ts';
import { suggest } from './suggest.ts';
import type { Action, EntryTiming, TimelineEntry } from './types-timeline.ts';
import { ACTION_KEYS, type ActionKey } from './vocabulary.ts';
import { checkKeys, isEmpty, readDuration, readList, readMap, readNumber, readTime, type Field, type YNode } from './yaml-read.ts';

type Reader = (scope: Scope, f: Field) => Action | undefined;

const READERS: Record<ActionKey, Reader> = {
  partition: readPartition,
  isolate: readNodeAction('isolate'),
  heal: readHeal,
  link: readLink,
  network: readNetworkAction,
  drop: readDrop,
  kill: readNodeAction('kill'),
  restart: readNodeAction('restart'),
  pause: readPause,
  resume: readNodeAction('resume'),
  shutdown: readNodeAction('shutdown'),
  start: readNodeAction('start'),
  redis: readRedis,
  'redis-cli': readRedisCli,
  replication: readReplication,
  workload: readWorkloadAction,
  wait: readWait,
  check: readCheck,
  repeat: readRepeat,
};

const TIMING_KEYS = ['at', 'after'] as const;

const isActionKey = (k: string): k is ActionKey => (ACTION_KEYS as readonly string[]).includes(k);

/** The whole `timeline:` list. */
export function readTimeline(scope: Scope, node: YNode | undefined): TimelineEntry[] {
  if (node === undefined || isEmpty(node)) return [];
  const items = readList(scope.ctx, node, 'timeline');
  return items ? readEntries(scope, items, false) : [];
}

/**
 * Entries in order. An absolute `at:` earlier than the point the previous
 * entries must already have reached (their `at:` plus any `after:`) could
 * never run on time, so it is reported rather than silently run late.
 */
function readEntries(scope: Scope, items: readonly YNode[], inRepeat: boolean): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  let earliestMs = 0;
  for (const item of items) {
    const entry = readEntry(scope, item, inRepeat);
    if (!entry) continue;
    if (entry.timing.kind === 'at') {
      if (entry.timing.ms < earliestMs) {
        scope.ctx.errorAt(
          entry.timingPos ?? entry.entry.pos,
          'impossible-time',
          `at: ${formatDurationMs(entry.timing.ms)} is before the previous entries end (not before ${formatDurationMs(earliestMs)}); the timeline runs in order`,
        );
      }
      earliestMs = Math.max(earliestMs, entry.timing.ms);
    } else earliestMs += entry.timing.ms;
    out.push(entry.entry);
  }
  return out;
}

/** A read entry, plus where its `at:` value sits (for the ordering check). */
interface ReadEntry {
  readonly entry: TimelineEntry;
  readonly timing: EntryTiming;
  readonly timingPos: SourcePos | undefined;
}

function readEntry(scope: Scope, node: YNode, inRepeat: boolean): ReadEntry | undefined {
  const ctx = scope.ctx;
  const fields = readMap(ctx, node, 'timeline entry');
  if (!fields) return undefined;
  const actions: Field[] = [];
  let unknown = 0;
  for (const f of fields) {
    if ((TIMING_KEYS as readonly string[]).includes(f.key)) continue;
    if (isActionKey(f.key)) actions.push(f);
    else {
      unknown++;
      ctx.error(f.keyNode, 'unknown-action', `unknown action "${printable(f.key)}"`, suggest(f.key, [...ACTION_KEYS, ...TIMING_KEYS]));
    }
  }
  const at = fields.find((f) => f.key === 'at');
  const after = fields.find((f) => f.key === 'after');
  let timing: EntryTiming | undefined = { kind: 'after', ms: 0 };
  if (at && after) {
    ctx.error(after.keyNode, 'conflicting-keys', 'a timeline entry has either at: or after:, not both');
    timing = undefined;
  } else if (at) {
    if (inRepeat) {
      ctx.error(at.keyNode, 'impossible-time', 'inside repeat, entries are timed with after: (at: would be the same instant every time)');
      timing = undefined;
    } else {
      const ms = readTime(ctx, at.at, 'at');
      timing = ms === undefined || scope.withinDuration(at.at, ms, 'at') === undefined ? undefined : { kind: 'at', ms };
    }
  } else if (after) {
    const ms = readDuration(ctx, after.at, 'after');
    timing = ms === undefined ? undefined : { kind: 'after', ms };
  }
  if (actions.length === 0) {
    if (unknown === 0) ctx.error(node, 'no-action', `timeline entry has no action (one of ${ACTION_KEYS.join(', ')})`);
    return undefined;
  }
  if (actions.length > 1) {
    const names = actions.map((a) => `"${printable(a.key)}"`).join(' and ');
    ctx.error(actions[1]!.keyNode, 'two-actions', `timeline entry has ${actions.length} actions, ${names}; put each in its own entry`);
    return undefined;
  }
  const f = actions[0]!;
  const action = READERS[f.key as ActionKey](scope, f);
  if (!action || !timing) return undefined;
  return { entry: { timing, action, pos: ctx.pos(fields[0]!.keyNode) }, timing, timingPos: at ? ctx.pos(at.at) : undefined };
}

/** `repeat: { times: 19, do: [ …entries… ] }` */
function readRepeat(scope: Scope, f: Field): Action | undefined {
  const ctx = scope.ctx;
  const k = checkKeys(ctx, readMap(ctx, f.value, 'repeat') ?? [], ['times', 'do'], 'repeat');
  if (!k.get('times') || !k.get('do')) return ctx.error(f.at, 'missing-key', 'repeat needs times: and do:');
  const times = readNumber(ctx, k.get('times')!.at, 'times', { integer: true, min: 1, max: 1_000_000 });
  const items = readList(ctx, k.get('do')!.value, 'repeat do');
  if (items && items.length === 0) return ctx.error(k.get('do')!.at, 'bad-value', 'repeat do: needs at least one entry');
  const before = ctx.errors.length;
  const body = items ? readEntries(scope, items, true) : [];
  if (times === undefined || !items || ctx.errors.length > before) return undefined;
  return { type: 'repeat', times, body };
}
