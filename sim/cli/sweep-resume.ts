// `sim sweep … --resume`: the seeds an earlier sweep into the same folder
// already ran, so that only the rest run again. They come from the folder's
// metrics.csv (written by a sweep that finished or was stopped), and from the
// metrics.csv a sweep that died outright (SIGKILL, out of memory) had been
// appending to in its hidden partial folder. Rows of another scenario (the
// file's text changed since) are refused rather than mixed in.

import { createRequire } from 'node:module';
import { posix } from 'node:path';
import type { SeedMetrics } from '../sweep/metrics.ts';
import { UsageError, type CliIO } from './io.ts';
import { fsReason } from './report-folder.ts';

/** What reading an earlier sweep takes. */
type ResumeIO = Pick<CliIO, 'fs' | 'readFile' | 'pid' | 'isRunning'>;

/** A scenario text's fingerprint, kept in summary.json so that a resume can tell it is the same scenario. */
export function textHash(text: string): string {
  // Loaded here, not at the top: node:crypto costs ~7 ms of every start, and only sweeps hash.
  const { createHash } = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** A word as a shell reads it: bare when it is plain, else in single quotes. */
export function shellWord(w: string): string {
  return /^[A-Za-z0-9_./:=,+@%-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

/** Where earlier rows may be: the folder's metrics.csv, then the partial folders of dead runs. */
function candidates(io: ResumeIO, dir: string): string[] {
  const clean = posix.normalize(dir).replace(/\/+$/, '');
  const parent = posix.dirname(clean);
  const base = posix.basename(clean);
  const out = [posix.join(clean, 'metrics.csv')];
  if (io.fs.kind(parent) !== 'dir') return out;
  for (const n of io.fs.list(parent)) {
    const m = new RegExp(`^\\.(.+)\\.partial-(\\d+)$`).exec(n);
    if (m && m[1] === base && Number(m[2]) !== io.pid && !io.isRunning(Number(m[2]))) out.push(posix.join(parent, n, 'metrics.csv'));
  }
  return out;
}

/** summary.json's scenario fingerprint, if the folder has one. */
function earlierHash(io: ResumeIO, dir: string): string | undefined {
  try {
    return (JSON.parse(io.readFile(posix.join(dir, 'summary.json'))) as { scenario_sha256?: string }).scenario_sha256;
  } catch {
    return undefined;
  }
}

/**
 * The rows an earlier sweep into `dir` left, for the seeds asked for now
 * (by seed; a seed found twice counts once). A usage error when there is
 * nothing to resume, or it was another scenario.
 */
export async function earlierRows(io: ResumeIO, dir: string, text: string, seeds: readonly number[]): Promise<SeedMetrics[]> {
  const { parseMetricsCsv } = await import('../sweep/stats.ts');
  const hash = earlierHash(io, dir);
  if (hash !== undefined && hash !== textHash(text)) throw new UsageError(`--resume: ${dir}/ holds a sweep of another version of this scenario (its text changed); give a new --out`);
  const wanted = new Set(seeds);
  const found = new Map<number, SeedMetrics>();
  let read = 0;
  for (const path of candidates(io, dir)) {
    let csv: string;
    try {
      if (io.fs.kind(path) !== 'file') continue;
      csv = io.readFile(path);
    } catch (e) {
      throw new UsageError(`--resume: cannot read ${path}: ${fsReason(e)}`);
    }
    read++;
    let rows: SeedMetrics[];
    try {
      rows = parseMetricsCsv(csv);
    } catch (e) {
      throw new UsageError(`--resume: ${path} is not a metrics.csv sim wrote (${e instanceof Error ? e.message : String(e)})`);
    }
    for (const r of rows) if (wanted.has(r.seed) && !found.has(r.seed)) found.set(r.seed, r);
  }
  if (read === 0) throw new UsageError(`--resume: no earlier sweep in ${dir}/ (no metrics.csv); run without --resume`);
  return [...found.values()];
}
