// The server-wide parameters of Redis 7.0.15 the simulator knows: network
// and process settings, logging and the cron rate, persistence and memory.
// Modelled: appendonly, save, shutdown-timeout, enable-debug-command,
// loglevel, hz (in that order, as in ServerConfig); the rest are the values a
// node started with `--cluster-enabled yes` and nothing else reports.

import { bool, INT_MAX, int, LLONG_MAX, oneOf, text, UINT_MAX, ULLONG_MAX, words } from './types.ts';

/** strtoll() as setConfigSaveOption uses it: the whole word must be read (an empty one reads as 0). */
function strtoll(w: string): bigint | null {
  if (w === '') return 0n;
  const m = /^[\t\n\v\f\r ]*([+-]?\d+)$/.exec(w);
  if (!m) return null;
  const v = BigInt(m[1]!);
  return v > LLONG_MAX ? LLONG_MAX : v < -LLONG_MAX - 1n ? -LLONG_MAX - 1n : v;
}

/** setConfigSaveOption: pairs of <seconds ≥ 1> <changes ≥ 0>; no words turns RDB snapshots off. */
function readSave(ws: readonly string[]): string | { error: string } {
  const error = 'Invalid save parameters';
  if (ws.length % 2 === 1) return { error };
  const pairs: string[] = [];
  for (let j = 0; j < ws.length; j += 2) {
    const seconds = strtoll(ws[j]!);
    const changes = strtoll(ws[j + 1]!);
    if (seconds === null || changes === null || seconds < 1n || changes < 0n) return { error };
    // `changes` is stored in a C int.
    pairs.push(`${seconds} ${BigInt.asIntN(32, changes)}`);
  }
  return pairs.join(' ');
}

/** setConfigBindOption: at most CONFIG_BINDADDR_MAX addresses (the simulated node keeps listening where it was started). */
function readBind(ws: readonly string[]): string | { error: string } {
  if (ws.length > 16) return { error: 'Too many bind addresses specified.' };
  return ws.join(' ');
}

export const SERVER_PARAMS = [
  int('port', 6379, { min: 0n, max: 65535n }, { startsAs: (p) => p.port }),
  words('bind', '* -::*', readBind),
  bool('protected-mode', true),
  int('tcp-backlog', 511, { min: 0n, max: INT_MAX }, { immutable: true }),
  int('tcp-keepalive', 300, { min: 0n, max: INT_MAX, unit: 'seconds' }),
  int('timeout', 0, { min: 0n, max: INT_MAX, unit: 'seconds' }),
  int('maxclients', 10000, { min: 1n, max: UINT_MAX, unsigned: true }),
  int('databases', 16, { min: 1n, max: INT_MAX }, { immutable: true }),
  bool('daemonize', false, { immutable: true }),
  oneOf('supervised', ['upstart', 'systemd', 'auto', 'no'], 'no', { immutable: true }),
  text('pidfile', '', { immutable: true }),
  text('logfile', '', { immutable: true }),
  // Redis reports its working directory; every simulated node reports the same one.
  text('dir', '/data', { protected: true }),
  oneOf('enable-protected-configs', ['no', 'yes', 'local'], 'no', { immutable: true }),
  text('requirepass', '', { field: 'requirepass' }),
  // How long SHUTDOWN waits for lagging replicas (0: not at all).
  int('shutdown-timeout', 10, { min: 0n, max: INT_MAX, unit: 'seconds' }, { field: 'shutdownTimeout' }),
  // DEBUG is refused unless this allows it; `local` allows loopback clients (every simulated client is one).
  oneOf('enable-debug-command', ['no', 'yes', 'local'], 'no', { immutable: true, field: 'enableDebugCommand' }),
  int('busy-reply-threshold', 5000, { min: 0n, max: LLONG_MAX, unit: 'ms' }, { alias: 'lua-time-limit' }),

  bool('appendonly', false, { field: 'appendonly' }),
  // The AOF model fsyncs once a second whatever this says.
  oneOf('appendfsync', ['everysec', 'always', 'no'], 'everysec'),
  text('appendfilename', 'appendonly.aof', { immutable: true }),
  text('appenddirname', 'appendonlydir', { immutable: true }),
  bool('no-appendfsync-on-rewrite', false),
  int('auto-aof-rewrite-percentage', 100, { min: 0n, max: INT_MAX }),
  int('auto-aof-rewrite-min-size', 64 * 1024 * 1024, { min: 0n, max: LLONG_MAX, unit: 'bytes' }),
  bool('aof-use-rdb-preamble', true),
  bool('aof-load-truncated', true),
  bool('aof-rewrite-incremental-fsync', true),
  bool('aof-timestamp-enabled', false),
  bool('aof-disable-auto-gc', false),
  // Save points: serverCron starts a BGSAVE when one is met; '' (no pairs) turns them off.
  words('save', '3600 1 300 100 60 10000', readSave, { field: 'save' }),
  text('dbfilename', 'dump.rdb', { protected: true }),
  bool('rdbcompression', true),
  bool('rdbchecksum', true, { immutable: true }),
  bool('rdb-save-incremental-fsync', true),
  bool('rdb-del-sync-files', false),
  bool('stop-writes-on-bgsave-error', true),

  // Memory is not modelled: nothing is ever evicted.
  int('maxmemory', 0, { min: 0n, max: ULLONG_MAX, unit: 'bytes', unsigned: true }),
  oneOf('maxmemory-policy', ['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'], 'noeviction'),
  int('maxmemory-samples', 5, { min: 1n, max: INT_MAX }),

  oneOf('loglevel', ['debug', 'verbose', 'notice', 'warning'], 'notice', { field: 'loglevel' }),
  // Redis takes 0..INT_MAX and updateHZ clamps to 1..500; outside that a scenario has surely made a typo.
  int('hz', 10, { min: 0n, max: INT_MAX, clamp: [1, 500] }, { field: 'hz', scenario: { min: 1, max: 500 } }),
  bool('dynamic-hz', true),
] as const;
