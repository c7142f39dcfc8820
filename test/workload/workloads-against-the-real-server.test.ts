// Integration: the workload clients against real RedisServer nodes of a
// formed 3x1 cluster (not the fake), through the World's network.
import { E } from '../helpers/event-builders.ts';
import { describe, expect, it } from 'vitest';
import { keyHashSlot } from '../../sim/core/keyslot.ts';
import { nodeIsMaster } from '../../sim/cluster/node.ts';
import { buildWorld } from '../../sim/run/build.ts';
import type { World } from '../../sim/run/world.ts';
import { checkListHistories } from '../../sim/workload/list-consistency.ts';
import { findLostWrites, type FinalState } from '../../sim/workload/lost-writes.ts';
import { EventTimeline } from '../../sim/workload/ownership-timeline.ts';
import { Workloads } from '../../sim/workload/workloads.ts';
import { scenarioOf } from '../scenario/helpers.ts';

/** The value of a key on the master that owns its slot in its own view. */
function finalState(world: World): FinalState {
  return {
    read(key) {
      const slot = keyHashSlot(key);
      for (const p of world.processes) {
        const s = p.server;
        if (s && world.isUp(p) && nodeIsMaster(s.cs.myself) && s.cs.slots.owner(slot) === s.cs.myself) {
          const v = s.keyspace.peek(key)?.value;
          return typeof v === 'string' || Array.isArray(v) ? v : undefined;
        }
      }
      return undefined;
    },
  };
}

function setup(keys: string, toS: number) {
  const sc = scenarioOf(`
name: t
duration: 40s
cluster: { masters: 3, replicas: 1, config: { cluster-node-timeout: 3000 } }
workload:
  - name: writers
    clients: 2
    rate: 200/s
    keys: ${keys}
    mix: { set: 0.5, get: 0.2, rpush: 0.2, incr: 0.1 }
    timeout: 500ms
    in-flight: 2
    from: 0s
    to: ${toS}s
`);
  const world = buildWorld(sc, { seed: 1 });
  const timeline = new EventTimeline(world.recorder.names);
  world.recorder.onEvent((e) => timeline.add(e));
  const w = new Workloads(world, sc.workloads, world.processes.map((p) => ({ ip: p.ip, port: p.port })));
  world.sched.runUntil(0);
  w.schedule();
  return { world, w, timeline };
}

describe('workloads against the real server', () => {
  it('a healthy cluster acknowledges everything, loses nothing, and every list is consistent', () => {
    const { world, w, timeline } = setup('300', 20);
    world.sched.runUntil(21_000);
    w.finish();
    const c = w.history.counts();
    expect(c.invoked).toBeGreaterThan(3900);
    expect(c.ok).toBe(c.invoked);
    const final = finalState(world);
    expect(findLostWrites(w.history.ops({ writesOnly: true }), final, timeline)).toEqual([]);
    expect(checkListHistories(w.history.ops(), final)).toMatchObject({ ok: true, why: '' });
  });

  it('writes acked by a minority master are lost when it rejoins as a replica, each with its story', () => {
    let tag = 0;
    while (keyHashSlot(`{t${tag}}`) > 5460) tag++;
    const { world, w, timeline } = setup(`{ count: 100, pattern: "{t${tag}}:%d" }`, 22);
    world.sched.runUntil(10_000);
    const a = world.process('A');
    const groups = [[a.pid, ...w.pids('writers')], world.processes.filter((p) => p !== a).map((p) => p.pid)];
    world.net.partition(groups);
    world.recorder.add(E.fault(world.now, 'partition', { groups }));
    world.sched.runUntil(25_000);
    world.net.healAll();
    world.recorder.add(E.fault(world.now, 'heal', { all: true }));
    world.sched.runUntil(40_000);
    w.finish();
    const final = finalState(world);
    const lost = findLostWrites(w.history.ops({ writesOnly: true }), final, timeline);
    const ackedByA = w.history.ops({ writesOnly: true }).filter((o) => o.type === 'ok' && o.node === 'A' && o.completeMs > 10_000);
    expect(ackedByA.length).toBeGreaterThan(100);
    expect(lost.length).toBe(ackedByA.length); // the workload stopped before the heal: nothing overwrote them
    expect(new Set(lost.map((l) => l.cause))).toEqual(new Set(['failover']));
    expect(lost[0]!.why).toMatch(/^acked by A at 10\.\d+ s while A was on the minority side of partition \[A,writers-0,writers-1\]\|\[B,C,A1,B1,C1\]; A1 was promoted at 1\d\.\d+ s \(epoch 7, offset \d+ < \d+ where the write ends in A's stream\); A became a replica of A1 at 25\.\d+ s and took its data; /);
    const lists = checkListHistories(w.history.ops(), final);
    expect(lists.ok).toBe(false);
    expect(new Set(lists.anomalies.map((a) => a.kind))).toEqual(new Set(['lost']));
  });
});
