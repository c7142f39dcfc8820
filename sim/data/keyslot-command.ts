// The body of `sim keyslot [KEY…]`: like CLUSTER KEYSLOT, one slot per key.
// With no KEY it reads one key per line from stdin (the CLI passes the text
// in, so this stays a pure function and the CLI only does the I/O).

import { keyHashSlot } from '../core/keyslot.ts';

/**
 * Output lines: one slot per key, in order. Keys from stdin are its lines; a
 * final newline does not start another key, and a trailing CR is dropped so
 * files with CRLF endings work. An empty line is the empty key (slot 0), as
 * CLUSTER KEYSLOT "" answers.
 */
export function keyslotCommand(args: readonly string[], stdinText = ''): string[] {
  if (args.length > 0) return args.map((k) => String(keyHashSlot(k)));
  if (stdinText === '') return [];
  const lines = stdinText.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map(lineSlot);
}

/** The slot of one stdin line as a key (a trailing CR dropped). */
export function lineSlot(line: string): string {
  return String(keyHashSlot(line.endsWith('\r') ? line.slice(0, -1) : line));
}
