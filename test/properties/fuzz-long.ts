// `npm run fuzz:long`: the long fuzzing campaign that does not belong in
// `npm test`. Several cluster shapes, many schedules each, message-level
// drops in one campaign; every campaign is an ordinary `sim fuzz` run, so a
// failure leaves the shrunk scenario in reports/fuzz-long-<seed>/… with the
// `sim run` command that replays it.
//
//   npm run fuzz:long                      # 1000 swarm runs, fewer with drops and on fixed shapes, random seed
//   FUZZ_SEED=7 FUZZ_RUNS=200 npm run fuzz:long
//
// Exits with the worst exit code of the campaigns (0: nothing found).

import { main } from '../../sim/cli/main.ts';
import { nodeIO } from '../../sim/cli/io.ts';

const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 1_000_000);
const runs = Number(process.env.FUZZ_RUNS ?? 1000);
const quarter = Math.max(1, Math.round(runs / 4));

// Swarm campaigns (each run draws its own cluster and faults) first, then fixed shapes.
const campaigns: { cluster: string; runs: number; extra: string[] }[] = [
  { cluster: 'swarm', runs, extra: [] },
  { cluster: 'swarm', runs: quarter, extra: ['--message-drops'] },
  { cluster: '3x2', runs: quarter, extra: [] },
  { cluster: '5x1', runs: quarter, extra: [] },
];

console.log(`fuzz:long seed ${seed} (FUZZ_SEED=${seed} repeats this campaign)`);
const io = nodeIO();
let worst = 0;
const results: string[] = [];
for (const c of campaigns) {
  const out = `reports/fuzz-long-${seed}/${c.cluster}${c.extra.length ? '-drops' : ''}`;
  const shape = c.cluster === 'swarm' ? [] : ['--cluster', c.cluster];
  const args = ['fuzz', ...shape, '--runs', String(c.runs), '--time-limit', '0', '--seed', String(seed), '--out', out, ...c.extra];
  console.log(`\n$ npx sim ${args.join(' ')}`);
  const t0 = performance.now();
  const code = await main(args, io);
  const mins = (performance.now() - t0) / 60_000;
  results.push(`${c.cluster}${c.extra.length ? ' +drops' : ''}: ${c.runs} schedules, exit ${code}, ${mins.toFixed(1)} min`);
  // Severity as sim sweep ranks it: internal error > invariant > expectation.
  const rank = (x: number): number => [0, 1, 3, 4].indexOf(x);
  if (rank(code) > rank(worst)) worst = code;
}
console.log(`\n${results.join('\n')}`);
process.exitCode = worst;
