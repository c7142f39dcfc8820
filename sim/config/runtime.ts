// One running server's parameters, and CONFIG GET / CONFIG SET over them
// as Redis 7.0.15 answers (config.c configGetCommand / configSetCommand).
// Modelled parameters live in the ServerConfig record the node reads;
// reported-only ones keep the text CONFIG GET prints, starting from the table
// and changed only by CONFIG SET (a restart reads the configuration again,
// so neither survives one).
//
// 7.0 details kept: an alias is a name of its own (CONFIG GET 'x*' lists
// both names; setting a name and its alias in one SET is not a duplicate);
// CONFIG GET of an exact name echoes the name as typed; SET is
// all-or-nothing, every value is read before any is stored; among the names,
// the first problem is the one reported (an unknown name after an immutable
// one is not mentioned).

import { SYNTAX_ERROR } from '../core/command-args.ts';
import { stringMatch } from '../core/glob.ts';
import { array, bulk, error, OK, type Reply } from '../core/reply.ts';
import { CONFIG_NAMES, lookupConfig, type ConfigName, type ServerConfig } from './table.ts';
import type { ConfigParam, ProcessFacts } from './types.ts';
import { formatValue, parseSetValue, toConfigValue, type SetValue } from './values.ts';

/** What a node reports for port when no process is given (unit tests of the command alone). */
const DEFAULT_FACTS: ProcessFacts = { port: 6379 };

export class RuntimeConfig {
  /** Reported-only parameters CONFIG SET has changed: their CONFIG GET text, by parameter name. */
  private readonly reported = new Map<string, string>();

  constructor(
    /** The node model's record; CONFIG SET writes into this very object. */
    readonly config: ServerConfig,
    private readonly facts: ProcessFacts = DEFAULT_FACTS,
  ) {}

  /** The CONFIG GET text of `p` (either of its names). */
  text(p: ConfigParam): string {
    if (p.field !== undefined) return formatValue((this.config as Record<string, SetValue | number>)[p.field]!);
    return this.reported.get(p.name) ?? formatValue(p.startsAs?.(this.facts) ?? p.default);
  }

  /** Store an accepted value; true when it differs from the one held (Redis runs apply functions only then). */
  store(p: ConfigParam, v: SetValue): boolean {
    if (p.field === undefined) {
      const before = this.text(p);
      this.reported.set(p.name, formatValue(v));
      return before !== formatValue(v);
    }
    const rec = this.config as Record<string, unknown>;
    const value = toConfigValue(v);
    if (rec[p.field] === value) return false;
    rec[p.field] = value;
    return true;
  }
}

const utf8 = new TextEncoder();

/**
 * configGetCommand: exact names are looked up directly (and reported as
 * typed); patterns with `*?[` match every name case-insensitively. A name
 * appears once however many arguments match it. Redis answers in hash
 * order; this answers in the order names were first matched, pattern
 * matches in table order.
 */
export function configGet(rc: RuntimeConfig, patterns: readonly string[]): Reply {
  const matches = new Map<string, { key: string; entry: ConfigName }>(); // lowercase name → what to print
  for (const p of patterns) {
    if (!/[[*?]/.test(p)) {
      const entry = lookupConfig(p);
      if (entry && !matches.has(entry.name)) matches.set(entry.name, { key: p, entry });
      continue;
    }
    const pat = utf8.encode(p);
    for (const entry of CONFIG_NAMES) {
      if (!matches.has(entry.name) && stringMatch(pat, utf8.encode(entry.name), true)) matches.set(entry.name, { key: entry.name, entry });
    }
  }
  const items: Reply[] = [];
  for (const { key, entry } of matches.values()) items.push(bulk(key), bulk(rc.text(entry.param)));
  return array(items);
}

export interface ConfigSetResult {
  readonly reply: Reply;
  /** Modelled fields whose value changed, once each (empty unless the reply is OK). */
  readonly changed: readonly (keyof ServerConfig)[];
}

const failed = (arg: string, text: string): ConfigSetResult => ({
  reply: error(`ERR CONFIG SET failed (possibly related to argument '${arg}') - ${text}`),
  changed: [],
});

/** The names of a CONFIG SET, or the reply for the first one CONFIG SET refuses. */
function lookupNames(args: readonly string[]): ConfigName[] | ConfigSetResult {
  const entries: ConfigName[] = [];
  for (let i = 0; i < args.length; i += 2) {
    const arg = args[i]!;
    const entry = lookupConfig(arg);
    if (!entry) return { reply: error(`ERR Unknown option or number of arguments for CONFIG SET - '${arg}'`), changed: [] };
    if (entry.param.immutable) return failed(arg, "can't set immutable config");
    if (entry.param.protected) return failed(arg, "can't set protected config");
    if (entries.includes(entry)) return failed(arg, 'duplicate parameter');
    entries.push(entry);
  }
  return entries;
}

/** configSetCommand over `name value` pairs. */
export function configSet(rc: RuntimeConfig, args: readonly string[]): ConfigSetResult {
  if (args.length % 2 === 1) return { reply: SYNTAX_ERROR, changed: [] };
  const entries = lookupNames(args);
  if (!Array.isArray(entries)) return entries;

  const values: SetValue[] = [];
  for (let k = 0; k < entries.length; k++) {
    const parsed = parseSetValue(entries[k]!.param, args[2 * k + 1]!);
    // The registered name, lowercase, not the argument as typed.
    if (!parsed.ok) return failed(entries[k]!.name, parsed.error);
    values.push(parsed.value);
  }

  const changed: (keyof ServerConfig)[] = [];
  entries.forEach(({ param }, k) => {
    if (rc.store(param, values[k]!) && param.field !== undefined && !changed.includes(param.field as keyof ServerConfig)) {
      changed.push(param.field as keyof ServerConfig);
    }
  });
  return { reply: OK, changed };
}
