// What Linux TCP does to the timing of a byte stream, reduced to the numbers
// the cluster bus can observe: retransmission timeouts for lost or stalled
// segments, SYN retries for a connect that gets no answer, and the point at
// which TCP gives up on a connection.

import type { Prng } from '../core/prng.ts';

/** Linux TCP_RTO_MIN: the first retransmission of a lost segment waits this long. */
export const RTO_MIN_MS = 200;
/** Linux TCP_RTO_MAX: exponential backoff stops doubling here. */
export const RTO_MAX_MS = 120_000;
/** Initial RTO of a SYN (RFC 6298 / Linux TCP_TIMEOUT_INIT). */
export const SYN_RTO_MS = 1000;
/** net.ipv4.tcp_syn_retries default: SYNs at 0, 1, 3, 7, 15, 31, 63 s, then ETIMEDOUT at 127 s. */
export const SYN_RETRIES = 6;
/** net.ipv4.tcp_retries2 default 15: about 924.6 s of backoff before an established connection times out. */
export const DATA_RETRIES = 15;

/**
 * Segments a sender may have delivered without an ACK back before it stops
 * sending new data: the send window, counted in messages (the simulator
 * does not size payloads). Only lost ACKs fill it (a one-way cut of the
 * reverse path); on an open path ACKs come back long before it fills.
 * Calibrated on real 7.0.15: with everything into a master dropped and
 * 50 writes/s, its replica stops receiving the stream after 1.37-1.55 s
 * (median 1.40 s over 5 runs), i.e. after about 70 single-write segments.
 */
export const SEND_WINDOW_SEGMENTS = 70;

/** Offsets from the first SYN at which a SYN is (re)sent, and the give-up offset. */
export const SYN_SCHEDULE_MS: readonly number[] = (() => {
  const out = [0];
  let rto = SYN_RTO_MS;
  for (let i = 0; i < SYN_RETRIES; i++) {
    out.push(out[out.length - 1]! + rto);
    rto *= 2;
  }
  return out;
})();
export const SYN_TIMEOUT_MS = SYN_SCHEDULE_MS[SYN_SCHEDULE_MS.length - 1]! + SYN_RTO_MS * 2 ** SYN_RETRIES;

/** Offset (from the first lost transmission) of retransmission k (k = 1, 2, ...). */
export function retransmitOffsetMs(k: number): number {
  let total = 0;
  let rto = RTO_MIN_MS;
  for (let i = 0; i < k; i++) {
    total += rto;
    rto = Math.min(rto * 2, RTO_MAX_MS);
  }
  return total;
}

/** How long after the first lost transmission TCP declares the connection dead. */
export const DATA_GIVE_UP_MS = retransmitOffsetMs(DATA_RETRIES + 1);

/**
 * First retransmission instant at or after `now` for a segment first lost at
 * `lostAt`; Infinity once TCP would have given up.
 */
export function nextRetransmitAt(lostAt: number, now: number): number {
  let t = lostAt;
  let rto = RTO_MIN_MS;
  for (let k = 0; k <= DATA_RETRIES; k++) {
    t += rto;
    if (t >= now) return t;
    rto = Math.min(rto * 2, RTO_MAX_MS);
  }
  return Infinity;
}

/**
 * Extra delay that random packet loss adds to one segment: each lost
 * transmission costs one RTO, doubling; the segment always arrives in the
 * end (TCP does not lose data while the connection lives).
 */
export function lossDelayMs(lossProbability: number, rng: Prng): number {
  if (lossProbability <= 0) return 0;
  let delay = 0;
  let rto = RTO_MIN_MS;
  // Bounded: with p < 1 the chance of 15 straight losses is negligible, and
  // TCP would have reset the connection by then anyway.
  for (let k = 0; k < DATA_RETRIES && rng.next() < lossProbability; k++) {
    delay += rto;
    rto = Math.min(rto * 2, RTO_MAX_MS);
  }
  return delay;
}
