// Rule: `sim check` refuses a `redis:` command the simulated server does not
// implement (it would only ever answer "unknown command", which reads like a
// typo), at the command's position, with the nearest implemented name; and
// its list is exactly the server's.

import { describe, expect, it } from 'vitest';
import { COMMAND_TABLE } from '../../sim/data/commands.ts';
import { serverCommandNames } from '../../sim/server/server-commands.ts';
import { REDIS_COMMANDS } from '../../sim/scenario/vocabulary.ts';
import { linesOf, scenarioOf } from './helpers.ts';

const at = (command: string, extra = ''): string => `timeline:\n  - at: 1s\n    redis: { node: A, command: "${command}"${extra} }\n`;

describe('redis: command names', () => {
  it('the scenario list is the server command table plus the keyspace command table', () => {
    const server = [...COMMAND_TABLE.keys(), ...serverCommandNames()].sort();
    expect([...REDIS_COMMANDS].sort()).toEqual(server);
  });

  it('a misspelt command is refused at its position with the nearest name', () => {
    expect(linesOf(at('SUNOIN {s}a {s}b'))).toEqual(['test.yaml:3:32: redis command: the simulator does not implement SUNOIN (did you mean "SUNION"?)']);
  });

  it('a real Redis command the simulator lacks is refused without a far-fetched guess', () => {
    expect(linesOf(at('SUBSCRIBE news'))).toEqual(['test.yaml:3:32: redis command: the simulator does not implement SUBSCRIBE']);
  });

  it('implemented commands pass whatever their case', () => {
    for (const c of ['multi', 'HGETALL h', 'sUnIoN {s}a {s}b', 'READONLY', 'Role', 'SCAN 0']) expect(scenarioOf(at(c)).timeline.length).toBe(1);
  });

  it('a named client is kept in the action; a bad name is refused', () => {
    const s = scenarioOf(at('MULTI', ', client: tx'));
    expect(s.timeline[0]!.action).toMatchObject({ type: 'redis', client: 'tx' });
    expect(linesOf(at('MULTI', ', client: "tx 1"'))[0]).toMatch(/^test\.yaml:3:\d+: redis client: "tx 1" is not a client name/);
  });
});
