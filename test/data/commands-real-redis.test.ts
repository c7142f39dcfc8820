// execute() against what a real redis-server 7.0.15 replied and propagated
// for the same command scripts (test/fixtures/commands-real-redis.json,
// recorded by test/fixtures/real-redis/record-commands.ts).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../sim/core/reply.ts';
import { COMMAND_TABLE, execute } from '../../sim/data/commands.ts';
import { Keyspace } from '../../sim/data/keyspace.ts';
import { normalizeTimes, substituteTimes } from '../fixtures/real-redis/normalize.ts';

interface Step {
  argv: string[];
  sleepMs?: number;
  unordered?: boolean;
  approx?: number;
  reply: Reply;
  propagate: string[][];
}

interface Fixture {
  source: string;
  commandInfo: Array<{ name: string; arity: number; flags: string[]; firstKey: number; lastKey: number; keyStep: number }>;
  cases: Array<{ name: string; steps: Step[] }>;
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/commands-real-redis.json', import.meta.url), 'utf8')) as Fixture;

/** A whole second, so `$NOW_S` placeholders land where the recorder made them land. */
const T0 = 1_700_000_000_000;

function comparable(r: Reply, step: Step, real: Reply): Reply {
  if (step.unordered && r.kind === 'array' && r.items) {
    const items = [...r.items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    return { kind: 'array', items };
  }
  // PTTL after a real round trip: accept the simulator's exact value if within the tolerance.
  if (step.approx !== undefined && r.kind === 'int' && real.kind === 'int' && Math.abs(r.value - real.value) <= step.approx) {
    return real;
  }
  return r;
}

describe('execute() replies and propagates as redis-server 7.0.15 did', () => {
  it('the fixture covers every command of the table', () => {
    const used = new Set(fixture.cases.flatMap((c) => c.steps.map((s) => s.argv[0]!.toLowerCase())));
    const untested = [...COMMAND_TABLE.keys()].filter((n) => !used.has(n));
    expect(untested).toEqual([]);
  });

  for (const c of fixture.cases) {
    it(c.name, () => {
      const ks = new Keyspace();
      let now = T0;
      const mismatches = [];
      for (const [i, step] of c.steps.entries()) {
        now += step.sleepMs ?? 0;
        const r = execute(ks, substituteTimes(step.argv, now), now);
        const reply = comparable(r.reply, step, step.reply);
        const propagate = (r.propagate ?? []).map((p) => normalizeTimes(p, now));
        const expected = { reply: comparable(step.reply, step, step.reply), propagate: step.propagate };
        if (JSON.stringify({ reply, propagate }) !== JSON.stringify(expected)) {
          mismatches.push({ step: i, argv: step.argv, real: expected, sim: { reply, propagate } });
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});

describe('the command table matches COMMAND INFO of redis-server 7.0.15', () => {
  it('same commands', () => {
    expect([...COMMAND_TABLE.keys()].sort()).toEqual(fixture.commandInfo.map((c) => c.name).sort());
  });

  it.each(fixture.commandInfo.map((c) => [c.name, c] as const))('%s: arity, flags, key positions', (name, info) => {
    const spec = COMMAND_TABLE.get(name)!;
    expect({ name: spec.name, arity: spec.arity, flags: spec.flags, firstKey: spec.firstKey, lastKey: spec.lastKey, keyStep: spec.keyStep }).toEqual(info);
    expect(spec.write).toBe(info.flags.includes('write'));
  });
});
