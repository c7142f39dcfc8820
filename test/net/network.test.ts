import { describe, expect, it } from 'vitest';
import { DATA_GIVE_UP_MS, SYN_TIMEOUT_MS, retransmitOffsetMs } from '../../sim/net/tcp.ts';
import { makeNet } from './harness.ts';

const constant = (ms: number) => ({ latency: { distribution: 'constant' as const, ms } });

describe('connections are FIFO', () => {
  it('delivers every message of a connection in send order even when latencies vary', () => {
    const w = makeNet({ latency: { distribution: 'uniform', minMs: 1, maxMs: 50 } });
    const a = w.add('A');
    const b = w.add('B');
    const { conn } = w.connect(a, b);
    w.sched.runUntil(200);
    for (let i = 0; i < 500; i++) w.sched.after(i * 0.5, () => w.net.send(conn, a, i, 'msg'));
    w.sched.runUntil(2000);
    const got = w.accepted.get(b)![0]!.received;
    expect(got.map((r) => r.payload)).toEqual([...Array(500).keys()]);
    for (let i = 1; i < got.length; i++) expect(got[i]!.t).toBeGreaterThanOrEqual(got[i - 1]!.t);
  });
});

describe('latency models', () => {
  it('constant latency: a handshake takes one round trip and a message one trip', () => {
    const w = makeNet(constant(5));
    const a = w.add('A');
    const b = w.add('B');
    const { conn, rec } = w.connect(a, b);
    w.sched.runUntil(100);
    expect(rec.opened).toBe(10);
    w.net.send(conn, a, 'x', 'msg');
    w.sched.runUntil(200);
    expect(w.accepted.get(b)![0]!.received).toEqual([{ t: 105, payload: 'x' }]);
  });

  it.each([
    ['uniform', { distribution: 'uniform', minMs: 2, maxMs: 7 }, 2, 7],
    ['normal with floor', { distribution: 'normal', meanMs: 3, stddevMs: 4, floorMs: 1 }, 1, Infinity],
    ['exponential with floor', { distribution: 'exponential', meanMs: 2, floorMs: 0.5 }, 0.5, Infinity],
  ] as const)('%s latency stays within its bounds', (_name, latency, lo, hi) => {
    const w = makeNet({ latency });
    const a = w.add('A');
    const b = w.add('B');
    const { conn } = w.connect(a, b);
    w.sched.runUntil(1000);
    // Messages 1 s apart never queue behind each other, so each shows its own latency.
    const sentAt: number[] = [];
    for (let i = 0; i < 300; i++)
      w.sched.at(1000 + i * 1000, () => {
        sentAt.push(w.sched.now);
        w.net.send(conn, a, i, 'msg');
      });
    w.sched.runUntil(400_000);
    const got = w.accepted.get(b)![0]!.received;
    expect(got).toHaveLength(300);
    const lat = got.map((r, i) => r.t - sentAt[i]!);
    for (const l of lat) {
      expect(l).toBeGreaterThanOrEqual(lo);
      expect(l).toBeLessThanOrEqual(hi);
    }
    // and it really varies (not a constant in disguise)
    expect(new Set(lat).size).toBeGreaterThan(100);
  });
});

describe('packet loss on TCP', () => {
  it('delays messages by retransmission timeouts but never loses one', () => {
    const w = makeNet({ ...constant(1), lossProbability: 0.3 });
    const a = w.add('A');
    const b = w.add('B');
    const { conn } = w.connect(a, b);
    w.sched.runUntil(100);
    // 1000 s apart: even a long run of losses cannot push one message behind the next.
    const gap = 1_000_000;
    for (let i = 0; i < 400; i++) w.sched.at(100 + i * gap, () => w.net.send(conn, a, i, 'msg'));
    w.sched.runUntil(100 + 400 * gap);
    const got = w.accepted.get(b)![0]!.received;
    expect(got.map((r) => r.payload)).toEqual([...Array(400).keys()]);
    const delays = got.map((r, i) => r.t - (100 + i * gap) - 1);
    // Each delay is a sum of doubling RTOs: 0, 200, 600, 1400, ...
    const allowed = new Set([...Array(16).keys()].map(retransmitOffsetMs));
    for (const d of delays) expect(allowed.has(d)).toBe(true);
    const retransmitted = delays.filter((d) => d > 0).length;
    expect(retransmitted).toBeGreaterThan(400 * 0.2);
    expect(retransmitted).toBeLessThan(400 * 0.4);
  });

  it('a retransmitted message holds back the ones behind it (head-of-line blocking)', () => {
    let found = false;
    for (let seed = 1; seed < 20 && !found; seed++) {
      const w = makeNet({ ...constant(1), lossProbability: 0.5 }, seed);
      const a = w.add('A');
      const b = w.add('B');
      const { conn } = w.connect(a, b);
      w.sched.runUntil(100);
      for (let i = 0; i < 20; i++) w.sched.at(100 + i * 10, () => w.net.send(conn, a, i, 'msg'));
      w.sched.runUntil(600_000);
      const got = w.accepted.get(b)![0]!.received;
      expect(got.map((r) => r.payload)).toEqual([...Array(20).keys()]);
      // a message sent 10 ms after a delayed one arrives no earlier than it
      for (let i = 1; i < 20; i++) if (got[i - 1]!.t - (100 + (i - 1) * 10) >= 200 && got[i]!.t === got[i - 1]!.t) found = true;
    }
    expect(found).toBe(true);
  });
});

describe('partitions', () => {
  it('stall in-flight data and deliver it, in order, at the first retransmission after heal', () => {
    const w = makeNet(constant(1));
    const a = w.add('A');
    const b = w.add('B');
    const { conn } = w.connect(a, b);
    w.sched.runUntil(100);
    w.net.partition([[a], [b]]);
    for (let i = 0; i < 5; i++) w.sched.at(100 + i * 100, () => w.net.send(conn, a, i, 'msg'));
    w.sched.runUntil(3000);
    const inbox = w.accepted.get(b)![0]!;
    expect(inbox.received).toEqual([]);
    w.net.healAll();
    w.sched.runUntil(10_000);
    // first segment was lost when it would have arrived (t=101); retransmissions
    // at 101+200, +600, +1400, +3000: the first one after the heal (t=3000) is 3101.
    expect(inbox.received.map((r) => r.payload)).toEqual([0, 1, 2, 3, 4]);
    expect(inbox.received[0]!.t).toBe(101 + retransmitOffsetMs(4) + 1);
    expect(new Set(inbox.received.map((r) => r.t)).size).toBe(1);
    // the connection survived: new data flows at once
    w.net.send(conn, a, 'after', 'msg');
    w.sched.runUntil(10_100);
    expect(inbox.received.at(-1)).toEqual({ t: 10_001, payload: 'after' });
  });

  it('a connect during a partition hangs in SYN retries and succeeds at the next retry after heal', () => {
    const w = makeNet(constant(1));
    const a = w.add('A');
    const b = w.add('B');
    w.net.partition([[a], [b]]);
    const { rec } = w.connect(a, b);
    w.sched.runUntil(5000);
    expect(rec.opened).toBeUndefined();
    expect(rec.closed).toBeUndefined();
    w.net.healAll();
    w.sched.runUntil(20_000);
    // SYNs at 0, 1, 3, 7 s: the 7 s one gets through.
    expect(rec.opened).toBe(7002);
  });

  it('a connect that never gets through times out like Linux (127 s)', () => {
    const w = makeNet(constant(1));
    const a = w.add('A');
    const b = w.add('B');
    w.net.partition([[a], [b]]);
    const { rec } = w.connect(a, b);
    w.sched.runUntil(200_000);
    expect(rec.closed).toEqual({ t: SYN_TIMEOUT_MS, reason: 'timeout' });
    expect(SYN_TIMEOUT_MS).toBe(127_000);
  });

  it('a connection stalled past TCP retries times out on the sending side', () => {
    const w = makeNet(constant(1));
    const a = w.add('A');
    const b = w.add('B');
    const { conn, rec } = w.connect(a, b);
    w.sched.runUntil(100);
    w.net.partition([[a], [b]]);
    w.net.send(conn, a, 'x', 'msg');
    w.sched.runUntil(2_000_000);
    expect(rec.closed?.reason).toBe('timeout');
    expect(rec.closed?.t).toBe(101 + DATA_GIVE_UP_MS);
  });

  it('one-way partitions drop only the named direction', () => {
    const w = makeNet(constant(1));
    const a = w.add('A');
    const b = w.add('B');
    const { conn, rec: aEnd } = w.connect(a, b);
    w.sched.runUntil(100);
    const bEnd = w.accepted.get(b)![0]!;
    w.net.partitionOneWay([a], [b]);
    w.net.send(conn, a, 'a->b', 'msg');
    w.net.send(conn, b, 'b->a', 'msg');
    w.sched.runUntil(1000);
    expect(bEnd.received).toEqual([]);
    expect(aEnd.received).toEqual([{ t: 101, payload: 'b->a' }]);
    // neither side can open a new connection: a handshake needs both directions
    const fromA = w.connect(a, b);
    const fromB = w.connect(b, a);
    w.sched.runUntil(5000);
    expect(fromA.rec.opened).toBeUndefined();
    expect(fromB.rec.opened).toBeUndefined();
    w.net.healAll();
    w.sched.runUntil(20_000);
    expect(bEnd.received.map((r) => r.payload)).toEqual(['a->b']);
    expect(fromA.rec.opened).toBeDefined();
    expect(fromB.rec.opened).toBeDefined();
  });
});

describe('process states', () => {
  it('a connect to a down process is refused after one round trip', () => {
    const w = makeNet(constant(2));
    const a = w.add('A');
    const b = w.add('B');
    w.net.kill(b);
    const { rec } = w.connect(a, b);
    w.sched.runUntil(100);
    expect(rec.opened).toBeUndefined();
    expect(rec.closed).toEqual({ t: 4, reason: 'refused' });
  });

  it('killing a process makes its peers read EOF', () => {
    const w = makeNet(constant(2));
    const a = w.add('A');
    const b = w.add('B');
    const { rec } = w.connect(a, b);
    w.sched.runUntil(100);
    w.net.kill(b);
    w.sched.runUntil(200);
    expect(rec.closed).toEqual({ t: 102, reason: 'eof' });
  });

  it('a paused process still completes handshakes; what it is sent waits in its kernel until resume', () => {
    const w = makeNet(constant(1));
    const a = w.add('A');
    const b = w.add('B');
    w.net.pause(b);
    const { conn, rec } = w.connect(a, b);
    w.sched.runUntil(50);
    expect(rec.opened).toBe(2);
    for (const m of ['one', 'two', 'three']) w.net.send(conn, a, m, 'msg');
    w.sched.runUntil(5000);
    expect(w.accepted.get(b)).toEqual([]);
    w.net.resume(b);
    w.sched.runUntil(5000);
    const inbox = w.accepted.get(b)![0]!;
    expect(inbox.received).toEqual([
      { t: 5000, payload: 'one' },
      { t: 5000, payload: 'two' },
      { t: 5000, payload: 'three' },
    ]);
  });

  it('a resumed process reads the sockets it already had before connections its kernel completed while it was paused', () => {
    const w = makeNet(constant(1));
    const a = w.add('A');
    const b = w.add('B');
    const old = w.connect(a, b);
    w.sched.runUntil(100);
    w.net.pause(b);
    // First a new connection with a message on it, then a message on the old one:
    // the first epoll_wait after SIGCONT reports only sockets that existed.
    const fresh = w.connect(a, b);
    w.sched.runUntil(200);
    w.net.send(fresh.conn, a, 'on new', 'msg');
    w.sched.runUntil(300);
    w.net.send(old.conn, a, 'on old', 'msg');
    w.sched.runUntil(1000);
    const order: string[] = [];
    const [oldInbox] = w.accepted.get(b)!;
    oldInbox!.onData = (p) => order.push(String(p));
    w.net.resume(b);
    w.sched.runUntil(1000);
    const newInbox = w.accepted.get(b)![1]!;
    order.push(...newInbox.received.map((r) => String(r.payload)));
    expect(order).toEqual(['on old', 'on new']);
  });

  it('a restarted process does not inherit connections: data on an old one is answered with RST', () => {
    const w = makeNet(constant(1));
    const a = w.add('A');
    const b = w.add('B');
    const { conn, rec } = w.connect(a, b);
    w.sched.runUntil(10);
    w.net.partition([[a], [b]]); // the FIN of the dying process cannot reach a
    w.net.kill(b);
    w.net.restart(b);
    w.sched.runUntil(20);
    w.net.healAll();
    w.net.send(conn, a, 'stale', 'msg');
    w.sched.runUntil(2000);
    expect(rec.closed?.reason).toMatch(/eof|reset/);
    expect(w.accepted.get(b)![0]!.received).toEqual([]);
  });
});

describe('connect then send at once', () => {
  it('data queued by the connect handler arrives after the accept, one trip later, even before t=0', () => {
    const w = makeNet(constant(1));
    w.sched.startAt(-5000);
    const a = w.add('A');
    const b = w.add('B');
    const rec = { onOpen: () => w.net.send(conn, a, 'hello', 'msg'), onData() {}, onClose() {} };
    const conn = w.net.connect(a, b, 'bus', rec);
    w.sched.runUntil(-4000);
    expect(w.accepted.get(b)![0]!.received).toEqual([{ t: -4997, payload: 'hello' }]);
  });
});
