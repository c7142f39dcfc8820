// Steps that talk to a node which is certainly not running then: a `redis:`
// command, or a `redis-cli` node argument, sent to a node the timeline
// killed by name and has not restarted since, or to a `cluster.add` node it
// has not started yet. A client gets "Connection refused" there, so the step
// would fail when it runs (sim/run/actions.ts); it is reported at load time
// instead, unless a `redis:` step expects exactly that reply.
//
// Only what is certain is reported: the timeline runs its entries in order,
// so a node's state at each entry is known as long as the actions that
// changed it named it. An action through a selector (`kill: { owner-of-slot:
// 0 }`) or one that stops a node in its own time (`shutdown:`, a SHUTDOWN
// command) makes the nodes it may have touched unknown, and an unknown node
// is never reported. `kill` of a killed node, `pause` of a stopped one and
// the like are left alone: a fault injector's kill is idempotent.

import type { SourcePos } from './errors.ts';
import { BASE_PORT, NODE_IP } from './names.ts';
import { hostArguments, parseRedisCliArgs } from './redis-cli-args.ts';
import type { NodeRef, ReplyExpectation, TimelineEntry } from './types-timeline.ts';
import type { ReadContext } from './yaml-read.ts';

/** Why a node is certainly down. */
interface Down {
  readonly why: string;
}

type NodeState = 'up' | 'unknown' | Down;

/** What redis-cli (and any client) prints for a node that does not listen. */
export function refusedLine(port: number): string {
  return `Could not connect to Redis at ${NODE_IP}:${port}: Connection refused`;
}

/** Does a `reply:` expectation accept the refusal? */
function expectsRefusal(reply: ReplyExpectation | undefined, line: string): boolean {
  if (!reply) return false;
  return reply.kind === 'equals' ? reply.text === line : new RegExp(reply.pattern).test(line);
}

class Walk {
  readonly state = new Map<string, NodeState>();

  constructor(
    private readonly ctx: ReadContext,
    private readonly names: readonly string[],
    added: readonly string[],
  ) {
    for (const n of names) this.state.set(n, added.includes(n) ? { why: 'it is declared under cluster.add and not started yet' } : 'up');
  }

  /** Every node a selector could be, from `from` to `to`. */
  private all(from: 'up' | 'down', to: NodeState): void {
    for (const [n, s] of this.state) if (from === 'up' ? s === 'up' : typeof s === 'object') this.state.set(n, to);
  }

  private set(ref: NodeRef, to: NodeState, selectorFrom: 'up' | 'down'): void {
    if (ref.kind === 'name') this.state.set(ref.name, to);
    else this.all(selectorFrom, 'unknown');
  }

  private downOf(name: string): Down | undefined {
    const s = this.state.get(name);
    return typeof s === 'object' ? s : undefined;
  }

  private refused(pos: SourcePos, what: string, name: string, hint: string): void {
    const down = this.downOf(name)!;
    const line = refusedLine(BASE_PORT + this.names.indexOf(name));
    this.ctx.errorAt(pos, 'not-running', `${what}: ${name} is not running here (${down.why}); a client gets "${line}"${hint}`);
  }

  entries(list: readonly TimelineEntry[]): void {
    for (const e of list) this.entry(e);
  }

  private entry(e: TimelineEntry): void {
    const a = e.action;
    const at = `${e.pos.line}:${e.pos.col}`;
    switch (a.type) {
      case 'repeat':
        // Twice: the state a second time round is the state after the first, and stays so.
        this.entries(a.body);
        if (a.times > 1) this.entries(a.body);
        return;
      case 'kill':
        return this.set(a.node, { why: `killed at ${at} and not restarted` }, 'up');
      case 'restart':
      case 'start':
        return this.set(a.node, 'up', 'down');
      case 'shutdown':
        return this.set(a.node, 'unknown', 'up');
      case 'redis': {
        if (a.node.kind !== 'name') return;
        const name = a.node.name;
        const down = this.downOf(name);
        if (down && !expectsRefusal(a.reply, refusedLine(BASE_PORT + this.names.indexOf(name)))) {
          this.refused(e.pos, 'redis', name, ' (write reply: { matches: "Connection refused" } if that is what the step is for)');
        }
        if (/^(shutdown|debug)$/i.test(a.args[0] ?? '')) this.state.set(name, 'unknown');
        return;
      }
      case 'redis-cli': {
        const parsed = parseRedisCliArgs(a.args);
        if (typeof parsed === 'string') return;
        for (const w of hostArguments(parsed)) {
          const port = /:(\d+)(@\d+)?$/.exec(w);
          const name = port ? this.names[Number(port[1]) - BASE_PORT] : w.replace(/^@/, '').replace(/\.previous$/, '');
          if (name !== undefined && this.downOf(name)) this.refused(e.pos, 'redis-cli', name, '');
        }
        return;
      }
      default:
        return;
    }
  }
}

/** Report steps that certainly talk to a node that is not running (see above). */
export function checkDownNodes(ctx: ReadContext, timeline: readonly TimelineEntry[], names: readonly string[], added: readonly string[]): void {
  new Walk(ctx, names, added).entries(timeline);
}
