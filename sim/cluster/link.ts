// clusterLink: one TCP connection of the cluster bus as a node holds it.
// A node has at most one outbound link per peer (node.link, opened by us)
// and one inbound link (node.inboundLink, opened by the peer). Which link a
// message arrives on matters: only a PONG on the outbound link refreshes
// pong_received, and therefore only it can clear PFAIL.

import type { ClusterNode } from './node.ts';

/** Opaque handle of the underlying connection, given by the environment. */
export type ConnHandle = unknown;

export class ClusterLink {
  /** Bytes queued and not yet acknowledged by the peer (CLUSTER LINKS send-buffer-allocated). */
  sendBufBytes = 0;
  /** The connect() completed (always true for inbound links). */
  connected: boolean;
  /** Freed by us or by the peer; no more traffic. */
  freed = false;

  constructor(
    /** Unix ms of creation. */
    readonly ctime: number,
    /** The peer; null on an inbound link until the first packet names a known sender. */
    public node: ClusterNode | null,
    readonly inbound: boolean,
    public conn: ConnHandle,
  ) {
    this.connected = inbound;
  }
}
