// The progress line of long commands (sweep, fuzz), drawn from counts only.
// Elapsed wall time is passed in by the CLI, the one place allowed to read
// the clock; everything here is a pure function of its arguments.

const WIDTH = 30;

/** `1m05s`, `12s`, `0.4s`. */
export function formatWall(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * `[##########--------------------]  340/1000  2 failing  41s  ~1m20s left`.
 * The estimate assumes the remaining items take as long on average as the
 * finished ones (seeds of one scenario do).
 */
export function progressLine(done: number, total: number, failing: number, elapsedMs: number | undefined, what = ''): string {
  const filled = total > 0 ? Math.round((done / total) * WIDTH) : WIDTH;
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}]`;
  const count = `${String(done).padStart(String(total).length)}/${total}${what ? ` ${what}` : ''}`;
  const fails = failing > 0 ? `  ${failing} failing` : '';
  let time = '';
  if (elapsedMs !== undefined) {
    time = `  ${formatWall(elapsedMs)}`;
    if (done > 0 && done < total) time += `  ~${formatWall((elapsedMs / done) * (total - done))} left`;
  }
  return `${bar} ${count}${fails}${time}`;
}

/**
 * Whether a non-interactive log should get a line for this count: at every
 * tenth of the way, so a CI log gets about ten lines, not a thousand.
 */
export function isMilestone(done: number, total: number): boolean {
  if (done === total) return true;
  const step = Math.max(1, Math.ceil(total / 10));
  return done % step === 0;
}
