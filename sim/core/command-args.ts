// What the commands share for their arguments: Redis's integer parsing
// (util.c string2ll, int64 arithmetic) and the exact error replies a bad
// argument gets (shared.* objects in server.c and the addReplyError calls of
// the command implementations). Error text is without the leading '-', as in
// Reply.
//
// Integers are C `long long`: parsing accepts exactly what string2ll() does
// (no '+', no spaces, no leading zeros, "-0" rejected, at most 20 chars, in
// int64 range) and arithmetic is BigInt, so INCR near the limits overflows
// where Redis does, not where a double would round.

import { error, type Reply } from './reply.ts';

export const LLONG_MAX = 9223372036854775807n;
export const LLONG_MIN = -9223372036854775808n;

const INTEGER_SYNTAX = /^(?:0|-?[1-9][0-9]*)$/;
/** LONG_STR_SIZE in Redis: strings this long or longer are never integers. */
const LONG_STR_SIZE = 21;

/** string2ll(): the int64 a string spells, or null if Redis would reject it. */
export function string2ll(s: string): bigint | null {
  if (s.length === 0 || s.length >= LONG_STR_SIZE || !INTEGER_SYNTAX.test(s)) return null;
  const v = BigInt(s);
  return v > LLONG_MAX || v < LLONG_MIN ? null : v;
}

/** a + b, or null when the result leaves int64 (Redis's overflow checks). */
export function addInt64(a: bigint, b: bigint): bigint | null {
  const r = a + b;
  return r > LLONG_MAX || r < LLONG_MIN ? null : r;
}

export const WRONGTYPE = error('WRONGTYPE Operation against a key holding the wrong kind of value');
export const NOT_AN_INTEGER = error('ERR value is not an integer or out of range');
export const SYNTAX_ERROR = error('ERR syntax error');
export const INCR_OVERFLOW = error('ERR increment or decrement would overflow');
export const DECR_OVERFLOW = error('ERR decrement would overflow');
export const BUSYKEY = error('BUSYKEY Target key name already exists.');
export const BAD_DUMP_PAYLOAD = error('ERR DUMP payload version or checksum are wrong');
export const INVALID_TTL = error('ERR Invalid TTL value, must be >= 0');

/** commandCheckArity(); `name` is the command's lowercase full name. */
export function arityError(name: string): Reply {
  return error(`ERR wrong number of arguments for '${name}' command`);
}

/** addReplyErrorExpireTime(). */
export function invalidExpireTime(name: string): Reply {
  return error(`ERR invalid expire time in '${name}' command`);
}

/**
 * commandCheckExistence(): the name as sent, then each argument quoted and
 * followed by a space until 128 characters of arguments have been shown;
 * CR and LF become spaces so the error stays one protocol line. (Redis counts
 * bytes; this counts UTF-16 units, which only differs for non-ASCII names.)
 */
export function unknownCommand(argv: readonly string[]): Reply {
  let args = '';
  for (let i = 1; i < argv.length && args.length < 128; i++) {
    args += `'${argv[i]!.slice(0, 128 - args.length)}' `;
  }
  const text = `ERR unknown command '${argv[0]!.slice(0, 128)}', with args beginning with: ${args}`;
  return error(text.replace(/[\r\n]/g, ' '));
}
