// The replication stream as bytes: a master's offset (master_repl_offset)
// counts the RESP encoding of every command it propagates, so the simulator
// must know the exact size of each one without building the bytes. Also the
// payloads that travel on a replication link besides ordinary replies.
//
// Sizes: `*<argc>\r\n`, then per argument `$<len>\r\n<bytes>\r\n`, lengths in
// UTF-8 bytes (what replicationFeedSlaves writes). Checked against a real
// 7.0.15 master in test/data/replication-offsets.test.ts.

import type { Keyspace } from './keyspace.ts';

/** Decimal digits of a non-negative integer (ll2string's length). */
function digits(n: number): number {
  let d = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    d++;
  }
  return d;
}

/** UTF-8 byte length of a JS string (lone surrogates count as U+FFFD, 3 bytes). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 2; // 4 bytes for the pair, which is 2 UTF-16 units
        i++;
      } else n += 2;
    } else n += 2;
  }
  return n;
}

/** Bytes of one command in the replication stream (a RESP multibulk). */
export function respCommandBytes(argv: readonly string[]): number {
  let n = 3 + digits(argv.length);
  for (let i = 0; i < argv.length; i++) {
    const len = utf8Length(argv[i]!);
    n += 5 + digits(len) + len;
  }
  return n;
}

/** The commands a master injects into its own stream. */
export const SELECT_DB0: readonly string[] = Object.freeze(['SELECT', '0']);
export const PING_CMD: readonly string[] = Object.freeze(['PING']);
export const GETACK_CMD: readonly string[] = Object.freeze(['REPLCONF', 'GETACK', '*']);
export const SELECT_DB0_BYTES = respCommandBytes(SELECT_DB0);

/** A run of the stream, as one write to a replica's socket: commands and their sizes. */
export interface ReplStreamMessage {
  readonly kind: 'repl';
  readonly cmds: readonly (readonly string[])[];
  readonly sizes: readonly number[];
}

/**
 * The RDB a full sync transfers: the keyspace as of the fork, the history it
 * belongs to and the offset it stands at (the replica's +FULLRESYNC already
 * named them; the RDB's aux fields repeat them).
 */
export interface ReplRdbMessage {
  readonly kind: 'rdb';
  readonly snapshot: Keyspace;
  readonly replid: string;
  readonly offset: number;
  /** Modelled RDB size in bytes (for the transfer time and the load log lines). */
  readonly bytes: number;
  /** Unix seconds when the fork happened (the "RDB age" log line). */
  readonly createdSec: number;
}

/** A bare "\n" the master writes to a replica waiting for its RDB (keeps the link alive). */
export interface ReplNewlineMessage {
  readonly kind: 'newline';
}

export const NEWLINE: ReplNewlineMessage = Object.freeze({ kind: 'newline' });

export type ReplPayload = ReplStreamMessage | ReplRdbMessage | ReplNewlineMessage;

/** Sum of sizes (bytes a message advances an offset by). */
export function streamBytes(m: ReplStreamMessage): number {
  let n = 0;
  for (let i = 0; i < m.sizes.length; i++) n += m.sizes[i]!;
  return n;
}
