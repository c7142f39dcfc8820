// The command table: for each supported command what Redis 7.0's COMMAND INFO
// reports (arity, flags, legacy key positions first/last/step) and the
// implementation. The cluster router uses it the way getNodeByQuery does: the
// keys of a command, and whether it writes.

import type { CommandProc } from './command-context.ts';
import * as hash from './commands-hash.ts';
import * as keyspace from './commands-keyspace.ts';
import * as list from './commands-list.ts';
import { scanCommand } from './commands-scan.ts';
import * as set from './commands-set.ts';
import * as str from './commands-string.ts';

/** The command flags this subset uses, spelled as COMMAND INFO prints them. */
export type CommandFlag = 'write' | 'readonly' | 'denyoom' | 'fast' | 'asking';

export interface CommandSpec {
  /** Lowercase full name, as in error texts and COMMAND INFO. */
  readonly name: string;
  /** N: exactly N arguments including the name; -N: at least N. */
  readonly arity: number;
  readonly flags: readonly CommandFlag[];
  /** Legacy key range: argv[firstKey..lastKey] every keyStep; lastKey < 0 counts from the end; 0 = no keys. */
  readonly firstKey: number;
  readonly lastKey: number;
  readonly keyStep: number;
  /** Has the `write` flag: refused on replicas, DOWN_RO_STATE when the cluster is down. */
  readonly write: boolean;
  readonly proc: CommandProc;
}

const TABLE = new Map<string, CommandSpec>();

function def(name: string, arity: number, flags: string, keys: [number, number, number], proc: CommandProc): void {
  const f = flags.split(' ').filter(Boolean) as CommandFlag[];
  TABLE.set(name, { name, arity, flags: f, firstKey: keys[0], lastKey: keys[1], keyStep: keys[2], write: f.includes('write'), proc });
}

const NO_KEYS: [number, number, number] = [0, 0, 0];
const KEY1: [number, number, number] = [1, 1, 1];
const ALL_KEYS: [number, number, number] = [1, -1, 1];

// Strings
def('get', 2, 'readonly fast', KEY1, str.getCommand);
def('set', -3, 'write denyoom', KEY1, str.setCommand);
def('incr', 2, 'write denyoom fast', KEY1, str.incrCommand);
def('incrby', 3, 'write denyoom fast', KEY1, str.incrbyCommand);
def('decr', 2, 'write denyoom fast', KEY1, str.decrCommand);
def('decrby', 3, 'write denyoom fast', KEY1, str.decrbyCommand);
def('append', 3, 'write denyoom fast', KEY1, str.appendCommand);
def('mset', -3, 'write denyoom', [1, -1, 2], str.msetCommand);
def('mget', -2, 'readonly fast', ALL_KEYS, str.mgetCommand);
// Lists
def('rpush', -3, 'write denyoom fast', KEY1, list.rpushCommand);
def('lpush', -3, 'write denyoom fast', KEY1, list.lpushCommand);
def('lrange', 4, 'readonly', KEY1, list.lrangeCommand);
def('llen', 2, 'readonly fast', KEY1, list.llenCommand);
def('lpop', -2, 'write fast', KEY1, list.lpopCommand);
def('rpop', -2, 'write fast', KEY1, list.rpopCommand);
def('rpoplpush', 3, 'write denyoom', [1, 2, 1], list.rpoplpushCommand);
def('lmove', 5, 'write denyoom', [1, 2, 1], list.lmoveCommand);
// Hashes
def('hset', -4, 'write denyoom fast', KEY1, hash.hsetCommand);
def('hmset', -4, 'write denyoom fast', KEY1, hash.hmsetCommand);
def('hsetnx', 4, 'write denyoom fast', KEY1, hash.hsetnxCommand);
def('hget', 3, 'readonly fast', KEY1, hash.hgetCommand);
def('hmget', -3, 'readonly fast', KEY1, hash.hmgetCommand);
def('hgetall', 2, 'readonly', KEY1, hash.hgetallCommand);
def('hkeys', 2, 'readonly', KEY1, hash.hkeysCommand);
def('hvals', 2, 'readonly', KEY1, hash.hvalsCommand);
def('hlen', 2, 'readonly fast', KEY1, hash.hlenCommand);
def('hexists', 3, 'readonly fast', KEY1, hash.hexistsCommand);
def('hstrlen', 3, 'readonly fast', KEY1, hash.hstrlenCommand);
def('hdel', -3, 'write fast', KEY1, hash.hdelCommand);
def('hincrby', 4, 'write denyoom fast', KEY1, hash.hincrbyCommand);
// Sets
def('sadd', -3, 'write denyoom fast', KEY1, set.saddCommand);
def('srem', -3, 'write fast', KEY1, set.sremCommand);
def('smembers', 2, 'readonly', KEY1, set.smembersCommand);
def('sismember', 3, 'readonly fast', KEY1, set.sismemberCommand);
def('smismember', -3, 'readonly fast', KEY1, set.smismemberCommand);
def('scard', 2, 'readonly fast', KEY1, set.scardCommand);
def('smove', 4, 'write fast', [1, 2, 1], set.smoveCommand);
def('sunion', -2, 'readonly', ALL_KEYS, set.sunionCommand);
def('sinter', -2, 'readonly', ALL_KEYS, set.sinterCommand);
def('sdiff', -2, 'readonly', ALL_KEYS, set.sdiffCommand);
def('sunionstore', -3, 'write denyoom', ALL_KEYS, set.sunionstoreCommand);
def('sinterstore', -3, 'write denyoom', ALL_KEYS, set.sinterstoreCommand);
def('sdiffstore', -3, 'write denyoom', ALL_KEYS, set.sdiffstoreCommand);
// Keyspace
def('del', -2, 'write', ALL_KEYS, keyspace.delCommand);
def('exists', -2, 'readonly fast', ALL_KEYS, keyspace.existsCommand);
def('type', 2, 'readonly fast', KEY1, keyspace.typeCommand);
def('keys', 2, 'readonly', NO_KEYS, keyspace.keysCommand);
def('scan', -2, 'readonly', NO_KEYS, scanCommand);
def('dbsize', 1, 'readonly fast', NO_KEYS, keyspace.dbsizeCommand);
def('flushall', -1, 'write', NO_KEYS, keyspace.flushallCommand);
def('expire', -3, 'write fast', KEY1, keyspace.expireCommand);
def('pexpire', -3, 'write fast', KEY1, keyspace.pexpireCommand);
def('expireat', -3, 'write fast', KEY1, keyspace.expireatCommand);
def('pexpireat', -3, 'write fast', KEY1, keyspace.pexpireatCommand);
def('ttl', 2, 'readonly fast', KEY1, keyspace.ttlCommand);
def('pttl', 2, 'readonly fast', KEY1, keyspace.pttlCommand);
def('persist', 2, 'write fast', KEY1, keyspace.persistCommand);
def('dump', 2, 'readonly', KEY1, keyspace.dumpCommand);
def('restore', -4, 'write denyoom', KEY1, keyspace.restoreCommand);
def('restore-asking', -4, 'write denyoom asking', KEY1, keyspace.restoreCommand);

export const COMMAND_TABLE: ReadonlyMap<string, CommandSpec> = TABLE;

/** Lower- and upper-case spellings, so the usual forms resolve without allocating a lowered copy. */
const BY_NAME = new Map<string, CommandSpec>();
for (const spec of TABLE.values()) {
  BY_NAME.set(spec.name, spec);
  BY_NAME.set(spec.name.toUpperCase(), spec);
}

/** lookupCommand(): case-insensitive. */
export function lookupCommand(name: string): CommandSpec | undefined {
  return BY_NAME.get(name) ?? TABLE.get(name.toLowerCase());
}

/**
 * getKeysUsingLegacyRangeSpec(): the keys of argv. If the range runs past
 * argv (a variadic command called with too few arguments) there are no keys,
 * and the command itself reports the arity error, as in Redis.
 */
export function commandKeys(spec: CommandSpec, argv: readonly string[]): string[] {
  if (spec.firstKey === 0) return [];
  const last = spec.lastKey < 0 ? argv.length + spec.lastKey : spec.lastKey;
  const keys: string[] = [];
  for (let i = spec.firstKey; i <= last; i += spec.keyStep) {
    if (i >= argv.length) return [];
    keys.push(argv[i]!);
  }
  return keys;
}

/** The keys of a command line, or null for an unknown command. */
export function getKeysFromCommand(argv: readonly string[]): string[] | null {
  const spec = argv.length > 0 ? lookupCommand(argv[0]!) : undefined;
  return spec === undefined ? null : commandKeys(spec, argv);
}
