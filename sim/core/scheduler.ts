// The one clock. Events run in (time, seq) order, where seq is the order in
// which they were scheduled: two events at the same instant always run in the
// order the simulation asked for them, on every machine.

import { EventHeap, type EventFn } from './heap.ts';

/** A scheduled callback that can be called off before it runs. */
export class Timer {
  cancelled = false;
  constructor(
    readonly time: number,
    readonly fn: () => void,
  ) {}
  cancel(): void {
    this.cancelled = true;
  }
}

function fireTimer(t: Timer): void {
  if (!t.cancelled) t.fn();
}

export class Scheduler {
  private readonly heap = new EventHeap();
  private seq = 0;
  private current = 0;
  private executed = 0;
  private stopped = false;
  /**
   * Called after every event when set (checkers use it to look at the world
   * once the last event of an instant has run: `nextTime() > now`).
   */
  afterEach: (() => void) | undefined = undefined;
  private readonly slot: { time: number; fn: EventFn | undefined; arg: unknown } = {
    time: 0,
    fn: undefined,
    arg: undefined,
  };

  /** Start the clock at `ms` (e.g. negative, for a warm-up before t=0). Only before anything ran. */
  startAt(ms: number): void {
    if (this.executed > 0 || this.heap.size > 0) throw new Error('Scheduler.startAt after events were scheduled');
    this.current = ms;
  }

  /** Simulated now, in ms. */
  get now(): number {
    return this.current;
  }

  /** Events run so far. */
  get eventsRun(): number {
    return this.executed;
  }

  get pending(): number {
    return this.heap.size;
  }

  /** Time of the next event, or Infinity. */
  nextTime(): number {
    return this.heap.peekTime();
  }

  /** Run fn(arg) at absolute time `time` (never in the past). */
  at<A>(time: number, fn: (arg: A) => void, arg?: A): void {
    if (!(time >= this.current)) {
      throw new Error(`Scheduler.at: time ${time} is before now ${this.current}`);
    }
    this.heap.push(time, this.seq++, fn as EventFn, arg);
  }

  /** Run fn(arg) `delayMs` from now. */
  after<A>(delayMs: number, fn: (arg: A) => void, arg?: A): void {
    this.at(this.current + Math.max(0, delayMs), fn, arg);
  }

  /** A cancellable one-shot timer. */
  timer(time: number, fn: () => void): Timer {
    const t = new Timer(Math.max(time, this.current), fn);
    this.at(t.time, fireTimer, t);
    return t;
  }

  /** Ask the current run loop to return after the event in progress. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Run events with time <= endMs, then leave the clock at endMs (or at the
   * time of the event that called stop()). Returns false if stopped early.
   */
  runUntil(endMs: number): boolean {
    this.stopped = false;
    const slot = this.slot;
    const heap = this.heap;
    while (heap.size > 0 && heap.peekTime() <= endMs) {
      heap.popInto(slot);
      this.current = slot.time;
      this.executed++;
      slot.fn!(slot.arg);
      if (this.afterEach !== undefined) this.afterEach();
      if (this.stopped) return false;
    }
    if (endMs > this.current && endMs !== Infinity) this.current = endMs;
    return true;
  }

  /** Run the single next event; false when there is none. */
  step(): boolean {
    if (!this.heap.popInto(this.slot)) return false;
    this.current = this.slot.time;
    this.executed++;
    this.slot.fn!(this.slot.arg);
    if (this.afterEach !== undefined) this.afterEach();
    return true;
  }
}
