// Packs the recorded views (view-recorder.ts) into the page's JSON: times
// delta-coded, snapshots as differences from the previous one with a full
// keyframe every KEYFRAME snapshots, ping/pong values relative to the time
// they were set (mostly "now", so one or two characters each). The page's
// decoder (client/decode.js, viewAt) undoes exactly this.

import { UNIX_EPOCH_AT_ZERO_MS } from '../../core/time.ts';
import type { NodeViews, ViewData } from './model.ts';
import { numberArrayChunks, type ChunkedJson } from './json-chunks.ts';
import type { Series } from './series.ts';
import type { ObserverLog, ViewRecorder } from './view-recorder.ts';

/** A full snapshot at least every this many, so that a lookup replays a bounded number. */
export const KEYFRAME = 32;

/**
 * ping_sent / pong_received (unix ms, or 0) as set at whole-ms time `t`:
 * 0 stays 0; otherwise the offset from `epoch + t`, shifted by one when
 * not negative so that it cannot be confused with 0.
 */
export function encodeClock(v: number, t: number, epochMs: number): number {
  if (v === 0) return 0;
  const r = v - epochMs - t;
  return r >= 0 ? r + 1 : r;
}

export function decodeClock(e: number, t: number, epochMs: number): number {
  if (e === 0) return 0;
  return epochMs + t + (e > 0 ? e - 1 : e);
}

/** The points (t, v) → [dt, enc(v), dt, enc(v), …]. */
function encodeSeries(series: Series, enc: (v: number, t: number) => number): number[] {
  const out: number[] = [];
  let prev = 0;
  series.forEach((t, v) => {
    out.push(t - prev, enc(v, t));
    prev = t;
  });
  return out;
}

/**
 * One node's series of one field, keyed by ID index: in the page's JSON an
 * object in ID order. Encoded when written (jsonChunks, one series at a
 * time) or when asked as a value (toJSON): a long run's clocks are never
 * all held as arrays of numbers.
 */
export class SeriesSet implements ChunkedJson {
  constructor(
    private readonly m: Map<number, Series>,
    private readonly enc: (v: number, t: number) => number,
  ) {}

  toJSON(): Record<string, number[]> {
    return encodeAll(this.m, this.enc);
  }

  *jsonChunks(): Generator<string> {
    yield '{';
    let first = true;
    for (const id of [...this.m.keys()].sort((a, b) => a - b)) {
      yield `${first ? '' : ','}"${id}":`;
      first = false;
      yield* numberArrayChunks(encodeSeries(this.m.get(id)!, this.enc));
    }
    yield '}';
  }
}

/** A Map of series keyed by ID index, as an object in ID order (the same JSON on every run). */
function encodeAll(m: Map<number, Series>, enc: (v: number, t: number) => number): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const id of [...m.keys()].sort((a, b) => a - b)) out[id] = encodeSeries(m.get(id)!, enc);
  return out;
}

/** One snapshot relative to the previous one (see NodeViews.s). */
function encodeSnap(prev: number[] | null, snap: number[] | null, keyframe: boolean): number[] | null {
  if (snap === null) return null;
  if (keyframe || prev === null) return snap.slice();
  const changes: number[] = [];
  for (let i = 0; i < snap.length; i++) if (prev[i] !== snap[i]) changes.push(i, snap[i]!);
  // A diff only when it is shorter than the list itself.
  if (changes.length >= snap.length) return snap.slice();
  return [snap.length === prev.length ? -1 : -2 - snap.length, ...changes];
}

function encodeNode(log: ObserverLog, epochMs: number): NodeViews {
  const t: number[] = [];
  const s: (number[] | null)[] = [];
  let prevT = 0;
  let prev: number[] | null = null;
  let sinceKey = KEYFRAME;
  for (let i = 0; i < log.snaps.length; i++) {
    t.push(log.snapT[i]! - prevT);
    prevT = log.snapT[i]!;
    const snap = log.snaps[i]!;
    const enc = encodeSnap(prev, snap, sinceKey >= KEYFRAME - 1);
    s.push(enc);
    sinceKey = enc === null || enc[0]! < 0 ? sinceKey + 1 : 0;
    prev = snap;
  }
  const clock = (v: number, at: number): number => encodeClock(v, at, epochMs);
  return { t, s, ping: new SeriesSet(log.ping, clock), pong: new SeriesSet(log.pong, clock), link: new SeriesSet(log.link, (v) => v) };
}

/** `nameOf`: the scenario name of a node ID, or undefined. */
export function encodeViews(rec: ViewRecorder, nameOf: (id: string) => string | undefined = () => undefined): ViewData {
  const epochMs = UNIX_EPOCH_AT_ZERO_MS;
  return {
    lines: rec.lines,
    lineId: rec.lineId,
    ids: rec.ids,
    names: rec.ids.map((id) => nameOf(id) ?? ''),
    epochMs,
    perNode: rec.logs.map((log) => encodeNode(log, epochMs)),
  };
}
