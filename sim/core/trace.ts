// The structured trace: every happening that shapes a run (message
// deliveries and faults, process changes, protocol events) is folded into a
// running hash, from numbers: process ids, interned labels, event fields.
// Two runs with the same seed must end with the same hash; when they do
// not, the retained records (kept only when asked: they cost memory) name
// the first happening where they parted.

export interface TraceRecord {
  /** Simulated time, ms. */
  t: number;
  /** What happened: `deliver`, `proc`, `msg-fault`, or an event type. */
  kind: string;
  /** Its parts, readable: processes and labels, or the event's fields. */
  what: string;
  /** Running hash after this record (hex). */
  hash: string;
}

export class Trace {
  // Two independent 32-bit FNV-1a lanes with different offsets give a 64-bit digest.
  private h1 = 0x811c9dc5 | 0;
  private h2 = 0x01000193 ^ 0x5bd1e995;
  private count = 0;
  /** Strings folded in as their order of first appearance (the same in two runs until they part). */
  private readonly codes = new Map<string, number>();
  private readonly records: TraceRecord[] | undefined;

  /** `keep`: retain every record (for divergence reports; costs memory). */
  constructor(keep = false) {
    this.records = keep ? [] : undefined;
  }

  get length(): number {
    return this.count;
  }

  /** Retained records, when constructed with keep = true. */
  get kept(): readonly TraceRecord[] {
    return this.records ?? [];
  }

  private mixInt(v: number): void {
    this.h1 = Math.imul(this.h1 ^ (v & 0xffff), 0x01000193);
    this.h1 = Math.imul(this.h1 ^ (v >>> 16), 0x01000193);
    this.h2 = Math.imul(this.h2 ^ (v & 0xffff), 0x5bd1e995);
    this.h2 ^= this.h2 >>> 13;
    this.h2 = Math.imul(this.h2 ^ (v >>> 16), 0x5bd1e995);
  }

  private mixNumber(n: number): void {
    // Times are microsecond-quantised ms; hash numbers as integer microseconds.
    const us = Math.round(n * 1000);
    this.mixInt(us | 0);
    this.mixInt(Math.floor(us / 0x100000000) | 0);
  }

  private mixString(s: string): void {
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.codes.size;
      this.codes.set(s, c);
    }
    this.mixInt(c);
  }

  private mixValue(v: unknown): void {
    if (typeof v === 'number') this.mixNumber(v);
    else if (typeof v === 'string') this.mixString(v);
    else if (typeof v === 'boolean') this.mixInt(v ? 1 : 0);
    else if (v === null || v === undefined) this.mixInt(-1);
    else if (Array.isArray(v)) {
      this.mixInt(v.length);
      for (let i = 0; i < v.length; i++) this.mixValue(v[i]);
    } else {
      const o = v as Record<string, unknown>;
      for (const k in o) this.mixValue(o[k]);
    }
  }

  /**
   * A happening of the network or a process: `kind`, the processes involved
   * (network ids, -1 for none) and up to two labels (message type, fault mark).
   */
  record(t: number, kind: string, a: number, b = -1, label = '', mark = ''): void {
    this.count++;
    this.mixNumber(t);
    this.mixString(kind);
    this.mixInt(a);
    this.mixInt(b);
    this.mixString(label);
    this.mixString(mark);
    if (this.records) this.records.push({ t, kind, what: [a, b, label, mark].filter((x) => x !== '' && x !== -1).join(' '), hash: this.hex() });
  }

  /** A value (a protocol event): every field, in the order it was built. */
  recordValue(t: number, kind: string, value: object): void {
    this.count++;
    this.mixNumber(t);
    this.mixString(kind);
    this.mixValue(value);
    if (this.records) this.records.push({ t, kind, what: JSON.stringify(value), hash: this.hex() });
  }

  /** The running hash as 16 hex characters. */
  hex(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0');
  }
}

/** Where two retained traces first differ, or undefined if they are identical. */
export function firstDivergence(
  a: readonly TraceRecord[],
  b: readonly TraceRecord[],
): { index: number; a: TraceRecord | undefined; b: TraceRecord | undefined } | undefined {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y || x.hash !== y.hash) return { index: i, a: x, b: y };
  }
  return undefined;
}

export function describeRecord(r: TraceRecord | undefined): string {
  if (!r) return '(no event: the trace ended)';
  return `t=${r.t}ms ${r.kind}${r.what ? ` ${r.what}` : ''}`;
}
