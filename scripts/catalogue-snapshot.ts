// Every catalogue scenario at seeds 1–3, run through the CLI in-process with a
// fixed wall clock, its stdout and report files written under one folder, so
// that two commits can be compared with `diff -r` (refactors must leave the
// catalogue's outputs byte-identical unless the change is the point).
//
//   npx tsx scripts/catalogue-snapshot.ts OUT_DIR [SCENARIO_GLOB_SUBSTRING]

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../sim/cli/main.ts';
import { nodeFs, type CliIO } from '../sim/cli/io.ts';

const [outRoot, only] = process.argv.slice(2);
if (!outRoot) {
  console.error('usage: catalogue-snapshot OUT_DIR [FILTER]');
  process.exit(2);
}
const files = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml') && (!only || f.includes(only)))
  .sort();
for (const f of files) {
  for (const seed of [1, 2, 3]) {
    // Reports go to a folder named the same on every machine, so stdout's "Report:" line compares too.
    const rel = `${f.replace(/\.yaml$/, '')}-seed${seed}`;
    const dir = join(outRoot, rel);
    // A folder from an earlier snapshot holds stdout.txt, which sim run would refuse to replace.
    rmSync(dir, { recursive: true, force: true });
    const out: string[] = [];
    const io: CliIO = {
      out: (t) => out.push(t),
      err: (t) => out.push(`[stderr] ${t}`),
      readFile: (p) => readFileSync(p, 'utf8'),
      // Report folders under OUT_DIR, each written whole and renamed into place as `sim run` does.
      fs: nodeFs(outRoot),
      pid: process.pid,
      isRunning: () => false,
      stdin: () => '',
      wallMs: () => 0,
      randomSeed: () => 0,
    };
    const code = await main(['run', join('scenarios', f), '--seed', String(seed), '--out', rel], io);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'stdout.txt'), out.join('\n') + `\nexit ${code}\n`);
    process.stderr.write(`${f} seed ${seed}: exit ${code}\n`);
  }
}
