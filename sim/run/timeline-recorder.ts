// Attaches the timeline's recorders to a World before it runs: node views
// after every event a node handles, delivered and dropped messages, and
// process starts, stops and pauses. Only watches: nothing here changes what
// the simulation does (no draws, no scheduling), so runs with and without it
// have the same trace hash.

import type { RedisServer } from '../server/server.ts';
import type { SimProcess } from './process.ts';
import type { ProcessChange, World } from './world.ts';
import type { TimelineRecord } from '../report/timeline/build.ts';
import type { DropRule } from '../report/timeline/faults.ts';
import { Proc } from '../report/timeline/model.ts';
import { MessageRecorder } from '../report/timeline/message-recorder.ts';
import { ViewRecorder } from '../report/timeline/view-recorder.ts';

export class TimelineRecorder implements TimelineRecord {
  /** Lane order: the world's processes in index order (masters, replicas, spares, added). */
  readonly nodes: string[];
  readonly nodeTimeoutsMs: number[];
  readonly views: ViewRecorder;
  readonly messages: MessageRecorder;
  /** Per lane: [t, Proc, …] at the exact times the process changed. */
  readonly procs: number[][];
  /** Message-level drop rules as the timeline added them (for the fault bands' ends). */
  readonly dropRules: DropRule[] = [];
  readonly startMs: number;
  private readonly laneOf = new Map<SimProcess, number>();

  constructor(private readonly world: World) {
    const procs = world.processes;
    this.nodes = procs.map((p) => p.name);
    this.nodeTimeoutsMs = procs.map((p) => p.config.clusterNodeTimeout);
    this.startMs = world.now;
    this.views = new ViewRecorder(procs.length);
    const laneOfPid = new Int16Array(world.net.processCount + 1024).fill(-1);
    procs.forEach((p, k) => {
      laneOfPid[p.pid] = k;
      this.laneOf.set(p, k);
    });
    this.messages = new MessageRecorder(laneOfPid);
    this.procs = procs.map(() => []);

    const previous = world.net.observer;
    world.net.observer = (sentAt, at, from, to, label, fault) => {
      previous?.(sentAt, at, from, to, label, fault);
      this.messages.delivered(sentAt, at, from, to, label, fault);
    };
    this.tapDrops();
    world.processListeners.push((p, change) => this.onProcess(p, change));
    // Processes the world started before we were attached (the formed cluster).
    procs.forEach((p, k) => {
      if (p.server) this.watch(p, k, p.server);
      else this.procs[k]!.push(world.now, Proc.Down);
    });
  }

  /**
   * Message-level drops are decided in MessageFaults.match and never reach
   * the delivery observer. The network has no drop observer, so this wraps
   * the world's MessageFaults instance: match() is only called while a drop,
   * duplicate or reorder rule is active, so runs without them pay nothing.
   */
  private tapDrops(): void {
    const faults = this.world.net.faults;
    const match = faults.match.bind(faults);
    const add = faults.add.bind(faults);
    faults.match = (now, from, to, label, roll) => {
      const action = match(now, from, to, label, roll);
      if (action === 'drop') this.messages.dropped(now, from, to, label);
      return action;
    };
    faults.add = (rule) => {
      if (rule.action === 'drop') this.dropRules.push({ at: this.world.now, untilMs: rule.untilMs });
      add(rule);
    };
  }

  private onProcess(p: SimProcess, change: ProcessChange): void {
    const k = this.laneOf.get(p);
    if (k === undefined) return;
    const now = this.world.now;
    if (change === 'up' && p.server) this.watch(p, k, p.server);
    else if (change === 'down') {
      this.procs[k]!.push(now, Proc.Down);
      this.views.noteDown(k, now);
    } else this.procs[k]!.push(now, change === 'paused' ? Proc.Paused : Proc.Up);
  }

  /**
   * Every event a Redis process handles ends in afterEvent (its beforeSleep):
   * cron, bus and client messages, timers, admin commands. Wrapping that one
   * method on this server instance sees every change to its table right
   * after it happens, at the simulated time it happens.
   */
  private watch(p: SimProcess, k: number, server: RedisServer): void {
    this.procs[k]!.push(this.world.now, Proc.Up);
    const afterEvent = server.afterEvent.bind(server);
    server.afterEvent = () => {
      afterEvent();
      // A stale callback of an earlier incarnation must not write into this lane.
      if (p.server === server) this.views.noteView(k, this.world.now, server.cs);
    };
    this.views.noteView(k, this.world.now, server.cs);
  }
}
