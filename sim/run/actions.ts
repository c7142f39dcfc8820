// Applying one timeline action to the world. Every action is recorded as a
// `fault` event (what was done, to whom), which narration, reports and the
// timeline's fault bands read. Actions that take time (wait, redis-cli)
// call `done` when they finish; the others finish at once.

import { replyToLine, type Reply } from '../core/reply.ts';
import { describeLatency, type LatencyModel as NetLatency } from '../net/latency.ts';
import type { Action, LatencyModel, LinkChange } from '../scenario/types.ts';
import type { LinkConditions } from '../net/conditions.ts';
import type { Resolver } from './resolve.ts';
import type { SimProcess } from './process.ts';
import type { World } from './world.ts';

/** What actions need from parts of the run owned elsewhere (workloads, tools, checkers). */
export interface ActionHooks {
  /** Run one command on a node as an admin client would; `onReply` gets the reply (maybe later: WAIT, DEBUG SLEEP). */
  command(p: SimProcess, argv: readonly string[], asking: boolean, onReply: (r: Reply) => void): void;
  redisCli(args: readonly string[], done: (ok: boolean, why: string) => void): void;
  workload(op: 'start' | 'stop', name: string): void;
  replication(op: 'cut' | 'restore', p: SimProcess): void;
  shutdown(p: SimProcess): void;
  /** Block the timeline until conditions hold (wait:) or check them now (check:). */
  wait(action: Extract<Action, { type: 'wait' }>, done: (ok: boolean, why: string) => void): void;
  check(action: Extract<Action, { type: 'check' }>): { ok: boolean; why: string };
  /** `@B` references of a split `redis:` command or `redis-cli` arguments, substituted. */
  substitute(args: readonly string[], kind: 'redis' | 'redis-cli'): string[];
}

export function toNetLatency(l: LatencyModel): NetLatency {
  switch (l.distribution) {
    case 'constant':
      return { distribution: 'constant', ms: l.valueMs };
    case 'uniform':
      return { distribution: 'uniform', minMs: l.minMs, maxMs: l.maxMs };
    case 'normal':
      return { distribution: 'normal', meanMs: l.meanMs, stddevMs: l.stddevMs, floorMs: l.floorMs };
    case 'exponential':
      return { distribution: 'exponential', meanMs: l.meanMs, floorMs: l.floorMs };
  }
}

function linkChange(c: LinkChange): Partial<LinkConditions> {
  const out: Partial<LinkConditions> = {};
  if (c.latency) out.latency = toNetLatency(c.latency);
  if (c.lossProbability !== undefined) out.lossProbability = c.lossProbability;
  return out;
}

function describeChange(c: LinkChange): string {
  const parts: string[] = [];
  if (c.reset) parts.push('reset');
  if (c.latency) parts.push(`latency=${describeLatency(toNetLatency(c.latency)).replace(/ /g, '')}`);
  if (c.lossProbability !== undefined) parts.push(`loss=${c.lossProbability}`);
  return parts.join(' ');
}

/** Outcome of an action that checks something (redis reply:, check:, wait:). */
export type StepOutcome = { ok: boolean; why: string };

export function applyAction(
  world: World,
  r: Resolver,
  hooks: ActionHooks,
  action: Action,
  done: (outcome?: StepOutcome) => void,
): void {
  const fault = (node: string, detail: string, subject = ''): void =>
    world.recorder.emit(world.now, node, 'fault', subject, detail);
  switch (action.type) {
    case 'partition': {
      const groups = r.groups(action.groups);
      world.net.partition(groups);
      fault('*', `action=partition groups=${groups.map((g) => `[${r.describe(g)}]`).join('|')}`);
      return done();
    }
    case 'partition-between': {
      const [from, to] = r.groups([action.from, action.to]) as [number[], number[]];
      if (action.oneway) world.net.partitionOneWay(from, to);
      else world.net.partition([from, to]);
      fault('*', `action=partition from=${r.describe(from)} to=${r.describe(to)}${action.oneway ? ' oneway=1' : ''}`);
      return done();
    }
    case 'isolate': {
      const p = r.node(action.node);
      const rest = world.processes.filter((q) => q !== p).map((q) => q.pid);
      world.net.partition([[p.pid], rest]);
      fault(p.name, 'action=isolate', p.name);
      return done();
    }
    case 'heal': {
      if (action.between) {
        const [a, b] = r.groups(action.between) as [number[], number[]];
        world.net.healBetween(a, b);
        fault('*', `action=heal between=${r.describe(a)}|${r.describe(b)}`);
      } else {
        world.net.healAll();
        fault('*', 'action=heal all=1');
      }
      return done();
    }
    case 'link': {
      const [a, b] = r.groups(action.between) as [number[], number[]];
      if (action.change.reset) world.net.links.resetBetween(a, b);
      world.net.links.setBetween(a, b, linkChange(action.change));
      fault('*', `action=link between=${r.describe(a)}|${r.describe(b)} ${describeChange(action.change)}`);
      return done();
    }
    case 'network':
      if (action.change.reset) world.net.links.resetDefaults();
      world.net.links.setDefaults(linkChange(action.change));
      fault('*', `action=network ${describeChange(action.change)}`);
      return done();
    case 'drop': {
      const [from, to] = r.groups([action.from, action.to]) as [number[], number[]];
      const untilMs = action.forMs === undefined ? Infinity : world.now + action.forMs;
      const types = action.messageTypes.length > 0 ? action.messageTypes : [undefined];
      for (const label of types) {
        world.net.faults.add({ action: 'drop', label, from: new Set(from), to: new Set(to), untilMs });
      }
      fault('*', `action=drop types=${action.messageTypes.join(',') || 'all'} from=${r.describe(from)} to=${r.describe(to)} message-level=1`);
      return done();
    }
    case 'kill': {
      const p = r.node(action.node);
      world.kill(p);
      fault(p.name, 'action=kill', p.name);
      return done();
    }
    case 'restart': {
      const p = r.node(action.node);
      fault(p.name, 'action=restart', p.name);
      world.kill(p);
      world.start(p);
      return done();
    }
    case 'start': {
      const p = r.node(action.node);
      fault(p.name, 'action=start', p.name);
      world.start(p);
      return done();
    }
    case 'pause': {
      const p = r.node(action.node);
      world.pause(p);
      fault(p.name, `action=pause${action.forMs !== undefined ? ` for_ms=${action.forMs}` : ''}`, p.name);
      if (action.forMs !== undefined) {
        const inc = p.incarnation;
        world.sched.after(action.forMs, () => {
          if (p.incarnation !== inc) return;
          world.resume(p);
          fault(p.name, 'action=resume', p.name);
        });
      }
      return done();
    }
    case 'resume': {
      const p = r.node(action.node);
      world.resume(p);
      fault(p.name, 'action=resume', p.name);
      return done();
    }
    case 'shutdown': {
      const p = r.node(action.node);
      fault(p.name, 'action=shutdown', p.name);
      hooks.shutdown(p);
      return done();
    }
    case 'redis': {
      const p = r.node(action.node);
      const argv = hooks.substitute(action.args, 'redis');
      const text = argv.join(' ');
      return hooks.command(p, argv, action.asking, (reply) => {
        const line = replyToLine(reply);
        world.recorder.emit(world.now, p.name, 'command', '', `command=${JSON.stringify(text)} reply=${JSON.stringify(line)}`);
        if (!action.reply) return done();
        const want = action.reply;
        const ok = want.kind === 'equals' ? line === want.text || line === `"${want.text}"` : new RegExp(want.pattern).test(line);
        done({ ok, why: ok ? '' : `${p.name} replied ${line} to ${text}, expected ${want.kind === 'equals' ? want.text : `/${want.pattern}/`}` });
      });
    }
    case 'redis-cli': {
      const args = hooks.substitute(action.args, 'redis-cli');
      fault('*', `action=redis-cli args=${JSON.stringify(args.join(' '))}`);
      return hooks.redisCli(args, (ok, why) => done({ ok, why }));
    }
    case 'replication': {
      const p = r.node(action.node);
      hooks.replication(action.op, p);
      fault(p.name, `action=replication-${action.op}`, p.name);
      return done();
    }
    case 'workload':
      hooks.workload(action.op, action.workload);
      fault('*', `action=workload-${action.op} workload=${action.workload}`);
      return done();
    case 'wait':
      return hooks.wait(action, (ok, why) => done({ ok, why }));
    case 'check':
      return done(hooks.check(action));
    case 'repeat':
      throw new Error('repeat is expanded by the timeline executor');
  }
}
