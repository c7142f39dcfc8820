// Where a run's CPU time went, from a V8 profile written by `node --cpu-prof`:
// self time by function and by sim/ folder, as percentages of the samples.
//
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx test/bench/cases.ts hour6
//   npx tsx scripts/cpu-profile-summary.ts /tmp/prof/CPU.*.cpuprofile [TOP]

import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

const [file, topText] = process.argv.slice(2);
if (!file) {
  console.error('usage: cpu-profile-summary FILE.cpuprofile [TOP]');
  process.exit(2);
}
const top = Number(topText ?? 40);
const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[] };
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const hits = new Map<number, number>();
for (const s of prof.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
const total = prof.samples.length;

/** `sim/cluster/gossip.ts` from a file URL; '(native)' etc. for the rest. */
function where(url: string): string {
  const i = url.indexOf('/sim/');
  if (i >= 0) return url.slice(i + 1);
  const t = url.indexOf('/test/');
  if (t >= 0) return url.slice(t + 1);
  if (url.includes('node_modules')) return `node_modules/${url.split('node_modules/')[1]?.split('/')[0] ?? ''}`;
  return url === '' ? '(vm)' : url.replace(/^.*\//, '');
}

const fnSelf = new Map<string, number>();
const folderSelf = new Map<string, number>();
for (const [id, n] of hits) {
  const node = byId.get(id)!;
  const w = where(node.callFrame.url);
  const key = `${node.callFrame.functionName || '(anonymous)'} ${w}:${node.callFrame.lineNumber + 1}`;
  fnSelf.set(key, (fnSelf.get(key) ?? 0) + n);
  const folder = w.startsWith('sim/') ? w.split('/').slice(0, 2).join('/') : w.startsWith('node_modules') ? w : w.startsWith('test/') ? 'test' : w;
  folderSelf.set(folder, (folderSelf.get(folder) ?? 0) + n);
}

// Inclusive time: each sample counts once for every distinct function on its stack.
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const keyOf = (node: ProfileNode): string => `${node.callFrame.functionName || '(anonymous)'} ${where(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
const fnTotal = new Map<string, number>();
for (const [id, n] of hits) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const node = byId.get(at)!;
    if (!node.callFrame.url.includes('/sim/')) continue;
    seen.add(keyOf(node));
  }
  for (const k of seen) fnTotal.set(k, (fnTotal.get(k) ?? 0) + n);
}

const pct = (n: number): string => `${((100 * n) / total).toFixed(1).padStart(5)} %`;
console.log(`${total} samples`);
console.log('\nself time by folder');
for (const [k, n] of [...folderSelf].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${pct(n)}  ${k}`);
console.log('\nself time by function');
for (const [k, n] of [...fnSelf].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(n)}  ${k}`);
console.log('\ntotal (inclusive) time by sim/ function');
for (const [k, n] of [...fnTotal].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(n)}  ${k}`);
