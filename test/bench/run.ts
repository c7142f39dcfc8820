// `npm run bench`: throughput numbers, printed, never asserted (timing in
// tests would be flaky; these are for people and for the README).
//   npm run bench                 all
//   npm run bench -- heap scheduler network cluster6 cluster200 cluster1000 startup
//   npm run bench -- cluster1000-kill hour6 sweep-master-crash reshard20 hour100-rss
//   npm run bench -- hour6-recorded reshard20-recorded cluster1000-kill-recorded
// The five targets of issue 10 (cases.ts) each run in a child process of
// their own so that a peak RSS is its own. `npm run bench` with no names runs
// everything but cluster1000 (the targets cover 1000 nodes).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Prng } from '../../sim/core/prng.ts';
import { Scheduler } from '../../sim/core/scheduler.ts';
import { EventHeap } from '../../sim/core/heap.ts';
import { Trace } from '../../sim/core/trace.ts';
import { Network } from '../../sim/net/network.ts';
import { loadScenario } from '../../sim/scenario/index.ts';
import { runScenario } from '../../sim/run/runner.ts';
import { fileURLToPath } from 'node:url';
import { CASES, EXTRA_CASES, type CaseResult } from './cases.ts';

const wanted = new Set(process.argv.slice(2));
const want = (name: string): boolean => (wanted.size === 0 && name !== 'cluster1000') || wanted.has(name);
const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const r = fn();
  return [r, (performance.now() - t0) / 1000];
}

function benchHeap(): void {
  // Plain push/pop: a steady queue of 10k pending events, as a busy run keeps.
  const h = new EventHeap();
  const slot = { time: 0, fn: undefined, arg: undefined as unknown };
  const noop = (): void => {};
  const rng = new Prng('bench');
  const times = Float64Array.from({ length: 1 << 16 }, () => rng.next() * 1000);
  let seq = 0;
  for (let i = 0; i < 10_000; i++) h.push(times[i & 0xffff]!, seq++, noop, undefined);
  const N = 20_000_000;
  const [, s] = time(() => {
    for (let i = 0; i < N; i++) {
      h.popInto(slot);
      h.push(slot.time + times[i & 0xffff]!, seq++, noop, undefined);
    }
  });
  console.log(`heap push+pop:          ${fmt(N / s)} events/s (${N / 1e6}M pairs, 10k pending)`);
}

function benchScheduler(): void {
  const sched = new Scheduler();
  let left = 10_000_000;
  const rng = new Prng('sched');
  const delays = Float64Array.from({ length: 4096 }, () => rng.next() * 100);
  let k = 0;
  const tick = (): void => {
    if (--left > 0) sched.after(delays[k++ & 4095]!, tick);
  };
  for (let i = 0; i < 1000; i++) sched.after(delays[i]!, tick);
  const [, s] = time(() => sched.runUntil(Infinity));
  console.log(`scheduler events:       ${fmt(sched.eventsRun / s)} events/s (${fmt(sched.eventsRun)} events run)`);
}

function benchNetwork(): void {
  const sched = new Scheduler();
  const net = new Network(sched, new Prng(1).fork('net'), new Trace(), { latency: { distribution: 'uniform', minMs: 0.05, maxMs: 0.25 } });
  let delivered = 0;
  const sink = { onOpen() {}, onData() { delivered++; }, onClose() {} };
  const pids = Array.from({ length: 20 }, (_, i) => net.addProcess(`P${i}`, { listens: () => true, accept: () => sink }));
  const conns = pids.flatMap((a) => pids.filter((b) => b !== a).map((b) => ({ a, c: net.connect(a, b, 'bus', sink) })));
  sched.runUntil(10);
  const N = 2_000_000;
  const [, s] = time(() => {
    for (let i = 0; i < N; i++) {
      const { a, c } = conns[i % conns.length]!;
      net.send(c, a, i, 'PING');
      if ((i & 1023) === 0) sched.runUntil(sched.now + 1);
    }
    sched.runUntil(Infinity);
  });
  console.log(`network messages:       ${fmt(delivered / s)} messages/s through ${conns.length} connections with latency`);
}

function benchCluster(masters: number, replicas: number, seconds: number, label: string): void {
  const text = `name: bench\nduration: ${seconds}s\ncluster: { masters: ${masters}, replicas: ${replicas} }\n`;
  const loaded = loadScenario('bench.yaml', text);
  if (!loaded.ok) throw new Error('bench scenario');
  // Everything `sim run` would do (building the world, forming the cluster,
  // invariants, the timeline recorder), minus writing the report files.
  const [r, s] = time(() => runScenario(loaded.scenario, { seed: 1, logLevel: 'warning' }));
  const simS = (r.endMs + r.warmupMs) / 1000;
  const ratio = simS / s;
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  console.log(
    `${label.padEnd(23)} ${ratio < 10 ? ratio.toFixed(2) : fmt(ratio)}× real time (${simS} simulated s in ${s.toFixed(2)} s wall; ` +
      `${fmt(r.world.sched.eventsRun)} events, ${fmt(r.world.net.stats.delivered)} messages; heap ${fmt(heapMb)} MB)`,
  );
}

/** Wall time of whole processes, from spawn to exit (what a user waits for), in ms. */
function benchStartup(): void {
  const bin = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'bin.js');
  if (!existsSync(bin)) {
    console.log('startup: dist/cli/bin.js is missing; run `npm run build` first (this times the compiled CLI)');
    return;
  }
  const commands: [string, string[]][] = [
    ['node -e 0 (the floor)', ['-e', '0']],
    ['sim keyslot foo', [bin, 'keyslot', 'foo']],
    ['sim --version', [bin, '--version']],
  ];
  const RUNS = 20;
  const times = commands.map(() => [] as number[]);
  // Round-robin, so a change in the machine's load affects every command alike.
  for (let i = 0; i < RUNS + 1; i++) {
    commands.forEach(([label, args], k) => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const ms = performance.now() - t0;
      if (r.status !== 0) throw new Error(`${label}: exit ${r.status}: ${r.stderr}`);
      if (i > 0) times[k]!.push(ms); // the first round only warms the file cache
    });
  }
  const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)]!;
  const col = (ms: number): string => ms.toFixed(0).padStart(6);
  // Other processes on a small machine move every number; the minimum is the closest to the unloaded cost.
  const load = loadavg()[0]!.toFixed(1);
  console.log(`startup: wall ms from spawn to exit, ${RUNS} runs each (load average ${load} on ${availableParallelism()} cores)`);
  console.log(`  ${''.padEnd(24)} median    p90    min`);
  commands.forEach(([label], k) => {
    const xs = times[k]!;
    console.log(`  ${label.padEnd(24)} ${col(pct(xs, 50))} ${col(pct(xs, 90))} ${col(Math.min(...xs))}`);
  });
  // Node reads the whole extra CA bundle at every start when this is set (~40 ms here), floor included.
  if (process.env.NODE_EXTRA_CA_CERTS) console.log('  (NODE_EXTRA_CA_CERTS is set: every node process above pays for reading it)');
}

if (want('heap')) benchHeap();
if (want('scheduler')) benchScheduler();
if (want('network')) benchNetwork();
if (want('cluster6')) benchCluster(3, 1, 3600, '6 nodes, 1 h, NT 15s:');
if (want('cluster200')) benchCluster(100, 1, 20, '200 nodes, 20 s:');
if (want('cluster1000')) benchCluster(500, 1, 60, '1000 nodes, 60 s:');
if (want('startup')) benchStartup();

/** One of cases.ts in a child process: its own heap, its own peak RSS. */
function benchCase(name: string): void {
  const file = fileURLToPath(new URL('./cases.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--max-old-space-size=12288', '--import', 'tsx', file, name], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH '));
  if (!line) {
    console.log(`${name.padEnd(23)} failed (exit ${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`);
    return;
  }
  const c = JSON.parse(line.slice(6)) as CaseResult;
  const ratio = (x: number): string => (x < 10 ? x.toFixed(2) : fmt(x));
  const speed =
    c.seedsPerMin !== undefined
      ? `${fmt(c.seedsPerMin)} seeds/min (${c.wallS.toFixed(1)} s wall${c.cpuS !== undefined ? `, ${c.cpuS.toFixed(1)} s CPU` : ''})`
      : `${ratio(c.ratio!)}× real time (${ratio(c.simS! / c.wallS)}× counting the warm-up: ${c.simS} simulated s in ${c.wallS.toFixed(2)} s wall${c.cpuS !== undefined ? `, ${c.cpuS.toFixed(2)} s CPU` : ''})`;
  const load = loadavg()[0]!.toFixed(1);
  console.log(`${(name + ':').padEnd(23)} ${speed}; load ${load}; peak RSS ${fmt(c.maxRssMb)} MB, heap at end ${fmt(c.heapMb)} MB; ${c.note}`);
}

for (const name of Object.keys(CASES)) if (want(name)) benchCase(name);
for (const name of Object.keys(EXTRA_CASES)) if (wanted.has(name)) benchCase(name);
