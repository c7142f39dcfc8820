// `sim fuzz`: how a schedule becomes a timeline (the ending undoes exactly
// what is still in force), and the whole loop on a deliberately broken
// property ("no election ever happens"): fast-check finds a schedule that
// breaks it, shrinks it to one fault, the scenario file is written with its
// header, and `sim run FILE --seed N` on that file fails the same way.

import { describe, expect, it } from 'vitest';
import { parseShape, scheduleTimeline, shapeNodes, type FaultSchedule } from '../../sim/fuzz/schedule.ts';
import { fuzz, scenarioSpec } from '../../sim/fuzz/fuzz.ts';
import { fuzzScenario } from '../../sim/fuzz/scenario.ts';
import type { TimelineEntry } from '../../sim/scenario/types.ts';
import { judgeRun } from '../../sim/fuzz/property.ts';
import type { RunResult } from '../../sim/run/runner.ts';
import { runCli } from '../cli/fake-io.ts';

const nodes = shapeNodes({ masters: 3, replicas: 1 });
const ending = { settleMs: 60_000, recheckMs: 6000 };

/** Entries as short words, e.g. `5000 kill A`, `after 0 wait`. */
function words(entries: readonly TimelineEntry[]): string[] {
  return entries.map((e) => {
    const when = e.timing.kind === 'at' ? `${e.timing.ms}` : `after ${e.timing.ms}`;
    const a = e.action;
    const node = 'node' in a && a.node.kind === 'name' ? ` ${a.node.name}` : '';
    const extra = a.type === 'link' || a.type === 'network' ? (a.change.reset ? ' reset' : ' set') : a.type === 'redis' ? ` ${a.command}` : '';
    return `${when} ${a.type}${node}${extra}`;
  });
}

describe('schedules as timelines', () => {
  it('names nodes in index order and reads cluster shapes', () => {
    expect(nodes).toEqual(['A', 'B', 'C', 'A1', 'B1', 'C1']);
    expect(parseShape('3x1')).toEqual({ masters: 3, replicas: 1 });
    expect(parseShape('5X2')).toEqual({ masters: 5, replicas: 2 });
    for (const bad of ['3', 'x1', '0x1', '3x10', 'three']) expect(parseShape(bad), bad).toBeUndefined();
  });

  it('the ending undoes what is still in force, and only that', () => {
    const s: FaultSchedule = {
      healAfterMs: 2000,
      steps: [
        { kind: 'pause', atMs: 3000, node: 1, forMs: null },
        { kind: 'kill', atMs: 1000, node: 0 },
        { kind: 'kill', atMs: 2000, node: 3 },
        { kind: 'restart', atMs: 4000, node: 3 },
        { kind: 'link', atMs: 5000, node: 2, latencyMs: 200, loss: 0.1 },
        { kind: 'isolate', atMs: 6000, node: 4 },
        { kind: 'failover', atMs: 7000, node: 5, mode: 'takeover' },
      ],
    };
    const tl = scheduleTimeline(s, nodes, ending);
    expect(tl.closeAtMs).toBe(9000);
    expect(tl.faults).toBe(7);
    expect(words(tl.entries)).toEqual([
      '1000 kill A',
      '2000 kill A1',
      '3000 pause B',
      '4000 restart A1',
      '5000 link set',
      '6000 isolate B1',
      '7000 redis C1 CLUSTER FAILOVER TAKEOVER',
      '9000 heal',
      '9000 link reset',
      '9000 resume B',
      '9000 restart A',
      '9000 wait',
      'after 6000 check',
    ]);
  });

  it('drops steps that cannot do anything and waits for message drops to expire', () => {
    const s: FaultSchedule = {
      healAfterMs: 0,
      steps: [
        { kind: 'partition', atMs: 1000, sides: [1, 1, 1, 1, 1, 1] },
        { kind: 'heal-between', atMs: 1000, a: 2, b: 2 },
        { kind: 'drop', atMs: 2000, types: ['PING'], from: 0, to: null, forMs: 15_000 },
        // A failover sent to a node killed before it would only be refused.
        { kind: 'kill', atMs: 3000, node: 3 },
        { kind: 'failover', atMs: 4000, node: 3, mode: 'force' },
        { kind: 'restart', atMs: 5000, node: 3 },
      ],
    };
    const tl = scheduleTimeline(s, nodes, ending);
    expect(tl.faults).toBe(3);
    expect(tl.closeAtMs).toBe(17_000);
    // The wait starts when the drop expires, not while it still hides messages.
    expect(words(tl.entries)).toEqual(['2000 drop', '3000 kill A1', '5000 restart A1', '17000 wait', 'after 6000 check']);
  });
});

describe('a deliberately broken property', () => {
  const noElections = '- at: end\n  event: { name: election-won, count: 0 }\n';
  let cliYaml = '';

  it('shrinks to one fault, and the written scenario replays the failure under sim run', async () => {
    const files = { 'no-elections.yaml': noElections };
    const r = await runCli(['fuzz', '--cluster', '3x1', '--runs', '20', '--seed', '1', '--out', 'out', '--expect', 'no-elections.yaml'], files);
    expect(r.code).toBe(1);
    const yaml = r.written.get('out/minimal.yaml')!;
    cliYaml = yaml;
    expect(r.written.has('out/original.yaml')).toBe(true);
    expect(yaml).toMatch(/^# Found by `sim fuzz --runs (\d+) --seed 1 --cluster 3x1 --expect no-elections\.yaml`: schedule \1 failed\.$/m);
    expect(yaml).toMatch(/^# Violated: expectation failed: at end: event election-won count 0: /m);
    expect(yaml).toMatch(/^# Expect: at end: event election-won count 0$/m);
    expect(yaml).toMatch(/^# fast-check path: [\d:]+ /m);
    expect(yaml).toContain('# Replay: npx sim run out/minimal.yaml --seed 1');
    expect(r.out).toContain('Repro:    npx sim run out/minimal.yaml --seed 1');
    expect(r.out).toContain('Replay checked: the written file fails the same way');
    // One fault is the minimum that can cause an election; the ending (wait, check) follows it.
    const timeline = yaml.slice(yaml.indexOf('timeline:'), yaml.indexOf('expect:'));
    const faults = timeline.split('\n  - ').filter((e) => /^(- )?at: /.test(e.trim()) && !/\bwait:/.test(e));
    expect(faults).toHaveLength(1);
    expect(timeline).toMatch(/CLUSTER FAILOVER|kill|isolate|pause|partition/);

    const replay = await runCli(['run', 'out/minimal.yaml', '--seed', '1', '--quiet'], { 'out/minimal.yaml': yaml });
    expect(replay.code).toBe(1);
    expect(replay.out).toMatch(/✗ at end: event election-won count 0/);
    const trace = /Replay checked: .*\(trace ([0-9a-f]+)\)/.exec(r.out)![1];
    const summary = JSON.parse(replay.written.get('reports/fuzz-3x1-seed1-seed1/summary.json')!);
    expect(summary.trace_hash).toBe(trace);
    // sim fuzz --replay judges the file as the fuzzer did: the same failure, the same exit code.
    const judged = await runCli(['fuzz', '--replay', 'out/minimal.yaml'], { 'out/minimal.yaml': yaml });
    expect(judged.code).toBe(1);
    expect(judged.out).toMatch(/expectation failed: at end: event election-won count 0/);
    expect(judged.out).toContain(`trace ${trace}`);
  }, 120_000);

  it('fuzzing is deterministic: the library, run again with the same seed, shrinks to the file the CLI wrote', () => {
    const settings = { shape: { masters: 3, replicas: 1 }, seed: 1, runs: 20, expectYaml: noElections };
    const a = fuzz(settings);
    expect(a.failure).toBeDefined();
    expect(a.failure!.shrunk.faults).toBeLessThan(a.failure!.original.faults);
    const body = fuzzScenario(scenarioSpec(settings), a.failure!.shrunk.schedule, 'out/minimal.yaml').text;
    expect(body).toBe(cliYaml.replace(/^#.*\n/gm, ''));
  }, 120_000);

  it('bad --cluster, --time-limit or --expect input is a usage error (exit 2)', async () => {
    expect((await runCli(['fuzz', '--cluster', '3by1', '--seed', '1'])).code).toBe(2);
    const slow = await runCli(['fuzz', '--time-limit', 'soon', '--seed', '1']);
    expect(slow.code).toBe(2);
    expect(slow.err).toMatch(/--time-limit: expected a duration like 90s or 2m, got "soon"/);
    const bad = await runCli(['fuzz', '--seed', '1', '--expect', 'e.yaml'], { 'e.yaml': '- at: end\n  elektion: true\n' });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--expect e\.yaml: unknown condition "elektion"/);
  });
});

describe('judging a run', () => {
  // Literal run results: the verdict logic on its own, whatever the simulator does today.
  const result = (r: object) => ({ exitCode: 0, expectations: [], stepFailures: [], invariants: [], world: { trace: { hex: () => 'abc' } }, ...r }) as unknown as RunResult;

  it('a violated invariant is keyed by its name, with the checker\'s reason', () => {
    const invariants = [
      { name: 'one-vote-per-epoch', ok: true, why: '' },
      { name: 'single-slot-owner', ok: false, why: 'slot 0 has two owners' },
    ];
    const v = judgeRun(result({ exitCode: 3, invariants, violation: { invariant: 'single-slot-owner', why: 'slot 0 has two owners', atMs: 1500 } }));
    expect(v).toEqual({ ok: false, key: 'invariant:single-slot-owner', why: 'safety invariant single-slot-owner violated: slot 0 has two owners (at 1.500s)', exitCode: 3, traceHash: 'abc' });
  });

  it('a failed step (the ending\'s wait for convergence) is a liveness failure; a clean run passes', () => {
    const step = { pos: { file: 'f', line: 1, col: 1 }, action: 'wait', at: 61_000, why: 'B flags live A as failing' };
    expect(judgeRun(result({ exitCode: 1, stepFailures: [step] }))).toMatchObject({ ok: false, key: 'step:wait', exitCode: 1 });
    expect(judgeRun(result({}))).toEqual({ ok: true, traceHash: 'abc' });
  });
});
