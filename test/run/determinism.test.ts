// Same scenario + same seed = identical run: trace hash, events.csv and
// log.txt byte for byte. When two runs do differ, the kept traces name the
// first event where they parted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRecord, firstDivergence } from '../../sim/core/trace.ts';
import { eventsCsv, logTxt } from '../../sim/report/files.ts';
import { loadScenario } from '../../sim/scenario/index.ts';
import { runScenario, runSteps } from '../../sim/run/runner.ts';

const file = join(import.meta.dirname, '..', '..', 'scenarios', 'master-crash.yaml');

function run(seed: number) {
  const loaded = loadScenario('scenarios/master-crash.yaml', readFileSync(file, 'utf8'));
  if (!loaded.ok) throw new Error('scenario does not load');
  const r = runScenario(loaded.scenario, { seed, keepTrace: true });
  return { r, events: eventsCsv(r.world.recorder.events, r.world.recorder.names), log: logTxt(r.world.recorder.logs, r.world.recorder.names), hash: r.world.trace.hex() };
}

describe('determinism', () => {
  it('the same seed twice gives the same trace hash, events.csv and log.txt', () => {
    const a = run(7);
    const b = run(7);
    const d = firstDivergence(a.r.world.trace.kept, b.r.world.trace.kept);
    expect(d === undefined ? 'identical' : `diverged at #${d.index}: ${describeRecord(d.a)} vs ${describeRecord(d.b)}`).toBe('identical');
    expect(a.hash).toBe(b.hash);
    expect(a.events).toBe(b.events);
    expect(a.log).toBe(b.log);
    expect(a.r.world.trace.length).toBeGreaterThan(1000);
  });

  it('different seeds diverge, and the first diverging event is named', () => {
    const a = run(1);
    const b = run(2);
    expect(a.hash).not.toBe(b.hash);
    const d = firstDivergence(a.r.world.trace.kept, b.r.world.trace.kept);
    expect(d).toBeDefined();
    // The warm-up before t=0 already differs (cron phases and latencies come from the seed).
    expect(d!.a!.t).toBeLessThan(0);
    expect(describeRecord(d!.a)).toMatch(/^t=-?\d/);
  });
});

describe('a run in slices (how sim run drives it, to hear signals between them)', () => {
  it('gives the same trace, events.csv and log.txt whatever the slices, odd and tiny ones included', () => {
    const whole = run(3);
    const loaded = loadScenario('scenarios/master-crash.yaml', readFileSync(file, 'utf8'));
    if (!loaded.ok) throw new Error('scenario does not load');
    const sizes = [7, 0.5, 1000, 333, 1];
    const steps = runSteps(loaded.scenario, { seed: 3, keepTrace: true });
    let i = 0;
    let slices = 0;
    let r = steps.next(sizes[0]!);
    while (r.done !== true) {
      slices++;
      r = steps.next(sizes[++i % sizes.length]!);
    }
    const sliced = r.value;
    expect(slices).toBeGreaterThan(100);
    const d = firstDivergence(whole.r.world.trace.kept, sliced.world.trace.kept);
    expect(d === undefined ? 'identical' : `diverged at #${d.index}: ${describeRecord(d.a)} vs ${describeRecord(d.b)}`).toBe('identical');
    expect(eventsCsv(sliced.world.recorder.events, sliced.world.recorder.names)).toBe(whole.events);
    expect(logTxt(sliced.world.recorder.logs, sliced.world.recorder.names)).toBe(whole.log);
  });
});
