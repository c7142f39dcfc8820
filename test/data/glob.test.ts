import { describe, expect, it } from 'vitest';
import { stringMatch } from '../../sim/core/glob.ts';

const enc = new TextEncoder();
const match = (pattern: string, s: string, nocase = false): boolean => stringMatch(enc.encode(pattern), enc.encode(s), nocase);

// The KEYS cases in commands-real-redis.json check these against real Redis;
// these pin the rules that KEYS cannot show (nocase) and document the rest.
describe('glob patterns follow stringmatchlen', () => {
  it('* and ? and literal text', () => {
    // stringmatchlen never matches an empty string (KEYS * reaches the empty key only via its fast path)
    expect(match('*', '')).toBe(false);
    expect(match('h*o', 'hello')).toBe(true);
    expect(match('h?llo', 'hallo')).toBe(true);
    expect(match('h?llo', 'hllo')).toBe(false);
    expect(match('a**b', 'ab')).toBe(true);
  });

  it('classes, negation, ranges in either order, escapes', () => {
    expect(match('h[ae]llo', 'hello')).toBe(true);
    expect(match('h[^e]llo', 'hello')).toBe(false);
    expect(match('h[z-a]llo', 'hello')).toBe(true);
    expect(match('a\\*b', 'a*b')).toBe(true);
    expect(match('a\\*b', 'axb')).toBe(false);
  });

  it('works on bytes: ? is one byte of a multi-byte character', () => {
    expect(match('h?', 'hé')).toBe(false);
    expect(match('h??', 'hé')).toBe(true);
  });

  it('nocase folds ASCII letters, in literals and ranges', () => {
    expect(match('HELLO', 'hello')).toBe(false);
    expect(match('HELLO', 'hello', true)).toBe(true);
    expect(match('[A-C]x', 'bx', true)).toBe(true);
  });
});
