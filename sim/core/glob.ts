// Glob matching as Redis's stringmatchlen() (util.c), used by KEYS: `*`, `?`,
// `[abc]`, `[^a-z]` (reversed ranges allowed), `\x` escapes. It works on bytes,
// like Redis, so `?` matches one byte of a multi-byte UTF-8 character; callers
// pass UTF-8 bytes. Reads past the end see `undefined`, where C sees the NUL
// terminator: both compare unequal to every pattern character.

const STAR = 0x2a;
const QMARK = 0x3f;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const BACKSLASH = 0x5c;
const CARET = 0x5e;
const DASH = 0x2d;

function lower(c: number | undefined): number | undefined {
  return c !== undefined && c >= 0x41 && c <= 0x5a ? c + 32 : c;
}

export function stringMatch(pattern: Uint8Array, str: Uint8Array, nocase = false): boolean {
  const skipLongerMatches = { value: false };
  return matchImpl(pattern, 0, pattern.length, str, 0, str.length, nocase, skipLongerMatches);
}

function matchImpl(
  pat: Uint8Array, p: number, plen: number,
  str: Uint8Array, s: number, slen: number,
  nocase: boolean, skipLongerMatches: { value: boolean },
): boolean {
  const eq = (a: number | undefined, b: number | undefined): boolean => (nocase ? lower(a) === lower(b) : a === b);
  while (plen > 0 && slen > 0) {
    switch (pat[p]) {
      case STAR:
        while (plen > 0 && pat[p + 1] === STAR) {
          p++;
          plen--;
        }
        if (plen === 1) return true;
        while (slen > 0) {
          if (matchImpl(pat, p + 1, plen - 1, str, s, slen, nocase, skipLongerMatches)) return true;
          // No match for the rest from here: longer matches of an earlier `*` cannot help either.
          if (skipLongerMatches.value) return false;
          s++;
          slen--;
        }
        skipLongerMatches.value = true;
        return false;
      case QMARK:
        s++;
        slen--;
        break;
      case LBRACKET: {
        p++;
        plen--;
        const not = pat[p] === CARET;
        if (not) {
          p++;
          plen--;
        }
        let match = false;
        for (;;) {
          if (pat[p] === BACKSLASH && plen >= 2) {
            p++;
            plen--;
            if (pat[p] === str[s]) match = true;
          } else if (pat[p] === RBRACKET) {
            break;
          } else if (plen === 0) {
            p--;
            plen++;
            break;
          } else if (plen >= 3 && pat[p + 1] === DASH) {
            let start = pat[p]!;
            let end = pat[p + 2]!;
            let c = str[s]!;
            if (start > end) [start, end] = [end, start];
            if (nocase) {
              start = lower(start)!;
              end = lower(end)!;
              c = lower(c)!;
            }
            p += 2;
            plen -= 2;
            if (c >= start && c <= end) match = true;
          } else if (eq(pat[p], str[s])) {
            match = true;
          }
          p++;
          plen--;
        }
        if (not) match = !match;
        if (!match) return false;
        s++;
        slen--;
        break;
      }
      default:
        // `\x` matches x literally; a trailing `\` matches itself.
        if (pat[p] === BACKSLASH && plen >= 2) {
          p++;
          plen--;
        }
        if (!eq(pat[p], str[s])) return false;
        s++;
        slen--;
        break;
    }
    p++;
    plen--;
    if (slen === 0) {
      while (pat[p] === STAR) {
        p++;
        plen--;
      }
      break;
    }
  }
  return plen === 0 && slen === 0;
}
