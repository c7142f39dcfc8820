// The tool is a client of the simulated network like any other: it waits
// for a paused node, fails halfway when a node dies under it (leaving a
// slot open, as the real tool would), and `fix` then closes what it left.

import { describe, expect, it } from 'vitest';
import { keyHashSlot } from '../../sim/core/keyslot.ts';
import { bareCluster, CliHarness } from './harness.ts';

function formed(): CliHarness {
  const h = new CliHarness(bareCluster(3, 0, ['D']));
  h.cli('--cluster create @A @B @C --cluster-yes');
  h.start('D');
  h.cli('--cluster add-node @D @A');
  h.settle();
  return h;
}

describe('the tool takes simulated time and sees faults', () => {
  it('check against a paused node waits until it resumes, then completes', () => {
    const h = formed();
    h.world.pause(h.p('B'));
    h.world.sched.after(5000, () => h.world.resume(h.p('B')));
    const t0 = h.now;
    const r = h.cli('--cluster check @A');
    expect(r.exitCode).toBe(0);
    expect(h.now - t0).toBeGreaterThanOrEqual(5000);
  });

  it('a dead node is left out: check reports it unreachable and the cluster incomplete', () => {
    const h = formed();
    h.world.kill(h.p('C'));
    const r = h.cli('--cluster check @A');
    expect(r.output).toContain('Could not connect to Redis at 127.0.0.1:7002: Connection refused\n');
    expect(r.output).toContain('[ERR] Not all 16384 slots are covered by nodes.\n');
    expect(r.exitCode).toBe(1);
  });

  it('the target dying mid-migration stops the tool with an error and leaves the slot open; fix closes it', () => {
    const h = formed();
    for (let i = 0; i < 300; i++) h.set(`key:${i}`, `v${i}`);
    // Kill D as soon as A has a slot MIGRATING to it, once a few slots have moved.
    const poll = (): void => {
      const a = h.p('A').server!.cs;
      if (a.migratingSlotsTo.size > 0 && [...a.migratingSlotsTo.keys()][0]! >= 10) h.world.kill(h.p('D'));
      else h.world.sched.after(0.25, poll);
    };
    poll();
    const r = h.cli('--cluster reshard @A --cluster-from @A --cluster-to @D --cluster-slots 60 --cluster-yes');
    expect(r.exitCode).toBe(1);
    expect(r.why).toMatch(/clusterManagerMoveSlot failed|replied with error/);
    const open = [...h.p('A').server!.cs.migratingSlotsTo.keys()];
    expect(open).toHaveLength(1);
    const moves = [...r.output.matchAll(/^Moving slot (\d+) from 127\.0\.0\.1:7000/gm)].map((m) => Number(m[1]));
    expect(moves[moves.length - 1]).toBe(open[0]);

    // D comes back (without AOF its keys are gone), the operator runs fix.
    h.world.start(h.p('D'));
    h.run(5000);
    const fixed = h.cli('--cluster fix @A');
    expect(fixed.output).toContain(`>>> Fixing open slot ${open[0]}\n`);
    h.run(3000);
    for (const p of h.world.processes) {
      expect(p.server!.cs.migratingSlotsTo.size).toBe(0);
      expect(p.server!.cs.importingSlotsFrom.size).toBe(0);
    }
    expect(h.cli('--cluster check @A').exitCode).toBe(0);
    // Keys of the slots the reshard never reached are still on A.
    for (let i = 0; i < 300; i++) {
      const key = `key:${i}`;
      const slot = keyHashSlot(key);
      if (slot > open[0]! && slot <= 5460) expect(h.p('A').server!.keyspace.peek(key)?.value).toBe(`v${i}`);
    }
  });
});
