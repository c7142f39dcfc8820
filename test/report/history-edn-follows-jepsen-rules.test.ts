// history.edn is a Jepsen history: one op map per line, integer processes
// retired after :info, faults as :nemesis ops, values as Knossos (independent
// [k v] tuples) and Elle's list-append ([[:append k v]] / [[:r k [..]]]) read
// them. Expected lines are written from Jepsen's and Elle's documented shapes.

import { describe, expect, it } from 'vitest';
import { NodeNames } from '../../sim/events/names.ts';
import { NONE, type SimEvent } from '../../sim/events/types.ts';
import { formatHistoryEdn } from '../../sim/report/history-edn.ts';
import { runScenario } from '../../sim/run/runner.ts';
import { History } from '../../sim/workload/history.ts';
import { jepsenProblems, parseEdn, parseHistoryEdn, Kw } from '../helpers/jepsen-history.ts';
import { scenarioFrom } from './helpers.ts';
import { runCli } from '../cli/fake-io.ts';

function names(): NodeNames {
  const n = new NodeNames();
  ['A', 'B', 'C'].forEach((x, i) => n.setName(i, x));
  return n;
}

const partition = (t: number): SimEvent =>
  ({ t, node: NONE, type: 'fault', action: 'partition', subject: NONE, groups: [[0], [1, 2]], from: [], to: [], oneway: false, all: false, forMs: -1, reset: false, latency: '', loss: -1, messageTypes: [], text: '' }) as SimEvent;

describe('history.edn', () => {
  it('writes each op as Jepsen does, retires a process after :info and puts faults in as :nemesis pairs', () => {
    const h = new History();
    const w0 = h.addProcess('w-0');
    const w1 = h.addProcess('w-1');
    const a = h.invoke(w0, 'set', 'k1', 'w-0-0', 1);
    const b = h.invoke(w1, 'get', 'k1', null, 1.5);
    h.complete(a, 'info', 2.000001, null, 'A', 'timeout');
    h.nemesis(partition(2.5));
    h.complete(b, 'ok', 3, 'w-0-0', 'B', '');
    const c = h.invoke(w0, 'rpush', 'l"1', 'w-0-1', 4);
    h.complete(c, 'fail', 5, null, 'C', 'CLUSTERDOWN The cluster is down');
    const d = h.invoke(w0, 'lrange', 'l"1', null, 6);
    h.complete(d, 'ok', 7, ['x', 'y'], 'C', '');
    const e = h.invoke(w1, 'incr', 'c', null, 8);
    h.complete(e, 'ok', 9, 42, 'A', '');
    expect(formatHistoryEdn(h, names()).split('\n')).toEqual([
      '{:index 0, :time 1000000, :type :invoke, :process 0, :f :write, :value ["k1" "w-0-0"]}',
      '{:index 1, :time 1500000, :type :invoke, :process 1, :f :read, :value ["k1" nil]}',
      '{:index 2, :time 2000001, :type :info, :process 0, :f :write, :value ["k1" "w-0-0"], :node "A", :error "timeout"}',
      '{:index 3, :time 2500000, :type :info, :process :nemesis, :f :start-partition, :value {:groups [["A"] ["B" "C"]]}}',
      '{:index 4, :time 2500000, :type :info, :process :nemesis, :f :start-partition, :value {:groups [["A"] ["B" "C"]]}}',
      '{:index 5, :time 3000000, :type :ok, :process 1, :f :read, :value ["k1" "w-0-0"], :node "B"}',
      // Lane w-0's process 0 ended info: its next op is process 0 + 2 lanes.
      '{:index 6, :time 4000000, :type :invoke, :process 2, :f :append, :value [[:append "l\\"1" "w-0-1"]]}',
      '{:index 7, :time 5000000, :type :fail, :process 2, :f :append, :value [[:append "l\\"1" "w-0-1"]], :node "C", :error "CLUSTERDOWN The cluster is down"}',
      '{:index 8, :time 6000000, :type :invoke, :process 2, :f :read, :value [[:r "l\\"1" nil]]}',
      '{:index 9, :time 7000000, :type :ok, :process 2, :f :read, :value [[:r "l\\"1" ["x" "y"]]], :node "C"}',
      '{:index 10, :time 8000000, :type :invoke, :process 1, :f :add, :value ["c" 1]}',
      '{:index 11, :time 9000000, :type :ok, :process 1, :f :add, :value ["c" 1], :node "A", :counter 42}',
      '',
    ]);
    expect(jepsenProblems(parseHistoryEdn(formatHistoryEdn(h, names())))).toEqual([]);
  });

  it('reads back with an EDN reader: strings with control characters survive', () => {
    expect(parseEdn('{:a "x\\ny\\u0001\\"", :b [1 nil :c]}')).toEqual({ a: 'x\ny\u0001"', b: [1, null, new Kw('c')] });
  });

  it('the rule checker catches what Jepsen forbids', () => {
    const op = (index: number, type: string, process: number | string, extra = ''): string =>
      `{:index ${index}, :time ${index}, :type :${type}, :process ${typeof process === 'number' ? process : `:${process}`}, :f :write, :value ["k" "v"]${extra}}`;
    const check = (lines: string[]): string[] => jepsenProblems(parseHistoryEdn(lines.join('\n')));
    expect(check([op(0, 'invoke', 0), op(1, 'invoke', 0), op(2, 'ok', 0)])).toEqual(['line 2: process 0 invokes with an op outstanding']);
    expect(check([op(0, 'invoke', 0), op(1, 'info', 0, ', :error "timeout"'), op(2, 'invoke', 0), op(3, 'ok', 0)])).toEqual([
      'line 3: process 0 acts after its :info',
      'line 4: process 0 acts after its :info',
    ]);
    expect(check([op(0, 'invoke', 0), op(2, 'ok', 0)])).toEqual(['line 2: :index 2, expected 1']);
    expect(check([op(0, 'invoke', 'nemesis')])).toEqual(['line 1: nemesis ops are :info']);
    expect(check([op(0, 'invoke', 0), op(1, 'fail', 0)])).toEqual(['line 2: a fail without :error']);
    expect(check([op(0, 'invoke', 0)])).toEqual(['process 0 never completes']);
  });

  it('a run with timeouts retires processes and records its faults (in-flight lanes, a kill)', () => {
    const s = scenarioFrom(`
name: edn-run
seed: 4
duration: 12s
cluster: { masters: 3, replicas: 1, config: { cluster-node-timeout: 2000 } }
workload:
  - { name: w, clients: 2, in-flight: 2, rate: 300/s, keys: 40, mix: { set: 0.3, get: 0.2, rpush: 0.2, lrange: 0.2, incr: 0.1 }, timeout: 300ms }
timeline:
  - { at: 2s, pause: { node: A, for: 3s } }
  - { at: 7s, kill: B }
`);
    const r = runScenario(s, { seed: 4 });
    const ops = parseHistoryEdn(formatHistoryEdn(r.history, r.names));
    expect(jepsenProblems(ops)).toEqual([]);
    const fs = new Set(ops.map((o) => (o.f as Kw).name));
    expect([...fs].sort()).toEqual(['add', 'append', 'kill', 'pause', 'read', 'resume', 'write']);
    const processes = new Set(ops.map((o) => o.process).filter((p) => typeof p === 'number'));
    // 4 lanes; the pause makes ops time out, so new processes (4, 5, …) take over.
    expect([...processes].some((p) => (p as number) >= 4)).toBe(true);
    expect(ops.filter((o) => (o.type as Kw).name === 'info' && typeof o.process === 'number').length).toBeGreaterThan(0);
  });

  it('sim run writes, as the run goes, the same history.edn the library renders after it', async () => {
    const yaml = `name: same\nduration: 4s\nworkload:\n  - { rate: 200/s, keys: 10, mix: { set: 0.4, get: 0.2, rpush: 0.2, lrange: 0.2 } }\ntimeline:\n  - { at: 1s, isolate: A }\n  - { at: 3s, heal: all }\n`;
    const cli = await runCli(['run', 's.yaml', '--seed', '3'], { 's.yaml': yaml });
    const streamed = cli.written.get('reports/same-seed3/history.edn')!;
    const r = runScenario(scenarioFrom(yaml, 's.yaml'), { seed: 3 });
    expect(streamed).toBe(formatHistoryEdn(r.history, r.names));
    expect(streamed).toContain(':f :start-partition, :value {:isolate "A"}');
  });
});
