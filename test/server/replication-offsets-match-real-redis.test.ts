// master_repl_offset counts the RESP bytes of the stream exactly as a real
// 7.0.15 master does: the same command stream moves the simulated offset by
// the same number of bytes per command (fixture recorded by
// test/fixtures/real-redis/record-replication-offsets.ts), including the
// SELECT that opens the stream, lazy-expiry DELs, MULTI/EXEC wrapping and
// the REPLCONF GETACK of a blocking WAIT.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../sim/core/reply.ts';
import { formedCluster } from './cluster-world.ts';

interface Fixture {
  steps: { argv: string[]; sleepMs?: number; reply: Reply; delta: number }[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/replication-offsets-real-redis.json', import.meta.url), 'utf8')) as Fixture;

describe('replication offsets match a real 7.0.15 master', () => {
  const t = formedCluster({ masters: 1, replicasPerMaster: 1, config: { replPingReplicaPeriod: 3600, enableDebugCommand: 'yes' } });
  t.cmd('A', 'DEBUG', 'SET-ACTIVE-EXPIRE', '0');
  const offset = (): number => t.srv('A').repl.history.masterReplOffset;

  for (const [i, step] of fixture.steps.entries()) {
    it(`step ${i}: ${step.argv.join(' ').slice(0, 60)} moves the offset by ${step.delta}`, () => {
      if (step.sleepMs) t.run(step.sleepMs);
      const before = offset();
      const reply = t.cmd('A', ...step.argv);
      expect(offset() - before).toBe(step.delta);
      // WAIT blocks here (the real recording's replica never acknowledged): only its GETACK is compared.
      if (step.argv[0] !== 'WAIT') expect(reply).toEqual(step.reply);
      t.run(1);
    });
  }

  it('the replica applied the same stream: its processed offset equals the master offset', () => {
    t.run(2000);
    expect(t.srv('A1').repl.replicationGetSlaveOffset()).toBe(offset());
    expect(t.srv('A1').repl.history.masterReplOffset).toBe(offset());
  });
});
