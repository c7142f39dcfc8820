// The ServerEnv of one process incarnation: how a RedisServer reaches the
// scheduler's clock, its own seeded stream, the network (bus and data
// connections), the recorder and its disk. Built by the World.

import type { LogLevel } from '../events/recorder.ts';
import type { EventBody } from '../events/types.ts';
import type { BusHandlers } from '../cluster/env.ts';
import type { ClusterMsg } from '../cluster/messages.ts';
import type { Prng } from '../core/prng.ts';
import { unixMs } from '../core/time.ts';
import type { Connection, EndpointHandler } from '../net/connection.ts';
import type { AofFile } from '../data/aof-file.ts';
import type { RdbFile } from '../data/rdb-file.ts';
import type { DataHandlers, DataService, ServerEnv, TimerHandle } from '../server/env.ts';
import type { SimProcess } from './process.ts';
import type { World } from './world.ts';

export function dataEndpoint(h: DataHandlers): EndpointHandler {
  return { onOpen: () => h.onOpen(), onData: (p) => h.onData(p), onClose: (r) => h.onClose(r) };
}

export function makeNodeEnv(world: World, proc: SimProcess, rng: Prng): ServerEnv {
  const net = world.net;
  const sched = world.sched;
  const pid = proc.pid;
  const incarnation = proc.incarnation;
  const alive = (): boolean => proc.incarnation === incarnation && proc.server !== null;
  const procIndex = world.processes.indexOf(proc);
  const names = world.recorder.names;
  return {
    processName: proc.name,
    nodeIds: world.nodeIds, tableRows: world.processes.length,
    rng,
    mstime: () => unixMs(sched.now),
    busConnect(ip: string, cport: number, handlers: BusHandlers) {
      const to = world.resolve(ip, cport, 'bus');
      if (to === undefined || !alive()) return undefined;
      // The link is the endpoint: bus handlers are an EndpointHandler as they are.
      return net.connect(pid, to, 'bus', handlers);
    },
    busSend(conn, msg: ClusterMsg, label: string) {
      net.send(conn as Connection, pid, msg, label);
    },
    busClose(conn) {
      net.close(conn as Connection, pid);
    },
    busPeerIp(conn) {
      return world.processByPid((conn as Connection).peerOf(pid))?.ip ?? '127.0.0.1';
    },
    emit(body: EventBody) {
      world.recorder.emit(sched.now, pid, body);
    },
    nodeIx(id: string) {
      return names.ofId(id);
    },
    nodeIdChanged(id: string) {
      // CLUSTER RESET HARD: the process now answers to a new node ID; `@B` is
      // the new one, `@B.previous` the old, and both print as B.
      proc.previousId = proc.nodeId;
      proc.nodeId = id;
      names.bindId(id, pid);
    },
    logEnabled(level: LogLevel) {
      return world.recorder.logEnabled(level);
    },
    log(level: LogLevel, text: string) {
      world.recorder.log(sched.now, pid, proc.osPid, proc.server?.roleChar ?? 'M', level, text);
    },
    saveConfig(render: () => string) {
      if (alive()) proc.disk.saveNodesConf(render);
    },
    epochsChanged() {
      world.epochChanges.note(procIndex);
    },
    dataConnect(ip: string, port: number, handlers: DataHandlers, service: DataService = 'client') {
      const to = world.resolve(ip, port, 'client');
      if (to === undefined || !alive()) return undefined;
      return net.connect(pid, to, service, dataEndpoint(world.wrapServerHandlers(proc, handlers)));
    },
    dataSend(conn, payload: unknown, label: string) {
      net.send(conn as Connection, pid, payload, label);
    },
    dataClose(conn) {
      net.close(conn as Connection, pid);
    },
    blockFor(ms: number) {
      world.blockProcess(proc, ms);
    },
    schedule(delayMs: number, fn: () => void): TimerHandle {
      let cancelled = false;
      sched.after(delayMs, () => {
        if (cancelled) return;
        world.runInProcess(proc, incarnation, () => {
          if (cancelled || !alive()) return;
          fn();
          proc.server?.afterEvent();
        });
      });
      return {
        cancel: () => {
          cancelled = true;
        },
      };
    },
    saveAof: (file: AofFile) => void (alive() && (proc.disk.aof = file)),
    saveRdb: (file: RdbFile) => void (alive() && (proc.disk.rdb = file)),
    exit() {
      world.exitProcess(proc);
    },
  };
}
