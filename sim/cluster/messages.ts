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
import type { NodeIds } from './node-ids.ts';
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

// Field offsets of one packed entry (GOSSIP_FIELDS numbers per entry).
export const G_NODE = 0;
export const G_PING = 1;
export const G_PONG = 2;
export const G_IP = 3;
export const G_PORT = 4;
export const G_CPORT = 5;
export const G_FLAGS = 6;
export const G_PPORT = 7;
export const GOSSIP_FIELDS = 8;

/**
 * The gossip section of a PING/PONG/MEET: clusterMsgDataGossip entries
 * packed into one array of numbers, 8 per entry, in wire order. The node ID
 * and the IP are carried as their indices in the run's NodeIds (the 40
 * characters are `ids.names[index]`), so building and reading a section
 * allocates nothing per entry and the receiver finds each node without
 * hashing its ID. Times are whole seconds, as on the wire.
 */
export class GossipSection {
  /** The entries, GOSSIP_FIELDS numbers each (room for `capacity`; the first `count` are set). */
  readonly data: Uint32Array;
  /** Entries in the section; the builder sets it once, before the packet is sent. */
  count = 0;

  constructor(capacity: number) {
    this.data = carve(capacity * GOSSIP_FIELDS);
  }

  /** A section from plain entries (tests, and callers that build few). */
  static of(entries: readonly GossipEntry[], ids: NodeIds): GossipSection {
    const s = new GossipSection(entries.length);
    s.count = entries.length;
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k]!;
      const o = k * GOSSIP_FIELDS;
      const d = s.data;
      d[o + G_NODE] = ids.intern(e.nodename);
      d[o + G_PING] = e.pingSent;
      d[o + G_PONG] = e.pongReceived;
      d[o + G_IP] = ids.internIp(e.ip);
      d[o + G_PORT] = e.port;
      d[o + G_CPORT] = e.cport;
      d[o + G_FLAGS] = e.flags;
      d[o + G_PPORT] = e.pport;
    }
    return s;
  }

  /** Entry `k` as a plain object (tests, reports). */
  entry(k: number, ids: NodeIds): GossipEntry {
    const d = this.data;
    const o = k * GOSSIP_FIELDS;
    return {
      nodename: ids.names[d[o + G_NODE]!]!,
      pingSent: d[o + G_PING]!,
      pongReceived: d[o + G_PONG]!,
      ip: ids.ips[d[o + G_IP]!]!,
      port: d[o + G_PORT]!,
      cport: d[o + G_CPORT]!,
      flags: d[o + G_FLAGS]!,
      pport: d[o + G_PPORT]!,
    };
  }

  entries(ids: NodeIds): GossipEntry[] {
    return Array.from({ length: this.count }, (_, k) => this.entry(k, ids));
  }
}

// Sections are carved from shared chunks: a typed array of its own costs
// microseconds to allocate (an off-heap buffer each), a view on a chunk tens
// of nanoseconds, and a 1000-node cluster sends tens of thousands of PINGs
// a simulated second. A chunk is freed once no packet still refers to it.
const CHUNK_WORDS = 16384;
let chunk = new ArrayBuffer(CHUNK_WORDS * 4);
let chunkUsed = 0;

function carve(words: number): Uint32Array {
  if (words > CHUNK_WORDS) return new Uint32Array(words);
  if (chunkUsed + words > CHUNK_WORDS) {
    chunk = new ArrayBuffer(CHUNK_WORDS * 4);
    chunkUsed = 0;
  }
  // A view made by the constructor: subarray() takes a much slower path.
  const view = new Uint32Array(chunk, chunkUsed * 4, words);
  chunkUsed += words;
  return view;
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
  gossip?: GossipSection;
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
