// Replies in the narration, events.csv and `reply:` checks are printed as
// redis-cli 7.0.15 prints them on a terminal. The expected texts are
// test/fixtures/real-redis-formats/redis-cli-tty.txt, captured from the real
// tool; the replies are the ones the real server sent for each command.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { array, bulk, error, int, NIL, OK, status, type Reply } from '../../sim/core/reply.ts';
import { mapReplyText, replyAsRedisCli } from '../../sim/core/reply-cli.ts';

/** Command line → what redis-cli printed, from the fixture. */
function captured(): Map<string, string> {
  const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'real-redis-formats', 'redis-cli-tty.txt'), 'utf8');
  const out = new Map<string, string>();
  let cmd = '';
  // Raw replies end their lines in CR LF; a terminal shows CR LF as one line break.
  for (const line of text.split('\n').map((l) => l.replace(/\r$/, ''))) {
    if (line.startsWith('#') || line === '') continue;
    if (line.startsWith('$ ')) out.set((cmd = line.slice(2)), '');
    else out.set(cmd, out.get(cmd) === '' ? line : `${out.get(cmd)}\n${line}`);
  }
  return out;
}

const ID = 'f5b8d4ceab12c12cc945e4fd9dea44e37b18d613';
const REPLIES: [string, Reply][] = [
  ['set foo bar', OK],
  ['get foo', bulk('bar')],
  ['get nope', NIL],
  ['rpush l a b c d e f g h i j', int(10)],
  ['lrange l 0 -1', array('abcdefghij'.split('').map(bulk))],
  ['lrange none 0 -1', array([])],
  ['incr c', int(1)],
  ['cluster slots', array([array([int(0), int(16383), array([bulk(''), int(7390), bulk(ID), array([])])])])],
  ['set foo', error("ERR wrong number of arguments for 'set' command")],
  ['get weird', bulk('a"b\\c\n\x01é\t')],
  ['cluster info', bulk('cluster_state:ok\r\ncluster_slots_assigned:16384\r\ncluster_slots_ok:16384\r\n')],
];

describe('replies as redis-cli shows them', () => {
  const real = captured();
  for (const [cmd, reply] of REPLIES) {
    it(`${cmd}`, () => {
      expect(replyAsRedisCli(reply, cmd.split(' '))).toBe(real.get(cmd));
    });
  }

  it('node IDs are mapped inside every string of a reply, and nothing else changes', () => {
    const r = array([status(ID), bulk(`x ${ID}\n${ID}`), int(3), NIL]);
    const mapped = mapReplyText(r, (s) => s.split(ID).join('A'));
    expect(replyAsRedisCli(mapped, ['x'])).toBe('1) A\n2) "x A\\nA"\n3) (integer) 3\n4) (nil)');
  });
});
