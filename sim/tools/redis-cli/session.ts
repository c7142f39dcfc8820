// One run of the tool: steps the subcommand's generator, turning each
// effect into simulated work (a connection, a command over it, a sleep) and
// resuming the generator when it completes. The tool is one client process
// of the world; everything it does takes simulated time and goes through
// the network, so a partition, a dead node or a paused one affects it as
// it would the real tool. At exit, its connections close.

import type { Prng } from '../../core/prng.ts';
import type { WorkloadHost } from '../../workload/env.ts';
import { CliExit, type Effect, type Proc } from './effects.ts';
import { Link } from './link.ts';
import type { Output } from './output.ts';

export class Session {
  private readonly links: Link[] = [];
  private finished = false;

  constructor(
    private readonly host: WorkloadHost,
    /** The tool's network process. */
    private readonly pid: number,
    private readonly out: Output,
    private readonly gen: Proc<boolean>,
    private readonly onExit: (code: number) => void,
  ) {}

  start(): void {
    this.step(undefined);
  }

  /** exit() before the generator ran (bad arguments): flush and report. */
  static exitNow(host: WorkloadHost, out: Output, code: number, onExit: (code: number) => void): void {
    // Like every other outcome, reported from the scheduler rather than from inside the caller.
    host.sched.after(0, () => {
      out.flush();
      onExit(code);
    });
  }

  private step(value: unknown): void {
    if (this.finished) return;
    let r: IteratorResult<Effect, boolean>;
    try {
      r = this.gen.next(value);
    } catch (e) {
      if (e instanceof CliExit) return this.finish(e.code);
      throw e;
    }
    if (r.done) return this.finish(r.value ? 0 : 1);
    this.perform(r.value);
  }

  private perform(effect: Effect): void {
    const sched = this.host.sched;
    switch (effect.kind) {
      case 'connect': {
        const node = effect.node;
        node.link?.close();
        const link = new Link(this.host, this.pid, node.ip, node.port, (err) => {
          if (err !== null && node.link === link) node.link = null;
          this.step(err);
        });
        node.link = link;
        this.links.push(link);
        return;
      }
      case 'call': {
        const link = effect.node.link;
        if (!link) return sched.after(0, () => this.step(null));
        return link.command(effect.argv, (reply) => this.step(reply));
      }
      case 'sleep':
        return sched.after(effect.ms, () => this.step(undefined));
    }
  }

  private finish(code: number): void {
    this.finished = true;
    for (const l of this.links) l.close();
    this.out.flush();
    this.onExit(code);
  }
}

/** The tool's randomness and its process, shared by every invocation in one run. */
export interface ToolProcess {
  readonly pid: number;
  readonly rng: Prng;
}
