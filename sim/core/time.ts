// Virtual time. The simulation runs in milliseconds of simulated time, held as
// JS numbers. Whole milliseconds are what Redis itself sees (mstime()); network
// latencies may carry fractions, quantised to a microsecond so that every
// instant is the same double on every machine.

/** One simulated second, in ms. */
export const SECOND_MS = 1000;

/**
 * The wall-clock instant that simulated t=0 stands for, in unix ms. Redis
 * prints unix-ms timestamps (CLUSTER NODES) and dates (logs); a fixed epoch
 * keeps them byte-identical across runs. 2026-01-01T00:00:00Z makes the
 * HH:MM:SS.mmm part of every log line read directly as simulated time.
 */
export const UNIX_EPOCH_AT_ZERO_MS = 1_767_225_600_000;

/** Quantise a duration to whole microseconds (exactly reproducible). */
export function quantiseMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

const UNIT_MS: Record<string, number> = {
  us: 0.001,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parse a duration as written in scenario files: `250ms`, `1.5s`, `2m`, `1h`,
 * `500us`, or a plain number of milliseconds. Returns undefined when the text
 * is not a duration (the caller turns that into a positioned error).
 */
export function parseDurationMs(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(us|ms|s|m|h)?\s*$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? 'ms';
  return quantiseMs(n * UNIT_MS[unit]!);
}

/** Human form of a duration: `850ms`, `5.0s`, `2m30s`. */
export function formatDurationMs(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const a = Math.abs(ms);
  if (a < 1000) return `${sign}${Number.isInteger(a) ? a : a.toFixed(3).replace(/0+$/, '')}ms`;
  if (a < 60_000) return `${sign}${(a / 1000).toFixed(a % 100 === 0 ? 1 : 3).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '.0')}s`;
  const m = Math.floor(a / 60_000);
  const s = (a - m * 60_000) / 1000;
  return `${sign}${m}m${s ? `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s` : ''}`;
}

/** Simulated instant as seconds with millisecond precision: `12.345s`. */
export function formatSimTime(ms: number): string {
  return `${(Math.floor(ms) / 1000).toFixed(3)}s`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * Calendar date of a unix-ms instant, computed by hand (days-from-civil in
 * reverse) so that nothing under sim/ touches Date.
 */
function civil(unix: number): { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number } {
  const days = Math.floor(unix / 86_400_000);
  let rest = unix - days * 86_400_000;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const s = Math.floor(rest / 1000);
  const ms = rest - s * 1000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const mo = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (mo <= 2 ? 1 : 0);
  return { y, mo, d, h, mi, s, ms };
}

/** Redis's log date `22 Nov 2026 10:10:48.251` for a simulated instant. */
export function formatRedisLogDate(simMs: number): string {
  const c = civil(UNIX_EPOCH_AT_ZERO_MS + Math.floor(simMs));
  return `${pad(c.d, 2)} ${MONTHS[c.mo - 1]} ${c.y} ${pad(c.h, 2)}:${pad(c.mi, 2)}:${pad(c.s, 2)}.${pad(c.ms, 3)}`;
}

/** Unix milliseconds that a node reading mstime() at this simulated instant sees. */
export function unixMs(simMs: number): number {
  return UNIX_EPOCH_AT_ZERO_MS + Math.floor(simMs);
}
