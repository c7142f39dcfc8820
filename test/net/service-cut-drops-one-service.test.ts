// Network.cutService: a firewall rule on one service of one process (what
// `replication: { cut: A1 }` needs). Packets of the connections that process
// opens for that service are dropped both ways, new connects hang in SYN
// retries; its other connections to the same peer flow; restoring lets the
// stalled segments through at the next retransmission, in order.

import { describe, expect, it } from 'vitest';
import { makeNet, Recorder } from './harness.ts';

const constant = (ms: number) => ({ latency: { distribution: 'constant' as const, ms } });

describe('cutService', () => {
  it('drops only the cut service between the same two processes', () => {
    const w = makeNet(constant(1));
    const a = w.add('A');
    const b = w.add('B');
    const repl = new Recorder(w.sched);
    const bus = new Recorder(w.sched);
    const replConn = w.net.connect(a, b, 'repl', repl);
    const busConn = w.net.connect(a, b, 'bus', bus);
    w.sched.runUntil(10);
    w.net.cutService(a, 'repl');
    w.net.send(replConn, a, 'stream', 'repl');
    w.net.send(busConn, a, 'ping', 'PING');
    w.sched.runUntil(100);
    const [replAtB, busAtB] = w.accepted.get(b)!;
    expect(busAtB!.received.map((r) => r.payload)).toEqual(['ping']);
    expect(replAtB!.received).toEqual([]);
    // The other direction of the cut connection is dropped too.
    w.net.send(replConn, b, 'ack', 'repl');
    w.sched.runUntil(200);
    expect(repl.received).toEqual([]);
  });

  it('restoring delivers what stalled, in order, at the next retransmission', () => {
    const w = makeNet(constant(1));
    const a = w.add('A');
    const b = w.add('B');
    const conn = w.net.connect(a, b, 'repl', new Recorder(w.sched));
    w.sched.runUntil(10);
    w.net.cutService(a, 'repl');
    w.net.send(conn, a, 'one', 'repl');
    w.net.send(conn, a, 'two', 'repl');
    w.sched.runUntil(1000);
    w.net.restoreService(a, 'repl');
    w.sched.runUntil(3000);
    expect(w.accepted.get(b)![0]!.received.map((r) => r.payload)).toEqual(['one', 'two']);
  });

  it('a new connection for the cut service hangs until the cut is lifted', () => {
    const w = makeNet(constant(1));
    const a = w.add('A');
    const b = w.add('B');
    w.net.cutService(a, 'repl');
    const rec = new Recorder(w.sched);
    w.net.connect(a, b, 'repl', rec);
    w.sched.runUntil(5000);
    expect(rec.opened).toBeUndefined();
    expect(rec.closed).toBeUndefined();
    w.net.restoreService(a, 'repl');
    w.sched.runUntil(10_000);
    expect(rec.opened).toBeDefined();
  });

  it('connections the peer opens for that service are not affected', () => {
    const w = makeNet(constant(1));
    const a = w.add('A');
    const b = w.add('B');
    w.net.cutService(a, 'repl');
    const rec = new Recorder(w.sched);
    w.net.connect(b, a, 'repl', rec);
    w.sched.runUntil(100);
    expect(rec.opened).toBeDefined();
  });
});
