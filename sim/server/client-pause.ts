// pauseClients / unpauseClients (networking.c): writes are paused during a
// cluster manual failover (on the master, for CLUSTER_MF_TIMEOUT * 2) and
// while a SHUTDOWN waits for replicas. Both are CLIENT_PAUSE_WRITE: commands
// that may replicate are postponed, not rejected, and are processed again
// when the pause ends. Redis keeps one pause per purpose and the pause in
// force ends at the furthest end time; a pause whose end time has passed is
// dropped the next time anyone checks (serverCron, beforeSleep).

export type PausePurpose = 'failover' | 'shutdown';

export class ClientPause {
  private failoverEnd = 0;
  private shutdownEnd = 0;
  /** Called when the pause in force ends (postponed clients are unblocked). */
  onUnpause: () => void = () => {};

  constructor(private readonly now: () => number) {}

  pause(purpose: PausePurpose, endMs: number): void {
    if (purpose === 'failover') this.failoverEnd = Math.max(this.failoverEnd, endMs);
    else this.shutdownEnd = Math.max(this.shutdownEnd, endMs);
  }

  unpause(purpose: PausePurpose): void {
    const was = this.active;
    if (purpose === 'failover') this.failoverEnd = 0;
    else this.shutdownEnd = 0;
    if (was && !this.active) this.onUnpause();
  }

  /** areClientsPaused(), without expiring anything. */
  get active(): boolean {
    return this.failoverEnd !== 0 || this.shutdownEnd !== 0;
  }

  /** checkClientPauseTimeoutAndReturnIfPaused(): drop expired pauses (end < now), report whether writes are paused. */
  check(): boolean {
    if (!this.active) return false;
    const now = this.now();
    const was = this.active;
    if (this.failoverEnd !== 0 && this.failoverEnd < now) this.failoverEnd = 0;
    if (this.shutdownEnd !== 0 && this.shutdownEnd < now) this.shutdownEnd = 0;
    if (was && !this.active) this.onUnpause();
    return this.active;
  }

  /** Whether a write arriving now is postponed (processCommand checks the current pause type, not the clock). */
  get writesPaused(): boolean {
    return this.active;
  }
}
