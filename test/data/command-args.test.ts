import { describe, expect, it } from 'vitest';
import { LLONG_MAX, LLONG_MIN, addInt64, string2ll } from '../../sim/core/command-args.ts';

describe('string2ll accepts exactly what Redis parses as a long long', () => {
  it.each(['0', '1', '-1', '42', '9223372036854775807', '-9223372036854775808'])('accepts %j', (s) => {
    expect(string2ll(s)).toBe(BigInt(s));
  });

  it.each(['', '-', '+1', ' 1', '1 ', '01', '-0', '1.0', '1e3', '0x10', '9223372036854775808', '-9223372036854775809', '00000000000000000001'])(
    'rejects %j',
    (s) => {
      expect(string2ll(s)).toBeNull();
    },
  );
});

describe('addInt64 overflows where C long long would', () => {
  it('at both ends', () => {
    expect(addInt64(LLONG_MAX, 1n)).toBeNull();
    expect(addInt64(LLONG_MIN, -1n)).toBeNull();
    expect(addInt64(LLONG_MAX, -1n)).toBe(LLONG_MAX - 1n);
    expect(addInt64(LLONG_MAX, LLONG_MIN)).toBe(-1n);
  });
});
