// Replication as the cluster code sees it (ServerHooks). Placeholder wiring
// until the replication stream lands: offsets stay where they are and the
// master link counts as up, so data-age checks always pass.

import type { ServerHooks } from '../cluster/env.ts';
import type { RedisServer } from './server.ts';

export class ServerReplication implements ServerHooks {
  masterReplOffset = 0;
  processedOffset = 0;
  masterHost: string | null = null;
  masterPort = 0;
  private writesPausedUntil = 0;

  constructor(private readonly server: RedisServer) {}

  start(): void {}
  cron(): void {}

  headerReplOffset(isMaster: boolean): number {
    return isMaster ? this.masterReplOffset : this.processedOffset;
  }
  replicationGetSlaveOffset(): number {
    return this.processedOffset;
  }
  replicationConfigured(): boolean {
    return this.masterHost !== null;
  }
  masterLinkUp(): boolean {
    return this.masterHost !== null;
  }
  masterLastInteraction(): number {
    return Math.floor(this.server.env.mstime() / 1000);
  }
  replDownSince(): number {
    return 0;
  }
  replicationSetMaster(ip: string, port: number): void {
    this.masterHost = ip;
    this.masterPort = port;
  }
  replicationUnsetMaster(): void {
    this.masterHost = null;
  }
  countKeysInSlot(slot: number): number {
    return this.server.keyspace.countKeysInSlot(slot);
  }
  getKeysInSlot(slot: number, count: number): string[] {
    return this.server.keyspace.getKeysInSlot(slot, count);
  }
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
    this.writesPausedUntil = unixMs;
  }
  unpauseWrites(): void {
    this.writesPausedUntil = 0;
  }
}
