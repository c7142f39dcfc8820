// clusterLink: one TCP connection of the cluster bus as a node holds it.
// A node has at most one outbound link per peer (node.link, opened by us)
// and one inbound link (node.inboundLink, opened by the peer). Which link a
// message arrives on matters: only a PONG on the outbound link refreshes
// pong_received, and therefore only it can clear PFAIL.
//
// The link is also what the connection calls back (its BusHandlers): a
// 1000-node cluster holds two million links, so the callbacks are methods
// of the link itself rather than objects wrapped around it.

import { UNIX_EPOCH_AT_ZERO_MS } from '../core/time.ts';
import type { BusHandlers } from './env.ts';
import { clusterLinkClosed, clusterLinkConnectHandler } from './links-io.ts';
import type { ClusterMsg } from './messages.ts';
import type { ClusterNode } from './node.ts';
import { clusterProcessPacket } from './process-packet.ts';
import type { ClusterState } from './state.ts';

/** Opaque handle of the underlying connection, given by the environment. */
export type ConnHandle = unknown;

const INBOUND = 1;
const CONNECTED = 2;
const FREED = 4;

export class ClusterLink implements BusHandlers {
  /** Bytes queued and not yet acknowledged by the peer (CLUSTER LINKS send-buffer-allocated). */
  sendBufBytes = 0;
  /**
   * inbound, connected and freed as bits of one small integer: three
   * fields fewer on each of a 1000-node cluster's two million links.
   */
  private bits: number;

  /**
   * Creation time as whole ms after UNIX_EPOCH_AT_ZERO_MS: a small integer
   * the link holds inline, where unix ms would be a number boxed on the
   * heap for each of a 1000-node cluster's two million links.
   */
  private readonly created: number;

  constructor(
    /** Unix ms of creation. */
    ctime: number,
    /** The peer; null on an inbound link until the first packet names a known sender. */
    public node: ClusterNode | null,
    inbound: boolean,
    public conn: ConnHandle,
    /** The instance that holds the link; null for a link only tests look at. */
    private readonly cs: ClusterState | null = null,
  ) {
    // An inbound link is connected from the start.
    this.bits = inbound ? INBOUND | CONNECTED : 0;
    this.created = ctime - UNIX_EPOCH_AT_ZERO_MS;
  }

  /** Accepted from the peer (not opened by us). */
  get inbound(): boolean {
    return (this.bits & INBOUND) !== 0;
  }

  /** The connect() completed (always true for inbound links). */
  get connected(): boolean {
    return (this.bits & CONNECTED) !== 0;
  }

  set connected(on: boolean) {
    this.bits = on ? this.bits | CONNECTED : this.bits & ~CONNECTED;
  }

  /** Freed by us or by the peer; no more traffic. */
  get freed(): boolean {
    return (this.bits & FREED) !== 0;
  }

  set freed(on: boolean) {
    this.bits = on ? this.bits | FREED : this.bits & ~FREED;
  }

  /** Unix ms of creation. */
  get ctime(): number {
    return this.created + UNIX_EPOCH_AT_ZERO_MS;
  }

  // Each callback ends the event-loop iteration (the server's beforeSleep).

  onOpen(): void {
    const cs = this.cs!;
    clusterLinkConnectHandler(cs, this);
    cs.serverBeforeSleep();
  }

  onData(payload: unknown): void {
    const cs = this.cs!;
    if (!this.freed) clusterProcessPacket(cs, this, payload as ClusterMsg);
    cs.serverBeforeSleep();
  }

  onClose(reason: string): void {
    const cs = this.cs!;
    clusterLinkClosed(cs, this, reason);
    cs.serverBeforeSleep();
  }
}
