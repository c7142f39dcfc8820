// `npm run pack-test` (and CI after `npm test`): install the package as a user
// would, from the tarball `npm pack` makes, into a scratch project, and use it:
//
//   (a) the README's "## Use from code" example runs under vitest;
//   (b) plain `node` imports the package and calls it;
//   (c) the example type-checks with NodeNext and strict, no skipLibCheck and
//       no @types/node: the declarations must not need anything extra;
//   (d) the installed `sim` bin runs (version, keyslot, run with its timeline
//       page, sweep on a worker thread, a pipe closed early) with no tsx.
//
// The scratch project gets vitest, fast-check and typescript at the versions
// in this repo's lock file. Exits 1 with the failing step on any failure and
// keeps the scratch folder for a look; removes it when everything passed.
//
//   node scripts/pack-test.mjs [--keep]

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'sim-pack-test-'));
const project = join(work, 'project');
const installed = join(project, 'node_modules', pkg.name);

class StepFailure extends Error {}

function fail(message) {
  throw new StepFailure(message);
}

/** Run a command; its output is shown only when it fails (or returned when asked). */
function run(cmd, args, { cwd = project, input, env } = {}) {
  const r = spawnSync(cmd, args, { cwd, input, encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) fail(`\`${cmd} ${args.join(' ')}\` exited ${r.status ?? r.signal}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

function step(name, fn) {
  process.stdout.write(`pack-test: ${name} … `);
  const t0 = performance.now();
  fn();
  console.log(`ok (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}

/** The exact version the lock file installs here, so the scratch project tests what the repo does. */
function locked(name) {
  const v = lock.packages?.[`node_modules/${name}`]?.version;
  if (!v) fail(`package-lock.json has no ${name}`);
  return `${name}@${v}`;
}

/** The first ```ts block after the heading `## Use from code`, before the next heading. */
function readmeExample() {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const section = /^## Use from code\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme);
  if (!section) fail('README.md has no "## Use from code" section');
  const block = /^```ts\n([\s\S]*?)^```/m.exec(section[1]);
  if (!block) fail('README.md: no ```ts code block under "## Use from code"');
  return block[1];
}

let tarball;
function pack() {
  run('npm', ['run', 'build'], { cwd: repo });
  // Built just above, so the prepare script need not build again.
  const [info] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: repo }));
  tarball = join(work, info.filename);
  const files = info.files.map((f) => f.path);
  const needed = ['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', pkg.bin.sim, 'dist/sweep/thread.js', 'dist/report/timeline/client/ui.js', 'scenarios/split-brain.yaml'];
  const missing = needed.filter((f) => !files.includes(f));
  if (missing.length) fail(`the tarball lacks ${missing.join(', ')}`);
  const stray = files.filter((f) => !/^(dist|scenarios)\/|^(package\.json|README\.md|LICENSE)$/.test(f) || /\.ts$/.test(f.replace(/\.d\.ts$/, '')));
  if (stray.length) fail(`the tarball holds files no user needs: ${stray.slice(0, 5).join(', ')}`);
  console.log(`\n  ${info.filename}: ${files.length} files, ${(info.size / 1024).toFixed(0)} kB packed`);
}

function install() {
  mkdirSync(project);
  run('npm', ['init', '-y']);
  run('npm', ['pkg', 'set', 'type=module']);
  run('npm', ['install', '--no-audit', '--no-fund', tarball, locked('vitest'), locked('fast-check'), locked('typescript')]);
  if (existsSync(join(project, 'node_modules', 'tsx'))) fail('tsx was installed: users must not need a TypeScript loader');
}

function readmeUnderVitest() {
  writeFileSync(join(project, 'sim.test.ts'), readmeExample());
  run('npx', ['vitest', 'run']);
}

function plainNode() {
  // Independent of what the API holds: it must load and export something; a slot is checked when it offers one.
  const script = `import('${pkg.name}').then((m) => {
    const names = Object.keys(m);
    if (names.length === 0) throw new Error('the package exports nothing');
    console.log(names.join(' '));
    if (typeof m.keyHashSlot === 'function') console.log('slot(foo)=' + m.keyHashSlot('foo'));
  })`;
  const out = run('node', ['-e', script]);
  if (out.includes('slot(foo)=') && !out.includes('slot(foo)=12182')) fail(`keyHashSlot('foo') is not 12182: ${out}`);
  console.log(`\n  exports: ${out.trim().replace(/\n/g, '; ')}`);
}

function typecheck() {
  const compilerOptions = { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [] };
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['sim.test.ts'] }, null, 2));
  run('npx', ['tsc', '-p', 'tsconfig.json']);
}

function bin() {
  const version = run('npx', ['sim', '--version']).trim();
  if (version !== pkg.version) fail(`sim --version printed "${version}", package.json says ${pkg.version}`);
  const slot = run('npx', ['sim', 'keyslot', 'foo']).trim();
  if (slot !== '12182') fail(`sim keyslot foo printed "${slot}"`);
  const scenario = join(installed, 'scenarios', 'master-crash.yaml');
  run('npx', ['sim', 'run', scenario, '--quiet', '--out', 'run']);
  const page = readFileSync(join(project, 'run', 'timeline.html'), 'utf8');
  if (!page.includes('window.timeline')) fail('timeline.html lacks its script (client assets missing from dist/?)');
  run('npx', ['sim', 'sweep', scenario, '--seeds', '1..2', '--workers', '1', '--out', 'sweep']);
  if (!existsSync(join(project, 'sweep', 'metrics.csv'))) fail('sim sweep --workers 1 wrote no metrics.csv');
  // The reader goes away after three lines: sim must end quietly with 0.
  const piped = spawnSync('bash', ['-c', `npx sim run ${JSON.stringify(join(installed, 'scenarios', 'split-brain.yaml'))} 2>pipe.err | head -3 >/dev/null; echo "\${PIPESTATUS[0]}"`], { cwd: project, encoding: 'utf8' });
  const err = readFileSync(join(project, 'pipe.err'), 'utf8');
  if (piped.stdout.trim() !== '0' || err !== '') fail(`sim run … | head -3: exit ${piped.stdout.trim()}, stderr: ${err}`);
  const usage = spawnSync('npx', ['sim'], { cwd: project, encoding: 'utf8' });
  if (usage.status !== 2 || !usage.stderr.startsWith('Usage: sim')) fail(`sim with no command: exit ${usage.status}, stderr ${usage.stderr.slice(0, 80)}`);
}

try {
  step('build and pack', pack);
  step(`install the tarball with ${['vitest', 'fast-check', 'typescript'].map(locked).join(', ')}`, install);
  step('(a) the README example under vitest', readmeUnderVitest);
  step('(b) import from plain node', plainNode);
  step('(c) type-check with NodeNext, strict, no skipLibCheck, types: []', typecheck);
  step('(d) the installed sim bin', bin);
} catch (e) {
  console.log('FAILED');
  console.error(`pack-test: ${e instanceof StepFailure ? e.message : e.stack}`);
  console.error(`pack-test: scratch project kept in ${work}`);
  process.exit(1);
}
if (process.argv.includes('--keep')) console.log(`pack-test: scratch project kept in ${work}`);
else rmSync(work, { recursive: true, force: true });
console.log('pack-test: the packed package installs and works');
