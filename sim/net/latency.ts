// One-way latency models. Every model has a floor: no message arrives sooner
// than the floor after it was sent (a real network never delivers in zero
// time, and a normal or exponential tail must not go negative).

import type { Prng } from '../core/prng.ts';
import { quantiseMs } from '../core/time.ts';

export type LatencyModel =
  | { distribution: 'constant'; ms: number }
  | { distribution: 'uniform'; minMs: number; maxMs: number }
  | { distribution: 'normal'; meanMs: number; stddevMs: number; floorMs?: number }
  | { distribution: 'exponential'; meanMs: number; floorMs?: number };

/** Smallest latency any model yields unless told otherwise: 10 µs. */
export const DEFAULT_FLOOR_MS = 0.01;

/** Loopback-like default: 0.05–0.25 ms, what the real-Redis measurements ran on. */
export const DEFAULT_LATENCY: LatencyModel = { distribution: 'uniform', minMs: 0.05, maxMs: 0.25 };

/** Lower and upper bounds a model can produce (upper may be Infinity). */
export function latencyBounds(model: LatencyModel): { min: number; max: number } {
  switch (model.distribution) {
    case 'constant':
      return { min: Math.max(model.ms, DEFAULT_FLOOR_MS), max: Math.max(model.ms, DEFAULT_FLOOR_MS) };
    case 'uniform':
      return { min: Math.max(model.minMs, DEFAULT_FLOOR_MS), max: Math.max(model.maxMs, DEFAULT_FLOOR_MS) };
    case 'normal':
    case 'exponential':
      return { min: model.floorMs ?? DEFAULT_FLOOR_MS, max: Infinity };
  }
}

/** Draw one latency, in ms, quantised to a microsecond. */
export function sampleLatency(model: LatencyModel, rng: Prng): number {
  let ms: number;
  let floor = DEFAULT_FLOOR_MS;
  switch (model.distribution) {
    case 'constant':
      ms = model.ms;
      break;
    case 'uniform':
      ms = rng.uniform(model.minMs, model.maxMs);
      break;
    case 'normal':
      ms = rng.normal(model.meanMs, model.stddevMs);
      floor = model.floorMs ?? DEFAULT_FLOOR_MS;
      break;
    case 'exponential':
      ms = rng.exponential(model.meanMs);
      floor = model.floorMs ?? DEFAULT_FLOOR_MS;
      break;
  }
  return quantiseMs(ms < floor ? floor : ms);
}

/** `0.2ms..1ms`-style description for reports. */
export function describeLatency(model: LatencyModel): string {
  switch (model.distribution) {
    case 'constant':
      return `${model.ms}ms`;
    case 'uniform':
      return `${model.minMs}ms..${model.maxMs}ms`;
    case 'normal':
      return `normal(${model.meanMs}ms, sd ${model.stddevMs}ms)`;
    case 'exponential':
      return `exponential(mean ${model.meanMs}ms)`;
  }
}
