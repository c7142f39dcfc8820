// one-vote-per-epoch and vote-only-for-failed-master on literal events and
// node tables: each invariant holds on what Redis does and breaks on what it
// must never do.

import { describe, expect, it } from 'vitest';
import { CLUSTER_NODE_FAIL, CLUSTER_NODE_MASTER, CLUSTER_NODE_SLAVE } from '../../sim/cluster/constants.ts';
import { OneVotePerEpoch, VoteOnlyForFailedMaster } from '../../sim/check/invariants/votes.ts';
import { E, feed, FixtureWorld, THREE_BY_ONE } from './fixtures.ts';

const vote = (t: number, voter: string, candidate: string, epoch: number, master: string, forceack = false) => E.granted(t, voter, candidate, epoch, master, forceack);

describe('one-vote-per-epoch', () => {
  const w = new FixtureWorld(THREE_BY_ONE);

  it('holds: each master votes once per epoch, and again in a later epoch', () => {
    const v = feed(new OneVotePerEpoch(), w, [vote(100, 'B', 'A1', 7, 'A'), vote(101, 'C', 'A1', 7, 'A'), vote(9000, 'B', 'C1', 8, 'C')]);
    expect(v).toBeUndefined();
  });

  it('breaks: B grants two votes in epoch 7', () => {
    const second = vote(102, 'B', 'C1', 7, 'C');
    const v = feed(new OneVotePerEpoch(), w, [vote(100, 'B', 'A1', 7, 'A'), second]);
    expect(v?.invariant).toBe('one-vote-per-epoch');
    expect(v?.event).toBe(second);
    expect(v?.why).toMatch(/^B voted twice in epoch 7: for A1 .* and now for C1$/);
    expect(v?.nodes).toEqual(['B', 'A1', 'C1']);
  });

  it('holds across CLUSTER RESET HARD: the node is another voter afterwards', () => {
    const v = feed(new OneVotePerEpoch(), w, [
      vote(100, 'B', 'A1', 7, 'A'),
      E.resetHard(200, 'B'),
      vote(300, 'B', 'C1', 7, 'C'),
    ]);
    expect(v).toBeUndefined();
  });

  it('a restart is not a reset: the same epoch again still breaks it', () => {
    const v = feed(new OneVotePerEpoch(), w, [vote(100, 'B', 'A1', 7, 'A'), E.fault(200, 'restart', {}, 'B'), vote(300, 'B', 'C1', 7, 'C')]);
    expect(v?.invariant).toBe('one-vote-per-epoch');
  });
});

describe('vote-only-for-failed-master', () => {
  /** The 3×1 cluster in which every node sees A as FAIL. */
  const failedA = (): FixtureWorld => {
    const w = new FixtureWorld(THREE_BY_ONE);
    w.everywhere('A', (n) => (n.flags |= CLUSTER_NODE_FAIL));
    return w;
  };

  it('holds: B, a master with slots, votes for A1 whose master A it sees FAIL', () => {
    expect(feed(new VoteOnlyForFailedMaster(), failedA(), [vote(100, 'B', 'A1', 7, 'A')])).toBeUndefined();
  });

  it('breaks: B votes for A1 while it sees A up (no FORCEACK)', () => {
    const v = feed(new VoteOnlyForFailedMaster(), new FixtureWorld(THREE_BY_ONE), [vote(100, 'B', 'A1', 7, 'A')]);
    expect(v?.invariant).toBe('vote-only-for-failed-master');
    expect(v?.why).toMatch(/B does not see its master A as FAIL/);
    expect(v?.nodes).toContain('A');
  });

  it('breaks: a vote in an epoch that is not higher than the voter\'s previous vote', () => {
    const v = feed(new VoteOnlyForFailedMaster(), failedA(), [vote(100, 'B', 'A1', 8, 'A'), vote(200, 'B', 'A1', 7, 'A')]);
    expect(v?.why).toMatch(/previous vote was already in epoch 8/);
  });

  it('breaks: a replica votes', () => {
    const v = feed(new VoteOnlyForFailedMaster(), failedA(), [vote(100, 'B1', 'A1', 7, 'A')]);
    expect(v?.why).toMatch(/not a master serving slots/);
  });

  it('breaks: the voter sees the candidate as a master', () => {
    const w = failedA();
    const a1 = w.node('B').entry('A1');
    a1.flags = (a1.flags & ~CLUSTER_NODE_SLAVE) | CLUSTER_NODE_MASTER;
    a1.slaveof = null;
    const v = feed(new VoteOnlyForFailedMaster(), w, [vote(100, 'B', 'A1', 7, 'A')]);
    expect(v?.why).toMatch(/does not see A1 as a replica/);
  });

  it('holds: FORCEACK for a replica whose manual failover asked within CLUSTER_MF_TIMEOUT', () => {
    const v = feed(new VoteOnlyForFailedMaster(), new FixtureWorld(THREE_BY_ONE), [
      E.mfAccepted(5000, 'A1', 'default', 'A'),
      E.started(5020, 'A1', 'A', 7),
      vote(5021, 'A', 'A1', 7, 'A', true),
      vote(5021, 'B', 'A1', 7, 'A', true),
    ]);
    expect(v).toBeUndefined();
  });

  it('breaks: FORCEACK without a manual failover behind the request', () => {
    const v = feed(new VoteOnlyForFailedMaster(), new FixtureWorld(THREE_BY_ONE), [
      E.started(5020, 'A1', 'A', 7),
      vote(5021, 'B', 'A1', 7, 'A', true),
    ]);
    expect(v?.why).toMatch(/FORCEACK was granted, and A1 asked at 5\.020s outside any manual failover/);
  });

  it('breaks: FORCEACK for a request sent after the manual failover timed out', () => {
    const v = feed(new VoteOnlyForFailedMaster(), new FixtureWorld(THREE_BY_ONE), [
      E.mfAccepted(5000, 'A1', 'force', 'A'),
      E.started(10_500, 'A1', 'A', 7),
      vote(10_501, 'B', 'A1', 7, 'A', true),
    ]);
    expect(v?.why).toMatch(/outside any manual failover \(last one accepted at 5\.000s/);
  });
});
