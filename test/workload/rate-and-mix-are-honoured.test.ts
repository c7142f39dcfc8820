import { describe, expect, it } from 'vitest';
import type { WorkloadParams } from '../../sim/workload/generator.ts';
import { keyName } from '../../sim/workload/keys.ts';
import { Workloads, type WorkloadWindow } from '../../sim/workload/workloads.ts';
import { FakeCluster } from './fake-cluster.ts';

function spec(over: Partial<WorkloadWindow> = {}): WorkloadWindow {
  const base: WorkloadParams = {
    name: 'writers',
    clients: 2,
    ratePerSec: 200,
    keys: { count: 1000, pattern: 'key:%d' },
    mix: [
      { op: 'set', weight: 0.5 },
      { op: 'get', weight: 0.2 },
      { op: 'rpush', weight: 0.2 },
      { op: 'incr', weight: 0.1 },
    ],
    timeoutMs: 500,
    inFlight: 1,
    followRedirects: true,
  };
  return { ...base, fromMs: 0, toMs: 1_000_000, ...over };
}

function runFor(ms: number, specs: WorkloadWindow[], seed = 1) {
  const fc = new FakeCluster({ seed });
  const w = new Workloads(fc.host, specs, fc.seeds);
  w.schedule();
  fc.sched.runUntil(ms);
  w.finish();
  return { fc, w, ops: w.history.ops() };
}

describe('generators', () => {
  it('issue ratePerSec over a long window, spread evenly over the clients', () => {
    const { ops } = runFor(300_000, [spec()]);
    expect(ops.length).toBeGreaterThanOrEqual(200 * 300 - 2);
    expect(ops.length).toBeLessThanOrEqual(200 * 300 + 2);
    const perClient = ops.filter((o) => o.process === 'writers-0').length;
    expect(Math.abs(perClient - ops.length / 2)).toBeLessThanOrEqual(1);
  });

  it('honour the mix within 1% over a long window, and pick keys uniformly', () => {
    const { ops } = runFor(300_000, [spec()]);
    const share = (f: string) => ops.filter((o) => o.f === f).length / ops.length;
    expect(share('set')).toBeCloseTo(0.5, 1);
    expect(Math.abs(share('set') - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(share('get') - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(share('rpush') - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(share('incr') - 0.1)).toBeLessThan(0.01);
    const keys = new Set(ops.map((o) => o.key));
    expect(keys.size).toBe(1000);
    expect(keys.has(keyName('key:%d', 999))).toBe(true);
  });

  it('write unique values NAME-i-seq, and every op completes ok against a healthy cluster', () => {
    const { ops } = runFor(20_000, [spec()]);
    const written = ops.filter((o) => o.value !== null).map((o) => o.value!);
    expect(new Set(written).size).toBe(written.length);
    expect(written[0]).toMatch(/^writers-[01]-\d+$/);
    expect(ops.filter((o) => o.type !== 'ok')).toEqual([]);
  });

  it('keep data types apart: strings (set/get), lists (rpush) and counters (incr) use disjoint keys', () => {
    const { ops } = runFor(20_000, [spec()]);
    const keysOf = (fs: string[]) => new Set(ops.filter((o) => fs.includes(o.f)).map((o) => o.key));
    const strings = keysOf(['set', 'get']);
    const lists = keysOf(['rpush']);
    const counters = keysOf(['incr']);
    expect([...lists].some((k) => strings.has(k) || counters.has(k))).toBe(false);
    expect([...strings].some((k) => counters.has(k))).toBe(false);
    const residues = (ks: Set<string>) => new Set([...ks].map((k) => Number(k.slice(4)) % 3));
    expect([residues(strings), residues(lists), residues(counters)]).toEqual([new Set([0]), new Set([1]), new Set([2])]);
    expect(strings.has('key:999')).toBe(true);
    // With a single family every key is shared by all its ops.
    const one = runFor(20_000, [spec({ keys: { count: 10, pattern: 'k%d' }, mix: [{ op: 'set', weight: 0.5 }, { op: 'get', weight: 0.5 }] })]).ops;
    expect(new Set(one.map((o) => o.key)).size).toBe(10);
  });

  it('start at from and stop at to; in-flight ops still complete after the stop', () => {
    const { ops } = runFor(10_000, [spec({ fromMs: 2000, toMs: 5000 })]);
    expect(Math.min(...ops.map((o) => o.invokeMs))).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...ops.map((o) => o.invokeMs))).toBeLessThan(5000);
    expect(ops.every((o) => o.type !== undefined)).toBe(true);
    expect(ops.length).toBeGreaterThanOrEqual(599);
    expect(ops.length).toBeLessThanOrEqual(601);
  });

  it('start and stop on demand (timeline workload: start/stop); no from: means not started', () => {
    const fc = new FakeCluster();
    const w = new Workloads(fc.host, [spec({ fromMs: null })], fc.seeds);
    w.schedule();
    fc.sched.runUntil(1000);
    expect(w.history.size).toBe(0);
    w.start('writers');
    fc.sched.runUntil(2000);
    w.stop('writers');
    fc.sched.runUntil(3000);
    w.start('writers');
    fc.sched.runUntil(4000);
    const ops = w.history.ops();
    expect(ops.filter((o) => o.invokeMs < 2000).length).toBeGreaterThanOrEqual(199);
    expect(ops.filter((o) => o.invokeMs >= 2000 && o.invokeMs < 3000)).toEqual([]);
    expect(ops.filter((o) => o.invokeMs >= 3000).length).toBeGreaterThanOrEqual(199);
  });

  it('a client whose lanes are busy sends again right after its op ends (no catch-up burst)', () => {
    // One client, 50/s = every 20 ms, node silent: like real-redis sigstop runs. A 490 ms
    // timeout ends ops between ticks, so waiting for the next tick would show as 500 ms gaps.
    const fc = new FakeCluster();
    for (const n of fc.nodes) n.script = (argv) => (argv[0] === 'SET' ? 'silent' : undefined);
    const w = new Workloads(fc.host, [spec({ clients: 1, ratePerSec: 50, timeoutMs: 490, mix: [{ op: 'set', weight: 1 }] })], fc.seeds);
    w.schedule();
    fc.sched.runUntil(2000);
    const ops = w.history.ops();
    const gaps = ops.slice(1).map((o, i) => o.invokeMs - ops[i]!.invokeMs);
    expect(gaps.length).toBeGreaterThanOrEqual(3);
    expect(gaps.every((g) => g === 490)).toBe(true);
    expect(ops.slice(0, -1).every((o) => o.type === 'info')).toBe(true);
  });

  it('in-flight N gives N sequential processes per client, each with at most one op outstanding', () => {
    const fc = new FakeCluster({ latencyMs: 10 });
    const w = new Workloads(fc.host, [spec({ clients: 1, inFlight: 3, ratePerSec: 100 })], fc.seeds);
    w.schedule();
    fc.sched.runUntil(5000);
    w.finish();
    const ops = w.history.ops();
    const procs = new Set(ops.map((o) => o.process));
    expect([...procs].sort()).toEqual(['writers-0.0', 'writers-0.1', 'writers-0.2']);
    for (const p of procs) {
      const mine = ops.filter((o) => o.process === p);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.invokeMs).toBeGreaterThanOrEqual(mine[i - 1]!.completeMs);
    }
    // 20 ms round trips at 100/s: one lane cannot keep up (50/s), three can
    // (less the first connects and slot-map load).
    expect(ops.length).toBeGreaterThanOrEqual(490);
    const fc1 = new FakeCluster({ latencyMs: 10 });
    const w1 = new Workloads(fc1.host, [spec({ clients: 1, inFlight: 1, ratePerSec: 100 })], fc1.seeds);
    w1.schedule();
    fc1.sched.runUntil(5000);
    expect(w1.history.size).toBeLessThanOrEqual(251);
  });

  it('the same seed gives the same history; another seed a different one', () => {
    const a = runFor(5000, [spec()], 7).ops;
    const b = runFor(5000, [spec()], 7).ops;
    const c = runFor(5000, [spec()], 8).ops;
    expect(b).toEqual(a);
    expect(c.map((o) => o.key)).not.toEqual(a.map((o) => o.key));
  });

  it('creates one client process per client up front, for partitions that name the workload', () => {
    const fc = new FakeCluster();
    const w = new Workloads(fc.host, [spec({ clients: 3, fromMs: null })], fc.seeds);
    expect(w.pids('writers')).toHaveLength(3);
    expect(w.pids('writers').map((p) => fc.host.processByPid(p)!.name)).toEqual(['writers-0', 'writers-1', 'writers-2']);
  });
});
