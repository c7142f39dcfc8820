import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatHistoryCsv, formatMs, writeHistoryCsv } from '../../sim/report/history-csv.ts';
import { History } from '../../sim/workload/history.ts';
import { Workloads } from '../../sim/workload/workloads.ts';
import { FakeCluster } from './fake-cluster.ts';

describe('history.csv', () => {
  it('has the spec columns and one invoke plus one completion per op, in the order they happened', () => {
    const h = new History();
    const p0 = h.addProcess('writers-0');
    const p1 = h.addProcess('writers-1');
    const a = h.invoke(p0, 'set', 'key:1', 'writers-0-0', 10);
    const b = h.invoke(p1, 'get', 'key:1', null, 10.25);
    h.complete(b, 'ok', 11.0000000001, 'writers-0-0', 'B', '');
    const c = h.invoke(p1, 'incr', 'key:2', null, 12);
    h.complete(a, 'info', 1010, null, 'B', 'timeout');
    h.complete(c, 'ok', 13, 7, 'C', '');
    const d = h.invoke(p1, 'rpush', 'key,3', 'writers-1-0', 14);
    h.complete(d, 'fail', 15, null, 'A', 'MOVED 3 127.0.0.1:7001');
    expect(formatHistoryCsv(h)).toBe(
      [
        'process,type,f,key,value,t_ms',
        'writers-0,invoke,set,key:1,writers-0-0,10',
        'writers-1,invoke,get,key:1,,10.25',
        'writers-1,ok,get,key:1,writers-0-0,11',
        'writers-1,invoke,incr,key:2,,12',
        'writers-0,info,set,key:1,writers-0-0,1010',
        'writers-1,ok,incr,key:2,7,13',
        'writers-1,invoke,rpush,"key,3",writers-1-0,14',
        'writers-1,fail,rpush,"key,3",writers-1-0,15',
        '',
      ].join('\n'),
    );
  });

  it('prints times rounded to the microsecond, without exponents', () => {
    expect(formatMs(12.300000000000001)).toBe('12.3');
    expect(formatMs(0.0004)).toBe('0');
    expect(formatMs(-0.0001)).toBe('0');
    expect(formatMs(3_600_000.1234)).toBe('3600000.123');
    expect(formatMs(-500)).toBe('-500');
  });

  it('is byte-identical for the same seed, and written the same to a file in chunks', () => {
    const run = () => {
      const fc = new FakeCluster({ seed: 3, latencyMs: 0.37 });
      const w = new Workloads(
        fc.host,
        [
          {
            name: 'w',
            clients: 3,
            ratePerSec: 3000,
            keys: { count: 50, pattern: '{k}:%d' },
            mix: [
              { op: 'set', weight: 0.4 },
              { op: 'get', weight: 0.3 },
              { op: 'rpush', weight: 0.3 },
            ],
            timeoutMs: 200,
            inFlight: 2,
            followRedirects: true,
            fromMs: 0,
            toMs: 5000,
          },
        ],
        fc.seeds,
      );
      w.schedule();
      fc.sched.runUntil(6000);
      w.finish();
      return w.history;
    };
    const h = run();
    const a = formatHistoryCsv(h);
    expect(formatHistoryCsv(run())).toBe(a);
    expect(a.split('\n').length).toBeGreaterThan(20_001); // more than one chunk
    const path = join(mkdtempSync(join(tmpdir(), 'history-')), 'history.csv');
    writeHistoryCsv(h, path);
    expect(readFileSync(path, 'utf8')).toBe(a);
  });
});
