// WAIT numreplicas timeout (replication.c waitCommand and friends): the
// client blocks until that many replicas acknowledged the offset its last
// command left the stream at, or the timeout passes; either way it gets the
// number of replicas that did. Blocking asks every replica for an ACK at
// once with REPLCONF GETACK (sent from beforeSleep, and itself part of the
// stream, so it moves the offset). Timeouts are noticed in beforeSleep and
// serverCron, as Redis's blocked-client timeouts are.

import { error, int, type Reply } from '../core/reply.ts';
import { NOT_AN_INTEGER, string2ll } from '../core/command-args.ts';
import { GETACK_CMD, respCommandBytes } from '../data/replication-stream.ts';
import type { ClientConn } from './client.ts';
import type { RedisServer } from './server.ts';

const GETACK_BYTES = respCommandBytes(GETACK_CMD);

const WAIT_ON_REPLICA = error(
  'ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 if a replica is configured to be writable (which is not the default) writes to replicas are just local and are not propagated.',
);

export class WaitingClients {
  /** server.clients_waiting_acks (newest first, as listAddNodeHead leaves it). */
  private readonly waiting: ClientConn[] = [];
  /** server.get_ack_from_slaves. */
  getAckFromSlaves = false;

  constructor(private readonly srv: RedisServer) {}

  /** waitCommand(): a reply now, or null when the client blocked. */
  waitCommand(c: ClientConn, argv: readonly string[]): Reply | null {
    const srv = this.srv;
    if (srv.repl.masterHost !== null) return WAIT_ON_REPLICA;
    const num = string2ll(argv[1]!);
    if (num === null) return NOT_AN_INTEGER;
    const t = string2ll(argv[2]!);
    if (t === null) return error('ERR timeout is not an integer or out of range');
    if (t < 0n) return error('ERR timeout is negative');
    const timeout = Number(t);
    const numreplicas = Number(num);
    const acked = srv.repl.master.countAcksByOffset(c.woff);
    if (acked >= numreplicas) return int(acked);
    c.blocked = { type: 'wait', offset: c.woff, numreplicas, deadline: timeout > 0 ? srv.env.mstime() + timeout : 0 };
    this.waiting.unshift(c);
    this.getAckFromSlaves = true;
    return null;
  }

  get count(): number {
    return this.waiting.length;
  }

  /** processClientsWaitingReplicas(): unblock the clients whose replicas caught up. */
  processClientsWaitingReplicas(): void {
    if (this.waiting.length === 0) return;
    const master = this.srv.repl.master;
    for (const c of [...this.waiting]) {
      const b = c.blocked;
      if (b?.type !== 'wait') continue;
      const acked = master.countAcksByOffset(b.offset);
      if (acked >= b.numreplicas) this.unblock(c, int(acked));
    }
  }

  /** handleBlockedClientsTimeout() for WAIT: reply with however many did acknowledge. */
  handleTimeouts(): void {
    if (this.waiting.length === 0) return;
    const now = this.srv.env.mstime();
    const master = this.srv.repl.master;
    for (const c of [...this.waiting]) {
      const b = c.blocked;
      if (b?.type === 'wait' && b.deadline !== 0 && b.deadline <= now) this.unblock(c, int(master.countAcksByOffset(b.offset)));
    }
  }

  /** beforeSleep: one GETACK for every WAIT that blocked in this iteration (not while writes are paused). */
  sendGetackIfNeeded(): void {
    if (!this.getAckFromSlaves || this.srv.pause.check()) return;
    this.getAckFromSlaves = false;
    if (this.srv.repl.masterHost === null) this.srv.repl.master.feedNoDb(GETACK_CMD, GETACK_BYTES);
  }

  /** A WAITing client got its reply, was disconnected, or was force-unblocked. */
  unblock(c: ClientConn, reply: Reply | null): void {
    const i = this.waiting.indexOf(c);
    if (i >= 0) this.waiting.splice(i, 1);
    this.srv.clients.unblock(c, reply);
  }

  remove(c: ClientConn): void {
    const i = this.waiting.indexOf(c);
    if (i >= 0) this.waiting.splice(i, 1);
  }
}
