import { describe, expect, it } from 'vitest';
import { error } from '../../sim/core/reply.ts';
import { coveredSlots, parseClusterSlots, parseRedirect } from '../../sim/workload/slot-cache.ts';
import { fixtureReply } from '../cluster/real-redis-view.ts';

describe('CLUSTER SLOTS as real Redis 7.0.15 sends it', () => {
  it('gives the masters of every slot range, replicas ignored', () => {
    const entries = parseClusterSlots(fixtureReply('steady/slots-31001.resp'), '10.0.0.9')!;
    expect(coveredSlots(entries)).toBe(16384);
    expect(entries[0]).toEqual({ start: 0, end: 99, master: { ip: '127.0.0.1', port: 31001 } });
    const ports = new Set(entries.map((e) => e.master.port));
    expect([...ports].sort()).toEqual([31001, 31002, 31003]);
  });

  it('with hostname or unknown-endpoint, routes by the ip in the node metadata', () => {
    for (const type of ['hostname', 'unknown-endpoint']) {
      const entries = parseClusterSlots(fixtureReply(`steady/slots-31004-endpoint-${type}.resp`), '10.0.0.9')!;
      expect(coveredSlots(entries)).toBe(16384);
      expect(entries.every((e) => e.master.ip === '127.0.0.1')).toBe(true);
      expect(entries.map((e) => e.master.port)).toEqual(parseClusterSlots(fixtureReply('steady/slots-31004.resp'), '')!.map((e) => e.master.port));
    }
  });

  it('is not a slot map when the reply is an error', () => {
    expect(parseClusterSlots(error('ERR This instance has cluster support disabled'), '')).toBeNull();
  });
});

describe('redirections', () => {
  it('parse MOVED and ASK with their slot and endpoint', () => {
    expect(parseRedirect('MOVED 3300 127.0.0.1:7001', 'x')).toEqual({ kind: 'MOVED', slot: 3300, ip: '127.0.0.1', port: 7001 });
    expect(parseRedirect('ASK 0 ::1:7002', 'x')).toEqual({ kind: 'ASK', slot: 0, ip: '::1', port: 7002 });
    expect(parseRedirect('MOVED 12 :7003', '10.1.1.1')).toEqual({ kind: 'MOVED', slot: 12, ip: '10.1.1.1', port: 7003 });
  });

  it('other errors are not redirections', () => {
    expect(parseRedirect('TRYAGAIN Multiple keys request during rehashing of slot', 'x')).toBeNull();
    expect(parseRedirect('MOVEDX 1 a:1', 'x')).toBeNull();
    expect(parseRedirect('MOVED abc 127.0.0.1:7001', 'x')).toBeNull();
  });
});
