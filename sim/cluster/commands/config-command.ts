// CONFIG GET / SET / HELP over the parameters config.ts models, with Redis
// 7.0.15's parsing, bounds and error texts (config.c). Parameters Redis has
// but the model does not are unknown here ("Unknown option ..." / no match).
//
// 7.0 details kept: an alias is a parameter of its own (CONFIG GET 'x*'
// lists both names; SET of a name and its alias is not a duplicate); CONFIG
// GET of an exact name echoes the name as typed; SET is all-or-nothing:
// every pair is validated before any value is stored.

import { stringMatch } from '../../core/glob.ts';
import { array, bulk, OK, type Reply } from '../../core/reply.ts';
import { CONFIG_PARAM_NAMES, CONFIG_PARAMS, getConfigParam, type ServerConfig } from '../config.ts';
import { CLUSTER_NODE_NOFAILOVER, CLUSTER_TODO_SAVE_CONFIG, CLUSTER_TODO_UPDATE_STATE } from '../constants.ts';
import type { ClusterState } from '../state.ts';
import { arityError, errorf, SYNTAX_ERROR, unknownSubcommand } from './context.ts';
import { helpReply } from './help.ts';
import { parseConfigValue } from './config-values.ts';

const CONFIG_HELP: readonly string[] = [
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Rewrite the configuration file.',
];

/** Called after a successful CONFIG SET with the fields whose value changed (Redis's apply functions). */
export type ConfigApplied = (changed: readonly (keyof ServerConfig)[]) => void;

const utf8 = new TextEncoder();

/** lookupConfig(): case-insensitive. */
function lookupName(name: string): string | undefined {
  const l = name.toLowerCase();
  return CONFIG_PARAMS[l] ? l : undefined;
}

/**
 * configGetCommand: exact names are looked up directly (and reported as
 * typed); patterns with `*?[` match every name case-insensitively. A
 * parameter appears once however many arguments name it. Redis returns
 * them in hash order; this returns them in the order they were first
 * matched, with pattern matches in config.ts's table order.
 */
export function configGet(cfg: ServerConfig, patterns: readonly string[]): Reply {
  const matches = new Map<string, string>(); // lowercase name → key to print
  for (const p of patterns) {
    if (!/[[*?]/.test(p)) {
      const name = lookupName(p);
      if (name && !matches.has(name)) matches.set(name, p);
      continue;
    }
    const pat = utf8.encode(p);
    for (const name of CONFIG_PARAM_NAMES) {
      if (!matches.has(name) && stringMatch(pat, utf8.encode(name), true)) matches.set(name, name);
    }
  }
  const items: Reply[] = [];
  for (const [name, key] of matches) items.push(bulk(key), bulk(getConfigParam(cfg, name)!));
  return array(items);
}

/** configSetCommand. `applied` sees the fields that really changed, once, after all are stored. */
export function configSet(cfg: ServerConfig, args: readonly string[], applied?: ConfigApplied): Reply {
  if (args.length % 2 === 1) return SYNTAX_ERROR;
  const names: string[] = [];
  // First the names: an unknown one anywhere is reported in preference to
  // any other problem; otherwise the first immutable or repeated one.
  let unknown: string | undefined;
  let failure: { arg: string; text: string } | undefined;
  for (let i = 0; i < args.length; i += 2) {
    const name = lookupName(args[i]!);
    if (!name) {
      unknown ??= args[i]!;
      continue;
    }
    if (unknown || failure) continue;
    if (CONFIG_PARAMS[name]!.immutable) failure = { arg: args[i]!, text: "can't set immutable config" };
    else if (names.includes(name)) failure = { arg: args[i]!, text: 'duplicate parameter' };
    names.push(name);
  }
  if (unknown !== undefined) return errorf(`Unknown option or number of arguments for CONFIG SET - '${unknown}'`);
  if (failure) return configSetFailed(failure.arg, failure.text);

  // Then the values, all of them before anything is stored.
  const values: (string | number | boolean)[] = [];
  for (let k = 0; k < names.length; k++) {
    const parsed = parseConfigValue(names[k]!, args[2 * k + 1]!);
    if (typeof parsed === 'object') return configSetFailed(names[k]!, parsed.error);
    values.push(parsed);
  }

  const rec = cfg as unknown as Record<string, unknown>;
  const changed: (keyof ServerConfig)[] = [];
  names.forEach((name, k) => {
    const field = CONFIG_PARAMS[name]!.field;
    if (rec[field] !== values[k]) {
      rec[field] = values[k];
      if (!changed.includes(field)) changed.push(field);
    }
  });
  if (changed.length > 0) applied?.(changed);
  return OK;
}

function configSetFailed(arg: string, text: string): Reply {
  return errorf(`CONFIG SET failed (possibly related to argument '${arg}') - ${text}`);
}

/**
 * CONFIG with its arguments (argv[0] is `CONFIG` in any case). GET, SET and
 * HELP; RESETSTAT and REWRITE are not modelled and answer as unknown.
 */
export function configCommand(cfg: ServerConfig, argv: readonly string[], applied?: ConfigApplied): Reply {
  if (argv.length < 2) return arityError('config');
  const sub = argv[1]!.toLowerCase();
  switch (sub) {
    case 'get':
      if (argv.length < 3) return arityError('config|get');
      return configGet(cfg, argv.slice(2));
    case 'set':
      if (argv.length < 4) return arityError('config|set');
      return configSet(cfg, argv.slice(2), applied);
    case 'help':
      if (argv.length !== 2) return arityError('config|help');
      return helpReply(argv[0]!, CONFIG_HELP);
    default:
      return unknownSubcommand(argv);
  }
}

// ---- What CONFIG SET changes in the cluster state besides the config ----
// Redis's apply functions for the cluster parameters (config.c
// updateClusterFlags / updateClusterIp / updateClusterHostname, which call
// cluster.c's clusterUpdateMyself*). Pass clusterConfigApplied, bound to the
// node's ClusterState, as configCommand's `applied` callback.

/**
 * clusterUpdateMyselfFlags: NOFAILOVER follows cluster-replica-no-failover
 * (peers see it in the next header). Only a real change is saved.
 */
export function clusterUpdateMyselfFlags(cs: ClusterState): void {
  const myself = cs.myself;
  const old = myself.flags;
  myself.flags = (myself.flags & ~CLUSTER_NODE_NOFAILOVER) | (cs.config.clusterReplicaNoFailover ? CLUSTER_NODE_NOFAILOVER : 0);
  if (myself.flags !== old) cs.doBeforeSleep(CLUSTER_TODO_SAVE_CONFIG | CLUSTER_TODO_UPDATE_STATE);
}

/**
 * The cluster side of a successful CONFIG SET. `changed` lists only the
 * fields whose value changed, as Redis runs apply functions only then.
 */
export function clusterConfigApplied(cs: ClusterState, changed: readonly (keyof ServerConfig)[]): void {
  if (changed.includes('clusterReplicaNoFailover')) clusterUpdateMyselfFlags(cs);
  // clusterUpdateMyselfIp: an announced IP replaces mine; clearing it
  // empties it, so the node learns its address again from incoming packets.
  if (changed.includes('clusterAnnounceIp')) cs.myself.ip = cs.config.clusterAnnounceIp;
  // clusterUpdateMyselfHostname (Redis also re-applies it every cron).
  if (changed.includes('clusterAnnounceHostname')) cs.myself.hostname = cs.config.clusterAnnounceHostname;
}
