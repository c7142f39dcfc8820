// `npm run build`, also run by `prepare` so that `npm install` / `npm ci` in a
// clone leave a runnable dist/: compile sim/ with tsconfig.build.json, then do
// what tsc does not do for us:
//
// 1. Declarations: tsc rewrites `./x.ts` to `./x.js` in the JavaScript it
//    emits (rewriteRelativeImportExtensions) but leaves `.ts` in the .d.ts
//    files (microsoft/TypeScript#61037). tsc itself accepts that, other tools
//    and editors do not; `.js` is what every NodeNext consumer expects.
// 2. The timeline page's client files (sim/report/timeline/client/) are read
//    at run time beside the compiled html.js, so they are copied there.
// 3. The bin: the command line's own files (sim/cli/) are bundled into one
//    dist/cli/bin.js with esbuild, so a start loads one module instead of a
//    dozen (Node 20's ESM loader costs ~2-3 ms per module; ~30 ms here for
//    `sim keyslot`). Everything outside sim/cli/ stays external: the library
//    modules each command imports lazily keep their single identity in
//    dist/ (an error class bundled twice would break `instanceof`).
//    Then it is made executable for running it straight from dist/.
//
// Plain Node on purpose: it runs before anything is compiled.

import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);

/** Non-TypeScript files the compiled modules read beside themselves (paths under sim/). */
const ASSET_DIRS = ['report/timeline/client'];
const BIN = 'dist/cli/bin.js';

/** Relative specifiers in import/export declarations and import() types, ending in .ts (not .d.ts). */
const TS_SPECIFIER = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]*?)(?<!\.d)\.ts\2/g;
/** Anything still looking like a relative .ts specifier after the rewrite means the pattern above missed a form. */
const LEFTOVER = /['"]\.{1,2}\/[^'"]*(?<!\.d)\.ts['"]/;

/** Library modules the bin carries a copy of: no imports, no classes, needed at every start (~2-3 ms each as modules). */
const INLINED = new Set(['core/printable.ts', 'scenario/limits.ts', 'sweep/progress.ts', 'core/time.ts']);

/** What commander's require('node:child_process') gets inside the bin: the module, loaded on first use. */
const LAZY_CHILD_PROCESS = `let real;
module.exports = new Proxy({}, { get: (_, key) => (real ??= require('node:child_process'))[key] });`;

function fail(message) {
  console.error(`build: ${message}`);
  process.exit(1);
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

rmSync('dist', { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (compiled.status !== 0) fail(`tsc -p tsconfig.build.json failed (exit ${compiled.status ?? compiled.signal})`);

let rewritten = 0;
for (const file of filesUnder('dist')) {
  if (!file.endsWith('.d.ts') && !file.endsWith('.js')) continue;
  const text = readFileSync(file, 'utf8');
  const out = file.endsWith('.d.ts') ? text.replace(TS_SPECIFIER, '$1$2$3.js$2') : text;
  const left = out.split('\n').find((l) => LEFTOVER.test(l));
  if (left !== undefined) fail(`${file}: a relative .ts specifier is left: ${left.trim()}`);
  if (out !== text) {
    writeFileSync(file, out);
    rewritten++;
  }
}

for (const dir of ASSET_DIRS) cpSync(join('sim', dir), join('dist', dir), { recursive: true });
await bundleBin();
chmodSync(BIN, 0o755);
console.log(`build: dist/ written (${rewritten} declaration files rewritten to .js specifiers; assets: ${ASSET_DIRS.join(', ')})`);

/** sim/cli/bin.ts and the files of sim/cli/ it reaches, as one module; the rest of dist/ and packages external. */
async function bundleBin() {
  const { build } = await import('esbuild');
  const cliDir = resolve('sim/cli');
  const cliOnly = {
    name: 'cli-only',
    setup(b) {
      b.onResolve({ filter: /^\./ }, (args) => {
        if (args.importer.includes(`${sep}node_modules${sep}`)) return undefined; // inside commander
        const target = resolve(dirname(args.importer), args.path);
        if (target.startsWith(cliDir + sep)) return undefined;
        // Leaf modules of plain functions and data that every start needs: inlined (a copy
        // of a pure function is harmless; classes stay external, for instanceof).
        if (INLINED.has(relative(resolve('sim'), target).split(sep).join('/'))) return undefined;
        // A library module: imported from dist/ as tsc compiled it.
        return { path: './' + relative(cliDir, target).split(sep).join('/').replace(/\.ts$/, '.js'), external: true };
      });
      // commander is bundled too (only the CLI uses it, so one copy is all
      // there is). It loads node:child_process at its top for executable
      // subcommands, which sim never has: ~8 ms of every start. Inside the
      // bundle that module is a stand-in that loads it on first use.
      b.onResolve({ filter: /^node:child_process$/ }, (args) => (args.importer.includes(`${sep}commander${sep}`) ? { path: 'child_process', namespace: 'lazy' } : { path: args.path, external: true }));
      b.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({ contents: LAZY_CHILD_PROCESS, loader: 'js' }));
      const bundled = (args) => args.path === 'commander' || args.importer.includes(`${sep}commander${sep}`);
      b.onResolve({ filter: /^[^./]/ }, (args) => (bundled(args) ? undefined : { path: args.path, external: true }));
    },
  };
  // The bundle is ESM; commander's require() calls of Node's own modules need a require in scope.
  const banner = "import { createRequire as __simCreateRequire } from 'node:module';\nconst require = __simCreateRequire(import.meta.url);";
  await build({ entryPoints: ['sim/cli/bin.ts'], bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: BIN, allowOverwrite: true, logLevel: 'warning', plugins: [cliOnly], banner: { js: banner } });
}
