// The size of a command in the replication stream is its RESP encoding in
// UTF-8 bytes. Checked against an independent encoder (the one the
// real-Redis fixtures use to talk to redis-server) and against the sizes a
// real 7.0.15 master counted for its own commands (SELECT 0 = 23 bytes,
// PING = 14, REPLCONF GETACK * = 37: master_repl_offset deltas observed).

import { describe, expect, it } from 'vitest';
import { GETACK_CMD, PING_CMD, respCommandBytes, SELECT_DB0, SELECT_DB0_BYTES, utf8Length } from '../../sim/data/replication-stream.ts';
import { encodeCommand } from '../fixtures/real-redis/resp-client.ts';

describe('respCommandBytes counts the RESP encoding', () => {
  const cases: string[][] = [
    ['PING'],
    ['SET', 'k', 'v'],
    ['SET', 'key', 'x'.repeat(9)],
    ['SET', 'key', 'x'.repeat(10)],
    ['SET', 'key', 'x'.repeat(99)],
    ['SET', 'key', 'x'.repeat(100)],
    ['SET', 'key', 'x'.repeat(12345)],
    ['RPUSH', 'l', ...Array.from({ length: 12 }, (_, i) => String(i))],
    ['SET', 'héllo', 'wörld ✓ 😀'],
    ['SET', 'lone\ud800surrogate', '\udc00'],
    ['SET', '', ''],
  ];
  for (const argv of cases) {
    it(`${JSON.stringify(argv).slice(0, 50)}`, () => {
      expect(respCommandBytes(argv)).toBe(encodeCommand(argv).length);
    });
  }

  it('utf8Length agrees with Buffer.byteLength', () => {
    for (const s of ['', 'abc', 'é', '✓', '😀', 'a😀b', '\ud800', '\udc00x']) expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
  });

  it('the commands a master injects have the sizes a real master counts', () => {
    expect(SELECT_DB0_BYTES).toBe(23);
    expect(respCommandBytes(SELECT_DB0)).toBe(23);
    expect(respCommandBytes(PING_CMD)).toBe(14);
    expect(respCommandBytes(GETACK_CMD)).toBe(37);
  });
});
