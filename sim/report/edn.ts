// The bits of EDN (https://github.com/edn-format/edn) history.edn needs:
// strings, keywords, integers, vectors and maps, printed as Clojure's
// pr-str prints them, so Jepsen, Elle, Knossos and elle-cli read the file
// as they read their own histories.

/** A string literal: `"`, `\` and control characters escaped (`\n`, `\t`, `\r`, else `\uXXXX`). */
export function ednString(s: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x7f) continue;
    out += s.slice(from, i) + escapeChar(c);
    from = i + 1;
  }
  return `${out}${s.slice(from)}"`;
}

function escapeChar(c: number): string {
  if (c === 0x22) return '\\"';
  if (c === 0x5c) return '\\\\';
  if (c === 0x0a) return '\\n';
  if (c === 0x0d) return '\\r';
  if (c === 0x09) return '\\t';
  return `\\u${c.toString(16).padStart(4, '0')}`;
}

/** `[a b c]` from items already in EDN. */
export function ednVector(items: readonly string[]): string {
  return `[${items.join(' ')}]`;
}

/** `["A" "B"]`. */
export function ednStrings(items: readonly string[]): string {
  return ednVector(items.map(ednString));
}

/** `{:k v, :k2 v2}` from keyword names and values already in EDN, in the order given (Jepsen's op maps print this way). */
export function ednMap(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([k, v]) => `:${k} ${v}`).join(', ')}}`;
}

/** A number as EDN: integers as they are, others with at most 6 decimals (no float noise). */
export function ednNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Math.round(x * 1e6) / 1e6);
}
