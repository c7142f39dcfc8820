// Small pieces of the ownership timeline: the records it keeps, slot range
// lookups and times.

import type { SlotRanges } from '../events/types.ts';

export interface RoleChange {
  readonly t: number;
  readonly node: string;
  readonly role: 'master' | 'replica';
  /** For replicas: the master. */
  readonly master: string;
}

export interface Promotion {
  readonly t: number;
  /** The replica that became master. */
  readonly node: string;
  readonly oldMaster: string;
  readonly epoch: number | undefined;
  /** The replica's replication offset at its election, if it had one. */
  readonly offset: number | undefined;
}

export interface SlotClaim {
  readonly t: number;
  /** The node whose view changed. */
  readonly observer: string;
  /** The new owner ('' when the slots became unassigned). */
  readonly owner: string;
  readonly slots: SlotRanges;
  /** The owner's configEpoch as bound (undefined when the slots became unassigned). */
  readonly epoch: number | undefined;
}

export interface FaultWindow {
  readonly from: number;
  /** When it ended (heal, resume, restart); Infinity while in effect. */
  to: number;
  readonly action: string;
  /** The node it acts on, or '*' for the network. */
  readonly node: string;
  /** As narrated: `partition [A]|[B,C]`, `pause A`. */
  readonly what: string;
}

/** Is `slot` in flat [first, last, …] ranges? */
export function slotInRanges(slot: number, ranges: SlotRanges): boolean {
  for (let i = 0; i < ranges.length; i += 2) if (slot >= ranges[i]! && slot <= ranges[i + 1]!) return true;
  return false;
}

/** The owner named by the last claim on `slot` at or before `t`. */
export function lastInRanges(claims: readonly SlotClaim[], slot: number, t: number): string | undefined {
  let owner: string | undefined;
  for (const c of claims) {
    if (c.t > t) break;
    if (slotInRanges(slot, c.slots)) owner = c.owner;
  }
  return owner;
}

/** 12300 → `12.3 s` (simulated seconds, at most 3 decimals). */
export function formatSeconds(ms: number): string {
  return `${Math.round(ms) / 1000} s`;
}
