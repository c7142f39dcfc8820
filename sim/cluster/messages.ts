// clusterMsg: the cluster bus packet as a plain object. Fields mirror the
// wire header (spec §5.1); a message is immutable once built, so a broadcast
// may hand the same object to every link, as Redis writes one buffer.

import {
  CLUSTERMSG_FULL_LEN,
  CLUSTERMSG_GOSSIP_ENTRY_LEN,
  CLUSTERMSG_MIN_LEN,
  CLUSTERMSG_TYPE_FAIL,
  CLUSTERMSG_TYPE_MEET,
  CLUSTERMSG_TYPE_PING,
  CLUSTERMSG_TYPE_PONG,
  CLUSTERMSG_TYPE_UPDATE,
} from './constants.ts';
import type { SlotBitmap } from './slot-bitmap.ts';

/** clusterMsgDataGossip: one node as the sender sees it. */
export interface GossipEntry {
  nodename: string;
  /** Seconds (ms / 1000, truncated), as on the wire. */
  pingSent: number;
  pongReceived: number;
  ip: string;
  port: number;
  cport: number;
  flags: number;
  pport: number;
}

export interface ClusterMsg {
  type: number;
  /** Total length on the wire (for byte accounting and the sendbuf limit). */
  totlen: number;
  port: number;
  currentEpoch: number;
  /** Sender's configEpoch if master, its master's if replica. */
  configEpoch: number;
  /** Master: master_repl_offset; replica: processed replication offset. */
  offset: number;
  sender: string;
  /** Sender's slots if master, its master's if replica. */
  myslots: SlotBitmap;
  /** Master's name if the sender is a replica, null if master. */
  slaveof: string | null;
  /** Announced IP or '' (receiver then uses the socket peer address). */
  myip: string;
  pport: number;
  cport: number;
  /** Sender's own flags (includes MYSELF). */
  flags: number;
  /** Sender's cluster state (informational). */
  state: number;
  /** mflags[0]: PAUSED, FORCEACK. */
  mflags: number;
  /** PING / PONG / MEET. */
  gossip?: readonly GossipEntry[];
  /** Hostname ping extension, when cluster-announce-hostname is set. */
  hostname?: string;
  /** FAIL: the failing node. */
  failNodeName?: string;
  /** UPDATE: the node whose configuration the receiver should adopt. */
  update?: { configEpoch: number; nodename: string; slots: SlotBitmap };
}

export function messageLength(type: number, gossipCount: number, hostname: string | undefined): number {
  switch (type) {
    case CLUSTERMSG_TYPE_PING:
    case CLUSTERMSG_TYPE_PONG:
    case CLUSTERMSG_TYPE_MEET: {
      let len = CLUSTERMSG_MIN_LEN + CLUSTERMSG_GOSSIP_ENTRY_LEN * gossipCount;
      if (hostname) len += 8 + (Math.floor((hostname.length + 1 + 7) / 8) * 8);
      return len;
    }
    case CLUSTERMSG_TYPE_FAIL:
      return CLUSTERMSG_MIN_LEN + 40;
    case CLUSTERMSG_TYPE_UPDATE:
      return CLUSTERMSG_FULL_LEN;
    default:
      return CLUSTERMSG_MIN_LEN;
  }
}
