// Replies as RESP2 would carry them. Every command in the simulator (data
// commands, CLUSTER subcommands, CONFIG, DEBUG) answers with one of these, so
// that clients, scenario `reply:` assertions and reports share one shape.

export type Reply =
  | { kind: 'status'; text: string } // +OK
  | { kind: 'error'; text: string } // -ERR ..., text without the leading '-'
  | { kind: 'int'; value: number } // :1
  | { kind: 'bulk'; value: string | null } // $3 foo / $-1
  | { kind: 'array'; items: Reply[] | null }; // *2 ... / *-1

export const OK: Reply = Object.freeze({ kind: 'status', text: 'OK' }) as Reply;
export const NIL: Reply = Object.freeze({ kind: 'bulk', value: null }) as Reply;

export const status = (text: string): Reply => ({ kind: 'status', text });
export const error = (text: string): Reply => ({ kind: 'error', text });
export const int = (value: number): Reply => ({ kind: 'int', value });
export const bulk = (value: string | null): Reply => ({ kind: 'bulk', value });
export const array = (items: Reply[] | null): Reply => ({ kind: 'array', items });

export function isError(r: Reply): r is { kind: 'error'; text: string } {
  return r.kind === 'error';
}

/**
 * One-line wire-like rendering used in events, logs and `reply:` matching:
 * `OK`, `-MOVED 3300 127.0.0.1:7001`, `(integer) 3`, `"bar"`, `(nil)`,
 * `["a","b"]`.
 */
export function replyToLine(r: Reply): string {
  switch (r.kind) {
    case 'status':
      return r.text;
    case 'error':
      return `-${r.text}`;
    case 'int':
      return `(integer) ${r.value}`;
    case 'bulk':
      return r.value === null ? '(nil)' : JSON.stringify(r.value);
    case 'array':
      return r.items === null ? '(nil)' : `[${r.items.map(replyToLine).join(',')}]`;
  }
}

/** Plain text of a reply, as `redis-cli --raw` would print it. */
export function replyToText(r: Reply): string {
  switch (r.kind) {
    case 'status':
    case 'error':
      return r.kind === 'error' ? r.text : r.text;
    case 'int':
      return String(r.value);
    case 'bulk':
      return r.value ?? '';
    case 'array':
      return (r.items ?? []).map(replyToText).join('\n');
  }
}
