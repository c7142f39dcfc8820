// "Did you mean …?": the nearest valid word to a misspelling. Only close
// matches are offered; a far-fetched suggestion is worse than none.

/**
 * Optimal-string-alignment distance (Damerau–Levenshtein restricted to
 * adjacent transpositions): insertions, deletions, substitutions and swaps of
 * two neighbouring characters each cost 1, so `timout`→`timeout` is 1 and
 * `tiemout`→`timeout` is 1.
 */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  // Three rolling rows are enough for the transposition lookback.
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/** How many edits still count as a typo for a word of this length. */
function tolerance(len: number): number {
  if (len <= 1) return 0;
  if (len <= 3) return 1;
  if (len <= 5) return 2;
  return Math.min(4, Math.floor(len / 3));
}

/**
 * The candidate nearest to `word`, or undefined when none is close enough.
 * Case differences alone (`a1` for `A1`) always match. A word that is the
 * tail of exactly one hyphenated candidate (`node-timeout`) suggests that
 * candidate. Two candidates equally near give no suggestion.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const lower = word.toLowerCase();
  const caseOnly = list.find((c) => c.toLowerCase() === lower);
  if (caseOnly !== undefined) return caseOnly;
  // A dropped prefix (`node-timeout`) is a surer sign than a small edit distance to something else (`repl-timeout`).
  if (lower.length >= 4) {
    const tails = list.filter((c) => c.toLowerCase().endsWith(`-${lower}`));
    if (tails.length === 1) return tails[0];
  }
  let best: string | undefined;
  let bestDist = Infinity;
  let tied = false;
  for (const c of list) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDist) {
      best = c;
      bestDist = d;
      tied = false;
    } else if (d === bestDist) {
      tied = true;
    }
  }
  // A tie (`D1` is as near to A1 as to B1) means we cannot tell what was meant.
  if (best !== undefined && !tied && bestDist <= tolerance(word.length)) return best;
  return undefined;
}
