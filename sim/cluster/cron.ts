// clusterCron (every 100 ms, on each node's own phase) and
// clusterBeforeSleep (after every batch of events), in Redis's order.

import {
  CLUSTERMSG_TYPE_PING,
  CLUSTER_FAIL,
  CLUSTER_NODE_FAIL,
  CLUSTER_NODE_HANDSHAKE,
  CLUSTER_NODE_MASTER,
  CLUSTER_NODE_MIGRATE_TO,
  CLUSTER_NODE_MYSELF,
  CLUSTER_NODE_NOADDR,
  CLUSTER_NODE_PFAIL,
  CLUSTER_TODO_HANDLE_FAILOVER,
  CLUSTER_TODO_HANDLE_MANUALFAILOVER,
  CLUSTER_TODO_SAVE_CONFIG,
  CLUSTER_TODO_UPDATE_STATE,
} from './constants.ts';
import { clusterUpdateState } from './cluster-state.ts';
import { clusterHandleSlaveFailover } from './failover.ts';
import { clusterSendPing } from './gossip.ts';
import { clusterCreateOutboundLink } from './links-io.ts';
import { clusterHandleManualFailover, manualFailoverCheckTimeout } from './manual-failover.ts';
import { nodeHasAddr, nodeIsMaster, nodeIsSlave } from './node.ts';
import { H_DATA_RECEIVED, H_FLAGS, H_HAS_LINK, H_NUMSLOTS, H_PING_SENT, H_PONG_RECEIVED, type NodeStore } from './node-store.ts';
import { clusterDelNode, freeClusterLink } from './node-table.ts';
import { clusterHandleSlaveMigration } from './replica-migration.ts';
import type { ClusterState } from './state.ts';

// Module-local copies: imported bindings cost a load and a check per read in these loops.
const REC_FLAGS = H_FLAGS;
const REC_LINK = H_HAS_LINK;
const REC_PING = H_PING_SENT;
const REC_PONG = H_PONG_RECEIVED;
const RECONNECT_FLAGS = CLUSTER_NODE_MYSELF | CLUSTER_NODE_NOADDR | CLUSTER_NODE_PFAIL | CLUSTER_NODE_HANDSHAKE;

/** clusterNodeCronHandleReconnect for the entry in `row`: true if it was deleted (expired handshake). */
function clusterNodeCronHandleReconnect(cs: ClusterState, row: number, handshakeTimeout: number, now: number): boolean {
  const st = cs.store;
  const flags = st.i32[(row << 4) + H_FLAGS]!;
  if (flags & (CLUSTER_NODE_MYSELF | CLUSTER_NODE_NOADDR)) return false;
  if (flags & CLUSTER_NODE_PFAIL) cs.statsPfailNodes++;
  if (flags & CLUSTER_NODE_HANDSHAKE && now - st.ctime[row]! > handshakeTimeout) {
    const node = st.handle[row]!;
    cs.env.emit({ type: 'handshake', subject: cs.env.nodeIx(node.name), step: 'timed-out', ip: '', port: 0, cport: 0 });
    clusterDelNode(cs, node);
    return true;
  }
  if (st.i32[(row << 4) + H_HAS_LINK] === 0) clusterCreateOutboundLink(cs, st.handle[row]!);
  return false;
}


/** clusterCountNonFailingSlaves for the entry in `row`. */
function nonFailingSlaves(st: NodeStore, row: number): number {
  const slaves = st.slaves[row]!;
  let ok = 0;
  for (let k = 0; k < slaves.length; k++) if ((st.i32[(slaves[k]!.i << 4) + H_FLAGS]! & CLUSTER_NODE_FAIL) === 0) ok++;
  return ok;
}

const NO_ORPHANS = { orphanedMasters: 0, maxSlaves: 0, thisSlaves: 0 };

/**
 * The replica-migration part of clusterCron's per-node pass: working
 * replicas of each master (orphaned masters, the best-served master, mine).
 * It depends only on flags, slots and who replicates whom, so it is
 * counted again only when one of those changed (NodeStore.version).
 */
function countOrphans(cs: ClusterState): ClusterState['orphans'] {
  const st = cs.store;
  const o = cs.orphans;
  if (o.version === st.version && o.master === cs.myself.slaveof) return o;
  o.version = st.version;
  o.master = cs.myself.slaveof;
  o.orphanedMasters = o.maxSlaves = o.thisSlaves = 0;
  for (let k = 0; k < cs.nodeList.length; k++) {
    const row = cs.listRows[k]!;
    const flags = st.i32[(row << 4) + REC_FLAGS]!;
    if (flags & (CLUSTER_NODE_MYSELF | CLUSTER_NODE_NOADDR | CLUSTER_NODE_HANDSHAKE)) continue;
    if ((flags & CLUSTER_NODE_MASTER) === 0 || (flags & CLUSTER_NODE_FAIL) !== 0) continue;
    const okslaves = nonFailingSlaves(st, row);
    if (okslaves === 0 && st.i32[(row << 4) + H_NUMSLOTS]! > 0 && flags & CLUSTER_NODE_MIGRATE_TO) o.orphanedMasters++;
    if (okslaves > o.maxSlaves) o.maxSlaves = okslaves;
    if (o.master === st.handle[row]) o.thisSlaves = okslaves;
  }
  return o;
}

/**
 * Step 3 of clusterCron for the entry in `row`: link recycling, the
 * half-timeout PING, PFAIL. Returns true when it set PFAIL.
 */
function clusterCronCheckNode(cs: ClusterState, row: number, now: number, nt: number): boolean {
  const st = cs.store;
  const f = row << 3;
  const pingSent = st.f64[f + H_PING_SENT]!;
  const pingDelay = now - pingSent;
  const dataDelay = now - st.f64[f + H_DATA_RECEIVED]!;
  // No answer and no traffic for NT/2 on an old link: maybe the connection is bad; reconnect.
  // (The link's age is looked at last: it is the one field outside the row's record.)
  if (pingSent && pingDelay > nt / 2 && dataDelay > nt / 2 && st.i32[(row << 4) + H_HAS_LINK] !== 0 && now - st.link[row]!.ctime > nt) {
    freeClusterLink(cs, st.link[row]!);
  }

  if (pingSent === 0 && st.i32[(row << 4) + H_HAS_LINK] !== 0 && now - st.f64[f + H_PONG_RECEIVED]! > nt / 2) {
    clusterSendPing(cs, st.link[row]!, CLUSTERMSG_TYPE_PING);
    return false;
  }

  if (cs.mfEnd !== 0 && nodeIsMaster(cs.myself) && cs.mfSlave === st.handle[row] && st.link[row] !== null) {
    clusterSendPing(cs, st.link[row]!, CLUSTERMSG_TYPE_PING);
    return false;
  }

  if (pingSent === 0) return false;

  const nodeDelay = pingDelay < dataDelay ? pingDelay : dataDelay;
  if (nodeDelay > nt && !(st.i32[(row << 4) + H_FLAGS]! & (CLUSTER_NODE_PFAIL | CLUSTER_NODE_FAIL))) {
    const node = st.handle[row]!;
    if (cs.env.logEnabled('debug')) cs.env.log('debug', `*** NODE ${node.name} possibly failing`);
    node.flags |= CLUSTER_NODE_PFAIL;
    cs.env.emit({ type: 'pfail', subject: cs.env.nodeIx(node.name), noPongMs: pingDelay, silenceMs: dataDelay, timeoutMs: nt });
    return true;
  }
  return false;
}

/** Step 2 of clusterCron: once a second, PING the node with the oldest PONG among 5 random picks. */
function clusterCronRandomPing(cs: ClusterState): void {
  const st = cs.store;
  const rows = cs.listRows;
  const size = cs.nodeList.length;
  let minPongRow = -1;
  let minPong = 0;
  for (let j = 0; j < 5; j++) {
    const r = rows[cs.env.rng.int(size)]!;
    const f = r << 3;
    if (st.i32[(r << 4) + H_HAS_LINK] === 0 || st.f64[f + H_PING_SENT] !== 0) continue;
    if (st.i32[(r << 4) + H_FLAGS]! & (CLUSTER_NODE_MYSELF | CLUSTER_NODE_HANDSHAKE)) continue;
    if (minPongRow < 0 || minPong > st.f64[f + H_PONG_RECEIVED]!) {
      minPongRow = r;
      minPong = st.f64[f + H_PONG_RECEIVED]!;
    }
  }
  if (minPongRow >= 0) clusterSendPing(cs, st.link[minPongRow]!, CLUSTERMSG_TYPE_PING);
}

export function clusterCron(cs: ClusterState): void {
  cs.cronIteration++;
  // clusterUpdateMyselfHostname. Fix: this step was missing, so a node
  // started with cluster-announce-hostname never showed its own hostname on
  // its `myself` line (peers did learn it from the ping extension).
  cs.myself.hostname = cs.config.clusterAnnounceHostname;
  const nt = cs.nodeTimeout;
  const handshakeTimeout = Math.max(nt, 1000);
  // Redis reads mstime() again for every node; simulated time does not move within an event.
  const now = cs.env.mstime();
  const myself = cs.myself;

  // 1. Reconnects (and PFAIL count for gossip). Backwards: deletion swaps in the last node.
  cs.statsPfailNodes = 0;
  const st = cs.store;
  for (let k = cs.nodeList.length - 1; k >= 0; k--) {
    if (k >= cs.nodeList.length) continue;
    const row = cs.listRows[k]!;
    // Most entries are peers with their link up and nothing to count: skip them here.
    if ((st.i32[(row << 4) + REC_FLAGS]! & RECONNECT_FLAGS) === 0 && st.i32[(row << 4) + REC_LINK] !== 0) continue;
    clusterNodeCronHandleReconnect(cs, row, handshakeTimeout, now);
  }

  // 2. Once a second, PING the node with the oldest PONG among 5 random picks.
  if (cs.cronIteration % 10 === 0) clusterCronRandomPing(cs);

  // 3. Per node: orphan accounting, link recycling, half-timeout pings, PFAIL.
  let updateState = false;
  const iAmSlave = nodeIsSlave(myself);
  const orphansAtPass = iAmSlave ? countOrphans(cs) : undefined;
  const half = nt / 2;
  for (let k = 0; k < cs.nodeList.length; k++) {
    const row = cs.listRows[k]!;
    const flags = st.i32[(row << 4) + REC_FLAGS]!;
    if (flags & (CLUSTER_NODE_MYSELF | CLUSTER_NODE_NOADDR | CLUSTER_NODE_HANDSHAKE)) continue;
    // The common case, nothing due: no PING out and the last PONG younger
    // than NT/2 (or no link to ping on), or a PING out for less than NT/2.
    const f = row << 3;
    const pingSent = st.f64[f + REC_PING]!;
    if (cs.mfEnd === 0 && (pingSent === 0 ? st.i32[(row << 4) + REC_LINK] === 0 || now - st.f64[f + REC_PONG]! <= half : now - pingSent <= half)) {
      continue;
    }
    if (clusterCronCheckNode(cs, row, now, nt)) updateState = true;
  }

  // 4. A replica whose replication is off starts it once its master has an address.
  if (iAmSlave && !cs.server.replicationConfigured() && myself.slaveof && nodeHasAddr(myself.slaveof)) {
    cs.server.replicationSetMaster(myself.slaveof.ip, myself.slaveof.port);
  }

  manualFailoverCheckTimeout(cs);

  if (nodeIsSlave(myself)) {
    clusterHandleManualFailover(cs);
    clusterHandleSlaveFailover(cs);
    // Counted as of the per-node pass (nothing it does changes the count: see countOrphans).
    const { orphanedMasters, maxSlaves, thisSlaves } = orphansAtPass ?? NO_ORPHANS;
    if (orphanedMasters > 0 && maxSlaves >= 2 && thisSlaves === maxSlaves && cs.config.clusterAllowReplicaMigration) {
      clusterHandleSlaveMigration(cs, maxSlaves);
    }
  }

  if (updateState || cs.state === CLUSTER_FAIL) clusterUpdateState(cs);
}

/**
 * clusterBeforeSleep: deferred work flagged during event handling. Flags
 * raised while it runs stay for the next loop iteration, as in Redis.
 * `saveConfig` writes nodes.conf (the caller renders it).
 */
export function clusterBeforeSleep(cs: ClusterState, saveConfig: () => void): void {
  const flags = cs.todoBeforeSleep;
  cs.todoBeforeSleep = 0;
  if (flags & CLUSTER_TODO_HANDLE_MANUALFAILOVER) {
    if (nodeIsSlave(cs.myself)) {
      clusterHandleManualFailover(cs);
      clusterHandleSlaveFailover(cs);
    }
  } else if (flags & CLUSTER_TODO_HANDLE_FAILOVER) {
    clusterHandleSlaveFailover(cs);
  }
  if (flags & CLUSTER_TODO_UPDATE_STATE) clusterUpdateState(cs);
  if (flags & CLUSTER_TODO_SAVE_CONFIG) saveConfig();
}
