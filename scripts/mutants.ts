// `npm run mutants`: how good is `sim fuzz` at finding protocol bugs? Each
// patch in mutants/ breaks one rule of the cluster protocol with a one-line
// change. For each, the sources are copied to a temporary folder, the patch
// is applied there (the working tree is never touched), and `sim fuzz` runs
// with its default budget and a fixed seed. A mutant is *found* when the
// fuzzer reports a failure; the table shows the runs it took, the faults of
// the shrunk scenario, the wall time and the property that caught it.
//
//   npm run mutants                       # every mutant
//   npm run mutants -- 03 09              # mutants whose file name contains 03 or 09
//   MUTANT_SEED=7 npm run mutants         # another fuzz seed
//
// A patch that no longer applies (the code it anchors on moved) is reported
// as such, with git's reason, and counts as not found: fix the patch.
// The code as it is runs first, with the same seed and budget: it must pass
// (MUTANT_BASELINE=0 skips it). Exit code: 0 when the baseline passed and
// every mutant was found, 1 otherwise.

import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { patchedCopy, removeCopy, ROOT } from './mutant-copy.ts';

const SEED = process.env.MUTANT_SEED ?? '1';
const filters = process.argv.slice(2);

interface Outcome {
  name: string;
  why: string;
  applied: boolean;
  found: boolean;
  runs: number | null;
  faults: number | null;
  wallS: number;
  caught: string;
  note: string;
}

/** One mutant (or, for null, the code as it is: the baseline must find nothing). */
function runMutant(file: string | null): Outcome {
  const name = file === null ? '(none: the code as it is)' : file.replace(/\.patch$/, '');
  const text = file === null ? '' : readFileSync(join(ROOT, 'mutants', file), 'utf8');
  const why = file === null ? 'baseline: a failure here is a false alarm, or a real bug' : (/^Mutant: (.*)$/m.exec(text)?.[1] ?? '');
  const copy = patchedCopy(file === null ? null : join(ROOT, 'mutants', file));
  const base = { name, why, runs: null, faults: null, caught: '', wallS: 0 };
  if ('error' in copy) return { ...base, applied: false, found: false, note: `patch does not apply: ${copy.error}` };
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(copy.dir, 'sim/cli/bin.ts'), 'fuzz', '--seed', SEED, '--out', join(copy.dir, 'out')], {
    cwd: copy.dir,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const wallS = (performance.now() - t0) / 1000;
  removeCopy(copy.dir);
  const out = r.stdout ?? '';
  const found = r.status !== 0 && r.status !== 2 && /Schedule \d+ failed/.test(out);
  const runs = /Schedule (\d+) failed/.exec(out)?.[1] ?? /No failure in (\d+) schedules/.exec(out)?.[1];
  const faults = /Shrunk from \d+ faults to (\d+)/.exec(out)?.[1];
  const violated = /^Violated: (.*)$/m.exec(out)?.[1] ?? '';
  const caught = /^(?:safety invariant|property) (\S+) violated/.exec(violated)?.[1] ?? (/^expectation failed: ([^:]+)/.exec(violated)?.[1] ?? violated.split(':')[0] ?? '');
  const note = r.status === 2 || (r.status !== 0 && !found) ? `sim fuzz exited ${r.status}: ${(r.stderr || out).trim().split('\n').pop()}` : '';
  return { ...base, applied: true, found, runs: runs ? Number(runs) : null, faults: faults ? Number(faults) : null, wallS, caught, note };
}

const patches = readdirSync(join(ROOT, 'mutants'))
  .filter((f) => f.endsWith('.patch'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
console.log(`mutants: ${patches.length} patches, sim fuzz --seed ${SEED} with its default budget each\n`);
const results: Outcome[] = [];
const baseline = process.env.MUTANT_BASELINE === '0' ? undefined : runMutant(null);
if (baseline) {
  console.log(`baseline    ${baseline.found ? `FAILED at run ${baseline.runs}: ${baseline.caught} (a mutant counts only with another failure or an earlier one)` : `clean: ${baseline.runs} runs, ${baseline.wallS.toFixed(0)} s`}`);
}
// When the code as it is fails too (a real bug, or a false alarm, found later in the same search),
// a mutant only counts as found by a failure of its own: another property, or an earlier run.
const ownFailure = (o: Outcome): boolean => !baseline?.found || o.caught !== baseline.caught || (o.runs ?? Infinity) < (baseline.runs ?? Infinity);
for (const p of patches) {
  const raw = runMutant(p);
  const o = raw.found && !ownFailure(raw) ? { ...raw, found: false, note: `only the baseline's own failure (${raw.caught}, run ${raw.runs})` } : raw;
  results.push(o);
  const status = !o.applied ? 'NOT APPLIED' : o.found ? 'found' : 'MISSED';
  console.log(`${status.padEnd(11)} ${o.name.padEnd(42)} runs ${String(o.runs ?? '–').padStart(4)}  faults ${String(o.faults ?? '–').padStart(2)}  ${o.wallS.toFixed(0).padStart(4)} s  ${o.caught}${o.note ? `  (${o.note})` : ''}`);
}
const found = results.filter((o) => o.found);
const avgFaults = found.length > 0 ? found.reduce((a, o) => a + (o.faults ?? 0), 0) / found.length : 0;
const wall = results.reduce((a, o) => a + o.wallS, 0);
console.log(`\nfound ${found.length}/${results.length}; shrunk to ${avgFaults.toFixed(1)} faults on average; slowest ${Math.max(0, ...results.map((o) => o.wallS)).toFixed(0)} s; ${(wall / 60).toFixed(1)} min in all`);
console.log('\n| mutant | what it breaks | found | runs | faults | wall | caught by |\n|---|---|---|---|---|---|---|');
for (const o of results) {
  console.log(`| ${o.name} | ${o.why} | ${!o.applied ? 'patch does not apply' : o.found ? 'yes' : 'no'} | ${o.runs ?? '–'} | ${o.faults ?? '–'} | ${o.wallS.toFixed(0)} s | ${o.caught} |`);
}
if (baseline?.found) console.log(`\nThe code as it is failed too: ${baseline.caught} at run ${baseline.runs} (npx sim fuzz --seed ${SEED} shows it).`);
process.exitCode = found.length === results.length && !baseline?.found ? 0 : 1;
