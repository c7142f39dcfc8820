// The data side of a run: workloads and their history, what the converged
// cluster finally holds, and the answers data conditions need (lost writes,
// list consistency, in-sync replicas, readable keys).

import { keyHashSlot } from '../core/keyslot.ts';
import type { DataOracle, Verdict } from '../check/conditions.ts';
import { isNemesisEvent } from '../report/history-edn.ts';
import type { Scenario } from '../scenario/types.ts';
import {
  EventTimeline,
  Workloads,
  checkListHistories,
  checkReads,
  findLostWrites,
  type ReadVerdict,
  type FinalState,
  type LostWrite,
  type Op,
} from '../workload/index.ts';
import { readAsClient } from './client-read.ts';
import type { SimProcess } from './process.ts';
import type { World } from './world.ts';

const OK: Verdict = { ok: true, why: '' };

export class RunData implements DataOracle {
  readonly workloads: Workloads;
  readonly timeline: EventTimeline;
  private lost: LostWrite[] | undefined;
  private reads: ReadVerdict | undefined;
  private ended = false;
  private writesAtEnd: Op[] | undefined;

  constructor(
    private readonly world: World,
    scenario: Scenario,
  ) {
    const seeds = scenario.nodes.filter((n) => n.runningAtStart).map((n) => ({ ip: n.ip, port: n.port }));
    this.workloads = new Workloads(world, scenario.workloads, seeds);
    this.timeline = new EventTimeline(world.recorder.names);
    const history = this.workloads.history;
    const recordNemesis = scenario.workloads.length > 0;
    world.recorder.onEvent((e) => {
      this.timeline.add(e);
      // Faults and operator commands after t=0 are history.edn's nemesis ops.
      if (recordNemesis && e.t >= 0 && isNemesisEvent(e)) history.nemesis(e);
    });
  }

  /** The master serving a slot now: the owner with the highest configEpoch in live views. */
  ownerOfSlot(slot: number): SimProcess | undefined {
    let best: { id: string; epoch: number } | undefined;
    for (const p of this.world.processes) {
      if (!this.world.isUp(p)) continue;
      const n = p.server!.cs.slots.owner(slot);
      if (n && (!best || n.configEpoch > best.epoch)) best = { id: n.name, epoch: n.configEpoch };
    }
    return best ? this.world.processes.find((p) => p.nodeId === best!.id) : undefined;
  }

  /** What the cluster holds for a key: what a client reading it from its slot's owner gets, following MOVED/ASK. */
  readonly finalState: FinalState = {
    read: (key) => readAsClient(this.world, this.ownerOfSlot(keyHashSlot(key)), key),
  };

  /** Lost acknowledged writes, computed once the run has ended (see end()). */
  lostWritesList(): LostWrite[] {
    return this.lost ?? findLostWrites(this.writes(), this.finalState, this.timeline);
  }

  /** Reads checked against the writes (stale, lost and phantom reads), computed once the run has ended. */
  readVerdict(): ReadVerdict {
    return this.reads ?? checkReads(this.workloads.history.ops(), this.lostWritesList(), this.timeline);
  }

  /** The write ops of the history (made once after the run: it does not change any more). */
  private writes(): Op[] {
    if (this.writesAtEnd) return this.writesAtEnd;
    const ops = this.workloads.history.ops({ writesOnly: true });
    if (this.ended) this.writesAtEnd = ops;
    return ops;
  }

  /** Close the run: ops still out end, lost writes are fixed and recorded as events. */
  end(): void {
    this.workloads.finish();
    this.ended = true;
    this.lost = findLostWrites(this.writes(), this.finalState, this.timeline);
    const now = this.world.now;
    for (const w of this.lost) {
      const node = this.world.recorder.names.ofName(w.node);
      this.world.recorder.emit(now, node, { type: 'write-lost', key: w.key, value: w.value, f: w.f, ackedMs: w.ackedMs, cause: w.cause });
    }
    this.reads = checkReads(this.workloads.history.ops(), this.lost, this.timeline);
  }

  get ackedWrites(): number {
    return this.workloads.history.counts().ackedWrites;
  }

  // ---- DataOracle ----------------------------------------------------------

  lostWrites(): number {
    return this.lostWritesList().length;
  }

  historyConsistent(): Verdict {
    const v = checkListHistories(this.writes(), this.finalState);
    return { ok: v.ok, why: v.why };
  }

  private masterOf(p: SimProcess): SimProcess | undefined {
    const id = p.server?.cs.myself.slaveof?.name;
    return id ? this.world.processes.find((q) => q.nodeId === id) : undefined;
  }

  inSync(name: string): Verdict {
    const replica = this.world.process(name);
    const r = replica.server;
    if (!r || !this.world.isUp(replica)) return { ok: false, why: `${replica.name} is not running` };
    const master = this.masterOf(replica);
    if (!master?.server) return { ok: false, why: `${replica.name} has no running master` };
    if (!r.repl.masterLinkUp()) return { ok: false, why: `${replica.name}'s link to ${master.name} is down` };
    const mine = r.repl.replicationGetSlaveOffset();
    const theirs = master.server.repl.history.masterReplOffset;
    return mine === theirs ? OK : { ok: false, why: `${replica.name} is at offset ${mine}, ${master.name} at ${theirs}` };
  }

  replicasConsistent(): Verdict {
    for (const p of this.world.processes) {
      if (!p.server || !this.world.isUp(p) || !p.server.cs.myself.slaveof) continue;
      if (!this.inSync(p.name).ok) continue;
      const m = this.masterOf(p)!;
      const diff = p.server.keyspace.firstDifference(m.server!.keyspace, p.server.env.mstime());
      if (diff !== null) return { ok: false, why: `${p.name} differs from its master ${m.name}: ${diff}` };
    }
    return OK;
  }

  keysReadable(): Verdict {
    for (const o of this.writes()) {
      if (o.type !== 'ok') continue;
      if (this.finalState.read(o.key) === undefined) return { ok: false, why: `acknowledged key ${o.key} does not read back` };
    }
    return OK;
  }
}
