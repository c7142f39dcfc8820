// PFAIL, the local suspicion (spec §9.1, §8 step 5f; clusterCron in
// cluster.c 7.0.15): set only by the cron, only while a PING is outstanding,
// when both the PING's age and the node's silence exceed NT (strictly);
// cleared only by a PONG arriving on the outbound link.

import { describe, expect, it } from 'vitest';
import {
  CLUSTERMSG_TYPE_MFSTART,
  CLUSTERMSG_TYPE_PING,
  CLUSTERMSG_TYPE_PONG,
  CLUSTER_NODE_PFAIL,
  CLUSTER_TODO_UPDATE_STATE,
} from '../../../sim/cluster/constants.ts';
import { clusterCron } from '../../../sim/cluster/cron.ts';
import { nodeTimedOut } from '../../../sim/cluster/node.ts';
import { ID, NT, clearRecords, events, formed, logs, makeLink, node, packet, recvIn, recvOut, sent, type TestState } from './helpers.ts';

/** Seen from B: A's PING went out at `t0` and nothing came back since. */
function pingOutstanding(): { t: TestState; t0: number } {
  const t = formed('B');
  const t0 = t.env.now;
  for (const n of t.cs.nodes.values()) if (n !== t.cs.myself) n.pingSent = t0; // no half-timeout pings
  return { t, t0 };
}

function cronAt(t: TestState, ms: number): void {
  t.env.now = ms;
  t.cs.cronIteration = 0; // keep the random ping (every 10th run) out of the way
  clusterCron(t.cs);
}

describe('PFAIL is set by the cron', () => {
  it('PFAIL only once the PING is unanswered for more than NT and the node silent for more than NT', () => {
    const { t, t0 } = pingOutstanding();
    const a = node(t, 'A');
    cronAt(t, t0 + NT); // exactly NT: not yet (strictly greater)
    expect(nodeTimedOut(a)).toBe(false);
    cronAt(t, t0 + NT + 1);
    expect(nodeTimedOut(a)).toBe(true);
    expect(logs(t, 'debug')).toContain(`*** NODE ${ID.A} possibly failing`);
    expect(events(t, 'pfail')).toContain(`A no_pong_ms=${NT + 1} silence_ms=${NT + 1} timeout=${NT}`);
  });

  it('any packet from the node, on any link, postpones PFAIL (silence is measured from data_received)', () => {
    const { t, t0 } = pingOutstanding();
    const a = node(t, 'A');
    t.env.now = t0 + 2000;
    recvIn(t, a, packet(t, a, CLUSTERMSG_TYPE_PING)); // A's own PING: not an answer, but traffic
    cronAt(t, t0 + NT + 1);
    expect(nodeTimedOut(a)).toBe(false);
    cronAt(t, t0 + 2000 + NT);
    expect(nodeTimedOut(a)).toBe(false);
    cronAt(t, t0 + 2000 + NT + 1);
    expect(nodeTimedOut(a)).toBe(true);
  });

  it('silence alone is not enough: without an outstanding PING the cron sends one and the clock starts then', () => {
    const t = formed('B');
    const a = node(t, 'A');
    a.pongReceived = a.dataReceived = t.env.now - 10 * NT; // long silent, but no PING pending
    cronAt(t, t.env.now);
    expect(nodeTimedOut(a)).toBe(false);
    expect(a.pingSent).toBe(t.env.now);
    expect(sent(t)).toContain('PING->A');
    const pinged = t.env.now;
    cronAt(t, pinged + NT);
    expect(nodeTimedOut(a)).toBe(false);
    cronAt(t, pinged + NT + 1);
    expect(nodeTimedOut(a)).toBe(true);
  });

  it('a synchronous connect failure counts as a PING sent, so a node with no link still times out', () => {
    const t = formed('B');
    const a = node(t, 'A');
    a.link = null;
    a.pingSent = 0;
    t.env.busConnect = () => undefined;
    const t0 = t.env.now + 50;
    cronAt(t, t0);
    expect(a.pingSent).toBe(t0);
    expect(a.link).toBeNull();
  });
});

describe('PFAIL is cleared only by a PONG on the outbound link', () => {
  function suspected(): TestState {
    const { t, t0 } = pingOutstanding();
    cronAt(t, t0 + NT + 1);
    const a = node(t, 'A');
    expect(nodeTimedOut(a)).toBe(true);
    // That cron also recycled the silent link (§8 5b); the next one reconnects.
    expect(a.link).toBeNull();
    a.link = makeLink(t, a, false);
    clearRecords(t);
    t.cs.todoBeforeSleep = 0;
    return t;
  }

  it('a PONG on the inbound link (a broadcast PONG) leaves PFAIL and ping_sent alone', () => {
    const t = suspected();
    const a = node(t, 'A');
    const pingSent = a.pingSent;
    t.env.now += 10;
    recvIn(t, a, packet(t, a, CLUSTERMSG_TYPE_PONG));
    expect(a.flags & CLUSTER_NODE_PFAIL).toBe(CLUSTER_NODE_PFAIL);
    expect(a.pingSent).toBe(pingSent);
    expect(a.dataReceived).toBe(t.env.now);
    expect(events(t, 'pfail-cleared')).toEqual([]);
  });

  it('a PING from the node does not clear it either', () => {
    const t = suspected();
    const a = node(t, 'A');
    recvIn(t, a, packet(t, a, CLUSTERMSG_TYPE_PING));
    expect(nodeTimedOut(a)).toBe(true);
    expect(sent(t)).toEqual(['PONG->A(in)']); // answered on the link it came from
  });

  it('a PONG on the outbound link clears PFAIL, resets ping_sent and records pong_received', () => {
    const t = suspected();
    const a = node(t, 'A');
    t.env.now += 10;
    recvOut(t, a, packet(t, a, CLUSTERMSG_TYPE_PONG));
    expect(nodeTimedOut(a)).toBe(false);
    expect(a.pingSent).toBe(0);
    expect(a.pongReceived).toBe(t.env.now);
    expect(events(t, 'pfail-cleared')).toEqual(['A']);
    expect(t.cs.todoBeforeSleep & CLUSTER_TODO_UPDATE_STATE).toBe(CLUSTER_TODO_UPDATE_STATE);
  });
});

describe('ping_sent', () => {
  it('a PING sent on an inbound link (the answer to MFSTART) does not start the PFAIL clock', () => {
    // cluster.c clusterSendPing: `if (!link->inbound && type == PING) link->node->ping_sent = mstime();`
    const t = formed('A');
    const a1 = node(t, 'A1');
    a1.pingSent = 0;
    recvIn(t, a1, packet(t, a1, CLUSTERMSG_TYPE_MFSTART));
    expect(sent(t)).toEqual(['PING->A1(in)']);
    expect(a1.pingSent).toBe(0);
  });
});
