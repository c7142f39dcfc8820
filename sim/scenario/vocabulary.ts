// Words the scenario language accepts that name things other modules own:
// invariants (check/), event names (cluster/ emits them), bus message types
// (cluster/ messages), redis-cli subcommands (run/). Kept as exported
// constants so each owner extends the list in one place and the validator,
// suggestions and docs follow.

import type { EventType } from '../events/types.ts';
import { EVENT_TYPES } from '../events/vocabulary.ts';
import { MESSAGE_TYPE_LABELS } from '../cluster/constants.ts';
import type { BusMessageType } from './types-timeline.ts';

/**
 * Safety invariants checked on every run unless disabled under `invariants:`.
 * The checker author extends this list; the scenario validator accepts exactly these names.
 */
export const INVARIANT_NAMES = [
  'one-vote-per-epoch',
  'vote-only-for-failed-master',
  'one-winner-per-epoch',
  'epochs-monotonic',
  'unique-config-epochs',
  'single-slot-owner',
  'fail-needs-quorum',
  'converges-after-heal',
] as const;

/**
 * Properties: checked like the safety invariants, but only when a scenario
 * turns them on (`invariants: { failover-liveness: true }`); `sim fuzz`
 * turns them all on. They judge liveness during faults and the protocol's
 * timing rules, which a hand-written scenario may break on purpose.
 */
export const PROPERTY_NAMES = [
  'failover-liveness',
  'election-delay-follows-rank',
  'stale-replica-never-elected',
  'no-failover-replica-never-elected',
  'election-needs-majority',
] as const;

/**
 * Real Redis 7.0 flaws a scenario may tell the invariants to expect
 * (`invariants: { known-flaws: [winner-votes-in-its-epoch] }`): a violation
 * that is exactly that flaw is then recorded, not reported. docs/invariants.md
 * explains each; the catalogue shows each in a scenario.
 */
export const KNOWN_FLAWS = ['winner-votes-in-its-epoch'] as const;
export type KnownFlaw = (typeof KNOWN_FLAWS)[number];

/** Every name `invariants:` accepts: the safety invariants, then the opt-in properties. */
export const CHECK_NAMES = [...INVARIANT_NAMES, ...PROPERTY_NAMES] as const;

export type InvariantName = (typeof CHECK_NAMES)[number];

/**
 * Event names of events.csv (scenario-format.md §2/§4) that `event:`
 * conditions may ask about: the event vocabulary's types, every one of them
 * (the compiler keeps the vocabulary complete).
 */
export const EVENT_NAMES: readonly EventType[] = EVENT_TYPES;

/** Bus message types `drop:` can filter, canonical (CLUSTERMSG_TYPE_*) names. */
export const BUS_MESSAGE_TYPES: readonly BusMessageType[] = MESSAGE_TYPE_LABELS;

/** The short names CLUSTER INFO uses for two of them (`cluster_stats_messages_auth-req_sent`). */
export const BUS_MESSAGE_ALIASES: Readonly<Record<string, BusMessageType>> = {
  'AUTH-REQ': 'FAILOVER_AUTH_REQUEST',
  'AUTH-ACK': 'FAILOVER_AUTH_ACK',
};

/** `redis-cli --cluster` subcommands the simulator's tool supports. */
export const REDIS_CLI_SUBCOMMANDS = ['create', 'add-node', 'del-node', 'reshard', 'rebalance', 'check', 'fix', 'info'] as const;

/**
 * Every command the simulated server implements (lowercase), for `sim check`
 * to refuse a `redis:` command it would answer with "unknown command". The
 * server owns the list: sim/data/command-table.ts and
 * sim/server/server-commands.ts; test/scenario/command-names-match-the-server.test.ts
 * keeps this copy equal to them (scenario/ may not import the server).
 */
export const REDIS_COMMANDS = [
  // keys and data (sim/data/command-table.ts)
  'append', 'dbsize', 'decr', 'decrby', 'del', 'dump', 'exists', 'expire', 'expireat', 'flushall', 'get', 'hdel', 'hexists',
  'hget', 'hgetall', 'hincrby', 'hkeys', 'hlen', 'hmget', 'hmset', 'hset', 'hsetnx', 'hstrlen', 'hvals', 'incr', 'incrby',
  'keys', 'llen', 'lmove', 'lpop', 'lpush', 'lrange', 'mget', 'mset', 'persist', 'pexpire', 'pexpireat', 'pttl', 'restore',
  'restore-asking', 'rpop', 'rpoplpush', 'rpush', 'sadd', 'scan', 'scard', 'sdiff', 'sdiffstore', 'set', 'sinter',
  'sinterstore', 'sismember', 'smembers', 'smismember', 'smove', 'srem', 'sunion', 'sunionstore', 'ttl', 'type',
  // the server's own (sim/server/server-commands.ts)
  'asking', 'readonly', 'readwrite', 'ping', 'echo', 'select', 'info', 'wait', 'psync', 'replconf', 'shutdown', 'migrate',
  'debug', 'cluster', 'config', 'multi', 'exec', 'discard', 'watch', 'unwatch', 'role', 'auth', 'publish', 'spublish',
  'save', 'bgsave', 'lastsave',
] as const;

/** Timeline action keys as written in YAML, in the order of the spec's table. */
export const ACTION_KEYS = [
  'partition',
  'isolate',
  'heal',
  'link',
  'network',
  'drop',
  'kill',
  'restart',
  'pause',
  'resume',
  'shutdown',
  'start',
  'redis',
  'redis-cli',
  'replication',
  'workload',
  'wait',
  'check',
  'repeat',
] as const;

export type ActionKey = (typeof ACTION_KEYS)[number];

/** Condition keys as written in YAML, in the order of the spec's table. */
export const CONDITION_KEYS = [
  'role',
  'replica-of',
  'replicas',
  'known-nodes',
  'cluster-state',
  'flag',
  'owner',
  'open-slots',
  'epoch',
  'converged',
  'in-sync',
  'event',
  'lost-writes',
  'history',
  'replicas-consistent',
  'keys',
] as const;

export type ConditionKey = (typeof CONDITION_KEYS)[number];

/** Words with a meaning of their own in the language; no node or workload may be called this. */
export const RESERVED_NAMES = ['all', 'none', 'end', '*'] as const;
