// A reply as redis-cli 7.0 prints it on a terminal, so that the narration,
// events.csv and `reply:` checks show what an engineer sees at the prompt:
// `OK`, `(error) MOVED 3300 127.0.0.1:7001`, `(integer) 3`, `"bar"`,
// `(nil)`, `(empty array)`, and arrays as numbered lines (`1) "a"`),
// nested arrays indented under their number. INFO, CLUSTER INFO and
// CLUSTER NODES print raw (redis-cli switches to raw output for them): the
// text itself, one line per line. Checked against redis-cli 7.0.15 --no-raw
// (test/fixtures/real-redis-formats/redis-cli-tty.txt).

import type { Reply } from './reply.ts';

/** Does redis-cli print this command's reply raw even on a terminal? */
function printsRaw(argv: readonly string[]): boolean {
  const cmd = (argv[0] ?? '').toLowerCase();
  if (cmd === 'info') return true;
  const sub = (argv[1] ?? '').toLowerCase();
  return cmd === 'cluster' && argv.length === 2 && (sub === 'nodes' || sub === 'info');
}

/** The reply of `argv` as redis-cli shows it, without the final newline. */
export function replyAsRedisCli(r: Reply, argv: readonly string[]): string {
  const text = printsRaw(argv) ? raw(r) : tty(r, '');
  return text.replace(/\r\n/g, '\n').replace(/\n$/, '');
}

/** Every string inside a reply passed through `f` (node IDs to names). */
export function mapReplyText(r: Reply, f: (s: string) => string): Reply {
  switch (r.kind) {
    case 'status':
    case 'error':
      return { kind: r.kind, text: f(r.text) };
    case 'bulk':
      return r.value === null ? r : { kind: 'bulk', value: f(r.value) };
    case 'array':
      return r.items === null ? r : { kind: 'array', items: r.items.map((x) => mapReplyText(x, f)) };
    default:
      return r;
  }
}

function raw(r: Reply): string {
  switch (r.kind) {
    case 'status':
    case 'error':
      return r.text;
    case 'int':
      return String(r.value);
    case 'bulk':
      return r.value ?? '';
    case 'array':
      return (r.items ?? []).map(raw).join('\n');
  }
}

/** Terminal format; every line but the first starts with `prefix` (the indentation of nested arrays). */
function tty(r: Reply, prefix: string): string {
  switch (r.kind) {
    case 'status':
      return r.text;
    case 'error':
      return `(error) ${r.text}`;
    case 'int':
      return `(integer) ${r.value}`;
    case 'bulk':
      return r.value === null ? '(nil)' : quoted(r.value);
    case 'array': {
      if (r.items === null) return '(nil)';
      if (r.items.length === 0) return '(empty array)';
      const width = String(r.items.length).length;
      // Nested entries are indented by the index's width plus ") ".
      const inner = prefix + ' '.repeat(width + 2);
      return r.items.map((x, i) => `${i === 0 ? '' : prefix}${String(i + 1).padStart(width)}) ${tty(x, inner)}`).join('\n');
    }
  }
}

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\x07': '\\a', '\b': '\\b' };

/** A bulk string quoted as redis-cli quotes it: C escapes, other unprintable bytes as \xhh. */
function quoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ESCAPES[ch] !== undefined) out += ESCAPES[ch];
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}
