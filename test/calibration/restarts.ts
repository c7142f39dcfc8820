// Calibration of process restarts against real Redis 7.0.15 (the second set
// of faults in ../shared/real-redis, metadata copied to
// test/fixtures/real-redis-timelines/): a replica killed with SIGKILL and
// restarted after 20 s (it reloads the RDB of its last full sync and
// continues with PSYNC), and the master of slot 0 killed and restarted after
// 1 s (no failover; with `save ''` it comes back empty and its replica
// needs a full sync, which waits for repl-diskless-sync-delay). Same method
// as calibration.ts: the fault at the real run's sub-second phase, medians
// over the seeds within ±15 % or ±250 ms, the resync of the same kind.

import { readFileSync } from 'node:fs';
import { loadScenario } from '../../sim/scenario/index.ts';
import { runScenario } from '../../sim/run/runner.ts';
import type { EventRow as SimEvent } from '../../sim/events/vocabulary.ts';
import { CLUSTER_CRON_PERIOD_MS } from '../../sim/cluster/constants.ts';
import { Prng } from '../../sim/core/prng.ts';
import { rows } from '../helpers/events.ts';
import { median, realMetas, tolerance } from './calibration.ts';

export const RESTART_FAULTS = ['kill-replica', 'restart-master-fast'] as const;
export type RestartFault = (typeof RESTART_FAULTS)[number];

export const RESTART_METRICS = ['first_pfail_ms', 'fail_quorum_ms', 'fail_cleared_ms', 'faulted_ok_ms', 'resync_done_ms'] as const;
export type RestartMetric = (typeof RESTART_METRICS)[number];

const FAULT_BASE_MS = 10_000;
const SPEC: Record<RestartFault, { node: string; downMs: number }> = {
  'kill-replica': { node: 'A1', downMs: 20_000 },
  'restart-master-fast': { node: 'A', downMs: 1_000 },
};

interface RealRun {
  phaseMs: number;
  metrics: Record<string, number | string | null>;
  /**
   * restart-master-fast: when the replica's once-a-second replicationCron
   * (its "Connecting to MASTER" retries) ticked, in ms after the fault
   * (mod 1000, from the run's timeline). The real harness injected the
   * fault just before that tick in every run; it decides how soon after the
   * restart the replica asks for PSYNC, and so whether the full sync waits 5
   * or 6 whole seconds of repl-diskless-sync-delay.
   */
  replicaTickMs: number | undefined;
}

/** The replica's first connect retry after the fault, mod 1000 into (-500, 500]. */
function replicaTick(csvPath: string): number | undefined {
  let text: string;
  try {
    text = readFileSync(csvPath, 'utf8');
  } catch {
    return undefined;
  }
  const line = text.split('\n').find((l) => /^\d+,\d+,log_repl_connecting,/.test(l));
  if (!line) return undefined;
  const t = Number(line.split(',')[0]) % 1000;
  return t > 500 ? t - 1000 : t;
}

function realRuns(fault: RestartFault): RealRun[] {
  return realMetas(fault).map(({ path, meta: m }) => {
    const replicaTickMs = replicaTick(path.replace('.meta.json', '.csv'));
    return { phaseMs: Math.round((m.t0_epoch % 1) * 1000), metrics: m.metrics, replicaTickMs };
  });
}

function scenarioText(fault: RestartFault, t0: number): string {
  const { node, downMs } = SPEC[fault];
  // As the real runs: save '' and appendonly no; what a replica's full sync writes is on disk anyway.
  return (
    `name: calibration-${fault}\nduration: 40s\ncluster:\n  masters: 3\n  replicas: 1\n` +
    `  config: { cluster-node-timeout: 3000, save: "" }\ntimeline:\n` +
    `  - at: ${t0}\n    kill: ${node}\n  - at: ${t0 + downMs}\n    restart: ${node}\n`
  );
}

export interface RestartRun {
  values: Partial<Record<RestartMetric, number>>;
  resyncKind: string;
}

/** The real harness's milestones, from simulator events. */
export function restartMetrics(events: readonly SimEvent[], fault: RestartFault, t0: number): RestartRun {
  const { node, downMs } = SPEC[fault];
  const end = t0 + downMs;
  const rel = (e: SimEvent | undefined): number | undefined => (e ? Math.round(e.t - t0) : undefined);
  const after = (t: number, pred: (e: SimEvent) => boolean): SimEvent | undefined => events.find((e) => e.t >= t && pred(e));
  const values: Partial<Record<RestartMetric, number>> = {};
  const set = (k: RestartMetric, v: number | undefined): void => {
    if (v !== undefined) values[k] = v;
  };
  set('first_pfail_ms', rel(after(t0, (e) => e.event === 'pfail' && e.subject === node)));
  set('fail_quorum_ms', rel(after(t0, (e) => e.event === 'fail' && e.subject === node)));
  // Every other node has cleared the FAIL flag (the real metric is the last "Clear FAIL state" line).
  const cleared = new Map<string, number>();
  for (const e of events) if (e.t >= end && e.event === 'fail-cleared' && e.subject === node && !cleared.has(e.node)) cleared.set(e.node, e.t);
  if (cleared.size > 0) set('fail_cleared_ms', Math.round(Math.max(...cleared.values()) - t0));
  set('faulted_ok_ms', rel(after(end, (e) => e.node === node && e.event === 'state' && e.detail.startsWith('state=ok'))));
  // The replica of the pair: A1 in both faults. Its link up after the restart ends the resync.
  const up = after(end, (e) => e.node === 'A1' && e.event === 'repl-link' && e.detail.startsWith('state=up'));
  set('resync_done_ms', rel(up));
  const sync = up && [...events].reverse().find((e) => e.t <= up.t && e.t >= end && e.event === 'repl-sync' && e.node === 'A');
  const resyncKind = sync ? (/kind=(\w+)/.exec(sync.detail)?.[1] ?? '?') : '–';
  return { values, resyncKind };
}

export function simulateRestart(fault: RestartFault, seed: number): RestartRun {
  const real = realRuns(fault)[(seed - 1) % realRuns(fault).length]!;
  // Where the real runs say when the replica's 1 Hz tick came, that relation is kept (see RealRun);
  // otherwise the fault lands at the real run's phase within its wall-clock second.
  const replicaPhase = new Prng(seed).fork('cron-phase:A1').int(CLUSTER_CRON_PERIOD_MS);
  const t0 = FAULT_BASE_MS + (real.replicaTickMs !== undefined ? 1000 + replicaPhase - real.replicaTickMs : real.phaseMs);
  const loaded = loadScenario(`calibration-${fault}.yaml`, scenarioText(fault, t0));
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.reason).join('; '));
  const r = runScenario(loaded.scenario, { seed, logLevel: 'warning' });
  return restartMetrics(rows(r.world), fault, t0);
}

export interface RestartComparison {
  fault: RestartFault;
  rows: { metric: RestartMetric; real: number | undefined; sim: number | undefined; ok: boolean }[];
  kind: { real: string; sim: string; ok: boolean };
}

export function compareRestart(fault: RestartFault, seeds: number): RestartComparison {
  const runs = realRuns(fault);
  const sims = Array.from({ length: seeds }, (_, i) => simulateRestart(fault, i + 1));
  const rows = RESTART_METRICS.map((metric) => {
    const realVals = runs.map((r) => r.metrics[metric]).filter((v): v is number => typeof v === 'number');
    const simVals = sims.map((s) => s.values[metric]).filter((v): v is number => v !== undefined);
    const real = realVals.length === runs.length ? median(realVals) : undefined;
    const sim = simVals.length === sims.length ? median(simVals) : undefined;
    // A milestone that never happens in real runs must never happen in simulated ones either.
    const ok = real === undefined ? simVals.length === 0 : sim !== undefined && Math.abs(sim - real) <= tolerance(real);
    return { metric, real, sim, ok };
  });
  const realKinds = new Set(runs.map((r) => String(r.metrics.resync_kind)));
  const simKinds = new Set(sims.map((s) => s.resyncKind));
  const real = [...realKinds].join('/');
  const sim = [...simKinds].join('/');
  return { fault, rows, kind: { real, sim, ok: real === sim } };
}

export function formatRestartComparison(c: RestartComparison): string {
  const f = (v: number | undefined): string => (v === undefined ? '–' : String(Math.round(v)));
  const lines = [`${c.fault}`, `  ${'metric'.padEnd(26)} ${'real median'.padStart(11)} ${'sim median'.padStart(11)}  tolerance  ok`];
  for (const r of c.rows) {
    const tol = r.real === undefined ? '' : `±${Math.round(tolerance(r.real))}`;
    lines.push(`  ${r.metric.padEnd(26)} ${f(r.real).padStart(11)} ${f(r.sim).padStart(11)}  ${tol.padStart(9)}  ${r.ok ? '✓' : '✗'}`);
  }
  lines.push(`  ${'resync kind'.padEnd(26)} ${c.kind.real.padStart(11)} ${c.kind.sim.padStart(11)}  ${''.padStart(9)}  ${c.kind.ok ? '✓' : '✗'}`);
  return lines.join('\n');
}
