// Which acknowledged writes a fault loses, checked against the model of why
// they are lost (issue: the data path's done-when):
// - split-brain: exactly the writes the isolated master acknowledged after
//   the cut and before its own cluster_state turned fail are lost; their
//   number grows with cluster-node-timeout; nothing acked after it is lost;
// - master crash: the promoted replica holds exactly the prefix of the
//   master's acknowledged writes that replication had delivered.
import { row, rows } from '../helpers/events.ts';
import { describe, expect, it } from 'vitest';
import { keyHashSlot } from '../../sim/core/keyslot.ts';
import { loadScenario } from '../../sim/scenario/index.ts';
import { runScenario, type RunResult } from '../../sim/run/runner.ts';

const CUT_MS = 10_000;
/** Reply latency: a write A processed just before its state turned fail reaches the client just after. */
const REPLY_SLACK_MS = 3;

/** Keys written exactly once: a later write to the same key would hide (or fake) a loss. */
function writtenOnce(r: RunResult): Set<string> {
  const count = new Map<string, number>();
  for (const o of r.data.workloads.history.ops({ writesOnly: true })) count.set(o.key, (count.get(o.key) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n === 1).map(([k]) => k));
}

function run(text: string, seed = 1): RunResult {
  const loaded = loadScenario('test.yaml', text);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.reason).join('; '));
  return runScenario(loaded.scenario, { seed, timeline: false });
}

const splitBrain = (nt: number): string => `
name: split-brain-${nt}
duration: 50s
cluster: { masters: 3, replicas: 1, config: { cluster-node-timeout: ${nt} } }
workload:
  - name: writers
    clients: 4
    rate: 400/s
    keys: { count: 1000000, pattern: "k:%d" }
    mix: { set: 1.0 }
    timeout: 500ms
    from: 2s
    to: 40s
timeline:
  - at: ${CUT_MS}
    partition: [[A], "*"]
  - at: 30s
    heal: all
`;

/** A's own cluster_state turning fail after the cut: from then on it refuses writes. */
function aFailsAt(r: RunResult): number {
  const e = rows(r.world).find((x) => x.t >= CUT_MS && x.node === 'A' && x.event === 'state' && x.detail.startsWith('state=fail'));
  if (!e) throw new Error('A never turned fail');
  return e.t;
}

describe('split-brain: the minority master loses what it acknowledged while it still believed it was ok', () => {
  const results = [3000, 6000].map((nt) => {
    const r = run(splitBrain(nt));
    const lost = r.data.lostWritesList();
    const aSlots = (key: string): boolean => keyHashSlot(key) <= 5460;
    const once = writtenOnce(r);
    const ackedByA = r.data.workloads.history
      .ops({ writesOnly: true })
      .filter((o) => o.type === 'ok' && o.node === 'A' && aSlots(o.key) && once.has(o.key));
    return { nt, r, lost, ackedByA, failAt: aFailsAt(r) };
  });

  it('every lost write was acknowledged by A between the cut and its own state fail', () => {
    for (const { lost, failAt } of results) {
      expect(lost.length).toBeGreaterThan(0);
      for (const w of lost) {
        expect(w.node).toBe('A');
        // A write in flight on the replication link at the cut is lost too: allow a few ms before it.
        expect(w.ackedMs).toBeGreaterThanOrEqual(CUT_MS - 5);
        expect(w.ackedMs).toBeLessThanOrEqual(failAt + REPLY_SLACK_MS);
        expect(w.cause).toBe('failover');
      }
    }
  });

  it('and every write A acknowledged in that window is lost: nothing is lost by luck or saved by luck', () => {
    for (const { lost, ackedByA, failAt } of results) {
      const lostKeys = new Set(lost.map((w) => w.key));
      const window = ackedByA.filter((o) => o.completeMs >= CUT_MS + 5 && o.completeMs <= failAt);
      expect(window.length).toBeGreaterThan(0);
      for (const o of window) expect(lostKeys.has(o.key), `${o.key} acked by A at ${o.completeMs}`).toBe(true);
      // After its state turned fail A acknowledges nothing more for its old slots.
      expect(ackedByA.filter((o) => o.completeMs > failAt + REPLY_SLACK_MS && o.completeMs < 30_000)).toEqual([]);
    }
  });

  it('the count scales with how long A kept accepting writes (about cluster-node-timeout)', () => {
    const [short, long] = results as [(typeof results)[0], (typeof results)[0]];
    for (const x of results) {
      // A serves a third of the key space; 400 writes/s spread over it.
      const expected = ((x.failAt - CUT_MS) / 1000) * 400 * (5461 / 16384);
      expect(x.lost.length).toBeGreaterThan(expected * 0.8);
      expect(x.lost.length).toBeLessThan(expected * 1.2);
      expect(x.failAt - CUT_MS).toBeGreaterThan(x.nt);
    }
    expect(long.lost.length).toBeGreaterThan(short.lost.length * 1.4);
  });

  it('each lost write is explained, with the promoted replica short of where the write ends in A\'s stream', () => {
    for (const w of results[0]!.lost) {
      expect(w.why).toMatch(/acked by A at \d+\.\d+ s while A was on the minority side of partition \[A\]\|/);
      const m = /A1 was promoted at \d+\.\d+ s \(epoch \d+, offset (\d+) < (\d+) where the write ends in A's stream\)/.exec(w.why);
      expect(m, w.why).not.toBeNull();
      expect(Number(m![1])).toBeLessThan(Number(m![2]));
    }
  });
});

describe('master crash: the promoted replica has exactly the writes that reached it', () => {
  it('present writes form a prefix of A\'s acknowledged writes in order; only the tail in flight is missing', () => {
    const r = run(`
name: crash-under-load
duration: 30s
cluster: { masters: 3, replicas: 1, config: { cluster-node-timeout: 3000 } }
workload:
  - name: writers
    clients: 8
    rate: 2000/s
    keys: { count: 1000000, pattern: "k:%d" }
    mix: { set: 1.0 }
    timeout: 500ms
    from: 2s
    to: 25s
timeline:
  - at: 10s
    kill: A
`);
    const once = writtenOnce(r);
    const ackedByA = r.data.workloads.history
      .ops({ writesOnly: true })
      .filter((o) => o.type === 'ok' && o.node === 'A' && keyHashSlot(o.key) <= 5460 && once.has(o.key))
      .sort((a, b) => a.completeMs - b.completeMs);
    expect(ackedByA.length).toBeGreaterThan(3000);
    const present = ackedByA.map((o) => r.data.finalState.read(o.key) === o.value);
    const firstMissing = present.indexOf(false);
    // Replication is a FIFO stream: once a write is missing, every later one is missing too.
    if (firstMissing >= 0) expect(present.slice(firstMissing).every((p) => !p)).toBe(true);
    const missing = firstMissing < 0 ? [] : ackedByA.slice(firstMissing);
    // Only writes acknowledged in the last moments before the crash can still have been in flight.
    for (const o of missing) expect(o.completeMs).toBeGreaterThan(10_000 - 5);
    const lostOnce = r.data.lostWritesList().filter((w) => once.has(w.key));
    expect(lostOnce.map((w) => w.key).sort()).toEqual(missing.map((o) => o.key).sort());
  });
});
