// Latency and loss per directed link, with a default for every link that has
// no override. Lookups happen once per message, so overrides live in a Map
// keyed by a single number.

import type { Prng } from '../core/prng.ts';
import { DEFAULT_LATENCY, sampleLatency, type LatencyModel } from './latency.ts';

export interface LinkConditions {
  latency: LatencyModel;
  /** Packet loss probability; on TCP it costs retransmission time, not data. */
  lossProbability: number;
}

const key = (from: number, to: number): number => from * 0x100000 + to;

export class LinkTable {
  private defaults: LinkConditions;
  private readonly initial: LinkConditions;
  private readonly overrides = new Map<number, LinkConditions>();

  constructor(defaults: Partial<LinkConditions> = {}) {
    this.defaults = { latency: defaults.latency ?? DEFAULT_LATENCY, lossProbability: defaults.lossProbability ?? 0 };
    this.initial = this.defaults;
  }

  get(from: number, to: number): LinkConditions {
    if (this.overrides.size === 0) return this.defaults;
    return this.overrides.get(key(from, to)) ?? this.defaults;
  }

  latencyMs(from: number, to: number, rng: Prng): number {
    return sampleLatency(this.get(from, to).latency, rng);
  }

  /** Change the conditions of every link without an override (`network:` action). */
  setDefaults(change: Partial<LinkConditions>): void {
    this.defaults = { ...this.defaults, ...change };
  }

  /** Back to the scenario's initial network section. */
  resetDefaults(): void {
    this.defaults = this.initial;
  }

  /** Override both directions between every pair across xs and ys. */
  setBetween(xs: readonly number[], ys: readonly number[], change: Partial<LinkConditions>): void {
    for (const a of xs)
      for (const b of ys) {
        if (a === b) continue;
        this.overrides.set(key(a, b), { ...this.get(a, b), ...change });
        this.overrides.set(key(b, a), { ...this.get(b, a), ...change });
      }
  }

  /** Drop overrides between xs and ys (they follow the defaults again). */
  resetBetween(xs: readonly number[], ys: readonly number[]): void {
    for (const a of xs)
      for (const b of ys) {
        this.overrides.delete(key(a, b));
        this.overrides.delete(key(b, a));
      }
  }
}
