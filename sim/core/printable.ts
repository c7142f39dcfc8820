// Text from outside (a scenario's keys and values, a file name, a command-line
// argument) as it may be echoed in a one-line message: every character a
// terminal would act on rather than show is written as an escape, and a
// long value is cut with an ellipsis. A message that quotes a 1 MB line, a
// NUL or an ESC [2J sequence then prints as one short, inert line.
//
// Escaped: C0 controls and DEL (\n, \t, \x1b …), C1 controls, the Unicode
// line and paragraph separators, the bidirectional overrides and isolates
// (which can make a terminal show text in another order than it is), the
// byte-order mark, and lone surrogates (not text at all).

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

// One character class, so that a whole message is scanned once.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Does the text hold a character escapeControls would escape? */
export function hasControls(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const hit = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return hit;
}

/** Every unsafe character written as an escape (`\x1b`, `\n`, `\u202e`); the rest unchanged. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * At most `max` characters, the last being `…` when something was cut. Never
 * cuts a surrogate pair or an escape (`\x1b`) in two.
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  // An escape is a backslash and up to 5 more characters: do not end inside one.
  const tail = text.slice(Math.max(0, end - 5), end);
  const esc = /\\(x[0-9a-f]{0,1}|u[0-9a-f]{0,3}|)$/.exec(tail);
  if (esc) end -= esc[0].length;
  return `${text.slice(0, end)}…`;
}

/** Longest value a message quotes in full. */
export const MAX_QUOTED = 60;

/** Longest line a message prints (a safety net: values are cut before this). */
export const MAX_LINE = 500;

/** A value as a message quotes it: escaped, cut to MAX_QUOTED characters. */
export function printable(text: string, max = MAX_QUOTED): string {
  return cut(escapeControls(text), max);
}

/** A whole message as one safe line: line breaks become spaces, other controls escapes, at most MAX_LINE characters. */
export function printableLine(text: string, max = MAX_LINE): string {
  return cut(escapeControls(text.replace(/\s*\r?\n\s*/g, ' ')), max);
}
