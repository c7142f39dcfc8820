// Runs a scenario's timeline: entries in order, each at its `at:` time or
// `after:` the previous one finished; `wait` and `redis-cli` entries finish
// when they finish; `repeat` runs its block again (selectors re-resolved).
// A failed step (a wrong reply, a wait that timed out, a selector that found
// nothing) is recorded with its source position and the timeline goes on.

import type { SourcePos, TimelineEntry } from '../scenario/types.ts';
import type { StepFailure } from '../check/expectations.ts';
import { applyAction, type ActionHooks, type StepOutcome } from './actions.ts';
import { ResolveError, type Resolver } from './resolve.ts';
import type { World } from './world.ts';


export class TimelineExecutor {
  readonly failures: StepFailure[] = [];
  /** Simulated time the last entry finished; undefined while running. */
  finishedAt: number | undefined;
  /** Steps that checked something (reply:, wait:, check:) and held. */
  readonly passed: { pos: SourcePos; action: string; at: number }[] = [];

  constructor(
    private readonly world: World,
    private readonly resolver: Resolver,
    private readonly hooks: ActionHooks,
  ) {}

  start(entries: readonly TimelineEntry[]): void {
    this.runList(entries, 0, 0, () => {
      this.finishedAt = this.world.now;
    });
  }

  private runList(entries: readonly TimelineEntry[], i: number, prevEnd: number, then: (end: number) => void): void {
    if (i >= entries.length) return then(prevEnd);
    const e = entries[i]!;
    const at = e.timing.kind === 'at' ? Math.max(e.timing.ms, prevEnd) : prevEnd + e.timing.ms;
    const next = (): void => this.runList(entries, i + 1, this.world.now, then);
    this.world.sched.at(Math.max(at, this.world.now), () => this.runEntry(e, next));
  }

  private runEntry(e: TimelineEntry, next: () => void): void {
    const action = e.action;
    if (action.type === 'repeat') {
      let left = action.times;
      const loop = (): void => {
        if (left-- <= 0) return next();
        this.runList(action.body, 0, this.world.now, () => loop());
      };
      return loop();
    }
    let finished = false;
    const done = (outcome?: StepOutcome): void => {
      if (finished) return;
      finished = true;
      if (outcome) this.record(e, outcome);
      next();
    };
    try {
      applyAction(this.world, this.resolver, this.hooks, action, done);
    } catch (err) {
      if (!(err instanceof ResolveError)) throw err;
      done({ ok: false, why: err.message });
    }
  }

  private record(e: TimelineEntry, o: StepOutcome): void {
    if (o.ok) this.passed.push({ pos: e.pos, action: e.action.type, at: this.world.now });
    else this.failures.push({ pos: e.pos, action: e.action.type, at: this.world.now, why: o.why });
  }
}
