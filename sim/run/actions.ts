// Applying one timeline action to the world. Every action is recorded as a
// `fault` event (what was done, to whom), which narration, reports and the
// timeline's fault bands read. Actions that take time (wait, redis-cli)
// call `done` when they finish; the others finish at once.

import { replyToLine, type Reply } from '../core/reply.ts';
import { mapReplyText, replyAsRedisCli } from '../core/reply-cli.ts';
import { NONE, type FaultAction, type FaultEvent, type NodeIx } from '../events/types.ts';
import { describeLatency, type LatencyModel as NetLatency } from '../net/latency.ts';
import type { Action, LatencyModel, LinkChange } from '../scenario/types.ts';
import type { LinkConditions } from '../net/conditions.ts';
import type { Resolver } from './resolve.ts';
import type { SimProcess } from './process.ts';
import type { World } from './world.ts';

/** What actions need from parts of the run owned elsewhere (workloads, tools, checkers). */
export interface ActionHooks {
  /** Run one command on a node as an admin client would; `onReply` gets the reply (maybe later: WAIT, DEBUG SLEEP). */
  command(p: SimProcess, argv: readonly string[], asking: boolean, onReply: (r: Reply) => void, client?: string): void;
  /** Run the tool with `stdin`; `done` gets its exit code, its whole output, and for a non-zero exit the code and last line in words. */
  redisCli(args: readonly string[], stdin: string, done: (exitCode: number, output: string, why: string) => void): void;
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

/** A link or network change as its fault event carries it. */
function describeChange(c: LinkChange): Partial<FaultFields> {
  return {
    reset: c.reset === true,
    latency: c.latency ? describeLatency(toNetLatency(c.latency)).replace(/ /g, '') : '',
    loss: c.lossProbability ?? -1,
  };
}

type FaultFields = Omit<FaultEvent, 't' | 'node' | 'type' | 'action' | 'subject'>;

const NO_FAULT_FIELDS: FaultFields = {
  groups: [],
  from: [],
  to: [],
  oneway: false,
  all: false,
  forMs: -1,
  reset: false,
  latency: '',
  loss: -1,
  messageTypes: [],
  text: '',
};

/** Outcome of an action that checks something (redis reply:, check:, wait:). */
export type StepOutcome = { ok: boolean; why: string };

/**
 * A `redis:` step: the command's reply, recorded as a `command` event and
 * held against `reply:`. A node that is not running (killed, or never
 * started) refuses the connection, as it would a real client: the step fails
 * with redis-cli's words for it, unless `reply:` expects exactly that.
 */
function redisAction(world: World, p: SimProcess, hooks: ActionHooks, action: Extract<Action, { type: 'redis' }>, done: (outcome?: StepOutcome) => void): void {
  const argv = hooks.substitute(action.args, 'redis');
  const text = argv.join(' ');
  const names = world.recorder.names;
  // `shown` is what the event and the narration print: redis-cli's rendering with node IDs as names.
  const finish = (shown: string, forms: readonly string[], refused: boolean): void => {
    world.recorder.emit(world.now, p.pid, { type: 'command', command: names.withNames(text), reply: shown });
    const want = action.reply;
    if (!want) return done(refused ? { ok: false, why: `${p.name} is not running: ${shown}` } : undefined);
    const ok = forms.some((line) => (want.kind === 'equals' ? line === want.text || line === `"${want.text}"` : new RegExp(want.pattern).test(line)));
    done({ ok, why: ok ? '' : `${p.name} replied ${shown} to ${text}, expected ${want.kind === 'equals' ? want.text : `/${want.pattern}/`}` });
  };
  if (world.isDown(p)) {
    const refused = `Could not connect to Redis at ${p.ip}:${p.port}: Connection refused`;
    return finish(refused, [refused], true);
  }
  hooks.command(
    p,
    argv,
    action.asking,
    (reply) => {
      const shown = replyAsRedisCli(mapReplyText(reply, (s) => names.withNames(s)), argv);
      // reply: is held against what is shown, and (as before) the one-line wire form, with IDs and with names.
      const line = replyToLine(reply);
      finish(shown, [shown, line, names.withNames(line)], false);
    },
    action.client,
  );
}

/** A `redis-cli:` step: the tool run with its arguments and stdin (`@B` in an answer is B's node ID, what "What is the receiving node ID?" wants). */
function redisCliAction(hooks: ActionHooks, action: Extract<Action, { type: 'redis-cli' }>, record: (text: string) => void, done: (outcome?: StepOutcome) => void): void {
  const args = hooks.substitute(action.args, 'redis-cli');
  record(args.join(' '));
  const stdin = hooks.substitute([action.stdin ?? ''], 'redis')[0]!;
  hooks.redisCli(args, stdin, (code, output, why) => done(redisCliOutcome(action, code, output, why)));
}

/** A `redis-cli:` step passes when the tool exits as expected (0 unless `exit:` says) and its output is as `output:` says. */
function redisCliOutcome(action: Extract<Action, { type: 'redis-cli' }>, code: number, output: string, why: string): StepOutcome {
  const want = action.exit ?? 0;
  if (code !== want) return { ok: false, why: want === 0 ? why : `redis-cli exited with code ${code}, expected ${want}` };
  const o = action.output;
  if (o === undefined) return { ok: true, why: '' };
  const ok = o.kind === 'equals' ? output.includes(o.text) : new RegExp(o.pattern, 'm').test(output);
  return { ok, why: ok ? '' : `redis-cli output does not ${o.kind === 'equals' ? `contain ${JSON.stringify(o.text)}` : `match /${o.pattern}/`}` };
}

export function applyAction(
  world: World,
  r: Resolver,
  hooks: ActionHooks,
  action: Action,
  done: (outcome?: StepOutcome) => void,
): void {
  /** The action as it ran: `on` the process acted on, or NONE (shown as `*`) when it spans several. */
  const fault = (action: FaultAction, on: NodeIx, f: Partial<FaultFields> = {}): void =>
    void world.recorder.emit(world.now, on, { type: 'fault', action, subject: on, ...NO_FAULT_FIELDS, ...f });
  switch (action.type) {
    case 'partition': {
      const groups = r.groups(action.groups);
      world.net.partition(groups);
      fault('partition', NONE, { groups });
      return done();
    }
    case 'partition-between': {
      const [from, to] = r.groups([action.from, action.to]) as [number[], number[]];
      if (action.oneway) world.net.partitionOneWay(from, to);
      else world.net.partition([from, to]);
      fault('partition', NONE, { from, to, oneway: action.oneway });
      return done();
    }
    case 'isolate': {
      const p = r.node(action.node);
      const rest = world.processes.filter((q) => q !== p).map((q) => q.pid);
      world.net.partition([[p.pid], rest]);
      fault('isolate', p.pid);
      return done();
    }
    case 'heal': {
      if (action.between) {
        const [a, b] = r.groups(action.between) as [number[], number[]];
        world.net.healBetween(a, b);
        fault('heal', NONE, { from: a, to: b });
      } else {
        world.net.healAll();
        fault('heal', NONE, { all: true });
      }
      return done();
    }
    case 'link': {
      const [a, b] = r.groups(action.between) as [number[], number[]];
      if (action.change.reset) world.net.links.resetBetween(a, b);
      world.net.links.setBetween(a, b, linkChange(action.change));
      fault('link', NONE, { from: a, to: b, ...describeChange(action.change) });
      return done();
    }
    case 'network':
      if (action.change.reset) world.net.links.resetDefaults();
      world.net.links.setDefaults(linkChange(action.change));
      fault('network', NONE, describeChange(action.change));
      return done();
    case 'drop': {
      const [from, to] = r.groups([action.from, action.to]) as [number[], number[]];
      const untilMs = action.forMs === undefined ? Infinity : world.now + action.forMs;
      const types = action.messageTypes.length > 0 ? action.messageTypes : [undefined];
      for (const label of types) {
        world.net.faults.add({ action: 'drop', label, from: new Set(from), to: new Set(to), untilMs });
      }
      fault('drop', NONE, { from, to, messageTypes: action.messageTypes, forMs: action.forMs ?? -1 });
      return done();
    }
    case 'kill': {
      const p = r.node(action.node);
      world.kill(p);
      fault('kill', p.pid);
      return done();
    }
    case 'restart': {
      const p = r.node(action.node);
      fault('restart', p.pid);
      world.kill(p);
      world.start(p);
      return done();
    }
    case 'start': {
      const p = r.node(action.node);
      fault('start', p.pid);
      world.start(p);
      return done();
    }
    case 'pause': {
      const p = r.node(action.node);
      world.pause(p);
      fault('pause', p.pid, { forMs: action.forMs ?? -1 });
      if (action.forMs !== undefined) {
        const inc = p.incarnation;
        world.sched.after(action.forMs, () => {
          if (p.incarnation !== inc) return;
          world.resume(p);
          fault('resume', p.pid);
        });
      }
      return done();
    }
    case 'resume': {
      const p = r.node(action.node);
      world.resume(p);
      fault('resume', p.pid);
      return done();
    }
    case 'shutdown': {
      const p = r.node(action.node);
      fault('shutdown', p.pid);
      hooks.shutdown(p);
      return done();
    }
    case 'redis':
      return redisAction(world, r.node(action.node), hooks, action, done);
    case 'redis-cli':
      return redisCliAction(hooks, action, (text) => fault('redis-cli', NONE, { text: world.recorder.names.withNames(text) }), done);
    case 'replication': {
      const p = r.node(action.node);
      hooks.replication(action.op, p);
      fault(action.op === 'cut' ? 'replication-cut' : 'replication-restore', p.pid);
      return done();
    }
    case 'workload':
      hooks.workload(action.op, action.workload);
      fault(action.op === 'start' ? 'workload-start' : 'workload-stop', NONE, { text: action.workload });
      return done();
    case 'wait':
      return hooks.wait(action, (ok, why) => done({ ok, why }));
    case 'check':
      return done(hooks.check(action));
    case 'repeat':
      throw new Error('repeat is expanded by the timeline executor');
  }
}
