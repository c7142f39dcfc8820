// Small pieces of the ownership timeline: the records it keeps and the
// parsing of event details (`key=value` pairs, slot range lists) and times.

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
  /** `0-5460,5462` */
  readonly slots: string;
  readonly epoch: string | undefined;
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

/** `delay=842 rank=0 offset=1410` → { delay: '842', rank: '0', offset: '1410' }. */
export function parseDetail(detail: string): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const part of detail.split(' ')) {
    const eq = part.indexOf('=');
    if (eq > 0) out[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return out;
}

/** Is `slot` in a `0-5460,5462` list? */
export function slotInRanges(slot: number, ranges: string): boolean {
  for (const r of ranges.split(',')) {
    const dash = r.indexOf('-');
    const a = Number(dash < 0 ? r : r.slice(0, dash));
    const b = dash < 0 ? a : Number(r.slice(dash + 1));
    if (slot >= a && slot <= b) return true;
  }
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
