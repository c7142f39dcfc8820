// TCP flow control as the cluster sees it: a sender keeps at most a window of
// segments un-ACKed. ACKs travel the reverse direction, so cutting only the
// path *into* a node (real 7.0.15, ../shared/real-redis/oneway-partition-master:
// the replica stops receiving the master's stream ~1.4 s in at 50 writes/s)
// stalls what that node sends too, once its window is full.
import { describe, expect, it } from 'vitest';
import { DATA_GIVE_UP_MS, SEND_WINDOW_SEGMENTS, retransmitOffsetMs } from '../../sim/net/tcp.ts';
import { makeNet } from './harness.ts';

const constant = (ms: number) => ({ latency: { distribution: 'constant' as const, ms } });

/** A → B connection established at t=100 (1 ms trips), a stream of one message every 20 ms from t=200. */
function streamWorld() {
  const w = makeNet(constant(1));
  const a = w.add('A');
  const b = w.add('B');
  const { conn, rec: aEnd } = w.connect(a, b);
  w.sched.runUntil(100);
  const bEnd = w.accepted.get(b)![0]!;
  for (let i = 0; i < 200; i++) w.sched.at(200 + i * 20, () => w.net.send(conn, a, i, 'repl'));
  return { w, a, b, conn, aEnd, bEnd };
}

describe('send window', () => {
  it('with the path into the sender cut, the open direction carries one window of segments and then stalls', () => {
    const { w, a, b, bEnd } = streamWorld();
    w.net.partitionOneWay([b], [a]);
    w.sched.runUntil(3000);
    expect(bEnd.received.map((r) => r.payload)).toEqual([...Array(SEND_WINDOW_SEGMENTS).keys()]);
    // 50 messages/s: the stream stops ~1.4 s after the cut, as on real Redis.
    expect(bEnd.received.at(-1)!.t).toBe(200 + (SEND_WINDOW_SEGMENTS - 1) * 20 + 1);
  });

  it('a window is never filled while ACKs come back', () => {
    const { w, bEnd } = streamWorld();
    w.sched.runUntil(5000);
    expect(bEnd.received).toHaveLength(200);
  });

  it('after the heal the next retransmission draws the ACK, and the waiting data follows in order', () => {
    const { w, a, b, bEnd } = streamWorld();
    w.net.partitionOneWay([b], [a]);
    w.sched.runUntil(2900);
    w.net.healAll();
    w.sched.runUntil(10_000);
    const got = bEnd.received.map((r) => r.payload);
    expect(got).toEqual([...Array(200).keys()]);
    // The retransmission timer runs from the first un-ACKed segment (201): retransmissions at
    // +200, +600, +1400, +3000; the one sent at 3201 is the first after the heal, reaches B at
    // 3202, its ACK is back at 3203, and the first waiting segment lands at 3204.
    expect(bEnd.received[SEND_WINDOW_SEGMENTS]!.t).toBe(201 + retransmitOffsetMs(4) + 3);
  });

  it('a window that stays full past TCP retries times out on the sending side', () => {
    const { w, a, b, aEnd } = streamWorld();
    w.net.partitionOneWay([b], [a]);
    w.sched.runUntil(2_000_000);
    expect(aEnd.closed).toEqual({ t: 201 + DATA_GIVE_UP_MS, reason: 'timeout' });
  });

  it('a one-way cut of the forward path alone leaves the reverse direction flowing', () => {
    const { w, a, b, conn, aEnd } = streamWorld();
    w.net.partitionOneWay([a], [b]);
    for (let i = 0; i < 100; i++) w.sched.at(200 + i * 20, () => w.net.send(conn, b, i, 'ack'));
    w.sched.runUntil(5000);
    // B's segments reach A but A's ACKs cannot return: B too stalls after one window.
    expect(aEnd.received).toHaveLength(SEND_WINDOW_SEGMENTS);
  });
});
