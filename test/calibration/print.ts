// `npm run calibrate`: the simulator against real Redis 7.0.15, as a table.
// Usage: npm run calibrate [-- --seeds 20] [-- fault...]
import { FAULTS, compare, formatComparison, type Fault } from './calibration.ts';
import { RESTART_FAULTS, compareRestart, formatRestartComparison, type RestartFault } from './restarts.ts';

const args = process.argv.slice(2);
const seedsAt = args.indexOf('--seeds');
const seeds = seedsAt >= 0 ? Number(args[seedsAt + 1]) : 20;
const chosen = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--seeds') as Fault[];
const isRestart = (f: string): f is RestartFault => (RESTART_FAULTS as readonly string[]).includes(f);
for (const f of chosen.length ? chosen : [...FAULTS, ...RESTART_FAULTS]) {
  try {
    console.log(isRestart(f) ? formatRestartComparison(compareRestart(f, seeds)) : formatComparison(compare(f, seeds)));
  } catch (e) {
    console.log(`${f}\n  cannot run yet: ${e instanceof Error ? e.message : e}`);
  }
  console.log('');
}
