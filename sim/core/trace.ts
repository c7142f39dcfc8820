// The structured trace: every event that shapes a run (message sends and
// deliveries, timers, faults, protocol events) is folded into a running hash.
// Two runs with the same seed must end with the same hash; when they do not,
// the retained records name the first event where they parted.

export interface TraceRecord {
  /** Simulated time, ms. */
  t: number;
  /** What happened: `send`, `deliver`, `fault`, `pfail`, ... */
  kind: string;
  /** Acting or observing process. */
  node: string;
  /** What it is about (peer, subject node), or ''. */
  subject: string;
  /** Free-form detail, already formatted. */
  detail: string;
  /** Running hash after this record (hex). */
  hash: string;
}

export class Trace {
  // Two independent 32-bit FNV-1a lanes with different offsets give a 64-bit digest.
  private h1 = 0x811c9dc5 | 0;
  private h2 = 0x01000193 ^ 0x5bd1e995;
  private count = 0;
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
    // Times are microsecond-quantised ms; hash them as integer microseconds.
    const us = Math.round(n * 1000);
    this.mixInt(us | 0);
    this.mixInt(Math.floor(us / 0x100000000) | 0);
  }

  private mixString(s: string): void {
    for (let i = 0; i < s.length; i++) this.mixInt(s.charCodeAt(i));
    this.mixInt(0x1f);
  }

  /** Fold one event into the hash (and keep it if asked to). */
  record(t: number, kind: string, node: string, subject = '', detail = ''): void {
    this.count++;
    this.mixNumber(t);
    this.mixString(kind);
    this.mixString(node);
    this.mixString(subject);
    this.mixString(detail);
    if (this.records) this.records.push({ t, kind, node, subject, detail, hash: this.hex() });
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
  return `t=${r.t}ms ${r.kind} ${r.node}${r.subject ? ` -> ${r.subject}` : ''}${r.detail ? ` ${r.detail}` : ''}`;
}
