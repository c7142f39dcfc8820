// `redis-cli --cluster create`: the slot allocation and replica placement
// it proposes, for several shapes, against what the real redis-cli 7.0.15
// printed for the same shapes on 127.0.0.1; the random final pairing; the
// commands it sends (every node ends in the agreed layout); its refusals.

import { describe, expect, it } from 'vitest';
import { allocateSlots } from '../../sim/tools/redis-cli/create-layout.ts';
import { bareCluster, canonical, CliHarness, fixture, fixtureExit } from './harness.ts';

const SHAPES = ['3x0', '4x0', '5x0', '7x0', '6x1', '7x1', '8x1', '9x2', '10x2'] as const;

/** The lines of the layout proposal (before the M:/S: listing), from "Master[" to the optimizer's verdict. */
function proposal(text: string): string[] {
  return text.split('\n').filter((l) => /^(Master\[|Adding |>>> Trying|\[WARNING\] Some|\[OK\] Perfect)/.test(l));
}

function createShape(shape: string, seed = 1): { h: CliHarness; out: string; exit: number } {
  const [n, r] = shape.split('x').map(Number) as [number, number];
  const h = new CliHarness(bareCluster(n, 0), seed);
  const addrs = h.world.processes.map((p) => `@${p.name}`).join(' ');
  const res = h.cli(`--cluster create ${addrs} --cluster-replicas ${r} --cluster-yes`);
  return { h, out: h.mask(res.output), exit: res.exitCode };
}

describe('create: allocation and placement match real redis-cli 7.0.15', () => {
  it.each(SHAPES)('%s: same Master[i] ranges, same "Adding replica" lines, same optimizer verdict', (shape) => {
    const real = fixture(`create-${shape}`);
    const { out, exit } = createShape(shape);
    expect(exit).toBe(fixtureExit(`create-${shape}`));
    expect(proposal(out)).toEqual(proposal(real));
    expect(proposal(out).length).toBeGreaterThan(2);
  });

  it('allocateSlots reproduces every recorded Master[i] line (float steps, lround)', () => {
    for (const shape of SHAPES) {
      const real = fixture(`create-${shape}`);
      const ranges = [...real.matchAll(/^Master\[\d+\] -> Slots (\d+) - (\d+)$/gm)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(allocateSlots(ranges.length)).toEqual(ranges);
    }
  });

  it('6x1: the whole output is the real one, up to the replica pairing and hash-table order', () => {
    const { out } = createShape('6x1');
    // How many seconds the join takes (one dot each) is timing, not behaviour: 0 to 3 in real runs.
    const strip = (t: string): string =>
      canonical(t.replace(/replicates <id:\d+>/g, 'replicates <master>').replace(/to join\n\.*\n/, 'to join\n<dots>\n'));
    expect(strip(out)).toBe(strip(fixture('create-6x1')));
  });

  it('4 nodes with 1 replica each: refused with the real text, exit 1', () => {
    const { out, exit } = createShape('4x1');
    expect(out).toBe(fixture('create-4x1'));
    expect(exit).toBe(1);
  });
});

describe('create: the final pairing is random, as the real optimizer makes it', () => {
  /** Final pairing from the check at the end: replica port -> master port. */
  function pairing(h: CliHarness): string {
    return ['A1', 'B1', 'C1']
      .map((n) => {
        const masterId = h.p(n).server!.cs.myself.slaveof!.name;
        return `${h.p(n).port}->${h.world.processes.find((p) => p.nodeId === masterId)!.port}`;
      })
      .join(' ');
  }
  const EVEN = ['7003->7000 7004->7001 7005->7002', '7003->7001 7004->7002 7005->7000', '7003->7002 7004->7000 7005->7001'];

  it('every real run ended in one of the three even permutations of the proposal', () => {
    const real = fixture('create-6x1-pairings')
      .trim()
      .split('\n')
      .map((l) => l.trim().replace(/127\.0\.0\.1:/g, '').replace(/ -> /g, '->'));
    expect(real.length).toBeGreaterThanOrEqual(5);
    for (const p of real) expect(EVEN).toContain(p);
  });

  it('the simulated tool ends in those three too, all of them across seeds, and the nodes really replicate so', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const h = new CliHarness(bareCluster(3, 1), seed);
      const res = h.cli('--cluster create @A @B @C @A1 @B1 @C1 --cluster-replicas 1 --cluster-yes');
      expect(res.exitCode).toBe(0);
      const p = pairing(h);
      expect(EVEN).toContain(p);
      // What the tool announced is what the nodes did.
      for (const [replica, master] of p.split(' ').map((x) => x.split('->'))) {
        expect(h.mask(res.output)).toContain(`S: <id:${replica}> 127.0.0.1:${replica}\n   replicates <id:${master}>`);
      }
      seen.add(p);
    }
    expect(seen.size).toBe(3);
  });
});

describe('create: what it leaves behind', () => {
  it('configEpochs 1..6 in argument order, slots on the masters, every node agreeing', () => {
    const h = new CliHarness(bareCluster(3, 1));
    h.cli('--cluster create @A @B @C @A1 @B1 @C1 --cluster-replicas 1 --cluster-yes');
    const names = ['A', 'B', 'C', 'A1', 'B1', 'C1'];
    names.forEach((n, i) => expect(h.p(n).server!.cs.myself.configEpoch).toBe(i + 1));
    for (const viewer of names) {
      const cs = h.p(viewer).server!.cs;
      expect(cs.nodes.size).toBe(6);
      expect(cs.slots.owner(0)!.name).toBe(h.id('A'));
      expect(cs.slots.owner(5461)!.name).toBe(h.id('B'));
      expect(cs.slots.owner(16383)!.name).toBe(h.id('C'));
    }
  });

  it('refuses a node that already knows others (real text, exit 1) and changes nothing', () => {
    const h = new CliHarness(bareCluster(3, 1));
    h.cli('--cluster create @A @B @C @A1 @B1 @C1 --cluster-replicas 1 --cluster-yes');
    const res = h.cli('--cluster create @A @B @C');
    expect(h.mask(res.output)).toBe(fixture('create-not-empty'));
    expect(res.exitCode).toBe(fixtureExit('create-not-empty'));
  });

  it('without --cluster-yes nobody answers the prompt: nothing is configured, and the real tool exits 0 then', () => {
    const h = new CliHarness(bareCluster(3, 0));
    const res = h.cli('--cluster create @A @B @C');
    expect(res.output).toMatch(/Can I set the above configuration\? \(type 'yes' to accept\): $/);
    expect(res.exitCode).toBe(0);
    expect(h.p('A').server!.cs.myself.numslots).toBe(0);
  });
});
