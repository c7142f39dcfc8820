// Replication as one unit: the history (replid, offsets, backlog), the
// master side (replicas), the replica side (the link to our master), the
// 1 Hz replicationCron, and the ServerHooks the cluster code calls
// (replicationSetMaster / replicationUnsetMaster, offsets for headers and
// ranks, link state and timestamps for the data-age check, client pause).

import type { ServerHooks } from '../cluster/env.ts';
import { ReplicationHistory } from '../data/replication-history.ts';
import { NEWLINE, PING_CMD, respCommandBytes } from '../data/replication-stream.ts';
import { ReplMaster } from './repl-master.ts';
import { ReplReplica } from './repl-replica.ts';
import type { RedisServer } from './server.ts';

const PING_BYTES = respCommandBytes(PING_CMD);
/** repl-backlog-ttl default: a master with no replicas frees its backlog after an hour. */
const REPL_BACKLOG_TTL_SEC = 3600;

export class ServerReplication implements ServerHooks {
  readonly history: ReplicationHistory;
  readonly master: ReplMaster;
  readonly replica: ReplReplica;
  /** server.masterhost / masterport: null when this node is a master. */
  masterHost: string | null = null;
  masterPort = 0;
  /** replication_cron_loops. */
  private cronLoops = 0;

  constructor(private readonly server: RedisServer) {
    this.history = new ReplicationHistory(server.env.rng.fork('replid'), server.config.replBacklogSize);
    this.master = new ReplMaster(server);
    this.replica = new ReplReplica(server);
  }

  start(): void {}

  /** Propagate a master's commands to the AOF and the replicas (call() → propagatePendingCommands). Replicas never originate any. */
  propagate(cmds: readonly (readonly string[])[]): void {
    if (this.masterHost !== null) return;
    // server.dirty: one change per propagated command (what the save points count).
    this.server.rdb.dirty += cmds.length;
    for (let i = 0; i < cmds.length; i++) this.server.aof.append(cmds[i]!);
    this.master.feed(cmds);
  }

  // ---- replicationSetMaster / replicationUnsetMaster ------------------------------

  replicationSetMaster(ip: string, port: number): void {
    const srv = this.server;
    const wasMaster = this.masterHost === null;
    this.masterHost = null;
    // The old link goes first; with masterhost unset it does not reconnect by itself.
    if (this.replica.master !== null) this.replica.freeMaster(true);
    srv.clients.disconnectAllBlockedClients();
    this.masterHost = ip;
    this.masterPort = port;
    this.replica.cancelReplicationHandshake(false);
    if (wasMaster) {
      this.replica.discardCachedMaster();
      this.replica.cacheMasterUsingMyself();
    }
    this.replica.state = 'connect';
    srv.env.log('notice', `Connecting to MASTER ${ip}:${port}`);
    this.replica.connectWithMaster();
  }

  replicationUnsetMaster(): void {
    if (this.masterHost === null) return;
    const rep = this.replica;
    this.masterHost = null;
    if (rep.master !== null) rep.freeMaster(true);
    rep.discardCachedMaster();
    rep.cancelReplicationHandshake(false);
    const h = this.history;
    h.shiftReplicationId();
    this.server.env.log(
      'warning',
      `Setting secondary replication ID to ${h.replid2}, valid up to offset: ${h.secondReplidOffset}. New replication ID is ${h.replid}`,
    );
    this.master.disconnectSlaves();
    rep.state = 'none';
    h.slaveseldb = -1;
    this.master.noSlavesSince = rep.unixtime();
    rep.downSince = 0;
  }

  // ---- replicationCron (1 Hz) ------------------------------------------------------

  cron(): void {
    const srv = this.server;
    this.replica.cron();
    const m = this.master;
    const now = this.replica.unixtime();
    // PING replicas every repl-ping-replica-period, unless writes are paused for a manual failover
    // (the PING would move the offset the replica is waiting to reach).
    if (this.cronLoops % srv.config.replPingReplicaPeriod === 0 && m.slaves.length > 0 && this.masterHost === null) {
      const mfInProgress = srv.cs.mfEnd !== 0 && srv.pause.check();
      if (!mfInProgress) m.feedNoDb(PING_CMD, PING_BYTES);
    }
    for (const s of m.slaves) {
      if (s.replica!.replstate === 'wait_bgsave_start') srv.env.dataSend(s.conn, NEWLINE, 'repl-newline');
    }
    for (const s of [...m.slaves]) {
      const r = s.replica!;
      if (r.replstate === 'online' && now - r.ackTime > srv.config.replTimeout) {
        srv.env.log('warning', `Disconnecting timedout replica (streaming sync): ${m.slaveName(s)}`);
        m.freeReplica(s);
      }
    }
    const h = this.history;
    if (m.slaves.length === 0 && h.backlog !== null && this.masterHost === null && now - m.noSlavesSince > REPL_BACKLOG_TTL_SEC) {
      h.changeReplicationId();
      h.clearReplicationId2();
      h.freeBacklog();
      srv.env.log('notice', `Replication backlog freed after ${REPL_BACKLOG_TTL_SEC} seconds without connected replicas.`);
    }
    this.startPendingFork(now);
    this.cronLoops++;
  }

  /** replicationStartPendingFork(): the diskless delay is over for the replicas waiting. */
  private startPendingFork(now: number): void {
    const m = this.master;
    if (this.server.rdb.hasActiveChild) return;
    let waiting = 0;
    let maxIdle = 0;
    for (const s of m.slaves) {
      const r = s.replica!;
      if (r.replstate !== 'wait_bgsave_start') continue;
      waiting++;
      maxIdle = Math.max(maxIdle, now - r.psyncTime);
    }
    if (waiting > 0 && maxIdle >= this.server.config.replDisklessSyncDelay) m.startBgsaveForReplication();
  }

  // ---- ServerHooks ----------------------------------------------------------------------

  headerReplOffset(isMaster: boolean): number {
    return isMaster ? this.history.masterReplOffset : this.replicationGetSlaveOffset();
  }
  replicationGetSlaveOffset(): number {
    if (this.masterHost === null) return 0;
    const off = this.replica.master?.reploff ?? this.replica.cached?.reploff ?? 0;
    return off < 0 ? 0 : off;
  }
  replicationConfigured(): boolean {
    return this.masterHost !== null;
  }
  masterLinkUp(): boolean {
    return this.replica.state === 'connected';
  }
  masterLastInteraction(): number {
    return this.replica.master?.lastinteraction ?? this.replica.unixtime();
  }
  replDownSince(): number {
    return this.replica.downSince;
  }
  countKeysInSlot(slot: number): number {
    return this.server.keyspace.countKeysInSlot(slot);
  }
  getKeysInSlot(slot: number, count: number): string[] {
    return this.server.keyspace.getKeysInSlot(slot, count);
  }
  /** 7.0.15 deletes these keys without propagating anything (so not into the AOF either). */
  delKeysInSlot(slot: number): number {
    return this.server.keyspace.delKeysInSlot(slot);
  }
  dbSize(): number {
    return this.server.keyspace.size;
  }
  emptyData(): void {
    this.server.keyspace.flush();
  }
  pauseWritesUntil(unixMs: number): void {
    this.server.pause.pause('failover', unixMs);
  }
  unpauseWrites(): void {
    this.server.pause.unpause('failover');
  }
}
