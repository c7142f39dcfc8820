// A `redis-cli:` action's arguments as redis-cli 7.0's parseOptions and
// validateClusterManagerCommand read them (the simulated tool,
// sim/tools/redis-cli/options.ts, reads them the same way at run time), so
// that what the tool would refuse, or could only answer by prompting on a
// terminal a scenario does not have, is an error of the file instead of a
// step that fails minutes into a run: an unknown option, an option without
// its value, the wrong number of nodes for the subcommand, a slot count
// outside 1..16384, a node that is no node of the scenario.

import { NODE_IP, BASE_PORT } from './names.ts';
import { SLOT_COUNT } from './slots.ts';
import { suggest } from './suggest.ts';

/** What an option's value must be. */
type ValueKind = 'count' | 'node' | 'nodes-or-all' | 'slots' | 'positive' | 'number';

/** --cluster-* options that take one value (`--cluster-weight` takes `id=w` words, see below). */
export const REDIS_CLI_VALUE_OPTIONS: Readonly<Record<string, ValueKind>> = {
  '--cluster-replicas': 'count',
  '--cluster-master-id': 'node',
  '--cluster-from': 'nodes-or-all',
  '--cluster-to': 'node',
  '--cluster-slots': 'slots',
  '--cluster-timeout': 'positive',
  '--cluster-pipeline': 'positive',
  '--cluster-threshold': 'number',
};

export const REDIS_CLI_FLAGS: readonly string[] = [
  '--cluster-yes',
  '--cluster-simulate',
  '--cluster-replace',
  '--cluster-slave',
  '--cluster-use-empty-masters',
  '--cluster-search-multiple-owners',
  '--cluster-fix-with-unreachable-masters',
  '--verbose',
];

/** clusterManagerCommands[] arity: N exactly N node arguments, -N at least N. */
export const REDIS_CLI_ARITY: Readonly<Record<string, number>> = { create: -2, check: -1, info: -1, fix: -1, reshard: -1, rebalance: -1, 'add-node': 2, 'del-node': 2 };

/** The arguments after `--cluster`, split as redis-cli splits them. */
export interface RedisCliArgs {
  readonly sub: string;
  /** The subcommand's own arguments (nodes). */
  readonly positional: readonly string[];
  readonly options: ReadonlyMap<string, string>;
}

const ALL_OPTIONS = [...Object.keys(REDIS_CLI_VALUE_OPTIONS), '--cluster-weight', ...REDIS_CLI_FLAGS];

/** Split `--cluster SUB args… options…` (the caller checked `--cluster` and SUB); a reason when redis-cli would refuse it. */
export function parseRedisCliArgs(args: readonly string[]): RedisCliArgs | string {
  const sub = args[1]!.toLowerCase();
  let i = 2;
  const positional: string[] = [];
  while (i < args.length && !args[i]!.startsWith('-')) positional.push(args[i++]!);
  const options = new Map<string, string>();
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (REDIS_CLI_FLAGS.includes(a)) options.set(a, '');
    else if (a === '--cluster-weight') {
      const words: string[] = [];
      while (i + 1 < args.length && !args[i + 1]!.startsWith('--') && args[i + 1]!.includes('=')) words.push(args[++i]!);
      options.set(a, words.join(' '));
    } else if (a in REDIS_CLI_VALUE_OPTIONS) {
      if (i + 1 >= args.length) return `option ${a} needs a value (redis-cli: "Unrecognized option or bad number of args")`;
      options.set(a, args[++i]!);
    } else if (a.startsWith('-')) {
      const near = suggest(a, ALL_OPTIONS);
      return `unrecognized option "${a}"${near ? ` (did you mean ${near}?)` : ''}; redis-cli refuses it`;
    } else return `"${a}" comes after the options, where redis-cli stops reading: it would be ignored`;
  }
  const arity = REDIS_CLI_ARITY[sub]!;
  if ((arity > 0 && positional.length !== arity) || (arity < 0 && positional.length < -arity)) {
    const want = arity > 0 ? `exactly ${arity}` : `at least ${-arity}`;
    return `--cluster ${sub} takes ${want} node argument${Math.abs(arity) === 1 ? '' : 's'}, got ${positional.length} (redis-cli: "Wrong number of arguments")`;
  }
  return { sub, positional, options };
}

/** What the scenario's nodes are: names in index order (addresses follow from the index). */
export interface KnownNodes {
  readonly names: readonly string[];
}

const isRef = (w: string): boolean => /^@[A-Za-z0-9][A-Za-z0-9_-]*(\.previous)?$/.test(w);
const isId = (w: string): boolean => /^[0-9a-f]{40}$/i.test(w);

/** A value that names a node: `@B`, a node name, or a 40-hex ID; a reason if not. */
function checkNodeWord(w: string, what: string, nodes: KnownNodes): string | undefined {
  if (isRef(w) || isId(w) || nodes.names.includes(w)) return undefined;
  const near = suggest(w, nodes.names);
  return `${what}: "${w}" is not a node of the scenario (write a node name, @name or a node ID)${near ? ` (did you mean ${near}?)` : ''}`;
}

/** A node argument: `@B`, a node name, or the `ip:port` of a node. */
function checkHostWord(w: string, nodes: KnownNodes): string | undefined {
  if (isRef(w) || nodes.names.includes(w)) return undefined;
  const m = /^(.*):(\d+)(@\d+)?$/.exec(w);
  if (!m) return checkNodeWord(w, 'node argument', nodes) ?? undefined;
  const index = Number(m[2]) - BASE_PORT;
  if ((m[1] === NODE_IP || m[1] === 'localhost') && index >= 0 && index < nodes.names.length) return undefined;
  return `node argument ${w} is the address of no node (nodes listen on ${NODE_IP}:${BASE_PORT}..${BASE_PORT + nodes.names.length - 1}); redis-cli would not connect`;
}

const INT = /^\d+$/;

function checkValue(opt: string, kind: ValueKind, v: string, nodes: KnownNodes | null): string | undefined {
  switch (kind) {
    case 'count':
      return INT.test(v) ? undefined : `${opt}: expected a whole number, got "${v}"`;
    case 'positive':
      return INT.test(v) && Number(v) > 0 ? undefined : `${opt}: expected a whole number above 0, got "${v}"`;
    case 'number':
      return Number.isFinite(Number(v)) && v.trim() !== '' ? undefined : `${opt}: expected a number, got "${v}"`;
    case 'slots':
      return INT.test(v) && Number(v) >= 1 && Number(v) <= SLOT_COUNT
        ? undefined
        : `${opt}: expected a number of slots from 1 to ${SLOT_COUNT} (what redis-cli asks for), got "${v}"`;
    case 'node':
      return nodes ? checkNodeWord(v, opt, nodes) : undefined;
    case 'nodes-or-all': {
      if (!nodes) return undefined;
      const words = v.split(',');
      for (const [i, w] of words.entries()) {
        if (w === 'all' || (w === '' && i === words.length - 1)) continue;
        const bad = checkNodeWord(w, opt, nodes);
        if (bad) return bad;
      }
      return undefined;
    }
  }
}

/**
 * Reasons redis-cli would refuse these arguments, or fail on them at once
 * (empty when it would run). `nodes` null: the cluster section had errors,
 * node names are not checked.
 */
export function checkRedisCliArgs(args: readonly string[], nodes: KnownNodes | null): string[] {
  const parsed = parseRedisCliArgs(args);
  if (typeof parsed === 'string') return [parsed];
  const out: string[] = [];
  for (const [opt, v] of parsed.options) {
    const kind = REDIS_CLI_VALUE_OPTIONS[opt];
    const bad = kind ? checkValue(opt, kind, v, nodes) : undefined;
    if (bad) out.push(bad);
  }
  if (nodes) out.push(...checkNodeArguments(parsed, nodes));
  return out;
}

/** Subcommands that take one node, as `ip:port` or as the two words `ip port` (getClusterHostFromCmdArgs). */
const ONE_NODE = ['check', 'info', 'fix', 'reshard', 'rebalance'];

function checkNodeArguments(parsed: RedisCliArgs, nodes: KnownNodes): string[] {
  const p = parsed.positional;
  if (ONE_NODE.includes(parsed.sub)) {
    if (p.length === 2 && !p[0]!.includes(':') && !p[0]!.startsWith('@') && INT.test(p[1]!)) return [checkHostWord(`${p[0]}:${p[1]}`, nodes)].filter((x) => x !== undefined);
    if (p.length > 1) return [`--cluster ${parsed.sub} takes one node (ip:port, or ip and port), got ${p.length} arguments: redis-cli would read "${p[0]}" as the address and "${p[1]}" as the port`];
  }
  const out: string[] = [];
  p.forEach((w, i) => {
    const bad = parsed.sub === 'del-node' && i === 1 ? checkNodeWord(w, 'del-node node', nodes) : checkHostWord(w, nodes);
    if (bad) out.push(bad);
  });
  return out;
}

/** The node arguments redis-cli connects to (del-node's second names a node by ID: it is not connected to). */
export function hostArguments(parsed: RedisCliArgs): string[] {
  return parsed.positional.filter((_, i) => !(parsed.sub === 'del-node' && i === 1));
}
