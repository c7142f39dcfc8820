// clusterManagerNode: what redis-cli knows about one node, read from that
// node's own CLUSTER NODES line (its slots, migrating and importing slots)
// and, for the entry node, the other lines (its "friends"). Parsing follows
// clusterManagerNodeLoadInfo token by token, including its quirks: only
// lines with an eighth space carry slots, and the flags string is kept as
// the node printed it.

import type { Link } from './link.ts';

export const CLUSTER_MANAGER_SLOTS = 16384;
export const CLUSTER_MANAGER_PORT_INCR = 10000;

export const FLAG_MYSELF = 1 << 0;
export const FLAG_SLAVE = 1 << 1;
export const FLAG_FRIEND = 1 << 2;
export const FLAG_NOADDR = 1 << 3;
export const FLAG_DISCONNECT = 1 << 4;
export const FLAG_FAIL = 1 << 5;

export class CliNode {
  link: Link | null = null;
  name: string | null = null;
  busPort: number;
  currentEpoch = 0;
  pingSent = 0;
  pingRecv = 0;
  flags = 0;
  flagsStr: string[] | null = null;
  /** Master ID if the node is a replica (or is to become one, in create). */
  replicate: string | null = null;
  /** Configuration to flush (create: ADDSLOTS or REPLICATE still to send). */
  dirty = false;
  slots = new Uint8Array(CLUSTER_MANAGER_SLOTS);
  slotsCount = 0;
  replicasCount = 0;
  friends: CliNode[] | null = null;
  /** [slot, destination ID] pairs, as the text gave them. */
  migrating: [string, string][] = [];
  /** [slot, source ID] pairs. */
  importing: [string, string][] = [];
  weight = 1;
  balance = 0;

  constructor(
    readonly ip: string,
    readonly port: number,
    busPort = 0,
  ) {
    this.busPort = busPort || port + CLUSTER_MANAGER_PORT_INCR;
  }

  get isSlave(): boolean {
    return (this.flags & FLAG_SLAVE) !== 0;
  }

  resetSlots(): void {
    this.slots.fill(0);
    this.slotsCount = 0;
  }
}

/** parseClusterNodeAddress: `ip:port[@cport]`; null when there is no colon. */
export function parseClusterNodeAddress(addr: string): { ip: string; port: number; busPort: number } | null {
  let rest = addr;
  let busPort = 0;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    busPort = atoi(rest.slice(at + 1));
    rest = rest.slice(0, at);
  }
  const colon = rest.lastIndexOf(':');
  if (colon < 0) return null;
  return { ip: rest.slice(0, colon), port: atoi(rest.slice(colon + 1)), busPort };
}

/** C's atoi: leading integer, 0 when there is none. */
export function atoi(s: string): number {
  const m = /^\s*[+-]?\d+/.exec(s);
  return m ? Math.trunc(Number(m[0])) | 0 : 0;
}

/**
 * Apply a CLUSTER NODES reply to `node` (clusterManagerNodeLoadInfo).
 * Returns false on a line without flags or with a bad address (after which
 * redis-cli gives up on the node). With `getFriends`, the other lines
 * become `node.friends`.
 */
export function loadNodesText(node: CliNode, text: string, getFriends: boolean): { ok: boolean; badAddress?: boolean } {
  const lines = text.split('\n');
  lines.pop(); // text after the last newline is never a line
  for (const raw of lines) {
    const tokens = raw.split(' ');
    const fields = tokens.slice(0, 8);
    const hasSlots = tokens.length > 8;
    const [name, addr, flags, masterId, pingSent, pingRecv, configEpoch] = fields;
    if (flags === undefined) return { ok: false };
    const parsed = addr === undefined ? null : parseClusterNodeAddress(addr);
    if (!parsed) return { ok: false, badAddress: true };
    const myself = flags.includes('myself');
    let current: CliNode;
    if (myself) {
      node.busPort = parsed.busPort;
      node.flags |= FLAG_MYSELF;
      current = node;
      node.resetSlots();
      if (hasSlots) parseSlots(node, tokens.slice(8));
      node.dirty = false;
    } else if (!getFriends) {
      if (!(node.flags & FLAG_MYSELF)) continue;
      break;
    } else {
      current = new CliNode(parsed.ip, parsed.port, parsed.busPort);
      current.flags |= FLAG_FRIEND;
      (node.friends ??= []).push(current);
    }
    if (name !== undefined) current.name = name;
    current.flagsStr = [];
    for (const flag of flags.split(',').filter((f) => f.length > 0)) {
      if (flag === 'noaddr') current.flags |= FLAG_NOADDR;
      else if (flag === 'disconnected') current.flags |= FLAG_DISCONNECT;
      else if (flag === 'fail') current.flags |= FLAG_FAIL;
      else if (flag === 'slave') {
        current.flags |= FLAG_SLAVE;
        if (masterId !== undefined) current.replicate = masterId;
      }
      current.flagsStr.push(flag);
    }
    if (configEpoch !== undefined) current.currentEpoch = atoi(configEpoch);
    if (pingSent !== undefined) current.pingSent = atoi(pingSent);
    if (pingRecv !== undefined) current.pingRecv = atoi(pingRecv);
    if (!getFriends && myself) break;
  }
  return { ok: true };
}

/** The slot tokens of the myself line: ranges, single slots, [s->-id] and [s-<-id]. */
function parseSlots(node: CliNode, tokens: string[]): void {
  for (const def of tokens) {
    if (def.startsWith('[')) {
      const body = def.slice(1);
      let p = body.indexOf('->-');
      if (p >= 0) {
        node.migrating.push([body.slice(0, p), body.slice(p + 3).replace(/\].*$/, '')]);
        continue;
      }
      p = body.indexOf('-<-');
      if (p >= 0) node.importing.push([body.slice(0, p), body.slice(p + 3).replace(/\].*$/, '')]);
      continue;
    }
    const dash = def.indexOf('-');
    if (dash >= 0) {
      let start = atoi(def.slice(0, dash));
      const stop = atoi(def.slice(dash + 1));
      node.slotsCount += stop - (start - 1);
      while (start <= stop) node.slots[start++] = 1;
    } else if (def.length > 0) {
      node.slots[atoi(def)] = 1;
      node.slotsCount++;
    }
  }
}
