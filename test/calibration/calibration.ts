// Calibration against real Redis 7.0.15: the timelines in
// test/fixtures/real-redis-timelines (copied from ../shared/real-redis) were
// measured on 6 nodes (3 masters + 3 replicas), cluster-node-timeout 3000,
// with the fault on the master of slot 0. This file builds the same runs in
// the simulator, extracts the same metrics from events.csv-style events, and
// compares medians: the simulator passes a metric when its median over the
// seeds is within ±15% or ±250 ms (whichever is larger) of the real median.
//
// Fault phase: peers gossip PONG times in whole seconds, so the pings that
// start the PFAIL clock cluster on wall-clock second boundaries, and the
// delay to the first PFAIL depends on where in its second the fault landed.
// Each simulated run therefore injects its fault at the same sub-second
// phase as one of the real runs (seed k uses real run k mod 5).

import { row, rows } from '../helpers/events.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../../sim/scenario/index.ts';
import { runScenario } from '../../sim/run/runner.ts';
import type { EventRow as SimEvent } from '../../sim/events/vocabulary.ts';
import { SECOND_METRICS, SECOND_SET, isSecond, secondMetricsOf, secondScenarioText, type SecondMetric } from './second-set.ts';

const FIRST_SET = [
  'kill-master',
  'sigstop-master',
  'partition-minority-master',
  'manual-failover',
  'manual-failover-force',
  'manual-failover-takeover',
] as const;
export const FAULTS = [...FIRST_SET, ...SECOND_SET] as const;
export type Fault = (typeof FAULTS)[number];

const FIRST_METRICS = [
  'first_pfail_ms',
  'fail_quorum_ms',
  'election_delay_logged_ms',
  'elected_ms',
  'survivors_ok_again_ms',
  'old_master_demoted_ms',
] as const;
export type Metric = (typeof FIRST_METRICS)[number] | SecondMetric;

/** The milestones compared for a fault: the second set's only where the real runs have them (see compare). */
export const milestonesOf = (fault: Fault): readonly Metric[] => (isSecond(fault) ? SECOND_METRICS : FIRST_METRICS);

export interface RunMetrics {
  values: Partial<Record<Metric, number>>;
  winner: string;
  /** `B:2,C:3,A1:7` — masters and their configEpochs at the end, sorted by name. */
  finalEpochs: string;
}

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'real-redis-timelines');
/** Fault injected at 10 s + the real run's sub-second phase. */
const FAULT_BASE_MS = 10_000;

interface RealRun {
  phaseMs: number;
  faultEndMs: number;
  metrics: Record<string, number | string | null>;
  /** Real ports → simulator names (target master = A, its replica = A1, …). */
  names: Map<string, string>;
}

/** The recorded runs of one fault, in file order: each run's metadata and the path of its file (`X.meta.json`). */
export function realMetas(fault: string): { path: string; meta: any }[] {
  const dir = join(FIXTURES, fault);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.meta.json'))
    .sort()
    .map((f) => ({ path: join(dir, f), meta: JSON.parse(readFileSync(join(dir, f), 'utf8')) }));
}

export function realRuns(fault: Fault): RealRun[] {
  return realMetas(fault).map(({ meta: m }) => {
    // Name the real nodes like the simulator: masters by slot order, replicas after their master.
    const masters: number[] = [...m.initial_masters].sort((a: number, b: number) => a - b);
    const names = new Map<string, string>();
    masters.forEach((p, i) => names.set(String(p), 'ABC'[i]!));
    // Replicas of one master: 1, 2 … in port order.
    const seen = new Map<string, number>();
    for (const [rep, mas] of Object.entries(m.initial_replica_of as Record<string, number>).sort((a, b) => Number(a[0]) - Number(b[0]))) {
      const master = names.get(String(mas))!;
      const k = (seen.get(master) ?? 0) + 1;
      seen.set(master, k);
      names.set(rep, `${master}${k}`);
    }
    return { phaseMs: Math.round((m.t0_epoch % 1) * 1000), faultEndMs: m.metrics.fault_end_ms ?? 0, metrics: m.metrics, names };
  });
}

function realFinalEpochs(run: RealRun): string {
  const parts = String(run.metrics.final_master_epochs)
    .split(',')
    .map((x) => x.split(':'))
    .map(([port, e]) => `${run.names.get(port!)}:${e}`);
  return parts.sort().join(',');
}

function scenarioText(fault: Fault, faultAtMs: number): string {
  if (isSecond(fault)) return secondScenarioText(fault, faultAtMs);
  const head = `name: calibration-${fault}\nduration: 45s\ncluster:\n  masters: 3\n  replicas: 1\n  config: { cluster-node-timeout: 3000 }\ntimeline:\n`;
  const t = faultAtMs;
  switch (fault) {
    case 'kill-master':
      return `${head}  - at: ${t}\n    kill: A\n  - at: ${t + 20_000}\n    restart: A\n`;
    case 'sigstop-master':
      return `${head}  - at: ${t}\n    pause: { node: A, for: 20s }\n`;
    case 'partition-minority-master':
      return `${head}  - at: ${t}\n    isolate: A\n  - at: ${t + 20_000}\n    heal: all\n`;
    case 'manual-failover':
      return `${head}  - at: ${t}\n    redis: { node: A1, command: "CLUSTER FAILOVER", reply: OK }\n`;
    case 'manual-failover-force':
      return `${head}  - at: ${t}\n    redis: { node: A1, command: "CLUSTER FAILOVER FORCE", reply: OK }\n`;
    case 'manual-failover-takeover':
      return `${head}  - at: ${t}\n    redis: { node: A1, command: "CLUSTER FAILOVER TAKEOVER", reply: OK }\n`;
  }
}

const first = (events: readonly SimEvent[], t0: number, pred: (e: SimEvent) => boolean): SimEvent | undefined =>
  events.find((e) => e.t >= t0 && pred(e));

const detail = (e: SimEvent | undefined, key: string): number | undefined => {
  const m = e && new RegExp(`(?:^| )${key}=(\\S+)`).exec(e.detail);
  return m ? Number(m[1]) : undefined;
};

/** The real harness's metrics, computed from simulator events. */
export function metricsOf(events: readonly SimEvent[], t0: number, faultEnd: number, finalEpochs: string): RunMetrics {
  const rel = (e: SimEvent | undefined): number | undefined => (e ? Math.round(e.t - t0) : undefined);
  const values: Partial<Record<Metric, number>> = {};
  const set = (k: Metric, v: number | undefined): void => {
    if (v !== undefined) values[k] = v;
  };
  set('first_pfail_ms', rel(first(events, t0, (e) => e.event === 'pfail' && e.subject === 'A')));
  const quorum = first(events, t0, (e) => e.event === 'fail' && e.subject === 'A');
  set('fail_quorum_ms', rel(quorum));
  const scheduled = first(events, t0, (e) => e.event === 'election-scheduled');
  set('election_delay_logged_ms', detail(scheduled, 'delay'));
  const won =
    first(events, t0, (e) => e.event === 'election-won') ??
    first(events, t0, (e) => e.event === 'role' && e.node === e.subject && /role=master/.test(e.detail) && e.node !== 'A');
  set('elected_ms', rel(won));
  if (quorum && won) {
    // Every survivor back to cluster_state ok after the failure was agreed.
    let last: number | undefined;
    for (const n of ['B', 'C', 'A1', 'B1', 'C1']) {
      const ok = first(events, quorum.t, (e) => e.node === n && e.event === 'state' && e.detail.startsWith('state=ok'));
      if (!ok) {
        last = undefined;
        break;
      }
      last = Math.max(last ?? -Infinity, ok.t);
    }
    if (last !== undefined) set('survivors_ok_again_ms', Math.round(last - t0));
  }
  set(
    'old_master_demoted_ms',
    rel(first(events, Math.max(t0, faultEnd), (e) => e.node === 'A' && e.event === 'role' && e.subject === 'A' && /role=replica/.test(e.detail))),
  );
  const winner = won?.node ?? '';
  return { values, winner, finalEpochs };
}

export function simulate(fault: Fault, seed: number): RunMetrics {
  const runs = realRuns(fault);
  const real = runs[(seed - 1) % runs.length]!;
  const t0 = FAULT_BASE_MS + real.phaseMs;
  const text = scenarioText(fault, t0);
  const loaded = loadScenario(`calibration-${fault}.yaml`, text);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.reason).join('; '));
  const r = runScenario(loaded.scenario, { seed, logLevel: 'warning', timeline: false });
  const masters = r.world.processes
    .filter((p) => p.server && !p.server.cs.myself.slaveof && p.server.cs.myself.numslots > 0)
    .map((p) => `${p.name}:${p.server!.cs.myself.configEpoch}`)
    .sort()
    .join(',');
  const events = rows(r.world);
  if (isSecond(fault)) {
    const nodes = r.world.processes.filter((p) => p.server).map((p) => p.name);
    const lostInvokedMs = r.data.lostWritesList().map((w) => w.invokedMs);
    const values = secondMetricsOf(fault, { events, t0, nodes, lostInvokedMs });
    const won = events.find((e) => e.t >= t0 && e.event === 'election-won');
    return { values, winner: won?.node ?? '', finalEpochs: masters };
  }
  const faultEnd = fault.startsWith('manual') ? t0 : t0 + 20_000;
  return metricsOf(events, t0, faultEnd, masters);
}

export function median(xs: readonly number[]): number | undefined {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function tolerance(real: number): number {
  return Math.max(Math.abs(real) * 0.15, 250);
}

const mode = (xs: readonly string[]): string => {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? '';
};

export interface Comparison {
  fault: Fault;
  rows: { metric: Metric; real: number | undefined; sim: number | undefined; ok: boolean }[];
  winner: { real: string; sim: string; ok: boolean };
  epochs: { real: string; sim: string; ok: boolean };
}

export function compare(fault: Fault, seeds: number): Comparison {
  const runs = realRuns(fault);
  const sims = Array.from({ length: seeds }, (_, i) => simulate(fault, i + 1));
  const second = isSecond(fault);
  // The second set's table leaves out milestones its fault does not reach: so do we.
  const metrics = milestonesOf(fault).filter((m) => !second || runs.some((r) => typeof r.metrics[m] === 'number'));
  const rows = metrics.map((metric) => {
    const realVals = runs.map((r) => r.metrics[metric]).filter((v): v is number => typeof v === 'number');
    const simVals = sims.map((s) => s.values[metric]).filter((v): v is number => v !== undefined);
    const real = realVals.length === runs.length ? median(realVals) : undefined;
    const sim = simVals.length === sims.length ? median(simVals) : undefined;
    const ok = real === undefined ? sim === undefined || metric === 'election_delay_logged_ms' : sim !== undefined && Math.abs(sim - real) <= tolerance(real);
    return { metric, real, sim, ok };
  });
  // Which of two replicas wins is random (real runs differ): compare "a replica of A".
  const norm = fault === 'kill-master-two-replicas' ? (x: string): string => x.replace(/\b([A-C])\d\b/g, '$1n') : (x: string): string => x;
  const realWinner = norm(mode(runs.map((r) => r.names.get(String(r.metrics.winner)) ?? '')));
  const simWinner = norm(mode(sims.map((s) => s.winner)));
  const realEpochs = mode(runs.map((r) => norm(realFinalEpochs(r))));
  const simEpochs = mode(sims.map((s) => norm(s.finalEpochs)));
  return {
    fault,
    rows,
    winner: { real: realWinner, sim: simWinner, ok: realWinner === simWinner },
    epochs: { real: realEpochs, sim: simEpochs, ok: realEpochs === simEpochs },
  };
}

export function formatComparison(c: Comparison): string {
  const lines = [`${c.fault}`, `  ${'metric'.padEnd(26)} ${'real median'.padStart(11)} ${'sim median'.padStart(11)}  tolerance  ok`];
  for (const r of c.rows) {
    const f = (v: number | undefined): string => (v === undefined ? '–' : String(Math.round(v)));
    const tol = r.real === undefined ? '' : `±${Math.round(tolerance(r.real))}`;
    lines.push(`  ${r.metric.padEnd(26)} ${f(r.real).padStart(11)} ${f(r.sim).padStart(11)}  ${tol.padStart(9)}  ${r.ok ? '✓' : '✗'}`);
  }
  lines.push(`  ${'winner'.padEnd(26)} ${c.winner.real.padStart(11)} ${c.winner.sim.padStart(11)}  ${''.padStart(9)}  ${c.winner.ok ? '✓' : '✗'}`);
  lines.push(`  final epochs  real ${c.epochs.real}  sim ${c.epochs.sim}  ${c.epochs.ok ? '✓' : '✗'}`);
  return lines.join('\n');
}
