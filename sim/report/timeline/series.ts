// One recorded series of the timeline's views: the (whole-ms time, value)
// points at which one table entry's ping_sent, pong_received or link state
// changed. A 100-node cluster changes these on almost every PING for an
// hour, tens of millions of points; kept as numbers in arrays that was
// 16 bytes a point and most of a long run's memory. Here the points are
// delta-coded as they come (time since the previous point, value relative
// to the time it was set, zigzag varints: mostly 3 or 4 bytes a point), and
// only the last two points stay as numbers, because a second change within
// the same millisecond may replace or withdraw the last point (see put).

/** A clock value (unix ms, 0 for none) is stored relative to `epoch + t`; a plain one as is. */
export type SeriesKind = 'clock' | 'plain';

export class Series {
  /** Points before the last two, varint-coded: [dt, value] pairs. */
  private bytes: Uint8Array | null = null;
  private used = 0;
  /** Points committed to `bytes`, and the time of the last of them (dt is from it). */
  private committed = 0;
  private committedT = 0;
  // The last two points (count: how many of them exist).
  private tailCount = 0;
  private t0 = 0;
  private v0 = 0;
  private t1 = 0;
  private v1 = 0;

  constructor(
    private readonly kind: SeriesKind,
    /** Unix ms at simulated t = 0 (clock values are stored relative to it). */
    private readonly epochMs: number,
  ) {}

  /** Numbers in the series as [t, v, t, v, …] would hold them (2 per point). */
  get length(): number {
    return (this.committed + this.tailCount) * 2;
  }

  /** The value of the last point, or undefined when there is none. */
  last(): number | undefined {
    return this.tailCount === 0 ? undefined : this.v1;
  }

  /**
   * Record value `v` from whole ms `t` on. A second change in the same ms
   * replaces the first; back to the value before that ms, the point goes.
   * Repeating the current value adds nothing.
   */
  put(t: number, v: number): void {
    if (this.tailCount > 0 && this.t1 === t) {
      // The point before this ms: the other tail point, or (after a withdrawal) none known: none is needed.
      if (this.tailCount === 2 && this.v0 === v) this.withdrawLast();
      else this.v1 = v;
      return;
    }
    if (this.tailCount > 0 && this.v1 === v) return;
    this.push(t, v);
  }

  private push(t: number, v: number): void {
    if (this.tailCount === 2) this.commit(this.t0, this.v0);
    if (this.tailCount >= 1) {
      this.t0 = this.t1;
      this.v0 = this.v1;
    }
    this.t1 = t;
    this.v1 = v;
    this.tailCount = Math.min(2, this.tailCount + 1);
  }

  /** Drop the last point: the one before it is last again (the one before that is not needed, see put). */
  private withdrawLast(): void {
    this.t1 = this.t0;
    this.v1 = this.v0;
    this.tailCount = 1;
  }

  /** Every point, oldest first. */
  forEach(fn: (t: number, v: number) => void): void {
    let t = 0;
    let at = 0;
    const b = this.bytes;
    for (let k = 0; k < this.committed; k++) {
      let dt = 0;
      [dt, at] = readVarint(b!, at);
      let enc = 0;
      [enc, at] = readVarint(b!, at);
      t += dt;
      fn(t, this.decode(enc, t));
    }
    if (this.tailCount === 2) fn(this.t0, this.v0);
    if (this.tailCount >= 1) fn(this.t1, this.v1);
  }

  /** The points as [t, v, t, v, …]. */
  toArray(): number[] {
    const out: number[] = [];
    this.forEach((t, v) => out.push(t, v));
    return out;
  }

  private commit(t: number, v: number): void {
    const need = this.used + 20;
    if (this.bytes === null || need > this.bytes.length) {
      const bigger = new Uint8Array(Math.max(16, need, (this.bytes?.length ?? 0) * 2));
      if (this.bytes !== null) bigger.set(this.bytes.subarray(0, this.used));
      this.bytes = bigger;
    }
    this.used = writeVarint(this.bytes, this.used, t - this.committedT);
    this.used = writeVarint(this.bytes, this.used, this.encode(v, t));
    this.committedT = t;
    this.committed++;
  }

  private encode(v: number, t: number): number {
    if (this.kind === 'plain') return v;
    return v === 0 ? 0 : v - this.epochMs - t + (v - this.epochMs - t >= 0 ? 1 : 0);
  }

  private decode(e: number, t: number): number {
    if (this.kind === 'plain') return e;
    return e === 0 ? 0 : this.epochMs + t + (e > 0 ? e - 1 : e);
  }
}

/** Zigzag varint of an integer (safe integers up to ±2^52) at `at`; returns the new end. */
function writeVarint(b: Uint8Array, at: number, n: number): number {
  let z = n >= 0 ? n * 2 : -n * 2 - 1;
  while (z >= 0x80) {
    b[at++] = (z % 0x80) | 0x80;
    z = Math.floor(z / 0x80);
  }
  b[at++] = z;
  return at;
}

function readVarint(b: Uint8Array, at: number): [number, number] {
  let z = 0;
  let scale = 1;
  for (;;) {
    const byte = b[at++]!;
    z += (byte & 0x7f) * scale;
    if (byte < 0x80) break;
    scale *= 0x80;
  }
  return [z % 2 === 0 ? z / 2 : -(z + 1) / 2, at];
}
