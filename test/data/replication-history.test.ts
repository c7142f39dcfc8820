// PSYNC2 bookkeeping (replication.c): which PSYNC requests a node can
// continue, and what promotion does to its IDs. Expected values follow the
// source and a real 7.0.15 run: a replica promoted at offset 236 reported
// master_replid2 = the old ID and second_repl_offset 237, and took the old
// master back with "PSYNC <old id> 237".

import { describe, expect, it } from 'vitest';
import { Prng } from '../../sim/core/prng.ts';
import { NULL_REPLID, ReplicationHistory } from '../../sim/data/replication-history.ts';

function history(): ReplicationHistory {
  return new ReplicationHistory(new Prng(1), 1024 * 1024);
}

const sink = (): void => {};

describe('replication history', () => {
  it('without a backlog nothing is fed and the offset stays', () => {
    const h = history();
    expect(h.feed([['SET', 'a', '1']], sink)).toBe(false);
    expect(h.masterReplOffset).toBe(0);
  });

  it('the first command after a (re)start of the stream is preceded by SELECT 0, later ones are not', () => {
    const h = history();
    h.createBacklog();
    const seen: string[] = [];
    h.feed([['SET', 'a', '1']], (argv) => seen.push(argv[0]!));
    h.feed([['SET', 'a', '2']], (argv) => seen.push(argv[0]!));
    expect(seen).toEqual(['SELECT', 'SET', 'SET']);
    expect(h.masterReplOffset).toBe(23 + 27 + 27);
    h.slaveseldb = -1;
    h.feed([['SET', 'a', '3']], (argv) => seen.push(argv[0]!));
    expect(seen.slice(3)).toEqual(['SELECT', 'SET']);
  });

  it('PING and GETACK go in without a SELECT', () => {
    const h = history();
    h.createBacklog();
    h.feedNoDb(['PING'], 14, sink);
    expect(h.masterReplOffset).toBe(14);
    expect(h.slaveseldb).toBe(-1);
  });

  it('promotion: the old ID becomes replid2, valid up to offset + 1, and a new ID starts', () => {
    const h = history();
    h.createBacklog();
    h.masterReplOffset = 236;
    const old = h.replid;
    h.shiftReplicationId();
    expect(h.replid2).toBe(old);
    expect(h.secondReplidOffset).toBe(237);
    expect(h.replid).not.toBe(old);
    expect(h.replid).toMatch(/^[0-9a-f]{40}$/);
  });

  it('PSYNC with the current ID within the backlog continues', () => {
    const h = history();
    h.createBacklog();
    h.feed([['SET', 'a', '1']], sink);
    expect(h.psyncRefusal(h.replid, 1)).toBeNull();
    expect(h.psyncRefusal(h.replid, h.masterReplOffset + 1)).toBeNull();
    expect(h.psyncRefusal(h.replid.toUpperCase(), 1)).toBeNull(); // strcasecmp
  });

  it('PSYNC with the old ID continues up to second_repl_offset and not past it', () => {
    const h = history();
    h.createBacklog();
    h.feed([['SET', 'a', '1']], sink); // offset 50
    const old = h.replid;
    h.shiftReplicationId(); // valid up to 51
    h.feed([['SET', 'b', '1']], sink);
    expect(h.psyncRefusal(old, 51)).toBeNull();
    expect(h.psyncRefusal(old, 30)).toBeNull();
    expect(h.psyncRefusal(old, 52)).toEqual({ kind: 'id2-offset' });
  });

  it('an unknown ID is a mismatch, "?" asks for a full resync, and an offset outside the backlog cannot continue', () => {
    const h = history();
    h.createBacklog();
    h.feed([['SET', 'a', '1']], sink);
    expect(h.psyncRefusal('f'.repeat(40), 1)).toEqual({ kind: 'id-mismatch' });
    expect(h.psyncRefusal('?', -1)).toEqual({ kind: 'full-requested' });
    expect(h.psyncRefusal(h.replid, h.masterReplOffset + 2)).toEqual({ kind: 'no-backlog', aheadOfMaster: true });
    const noBacklog = history();
    expect(noBacklog.psyncRefusal(noBacklog.replid, 1)).toEqual({ kind: 'no-backlog', aheadOfMaster: true });
    expect(h.replid2).toBe(NULL_REPLID);
  });
});
