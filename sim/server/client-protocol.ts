// What travels on a client connection (the client port): one request per
// command, one response per request, in order, as RESP would carry them.
// Connection state (ASKING, READONLY, MULTI) lives on the server's side of
// the connection, exactly as in Redis; ASKING and READONLY are commands.

import type { Reply } from '../core/reply.ts';

export interface ClientRequest {
  readonly kind: 'req';
  /** Client-chosen id, echoed in the response (for the client's bookkeeping only). */
  readonly id: number;
  readonly argv: readonly string[];
}

export interface ClientResponse {
  readonly kind: 'resp';
  readonly id: number;
  readonly reply: Reply;
  /**
   * The server's master_repl_offset right after the command (c->woff). Not
   * part of RESP: clients never act on it; the history keeps it so that a
   * lost write's report can compare where the write ended in its master's
   * stream with the offset the promoted replica had reached.
   */
  readonly woff: number;
}

/** Network label of a request, e.g. `cmd:SET` (reports count messages by label). */
export function requestLabel(argv: readonly string[]): string {
  return `cmd:${(argv[0] ?? '').toUpperCase()}`;
}
