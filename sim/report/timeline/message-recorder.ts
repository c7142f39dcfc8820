// Messages for the timeline's arrows, recorded as the network delivers them
// (Network.observer) plus the message-level drops, which are never
// delivered. Kept in growable typed columns: a 10-minute, 20-node run
// delivers hundreds of thousands of messages, and the observer runs for
// each of them, so it must not allocate.

import { MESSAGE_TYPE_LABELS } from '../../cluster/constants.ts';
import { Interner } from '../../core/interner.ts';

/** The messages that explain a failover; always kept, all of them. */
export const KEY_LABELS: readonly string[] = ['FAIL', 'FAILOVER_AUTH_REQUEST', 'FAILOVER_AUTH_ACK', 'UPDATE', 'MFSTART'];

const BUS_LABELS = new Set<string>(MESSAGE_TYPE_LABELS);

/** Parallel columns of numbers; one row per message. */
export class MessageColumns {
  length = 0;
  sentAt = new Float64Array(256);
  at = new Float64Array(256);
  from = new Int16Array(256);
  to = new Int16Array(256);
  label = new Int16Array(256);
  fault = new Int8Array(256);

  push(sentAt: number, at: number, from: number, to: number, label: number, fault: number): void {
    if (this.length === this.sentAt.length) this.grow();
    const i = this.length++;
    this.sentAt[i] = sentAt;
    this.at[i] = at;
    this.from[i] = from;
    this.to[i] = to;
    this.label[i] = label;
    this.fault[i] = fault;
  }

  /** Keep rows 0, 2, 4, …: every other one. */
  halve(): void {
    const n = this.length;
    let j = 0;
    for (let i = 0; i < n; i += 2, j++) {
      this.sentAt[j] = this.sentAt[i]!;
      this.at[j] = this.at[i]!;
      this.from[j] = this.from[i]!;
      this.to[j] = this.to[i]!;
      this.label[j] = this.label[i]!;
      this.fault[j] = this.fault[i]!;
    }
    this.length = j;
  }

  private grow(): void {
    const n = this.sentAt.length * 2;
    const g = <T extends Float64Array | Int16Array | Int8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.sentAt = g(this.sentAt);
    this.at = g(this.at);
    this.from = g(this.from);
    this.to = g(this.to);
    this.label = g(this.label);
    this.fault = g(this.fault);
  }
}

/**
 * Other bus messages kept at most (then halved): the page shows a sample of
 * them anyway, and an hour of a 100-node cluster delivers millions.
 */
export const OTHER_KEPT_MAX = 40_000;

export class MessageRecorder {
  private readonly labelTable = new Interner();
  readonly labels: readonly string[] = this.labelTable.values;
  /** Fault marks; index 0 means none. */
  readonly faults: string[] = [''];
  readonly key = new MessageColumns();
  /**
   * Other bus messages: those whose delivery index is a multiple of
   * `otherStride` (all of them until OTHER_KEPT_MAX were kept; then one in
   * 2, in 4 …), and how many there were in all.
   */
  readonly other = new MessageColumns();
  otherStride = 1;
  otherSeen = 0;
  /** Drops: [t, from, to, label, …] in lane indices. */
  readonly drops: number[] = [];
  /** Node-to-node traffic that is not the cluster bus (replication, MIGRATE), by label. */
  readonly notDrawn = new Map<string, number>();
  private readonly keyLabel: boolean[] = [];
  private readonly busLabel: boolean[] = [];

  /** `laneOfPid[pid]` is a node's lane, or -1 for clients and tools. */
  constructor(private readonly laneOfPid: Int16Array) {}

  private labelOf(label: string): number {
    const known = this.labelTable.size;
    const i = this.labelTable.id(label);
    if (i === known) {
      this.keyLabel.push(KEY_LABELS.includes(label));
      this.busLabel.push(BUS_LABELS.has(label));
    }
    return i;
  }

  private faultOf(fault: string | undefined): number {
    if (!fault) return 0;
    let i = this.faults.indexOf(fault);
    if (i < 0) i = this.faults.push(fault) - 1;
    return i;
  }

  /** Network.observer: one delivered message. Client traffic is left out. */
  delivered(sentAt: number, at: number, fromPid: number, toPid: number, label: string, fault?: string): void {
    const from = this.laneOfPid[fromPid] ?? -1;
    const to = this.laneOfPid[toPid] ?? -1;
    if (from < 0 || to < 0) return;
    const l = this.labelOf(label);
    if (this.keyLabel[l]) this.key.push(sentAt, at, from, to, l, this.faultOf(fault));
    else if (this.busLabel[l]) this.otherDelivered(sentAt, at, from, to, l, fault);
    else this.notDrawn.set(label, (this.notDrawn.get(label) ?? 0) + 1);
  }

  private otherDelivered(sentAt: number, at: number, from: number, to: number, label: number, fault: string | undefined): void {
    if (this.otherSeen++ % this.otherStride !== 0) return;
    this.other.push(sentAt, at, from, to, label, this.faultOf(fault));
    if (this.other.length >= OTHER_KEPT_MAX) {
      this.other.halve();
      this.otherStride *= 2;
    }
  }

  /** A message-level fault dropped a message at send time. */
  dropped(t: number, fromPid: number, toPid: number, label: string): void {
    const from = this.laneOfPid[fromPid] ?? -1;
    const to = this.laneOfPid[toPid] ?? -1;
    if (from < 0 || to < 0) return;
    this.drops.push(t, from, to, this.labelOf(label));
  }
}
