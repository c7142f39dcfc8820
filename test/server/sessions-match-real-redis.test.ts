// Connection-level behaviour replayed against what a real Redis 7.0.15
// cluster answered (test/fixtures/sessions-real-redis.json, recorded by
// test/fixtures/real-redis/record-sessions.ts from session-cases.ts):
// transactions with their cluster rules (QUEUED, CROSSSLOT at EXEC, MOVED
// while queuing then EXECABORT, WATCH), reads from a replica with READONLY,
// hashes, sets, list moves, WRONGTYPE, PUBLISH/SPUBLISH, ROLE, SCAN and AUTH
// errors. Each case runs on a fresh formed cluster, one simulated connection
// per (node, conn) of the case, steps one after another.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../sim/core/reply.ts';
import type { SessionStep } from '../fixtures/real-redis/session-cases.ts';
import { formedCluster, NetClient, type TestCluster } from './cluster-world.ts';

interface Fixture {
  cases: { name: string; steps: (SessionStep & { reply: Reply })[] }[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/sessions-real-redis.json', import.meta.url), 'utf8')) as Fixture;
const NAMES = ['A', 'B', 'C', 'A1', 'B1', 'C1'];

/** Addresses as @NAME, and for `shape` every number (offsets, ports) as 0. */
function normalize(r: Reply, t: TestCluster | null, shape: boolean, unordered: boolean): Reply {
  const name = (port: string): string => NAMES.find((n) => t !== null && String(t.P(n).port) === port) ?? port;
  switch (r.kind) {
    case 'error':
      return { kind: 'error', text: t === null ? r.text : r.text.replace(/127\.0\.0\.1:(\d+)/g, (_m, p: string) => `@${name(p)}`) };
    case 'int':
      return shape ? { kind: 'int', value: 0 } : r;
    case 'bulk':
      return shape && r.value !== null && /^\d+$/.test(r.value) ? { kind: 'bulk', value: '0' } : r;
    case 'array': {
      if (r.items === null) return r;
      const items = r.items.map((i) => normalize(i, t, shape, false));
      if (unordered) items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      return { kind: 'array', items };
    }
    default:
      return r;
  }
}

describe('sessions answer as a real 7.0.15 cluster did', () => {
  for (const c of fixture.cases) {
    it(c.name, () => {
      const t = formedCluster();
      const conns = new Map<string, NetClient>();
      const mismatches = [];
      for (const [i, st] of c.steps.entries()) {
        const id = `${st.on}/${st.conn ?? 0}`;
        if (!conns.has(id)) conns.set(id, new NetClient(t.w, `client-${id}`, t.P(st.on)));
        const conn = conns.get(id)!;
        const req = conn.send(...st.argv);
        t.run(30);
        const got = conn.reply(req);
        const sim = got === undefined ? null : normalize(got, t, st.shape ?? false, st.unordered ?? false);
        const real = normalize(st.reply, null, st.shape ?? false, st.unordered ?? false);
        if (JSON.stringify(sim) !== JSON.stringify(real)) mismatches.push({ step: i, argv: st.argv.join(' '), real, sim });
      }
      expect(mismatches).toEqual([]);
    });
  }
});
