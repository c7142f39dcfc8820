// Expectations over time: `at:` (this instant), `by:` (some instant no later
// than), `always:` (every instant), `at: end`. Conditions are looked at when
// the last event of a simulated instant has run, so a check never sees a
// half-processed instant. Waits of the timeline use the same mechanism.

import type { Scheduler } from '../core/scheduler.ts';
import type { ConditionSet, Expectation, SourcePos } from '../scenario/types.ts';
import { evaluateAll, type ConditionContext, type Verdict } from './conditions.ts';
import { onlyViewConditions, ViewStamp } from './view-stamp.ts';

interface Memo {
  readonly stamp: ViewStamp;
  verdict: Verdict | undefined;
}

/** A timeline step that checked something (`reply:`, `wait:`, `check:`) and failed, or whose selector found nothing. */
export interface StepFailure {
  readonly pos: SourcePos;
  readonly action: string;
  /** Simulated ms. */
  readonly at: number;
  readonly why: string;
}

export interface ExpectationResult {
  readonly expectation: Expectation;
  /** undefined while undecided. */
  ok: boolean | undefined;
  /** When it was decided (simulated ms). */
  decidedAt: number | undefined;
  why: string;
}

interface Waiter {
  conditions: ConditionSet;
  deadline: number;
  done: (v: Verdict) => void;
}

export class ExpectationTracker {
  readonly results: ExpectationResult[];
  private readonly waiters = new Set<Waiter>();
  private pendingContinuous: ExpectationResult[];
  /** `at:` expectations not yet decided, and the earliest of their times. */
  private pendingAt: ExpectationResult[];
  private nextAtMs: number;
  private ctx: ConditionContext | undefined;
  /** For expectations and waits made only of view conditions: the last verdict and what it was computed from. */
  private readonly memos = new Map<object, Memo>();

  constructor(
    expectations: readonly Expectation[],
    private readonly sched: Scheduler,
    private readonly context: () => ConditionContext,
  ) {
    this.results = expectations.map((e) => ({ expectation: e, ok: undefined, decidedAt: undefined, why: '' }));
    this.pendingContinuous = this.results.filter((r) => r.expectation.timing.kind === 'by' || r.expectation.timing.kind === 'always');
    this.pendingAt = this.results.filter((r) => r.expectation.timing.kind === 'at');
    this.nextAtMs = nextAt(this.pendingAt);
    // A marker event makes sure an instant ends exactly at each deadline.
    for (const r of this.results) {
      const t = r.expectation.timing;
      if (t.kind === 'at' || t.kind === 'by') this.mark(t.ms);
    }
  }

  private mark(ms: number): void {
    if (ms >= this.sched.now) this.sched.at(ms, () => {});
  }

  /** Block until `conditions` hold (true) or `withinMs` passes (false). */
  waitFor(conditions: ConditionSet, withinMs: number | undefined, done: (v: Verdict) => void): void {
    const deadline = withinMs === undefined ? Infinity : this.sched.now + withinMs;
    const w: Waiter = { conditions, deadline, done };
    this.waiters.add(w);
    if (deadline !== Infinity) this.mark(deadline);
  }

  /** Look at the world after the last event of the current instant. */
  onInstantEnd(): void {
    const now = this.sched.now;
    // The warm-up before t=0 forms the cluster; expectations are about the scenario.
    if (now < 0) return;
    // Runs after every instant: no closure, no copy unless something is due.
    this.ctx = undefined;
    if (this.pendingAt.length > 0 && now >= this.nextAtMs) this.decideAtDue(now);
    if (this.pendingContinuous.length > 0) {
      let decided = false;
      for (const r of this.pendingContinuous) {
        const t = r.expectation.timing;
        if (t.kind === 'by') {
          const v = this.evaluate(r, r.expectation.conditions);
          if (v.ok) this.decide(r, v, now);
          else if (now >= t.ms) this.decide(r, { ok: false, why: `did not hold by ${t.ms / 1000}s: ${v.why}` }, now);
        } else if (t.kind === 'always') {
          const v = this.evaluate(r, r.expectation.conditions);
          if (!v.ok) this.decide(r, { ok: false, why: `broken at ${now / 1000}s: ${v.why}` }, now);
        }
        decided ||= r.ok !== undefined;
      }
      if (decided) this.pendingContinuous = this.pendingContinuous.filter((r) => r.ok === undefined);
    }
    if (this.waiters.size > 0) this.checkWaiters(now);
  }

  /**
   * `conditions` as of now, for something asked after every instant: made
   * only of view conditions, it is looked at again only once the views moved
   * (view-stamp.ts); otherwise the last verdict stands.
   */
  private evaluate(key: object, conditions: ConditionSet): Verdict {
    const ctx = this.context_();
    let memo = this.memos.get(key);
    if (memo === undefined) {
      if (!onlyViewConditions(conditions)) return evaluateAll(conditions, ctx);
      this.memos.set(key, (memo = { stamp: new ViewStamp(), verdict: undefined }));
    }
    if (memo.stamp.unchanged(ctx.world, ctx.events.length) && memo.verdict !== undefined) return memo.verdict;
    return (memo.verdict = evaluateAll(conditions, ctx));
  }

  /** The condition context of this instant, made once however many conditions ask. */
  private context_(): ConditionContext {
    return (this.ctx ??= this.context());
  }

  private decideAtDue(now: number): void {
    for (const r of this.pendingAt) {
      const t = r.expectation.timing;
      if (r.ok === undefined && t.kind === 'at' && now >= t.ms) this.decide(r, evaluateAll(r.expectation.conditions, this.context_()), now);
    }
    this.pendingAt = this.pendingAt.filter((r) => r.ok === undefined);
    this.nextAtMs = nextAt(this.pendingAt);
  }

  private checkWaiters(now: number): void {
    for (const w of [...this.waiters]) {
      const v = this.evaluate(w, w.conditions);
      if (v.ok || now >= w.deadline) {
        this.waiters.delete(w);
        w.done(v.ok ? v : { ok: false, why: `not within the limit: ${v.why}` });
      }
    }
  }

  private decide(r: ExpectationResult, v: Verdict, now: number): void {
    r.ok = v.ok;
    r.why = v.why;
    r.decidedAt = now;
  }

  /** Nothing left that needs the run to go on (every by/at decided, no waiter). */
  get settled(): boolean {
    return this.waiters.size === 0 && this.results.every((r) => r.ok !== undefined || r.expectation.timing.kind === 'end' || r.expectation.timing.kind === 'always');
  }

  /** The run ended: decide `end`, close `always`, fail undecided ones. */
  finish(): void {
    const now = this.sched.now;
    const ctx = this.context();
    for (const r of this.results) {
      if (r.ok !== undefined) continue;
      const t = r.expectation.timing;
      if (t.kind === 'end') this.decide(r, evaluateAll(r.expectation.conditions, ctx), now);
      else if (t.kind === 'always') this.decide(r, { ok: true, why: '' }, now);
      else this.decide(r, { ok: false, why: 'the run ended before it was decided' }, now);
    }
    for (const w of this.waiters) w.done({ ok: false, why: 'the run ended while waiting' });
    this.waiters.clear();
  }
}

/** The earliest time of `at:` expectations, Infinity when none is left. */
function nextAt(rs: readonly ExpectationResult[]): number {
  let min = Infinity;
  for (const r of rs) {
    const t = r.expectation.timing;
    if (t.kind === 'at' && t.ms < min) min = t.ms;
  }
  return min;
}

/** `file:line:col` of an expectation, for messages. */
export function posText(pos: SourcePos): string {
  return `${pos.file}:${pos.line}:${pos.col}`;
}
