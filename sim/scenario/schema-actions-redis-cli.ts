// The `redis-cli:` timeline action: the --cluster tool's command line, as a
// string, or as a map that also gives what stdin holds (answers to the
// tool's questions) and the outcome the step expects (`exit:`, `output:`),
// so that a refusal can be the expected result.

import { printable } from '../core/printable.ts';
import { scanNodeRefs } from './command-text.ts';
import { checkRedisCliArgs } from './redis-cli-args.ts';
import { readCommandText, readReply } from './schema-actions-command.ts';
import type { Scope } from './scope.ts';
import { suggest } from './suggest.ts';
import type { Action } from './types-timeline.ts';
import { REDIS_CLI_SUBCOMMANDS } from './vocabulary.ts';
import { checkKeys, readList, readMap, readNumber, readString, scalarValue, type Field, type YNode } from './yaml-read.ts';

/** More answers than any prompt sequence needs; a bound on what a file can make the tool hold. */
const MAX_STDIN_BYTES = 65_536;

/** `redis-cli: "--cluster reshard A …"` or `redis-cli: { command, stdin, exit, output }`. */
export function readRedisCli(scope: Scope, f: Field): Action | undefined {
  const ctx = scope.ctx;
  if (scalarValue(ctx.deref(f.value)) !== undefined) return readToolLine(scope, f.at);
  const k = checkKeys(ctx, readMap(ctx, f.value, 'redis-cli') ?? [], ['command', 'stdin', 'exit', 'output'], 'redis-cli');
  if (!k.get('command')) return ctx.error(f.at, 'missing-key', 'redis-cli needs command: (or is written as a plain string)');
  const line = readToolLine(scope, k.get('command')!.at);
  const stdin = k.get('stdin') ? readStdin(scope, k.get('stdin')!.at) : undefined;
  const exit = k.get('exit') ? readNumber(ctx, k.get('exit')!.at, 'redis-cli exit', { integer: true, min: 0, max: 255 }) : undefined;
  const output = k.get('output') ? readReply(scope, k.get('output')!.at) : undefined;
  if (!line || [['stdin', stdin], ['exit', exit], ['output', output]].some(([key, v]) => k.get(key as string) && v === undefined)) return undefined;
  return { ...line, ...(stdin !== undefined ? { stdin } : {}), ...(exit !== undefined ? { exit } : {}), ...(output ? { output } : {}) };
}

/** The command line: a leading `redis-cli` word is allowed; only `--cluster <subcommand>` is simulated. */
function readToolLine(scope: Scope, node: YNode): Extract<Action, { type: 'redis-cli' }> | undefined {
  const ctx = scope.ctx;
  const text = readCommandText(scope, node, 'redis-cli');
  if (!text) return undefined;
  const args = text.args[0] === 'redis-cli' ? text.args.slice(1) : text.args;
  if (args[0] !== '--cluster') return ctx.error(node, 'bad-value', 'redis-cli: only the --cluster tool is simulated; start with --cluster <subcommand>');
  const sub = args[1];
  if (sub === undefined || !(REDIS_CLI_SUBCOMMANDS as readonly string[]).includes(sub.toLowerCase())) {
    const got = sub === undefined ? 'nothing' : `"${printable(sub)}"`;
    return ctx.error(node, 'bad-value', `redis-cli: --cluster takes one of ${REDIS_CLI_SUBCOMMANDS.join(', ')}, got ${got}`, sub === undefined ? undefined : suggest(sub, REDIS_CLI_SUBCOMMANDS));
  }
  const problems = checkRedisCliArgs(args, scope.nodes === null ? null : { names: scope.nodes });
  for (const p of problems) ctx.error(node, 'bad-value', `redis-cli: ${p}`);
  return problems.length > 0 ? undefined : { type: 'redis-cli', command: text.command, args };
}

/** `stdin: [100, "@D", all, yes]` (one answer per line, as typed) or `stdin: "yes\n"` (verbatim); `@B` is B's node ID. */
function readStdin(scope: Scope, node: YNode): string | undefined {
  const ctx = scope.ctx;
  let text: string | undefined;
  if (scalarValue(ctx.deref(node)) !== undefined) text = readString(ctx, node, 'redis-cli stdin');
  else {
    const items = readList(ctx, node, 'redis-cli stdin');
    if (!items) return undefined;
    const lines = items.map((item) => {
      const v = scalarValue(ctx.deref(item));
      return typeof v === 'number' ? String(v) : readString(ctx, item, 'redis-cli stdin line');
    });
    if (lines.some((l) => l === undefined || l.includes('\n'))) {
      const bad = items[lines.findIndex((l) => l?.includes('\n'))];
      return bad === undefined ? undefined : ctx.error(bad, 'bad-value', 'redis-cli stdin: one answer per line; a line cannot contain a newline');
    }
    text = lines.map((l) => `${l}\n`).join('');
  }
  if (text === undefined) return undefined;
  if (text.length > MAX_STDIN_BYTES) return ctx.error(node, 'too-large', `redis-cli stdin: more than ${MAX_STDIN_BYTES} bytes`);
  for (const ref of scanNodeRefs(text)) {
    if (scope.nodes === null || scope.nodes.includes(ref.name)) continue;
    const near = suggest(ref.name, scope.nodes);
    return ctx.error(node, 'unknown-node', `redis-cli stdin: unknown node "@${ref.name}"`, near === undefined ? undefined : `@${near}`);
  }
  return text;
}
