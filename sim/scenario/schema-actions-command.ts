// Readers for the command-like timeline actions: `redis:` (one command to one
// node), `workload:` start/stop, `wait:`
// and `check:`. Node references inside command text (`@B`, `@B.previous`)
// must name known nodes; errors point at the reference inside the string.

import { printable } from '../core/printable.ts';
import { posInString, scanNodeRefs, splitArgs } from './command-text.ts';
import { readNodeRef } from './node-refs.ts';
import { readConditionValue } from './schema-conditions.ts';
import type { Scope } from './scope.ts';
import { suggest } from './suggest.ts';
import type { Action, ReplyExpectation } from './types-timeline.ts';
import { REDIS_COMMANDS } from './vocabulary.ts';
import { checkKeys, readBool, readDuration, readMap, readString, scalarValue, type Field, type YNode } from './yaml-read.ts';

/** Split a command and check its `@node` references; undefined after errors. */
export function readCommandText(scope: Scope, node: YNode, what: string): { command: string; args: string[] } | undefined {
  const ctx = scope.ctx;
  const command = readString(ctx, node, what);
  if (command === undefined) return undefined;
  const args = splitArgs(command);
  if (!args) return ctx.error(node, 'bad-value', `${what}: unbalanced quotes in "${printable(command)}"`);
  if (args.length === 0) return ctx.error(node, 'bad-value', `${what}: the command is empty`);
  let ok = true;
  for (const ref of scanNodeRefs(command)) {
    if (scope.nodes === null || scope.nodes.includes(ref.name)) continue;
    ok = false;
    const suffix = ref.previous ? '.previous' : '';
    const near = suggest(ref.name, scope.nodes);
    ctx.errorAt(posInString(ctx, ctx.deref(node), ref.offset), 'unknown-node', `${what}: unknown node "@${ref.name}${suffix}"`, near === undefined ? undefined : `@${near}${suffix}`);
  }
  return ok ? { command, args } : undefined;
}

/** `redis: { node: A1, command: "CLUSTER FAILOVER", reply: "OK", asking: false, client: app }` */
export function readRedis(scope: Scope, f: Field): Action | undefined {
  const ctx = scope.ctx;
  const k = checkKeys(ctx, readMap(ctx, f.value, 'redis') ?? [], ['node', 'command', 'reply', 'asking', 'client'], 'redis');
  if (!k.get('node') || !k.get('command')) return ctx.error(f.at, 'missing-key', 'redis needs node: and command:');
  const node = readNodeRef(scope, k.get('node')!.at, 'redis node');
  const text = readCommandText(scope, k.get('command')!.at, 'redis command');
  const reply = k.get('reply') ? readReply(scope, k.get('reply')!.at) : undefined;
  const asking = k.get('asking') ? readBool(ctx, k.get('asking')!.at, 'asking') : false;
  const client = k.get('client') ? readClientName(scope, k.get('client')!.at) : undefined;
  if (!node || !text || (k.get('reply') && !reply) || asking === undefined || (k.get('client') && !client)) return undefined;
  checkCommandName(scope, k.get('command')!.at, text.args);
  return { type: 'redis', node, command: text.command, args: text.args, asking, ...(reply ? { reply } : {}), ...(client ? { client } : {}) };
}

/** `client: app`: letters, digits, `_`, `-`, starting with a letter. */
function readClientName(scope: Scope, node: YNode): string | undefined {
  const name = readString(scope.ctx, node, 'redis client');
  if (name === undefined) return undefined;
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(name)) return scope.ctx.error(node, 'bad-value', `redis client: "${printable(name)}" is not a client name (letters, digits, _ and -, starting with a letter)`);
  return name;
}

/**
 * A command the simulated server does not implement would only ever answer
 * "unknown command", which reads like a typo in the scenario: refuse it here,
 * with the nearest implemented name.
 */
function checkCommandName(scope: Scope, node: YNode, args: readonly string[]): void {
  const name = args[0]!.toLowerCase();
  if ((REDIS_COMMANDS as readonly string[]).includes(name)) return;
  const near = suggest(name, REDIS_COMMANDS);
  scope.ctx.error(node, 'bad-value', `redis command: the simulator does not implement ${printable(args[0]!.toUpperCase())}`, near?.toUpperCase());
}

/** `reply: "OK"` (exact) or `reply: { matches: "^-MOVED" }` (a regular expression). */
export function readReply(scope: Scope, node: YNode): ReplyExpectation | undefined {
  const ctx = scope.ctx;
  if (scalarValue(ctx.deref(node)) !== undefined) {
    const text = readString(ctx, node, 'reply');
    return text === undefined ? undefined : { kind: 'equals', text };
  }
  const k = checkKeys(ctx, readMap(ctx, node, 'reply') ?? [], ['matches'], 'reply');
  if (!k.get('matches')) return ctx.error(node, 'missing-key', 'reply needs matches: (or a plain string)');
  const pattern = readString(ctx, k.get('matches')!.at, 'reply matches');
  if (pattern === undefined) return undefined;
  try {
    new RegExp(pattern);
  } catch (e) {
    // RegExp's own message names the problem ("Unterminated group"); keep just that part.
    const why = e instanceof Error ? e.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '') : 'invalid';
    return ctx.error(k.get('matches')!.at, 'bad-value', `reply matches: not a valid regular expression (${why})`);
  }
  return { kind: 'matches', pattern };
}

/** `workload: { start: writers }` or `{ stop: writers }`. */
export function readWorkloadAction(scope: Scope, f: Field): Action | undefined {
  const ctx = scope.ctx;
  const fields = readMap(ctx, f.value, 'workload');
  if (!fields) return undefined;
  const k = checkKeys(ctx, fields, ['start', 'stop'], 'workload action');
  if (k.size !== 1) {
    if (k.size === fields.length) ctx.error(f.at, k.size === 0 ? 'missing-key' : 'conflicting-keys', 'workload takes exactly one of start: or stop:');
    return undefined;
  }
  const [op, field] = [...k.entries()][0] as ['start' | 'stop', Field];
  const workload = scope.workloadName(field.at, `workload ${op}`);
  return workload === undefined ? undefined : { type: 'workload', op, workload };
}

/** `wait: { until: { converged: true }, within: 30s }`; without `within` it may wait until the run ends. */
export function readWait(scope: Scope, f: Field): Action | undefined {
  const ctx = scope.ctx;
  const k = checkKeys(ctx, readMap(ctx, f.value, 'wait') ?? [], ['until', 'within'], 'wait');
  if (!k.get('until')) return ctx.error(f.at, 'missing-key', 'wait needs until: <condition>');
  const until = readConditionValue(scope, k.get('until')!.value, 'wait until');
  const withinMs = k.get('within') ? readDuration(ctx, k.get('within')!.at, 'within') : undefined;
  if (!until || (k.get('within') && withinMs === undefined)) return undefined;
  return { type: 'wait', until, ...(withinMs !== undefined ? { withinMs } : {}) };
}

/** `check: { role: { A1: master } }`: assert now. */
export function readCheck(scope: Scope, f: Field): Action | undefined {
  const condition = readConditionValue(scope, f.value, 'check');
  return condition ? { type: 'check', condition } : undefined;
}
