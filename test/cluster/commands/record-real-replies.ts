// Records fixtures/real-replies.json: the replies a real redis-server 7.0.15
// gives to the steps of real-cases.ts. Start a throwaway lone node first:
//
//   d=$(mktemp -d); redis-server --port 32001 --bind 127.0.0.1 --cluster-enabled yes \
//     --cluster-config-file $d/nodes.conf --dir $d --save '' --appendonly no \
//     --enable-debug-command yes --daemonize yes --pidfile $d/pid
//   npx tsx test/cluster/commands/record-real-replies.ts 32001
//   kill $(cat $d/pid)
//
// Every case starts from FLUSHALL + CLUSTER RESET HARD and the config the
// node had when the recorder connected.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MODELLED_PARAMS } from '../../../sim/config/index.ts';
import type { Reply } from '../../../sim/core/reply.ts';
import { RespClient } from '../../fixtures/real-redis/resp-client.ts';
import { applyView, CASES, substitute } from './real-cases.ts';

const port = Number(process.argv[2] ?? 32001);
const out = fileURLToPath(new URL('./fixtures/real-replies.json', import.meta.url));
const client = await RespClient.connect(port);

const text = (r: Reply): string => (r.kind === 'bulk' ? (r.value ?? '') : r.kind === 'status' || r.kind === 'error' ? r.text : '');
const must = async (...argv: string[]): Promise<Reply> => {
  const r = await client.call(...argv);
  if (r.kind === 'error') throw new Error(`${argv.join(' ')}: ${r.text}`);
  return r;
};

const version = /redis_version:(\S+)/.exec(text(await must('INFO', 'server')))?.[1];
const defaults: [string, string][] = [];
for (const { name } of MODELLED_PARAMS) {
  const r = await must('CONFIG', 'GET', name);
  if (r.kind === 'array' && r.items && r.items.length === 2) defaults.push([name, text(r.items[1]!)]);
}

const cases = [];
for (const c of CASES) {
  await must('FLUSHALL');
  await must('CLUSTER', 'RESET', 'HARD');
  for (const [name, value] of defaults) await must('CONFIG', 'SET', name, value);
  const me = text(await must('CLUSTER', 'MYID'));
  const steps = [];
  for (const st of c.steps) {
    const reply = st.populate
      ? await must('DEBUG', 'POPULATE', '1', st.populate)
      : await client.call(...substitute(st.argv!, me));
    steps.push({ ...st, reply: applyView(st, reply, me) });
  }
  cases.push({ name: c.name, steps });
}
await must('FLUSHALL');
await must('CLUSTER', 'RESET', 'HARD');
client.close();

const lines = cases.map((c) => `  ${JSON.stringify(c)}`);
writeFileSync(
  out,
  `{"source":"redis-server ${version} (cluster-enabled, lone node, each case after FLUSHALL + CLUSTER RESET HARD), recorded by test/cluster/commands/record-real-replies.ts",\n` +
    ` "cases":[\n${lines.join(',\n')}\n]}\n`,
);
console.log(`wrote ${cases.length} cases to ${out}`);
