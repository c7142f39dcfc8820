// The cron's own traffic (spec §8 steps 1, 4 and 5b–d; clusterCron in
// cluster.c 7.0.15): every run re-reads my hostname; once a second the node with the oldest PONG among 5
// random samples is pinged; any node whose PONG is older than NT/2 is pinged;
// an old link with a PING pending and no traffic for NT/2 is dropped; a master
// in a manual failover pings the requesting replica on every run.

import { describe, expect, it } from 'vitest';
import { CLUSTER_MF_TIMEOUT } from '../../../sim/cluster/constants.ts';
import { clusterCron } from '../../../sim/cluster/cron.ts';
import { ClusterLink } from '../../../sim/cluster/link.ts';
import { NT, ScriptedRng, formed, node, sent, type Label, type TestState } from './helpers.ts';

/** Seen from B: every peer answered recently (no half-timeout pings due), with these PONG ages. */
function quiet(ages: Partial<Record<Label, number>> = {}): TestState {
  const t = formed('B');
  for (const n of t.cs.nodes.values()) n.pongReceived = t.env.now - 100;
  for (const [l, age] of Object.entries(ages)) node(t, l as Label).pongReceived = t.env.now - age;
  return t;
}

describe('every run', () => {
  it('re-reads my hostname from cluster-announce-hostname (set, changed, cleared)', () => {
    const t = quiet();
    for (const host of ['host-b', 'other', '']) {
      t.cs.config.clusterAnnounceHostname = host;
      clusterCron(t.cs);
      expect(t.cs.myself.hostname).toBe(host);
    }
  });
});

describe('random ping', () => {
  it('every 10th run pings the oldest PONG among 5 random samples, skipping myself and nodes with a PING pending', () => {
    // nodeList order: A, B (myself), C, A1, B1, C1.
    const t = quiet({ A: 300, C: 500, A1: 200, B1: 1000, C1: 1400 });
    node(t, 'B1').pingSent = t.env.now - 100; // oldest sampled, but a PING is already pending
    t.env.rng = new ScriptedRng([0, 1, 2, 4, 3]); // A, myself, C, B1, A1 (C1 never sampled)
    t.cs.cronIteration = 9;
    clusterCron(t.cs);
    expect(sent(t)).toEqual(['PING->C']);
  });

  it('the other nine runs send no random ping', () => {
    const t = quiet({ C: 500 });
    t.cs.cronIteration = 10; // runs 11 … 19
    for (let i = 0; i < 9; i++) clusterCron(t.cs);
    expect(t.cs.cronIteration).toBe(19);
    expect(sent(t)).toEqual([]);
  });
});

describe('half-timeout ping', () => {
  it('a node whose last PONG is older than NT/2 gets a PING (exactly NT/2 is not older)', () => {
    const t = quiet({ A: NT / 2 });
    t.cs.cronIteration = 0;
    clusterCron(t.cs);
    expect(sent(t)).toEqual([]);
    t.env.now += 1;
    clusterCron(t.cs);
    expect(sent(t)).toEqual(['PING->A']);
    expect(node(t, 'A').pingSent).toBe(t.env.now);
  });
});

describe('link recycle', () => {
  /** A's outbound link is `age` ms old, its PING `ping` ms old, its last data `data` ms old. */
  function stale(age: number, ping: number, data: number): { t: TestState; freed: () => boolean } {
    const t = quiet();
    const a = node(t, 'A');
    const link = new ClusterLink(t.env.now - age, a, false, 'out:A');
    link.connected = true;
    a.link = link;
    a.pingSent = t.env.now - ping;
    a.dataReceived = t.env.now - data;
    t.cs.cronIteration = 0;
    clusterCron(t.cs);
    return { t, freed: () => t.env.closed.includes('out:A') };
  }

  it('a link older than NT, with a PING pending for more than NT/2 and no data for NT/2, is freed', () => {
    const { t, freed } = stale(NT + 1, NT / 2 + 1, NT / 2 + 1);
    expect(freed()).toBe(true);
    // The next run reconnects; node state is untouched by the link loss.
    clusterCron(t.cs);
    expect(node(t, 'A').link).not.toBeNull();
  });

  it.each([
    ['the link is not older than NT', NT, NT / 2 + 1, NT / 2 + 1],
    ['the PING is not older than NT/2', NT + 1, NT / 2, NT / 2 + 1],
    ['data arrived within NT/2', NT + 1, NT / 2 + 1, NT / 2],
  ])('kept when %s', (_why, age, ping, data) => {
    expect(stale(age, ping, data).freed()).toBe(false);
  });
});

describe('manual failover pings', () => {
  it('a master in a manual failover pings the requesting replica on every run', () => {
    const t = quiet();
    const b1 = node(t, 'B1');
    t.cs.mfEnd = t.env.now + CLUSTER_MF_TIMEOUT;
    t.cs.mfSlave = b1;
    for (let i = 0; i < 3; i++) {
      t.cs.cronIteration = 0;
      t.env.now += 100;
      clusterCron(t.cs);
    }
    expect(sent(t)).toEqual(['PING->B1', 'PING->B1', 'PING->B1']);
  });
});
