// A `redis:` step's reply is narrated and recorded as redis-cli shows it,
// node IDs as names and nothing else rewritten (a replication ID stays
// whole), and a `reply:` pattern written from what is shown matches it.
// Patterns written against the older one-line form (`^-MOVED`) still match.

import { describe, expect, it } from 'vitest';
import { narrate } from '../../sim/report/narrate.ts';
import { runScenario } from '../../sim/run/runner.ts';
import { scenarioFrom } from './helpers.ts';

const s = scenarioFrom(`
name: replies
seed: 1
duration: 2s
cluster: { masters: 3, replicas: 1 }
timeline:
  - at: 1s
    redis: { node: A, command: "CLUSTER NODES", reply: { matches: "^A 127\\\\.0\\\\.0\\\\.1:7000@17000 myself,master .*\\\\nB 127\\\\.0\\\\.0\\\\.1:7001" } }
  - redis: { node: A, command: "INFO replication", reply: { matches: "master_replid:[0-9a-f]{40}\\\\n" } }
  - redis: { node: A, command: "CLUSTER REPLICAS @A", reply: { matches: "^1\\\\) \\"A1 127\\\\.0\\\\.0\\\\.1:7003@17003 slave A " } }
  - redis: { node: A, command: "SET foo bar", reply: { matches: "^\\\\(error\\\\) MOVED 12182 " } }
  - redis: { node: A, command: "SET foo bar", reply: { matches: "^-MOVED 12182 " } }
  - redis: { node: C, command: "RPUSH l a b", reply: "(integer) 2" }
  - redis: { node: C, command: "LRANGE l 0 -1", reply: "1) \\"a\\"\\n2) \\"b\\"" }
  - redis: { node: C, command: "CLUSTER MYID", reply: C }
`);

describe('replies as redis-cli shows them', () => {
  const r = runScenario(s, { seed: 1 });

  it('reply: patterns written from what is shown match (and the old one-line form still does)', () => {
    expect(r.stepFailures.map((f) => f.why)).toEqual([]);
  });

  it('the narration shows node IDs as names everywhere and leaves other 40-hex values whole', () => {
    const text = narrate(r.events, { names: r.names }).join('\n');
    expect(text).toMatch(/CLUSTER NODES → A 127\.0\.0\.1:7000@17000 myself,master/);
    expect(text).toMatch(/\n {21}A1 127\.0\.0\.1:7003@17003 slave A /);
    expect(text).not.toMatch(/[0-9a-f]{40} 127\.0\.0\.1/);
    expect(text).toMatch(/master_replid:[0-9a-f]{40}\n/);
    expect(text).toMatch(/LRANGE l 0 -1 → 1\) "a"\n {21}2\) "b"/);
  });
});
