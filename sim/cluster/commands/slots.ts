// CLUSTER ADDSLOTS / DELSLOTS / ADDSLOTSRANGE / DELSLOTSRANGE / FLUSHSLOTS:
// an administrator binding slots to this node by hand. Nothing is
// broadcast and no configEpoch changes: peers learn the new claims from
// this node's next PING/PONG, and the epoch rule decides conflicts.

import { NONE } from '../../events/types.ts';
import { OK, type Reply } from '../../core/reply.ts';
import { CLUSTER_SLOTS, CLUSTER_TODO_SAVE_CONFIG, CLUSTER_TODO_UPDATE_STATE } from '../constants.ts';
import { clusterAddSlot, clusterDelNodeSlots, clusterDelSlot } from '../node-table.ts';
import { flatSlotRanges } from '../slot-ranges.ts';
import type { ClusterState } from '../state.ts';
import { arityError, errorf, getSlotOrReply, type SubcommandProc } from './context.ts';

/**
 * Module-local copy of CLUSTER_SLOTS: loops over all 16384 slots read it on
 * every step, and an imported binding costs a getter call per read under
 * vitest's module runner.
 */
const SLOTS = CLUSTER_SLOTS;

/**
 * checkSlotAssignmentsOrReply: every slot of [start, end] must be free
 * (add) or bound (del), and named once across the whole command.
 * `seen` accumulates over the command's arguments.
 */
function checkSlotAssignments(cs: ClusterState, seen: Uint8Array, del: boolean, start: number, end: number): Reply | null {
  for (let slot = start; slot <= end; slot++) {
    if (del && cs.slots.owner(slot) === null) return errorf(`Slot ${slot} is already unassigned`);
    if (!del && cs.slots.owner(slot) !== null) return errorf(`Slot ${slot} is already busy`);
    if (seen[slot]++ === 1) return errorf(`Slot ${slot} specified multiple times`);
  }
  return null;
}

/**
 * clusterUpdateSlots: apply a checked set. Owning a slot for real ends an
 * import of it, so the importing state is dropped on both add and delete.
 */
function clusterUpdateSlots(cs: ClusterState, seen: Uint8Array, del: boolean): void {
  const changed: number[] = [];
  for (let j = 0; j < SLOTS; j++) {
    if (!seen[j]) continue;
    cs.importingSlotsFrom.delete(j);
    const ok = del ? clusterDelSlot(cs, j) : clusterAddSlot(cs, cs.myself, j);
    if (!ok) throw new Error(`clusterUpdateSlots: slot ${j} changed between check and apply`);
    changed.push(j);
  }
  emitSlotChange(cs, changed, del ? 'delslots' : 'addslots');
  cs.doBeforeSleep(CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_SAVE_CONFIG);
}

/** A `slot-owner` event for slots this node bound to itself or unbound by command. */
function emitSlotChange(cs: ClusterState, slots: number[], reason: 'addslots' | 'delslots' | 'flushslots'): void {
  if (slots.length === 0) return;
  const me = cs.myself;
  const added = reason === 'addslots';
  cs.env.emit({ type: 'slot-owner', subject: added ? cs.env.nodeIx(me.name) : NONE, slots: flatSlotRanges(slots), epoch: added ? me.configEpoch : -1, reason });
}

/** ADDSLOTS / DELSLOTS <slot>...: every argument is parsed before any is checked, so a bad one anywhere wins. */
export const addDelSlotsCommand: SubcommandProc = (ctx, argv) => {
  const del = argv[1]!.toLowerCase() === 'delslots';
  const slots: number[] = [];
  for (let j = 2; j < argv.length; j++) {
    const s = getSlotOrReply(argv[j]!);
    if (typeof s !== 'number') return s;
    slots.push(s);
  }
  const seen = new Uint8Array(SLOTS);
  for (const s of slots) {
    const err = checkSlotAssignments(ctx.cs, seen, del, s, s);
    if (err) return err;
  }
  clusterUpdateSlots(ctx.cs, seen, del);
  return OK;
};

/**
 * ADDSLOTSRANGE / DELSLOTSRANGE <start> <end>...: pairs are parsed and
 * checked one after the other, so a busy slot in the first pair is
 * reported before a parse error in the second.
 */
export const addDelSlotsRangeCommand: SubcommandProc = (ctx, argv) => {
  if (argv.length % 2 === 1) return arityError(`cluster|${argv[1]!.toLowerCase()}`);
  const del = argv[1]!.toLowerCase() === 'delslotsrange';
  const seen = new Uint8Array(SLOTS);
  for (let j = 2; j < argv.length; j += 2) {
    const start = getSlotOrReply(argv[j]!);
    if (typeof start !== 'number') return start;
    const end = getSlotOrReply(argv[j + 1]!);
    if (typeof end !== 'number') return end;
    if (start > end) return errorf(`start slot number ${start} is greater than end slot number ${end}`);
    const err = checkSlotAssignments(ctx.cs, seen, del, start, end);
    if (err) return err;
  }
  clusterUpdateSlots(ctx.cs, seen, del);
  return OK;
};

/** FLUSHSLOTS: unbind all my slots, only with an empty keyspace. Open imports stay open. */
export const flushSlotsCommand: SubcommandProc = (ctx) => {
  const cs = ctx.cs;
  if (cs.server.dbSize() !== 0) return errorf('DB must be empty to perform CLUSTER FLUSHSLOTS.');
  const mine: number[] = [];
  for (let j = 0; j < SLOTS; j++) if (cs.myself.hasSlot(j)) mine.push(j);
  clusterDelNodeSlots(cs, cs.myself);
  emitSlotChange(cs, mine, 'flushslots');
  cs.doBeforeSleep(CLUSTER_TODO_UPDATE_STATE | CLUSTER_TODO_SAVE_CONFIG);
  return OK;
};
