// A tiny world for network tests: processes that record what reaches them.
import { Prng } from '../../sim/core/prng.ts';
import { Scheduler } from '../../sim/core/scheduler.ts';
import { Trace } from '../../sim/core/trace.ts';
import type { CloseReason, Connection, EndpointHandler } from '../../sim/net/connection.ts';
import type { LinkConditions } from '../../sim/net/conditions.ts';
import { Network } from '../../sim/net/network.ts';

export interface Received {
  t: number;
  payload: unknown;
}

export class Recorder implements EndpointHandler {
  opened: number | undefined;
  closed: { t: number; reason: CloseReason } | undefined;
  received: Received[] = [];
  constructor(private readonly sched: Scheduler) {}
  onOpen(): void {
    this.opened = this.sched.now;
  }
  onData(payload: unknown): void {
    this.received.push({ t: this.sched.now, payload });
  }
  onClose(reason: CloseReason): void {
    this.closed = { t: this.sched.now, reason };
  }
}

export function makeNet(defaults: Partial<LinkConditions> = {}, seed = 1) {
  const sched = new Scheduler();
  const trace = new Trace();
  const net = new Network(sched, new Prng(seed).fork('net'), trace, defaults);
  /** Per process: the recorder of every connection it accepted. */
  const accepted = new Map<number, Recorder[]>();
  const add = (name: string, listening = true): number => {
    const pid = net.addProcess(name, {
      listens: () => listening,
      accept: (_c: Connection) => {
        const r = new Recorder(sched);
        accepted.get(pid)!.push(r);
        return r;
      },
    });
    accepted.set(pid, []);
    return pid;
  };
  const connect = (from: number, to: number) => {
    const rec = new Recorder(sched);
    const conn = net.connect(from, to, 'bus', rec);
    return { conn, rec };
  };
  return { sched, trace, net, add, connect, accepted };
}
