// Message-level faults: things a TCP stream would never do on its own (lose
// one message but keep the connection, deliver one twice, deliver out of
// order). They exist to probe the protocol beyond reality, are opt-in, and
// every message they touch is marked in the trace so reports can say so.

export type MessageFaultAction = 'drop' | 'duplicate' | 'reorder';

export interface MessageFaultRule {
  action: MessageFaultAction;
  /** Message label to match (`PING`, `FAILOVER_AUTH_ACK`); undefined = any. */
  label?: string;
  /** Sending processes; undefined = any. */
  from?: ReadonlySet<number>;
  /** Receiving processes; undefined = any. */
  to?: ReadonlySet<number>;
  /** Probability that a matching message is affected (default 1). */
  probability?: number;
  /** Rule stops applying at this simulated time. */
  untilMs: number;
}

export class MessageFaults {
  private rules: MessageFaultRule[] = [];

  get active(): boolean {
    return this.rules.length > 0;
  }

  add(rule: MessageFaultRule): void {
    this.rules.push(rule);
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * The rule that applies to a message sent now, if any. Expired rules are
   * pruned here so that an idle fault list costs nothing.
   */
  match(now: number, from: number, to: number, label: string, roll: () => number): MessageFaultAction | undefined {
    if (this.rules.length === 0) return undefined;
    let found: MessageFaultAction | undefined;
    let expired = false;
    for (const r of this.rules) {
      if (r.untilMs <= now) {
        expired = true;
        continue;
      }
      if (found) continue;
      if (r.label !== undefined && r.label !== label) continue;
      if (r.from && !r.from.has(from)) continue;
      if (r.to && !r.to.has(to)) continue;
      if (r.probability !== undefined && r.probability < 1 && roll() >= r.probability) continue;
      found = r.action;
    }
    if (expired) this.rules = this.rules.filter((r) => r.untilMs > now);
    return found;
  }
}
