// End to end: a protocol-breaking fault the scenario language cannot express
// is injected through the runner's test-only hook; the run stops at the
// first violation with exit code 3, and `sim run`'s output and summary.json
// show the offending event, its context and the repro command.

import { row } from '../helpers/events.ts';
import { describe, expect, it } from 'vitest';
import { buildSummary } from '../../sim/report/summary.ts';
import { runText } from '../../sim/report/run-text.ts';
import { runScenario, type RunResult } from '../../sim/run/runner.ts';
import type { World } from '../../sim/run/world.ts';
import { loadScenario } from '../../sim/scenario/index.ts';

/** A crashes; C's vote for A1 never arrives (a message-level drop), B's arrives twice. */
const DUP_ACK = `name: dup-ack
seed: 1
duration: 30s
cluster:
  masters: 3
  replicas: 1
  config:
    cluster-node-timeout: 3000
timeline:
  - at: 5s
    kill: A
  - at: 5s
    drop: { type: FAILOVER_AUTH_ACK, from: C, to: A1 }
`;

/** TCP never delivers a message twice; this fault does, for B's FAILOVER_AUTH_ACKs to A1. */
function duplicateAcks(w: World): void {
  const from = new Set([w.process('B').pid]);
  const to = new Set([w.process('A1').pid]);
  w.net.faults.add({ action: 'duplicate', label: 'FAILOVER_AUTH_ACK', from, to, untilMs: Infinity });
}

function run(text: string, beforeRun: (w: World) => void, file = 'dup-ack.yaml', stopAtMs?: number): RunResult {
  const loaded = loadScenario(file, text);
  if (!loaded.ok) throw new Error('scenario does not load');
  return runScenario(loaded.scenario, { seed: 1, logLevel: 'warning', timeline: false, beforeRun, stopAtMs });
}

/** What `sim run` prints after the narration (the expectations, invariants and violation sections). */
function printed(r: RunResult): string {
  return runText(r, 'reports/x', 1, false).join('\n');
}

describe('a duplicated vote makes a win without a majority', () => {
  const r = run(DUP_ACK, duplicateAcks);

  it('exits 3, stopped at the offending election-won', () => {
    expect(r.exitCode).toBe(3);
    expect(r.violation?.invariant).toBe('one-winner-per-epoch');
    const e = r.violation!.event!;
    expect(row(r.world, e)).toMatchObject({ node: 'A1', event: 'election-won', subject: 'A' });
    expect(r.violation!.atMs).toBe(e.t);
    expect(r.endMs).toBe(e.t);
    // The handler in progress finishes (A1 goes on to take A's slots), then nothing else runs.
    const events = r.world.recorder.events;
    const after = events.slice(events.indexOf(e) + 1);
    expect(after.map((x) => `${row(r.world, x).node} ${x.type}`)).toEqual(['A1 config-epoch', 'A1 role', 'A1 slot-owner', 'A1 state']);
    expect(after.every((x) => x.t === e.t)).toBe(true);
    expect(r.invariants.find((i) => i.name === 'one-winner-per-epoch')).toMatchObject({ ok: false, atMs: e.t });
    expect(r.invariants.filter((i) => i.ok).length).toBe(7);
  });

  it('the context holds the two ACKs counted from B', () => {
    const received = r.violation!.context.map((c) => row(r.world, c)).filter((c) => c.event === 'vote-received' && c.node === 'A1');
    expect(received.map((c) => c.subject)).toEqual(['B', 'B']);
    expect(r.violation!.context.length).toBeLessThanOrEqual(10);
    expect(r.violation!.context.at(-1)).toBe(r.violation!.event);
  });

  it('sim run prints the violation, the offending event with its context, and the repro command', () => {
    const out = printed(r);
    expect(out).toMatch(/^  ✗ one-winner-per-epoch at \d+\.\d{3}s$/m);
    expect(out).toMatch(/^Safety invariant violated: one-winner-per-epoch at /m);
    expect(out).toMatch(/A1 won epoch 7 counting 2 votes, but they came from only 1 distinct master that granted it one \(B\), 2 needed/);
    expect(out).toMatch(/Offending event:\n\s+\d+\.\d{3}s  A1   election-won A  epoch=7 votes=2 needed=2/);
    expect(out).toMatch(/Last events of A1, B \(and faults\):\n(.*\n)*.*vote-received B  epoch=7 count=2/);
    expect(out).toMatch(/^  Repro: npx sim run dup-ack\.yaml --seed 1$/m);
    expect(out).toMatch(/exit 3$/);
  });

  it('summary.json has the invariants and the violation', () => {
    const s = buildSummary(r, null);
    expect(s.exit_code).toBe(3);
    expect(s.invariants).toHaveLength(8);
    // summary.json rounds times to the microsecond (no float noise).
    expect(s.invariants.find((i) => i.name === 'one-winner-per-epoch')).toMatchObject({ ok: false, at_ms: Math.round(r.violation!.atMs * 1000) / 1000 });
    expect(s.violation?.name).toBe('one-winner-per-epoch');
    expect(s.violation?.event).toMatchObject({ node: 'A1', event: 'election-won', detail: 'epoch=7 votes=2 needed=2' });
    expect(s.violation?.context.length).toBeGreaterThan(3);
  });

  it('disabled by name in the scenario, the same run is not stopped', () => {
    const off = run(`${DUP_ACK}invariants:\n  one-winner-per-epoch: false\n`, duplicateAcks);
    expect(off.violation).toBeUndefined();
    expect(off.exitCode).toBe(0);
    expect(off.invariants.map((i) => i.name)).not.toContain('one-winner-per-epoch');
    expect(off.endMs).toBe(30_000);
    expect(printed(off)).toMatch(/disabled by the scenario: one-winner-per-epoch/);
  });
});

describe('sim nodes/info --at', () => {
  it('a run asked for the state at an instant goes on to that instant, the violation noted', () => {
    const r = run(DUP_ACK, duplicateAcks, 'dup-ack.yaml', 20_000);
    expect(r.violation?.invariant).toBe('one-winner-per-epoch');
    expect(r.endMs).toBe(20_000);
  });
});

describe('a corrupted node state', () => {
  const corrupt = (w: World) =>
    w.sched.at(10_000, () => {
      w.process('C').server!.cs.currentEpoch = 3;
    });
  const r = run(DUP_ACK.replace(/timeline:[\s\S]*/, 'timeline: []\n'), corrupt, 'steady.yaml');

  it('C\'s currentEpoch going back is caught at the end of that instant, with no single event to blame', () => {
    expect(r.exitCode).toBe(3);
    expect(r.violation).toMatchObject({ invariant: 'epochs-monotonic', atMs: 10_000, why: 'C: currentEpoch went down from 6 to 3 while it ran' });
    expect(r.violation!.event).toBeUndefined();
    const out = printed(r);
    expect(out).toMatch(/Seen in the nodes' state when the last event of 10\.000s had run \(no single event did it\)/);
    expect(out).toMatch(/^  Repro: npx sim run steady\.yaml --seed 1$/m);
  });
});
