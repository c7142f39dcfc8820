// Rule: CONFIG GET and CONFIG SET answer as redis-server 7.0.15 does, for
// every parameter of the simulator's table: the values a freshly started
// node reports, names and aliases, patterns, and the exact error texts of
// refused SETs (test/fixtures/config-real-redis.json, recorded by
// test/fixtures/real-redis/record-config.ts from a server started with only
// --port, --cluster-enabled yes and --dir).
//
// Two values depend on where a process runs and are compared as
// placeholders: `port` (the real server's was free on the recording machine,
// a simulated node reports its own) and `dir` (the real server's temp dir,
// the simulator's one fixed directory).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configCommand } from '../../sim/cluster/commands/config-command.ts';
import { CONFIG_NAMES, defaultConfig, lookupConfig, RuntimeConfig } from '../../sim/config/index.ts';
import type { Reply } from '../../sim/core/reply.ts';
import { CONFIG_CASES } from '../fixtures/real-redis/config-cases.ts';

interface Fixture {
  process: { port: string; dir: string };
  startup: [string, string][];
  cases: { name: string; steps: { argv: string[]; reply: Reply }[] }[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/config-real-redis.json', import.meta.url), 'utf8')) as Fixture;

/** The port a simulated node listens on (any value would do: it is normalised). */
const SIM_PORT = 30001;
const simProcess = (): RuntimeConfig => new RuntimeConfig(defaultConfig(), { port: SIM_PORT });
const SIM = { port: String(SIM_PORT), dir: simProcess().text(lookupConfig('dir')!.param) };

const text = (r: Reply): string => (r.kind === 'bulk' ? (r.value ?? '') : '');

/** One name/value pair, with the process-dependent values of `where` replaced by placeholders. */
function pair(name: string, value: string, where: { port: string; dir: string }): string {
  const n = name.toLowerCase();
  if (n === 'port' && value === where.port) return `${name}=$PORT`;
  if (n === 'dir' && value === where.dir) return `${name}=$DIR`;
  return `${name}=${value}`;
}

/** A reply as compared: CONFIG GET pairs sorted (Redis answers in hash order) and normalised; anything else as is. */
function comparable(r: Reply, where: { port: string; dir: string }): Reply | string[] {
  if (r.kind !== 'array' || !r.items) return r;
  const pairs: string[] = [];
  for (let i = 0; i + 1 < r.items.length; i += 2) pairs.push(pair(text(r.items[i]!), text(r.items[i + 1]!), where));
  return pairs.sort();
}

describe('a freshly started node reports what 7.0.15 reports', () => {
  const real = new Map(fixture.startup);

  it('every name of the table exists in 7.0.15', () => {
    expect(CONFIG_NAMES.map((n) => n.name).filter((n) => !real.has(n))).toEqual([]);
  });

  it('every name of the table has the start-up value of 7.0.15 (port and dir normalised)', () => {
    const sim = comparable(configCommand(simProcess(), ['CONFIG', 'GET', '*']), SIM);
    const expected = CONFIG_NAMES.map((n) => pair(n.name, real.get(n.name) ?? '(missing)', fixture.process)).sort();
    expect(sim).toEqual(expected);
  });

  it("the port reported is the simulated process's own", () => {
    const rc = new RuntimeConfig(defaultConfig(), { port: 30004 });
    expect(comparable(configCommand(rc, ['CONFIG', 'GET', 'port']), { port: '', dir: '' })).toEqual(['port=30004']);
  });
});

describe('CONFIG GET and SET scripts answer as 7.0.15 does', () => {
  it('the fixture holds every case of config-cases.ts', () => {
    expect(fixture.cases.map((c) => c.name)).toEqual(CONFIG_CASES.map((c) => c.name));
  });

  for (const recorded of fixture.cases) {
    it(recorded.name, () => {
      const rc = simProcess();
      for (const { argv, reply } of recorded.steps) {
        const step = argv.join(' ').slice(0, 120);
        const got = comparable(configCommand(rc, argv), SIM);
        expect({ step, reply: got }).toEqual({ step, reply: comparable(reply, fixture.process) });
      }
    });
  }
});
