// scenarios/half-finished-migration.yaml: a migration of slot 11694 cut
// short (IMPORTING on B, MIGRATING on C, 3 of 5 keys moved), C crashed and
// came back as C1's replica; `redis-cli --cluster fix` closes the slot.

import { describe, expect, it } from 'vitest';
import { redisCliTranscript } from '../../sim/tools/redis-cli/hook.ts';
import { failures, mutate, runFile, runText, scenarioText } from '../scenarios/helpers.ts';

describe('half-finished-migration.yaml (seed 1)', () => {
  const r = runFile('half-finished-migration.yaml', 1);
  const cli = redisCliTranscript(r.world);

  it('exits 0: the slot is closed everywhere, on B, with all five keys', () => {
    expect(failures(r)).toEqual([]);
    expect(r.exitCode).toBe(0);
    const b = r.world.process('B').server!;
    expect([1, 2, 3, 4, 5].map((i) => b.keyspace.peek(`{h}:${i}`)?.value)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5']);
  });

  it('fix walked through clusterManagerFixOpenSlot as redis-cli does for two key holders', () => {
    const fixLines = cli
      .slice(cli.lastIndexOf('>>> Fixing open slot'))
      .split('\n')
      .filter((l) => l !== '');
    expect(fixLines).toEqual([
      '>>> Fixing open slot 11694',
      '*** Found keys about slot 11694 in non-owner node 127.0.0.1:7001!',
      '*** Found keys about slot 11694 in node 127.0.0.1:7005!',
      'Set as importing in: 127.0.0.1:7001,127.0.0.1:7005',
      '>>> No single clear owner for the slot, selecting an owner by # of keys...',
      '*** Configuring 127.0.0.1:7001 as the slot owner',
      '>>> Case 2: Moving all the 11694 slot keys to its owner 127.0.0.1:7001',
      'Moving slot 11694 from 127.0.0.1:7005 to 127.0.0.1:7001: ..',
      '>>> Setting 11694 as STABLE in 127.0.0.1:7005',
      '>>> Check slots coverage...',
      '[OK] All 16384 slots covered.',
      '# exit 0 at ' + cli.slice(cli.lastIndexOf('# exit 0 at ') + 12).trim(),
    ]);
  });

  it('before the fix the check part reported the open slot as redis-cli words it', () => {
    expect(cli).toContain('[WARNING] Node 127.0.0.1:7001 has slots in importing state 11694.\n');
    expect(cli).toContain('[WARNING] The following slots are open: 11694.\n');
  });

  it('is deterministic: the same seed gives the same tool output and the same trace', () => {
    const again = runFile('half-finished-migration.yaml', 1);
    expect(redisCliTranscript(again.world)).toBe(cli);
    expect(again.world.trace.hex()).toBe(r.world.trace.hex());
  });

  it('without the fix the slot stays open and the scenario fails', () => {
    const text = mutate(scenarioText('half-finished-migration.yaml'), '  - after: 1s\n    redis-cli: "--cluster fix @A"\n', '');
    expect(runText('half-finished-migration.yaml', text, 1).exitCode).toBe(1);
  });
});
