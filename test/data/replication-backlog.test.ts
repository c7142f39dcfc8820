// The backlog keeps the last repl-backlog-size bytes of the stream, trimmed
// a whole unit at a time and only while the rest still exceeds the size
// (replication.c incrementalTrimReplicationBacklog; here a unit is one
// command), and answers PSYNC from any offset it covers.

import { describe, expect, it } from 'vitest';
import { ReplBacklog } from '../../sim/data/replication-backlog.ts';

function fill(b: ReplBacklog, n: number, size: number, startOffset: number): number {
  let off = startOffset;
  for (let i = 0; i < n; i++) {
    b.append(['CMD', String(i)], size, off + 1);
    off += size;
  }
  return off;
}

describe('replication backlog', () => {
  it('a new backlog starts at the next byte: first_byte_offset = master_repl_offset + 1, histlen 0', () => {
    const b = new ReplBacklog(0, 1024);
    expect(b.offset).toBe(1);
    expect(b.histlen).toBe(0);
    const later = new ReplBacklog(236, 1024);
    expect(later.offset).toBe(237);
  });

  it('holds everything while under the size', () => {
    const b = new ReplBacklog(0, 1000);
    fill(b, 10, 30, 0);
    expect(b.histlen).toBe(300);
    expect(b.offset).toBe(1);
  });

  it('drops the oldest command only while what is left still exceeds the size', () => {
    const b = new ReplBacklog(0, 100);
    const end = fill(b, 5, 30, 0); // 150 bytes written
    // 150 - 30 = 120 > 100: drop one; 120 - 30 = 90 <= 100: keep the rest.
    expect(b.histlen).toBe(120);
    expect(b.offset).toBe(end - 120 + 1);
    expect(b.offset).toBe(31);
  });

  it('PSYNC: every offset from the first byte to one past the end is covered; before or after is not', () => {
    const b = new ReplBacklog(0, 100);
    fill(b, 5, 30, 0);
    expect(b.covers(30)).toBe(false);
    expect(b.covers(31)).toBe(true);
    expect(b.covers(151)).toBe(true);
    expect(b.covers(152)).toBe(false);
  });

  it('rangeFrom returns the commands from the offset on, and the byte count the master logs', () => {
    const b = new ReplBacklog(0, 1000);
    fill(b, 4, 30, 0);
    const r = b.rangeFrom(61)!;
    expect(r.bytes).toBe(60);
    expect(r.cmds).toEqual([
      ['CMD', '2'],
      ['CMD', '3'],
    ]);
    expect(b.rangeFrom(121)).toEqual({ cmds: [], sizes: [], bytes: 0 });
    expect(b.rangeFrom(122)).toBeNull();
  });

  it('shrinking repl-backlog-size trims at once, by the same rule', () => {
    const b = new ReplBacklog(0, 1000);
    const end = fill(b, 10, 30, 0);
    b.resize(60, end);
    // 90 - 30 = 60 is not more than 60: three commands stay.
    expect(b.histlen).toBe(90);
    expect(b.offset).toBe(211);
  });
});
