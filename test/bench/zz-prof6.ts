import { loadScenario } from '../../sim/scenario/index.ts';
import { runScenario } from '../../sim/run/runner.ts';
const r = loadScenario('b.yaml', `name: bench\nduration: 3600s\ncluster: { masters: 3, replicas: 1 }\n`); if (!r.ok) throw new Error('bad');
for (const timeline of [false, true]) {
const t0 = performance.now();
const res = runScenario(r.scenario, { seed: 1, logLevel: 'warning', timeline });
const s = (performance.now()-t0)/1000;
console.log('timeline', timeline, ((res.endMs + res.warmupMs)/1000/s).toFixed(0), 'x', s.toFixed(2), 's');
}
