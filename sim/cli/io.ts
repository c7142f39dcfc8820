// What every `sim` command shares: the I/O interface (so tests run the CLI
// in-process), the real I/O behind it, the usage error (one line, exit 2) and
// the option parsers. Nothing here may load the simulator: `sim keyslot`
// starts by loading this file, commander and its own few lines only, and
// every command loads the library it needs inside its action.
//
// sim/cli/ is the only place under sim/ that may read the wall clock (to show
// wall time) or draw an unseeded number (to pick a seed).

import { appendFileSync, closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../scenario/index.ts';
import { LIMITS } from '../scenario/limits.ts';
import type { FolderFs, FolderIO } from './report-folder.ts';
import type { SignalName } from './signals.ts';
import { CommandUsageError } from '../sweep/seeds.ts';

export interface CliIO extends FolderIO {
  out(text: string): void;
  err(text: string): void;
  /**
   * A file's text; with `maxBytes`, at most that many bytes and one more (so
   * that a 50 MB file, /dev/zero or a FIFO that never ends cost no more than
   * the limit: the loader then says the file is too large).
   */
  readFile(path: string, maxBytes?: number): string;
  /** Files and folders, for report folders (report-folder.ts) and fuzz's scenario files. */
  readonly fs: FolderFs;
  stdin(): string;
  /** stdin as it arrives (for filters that must not hold it all); optional: without it, stdin() is read whole. */
  stdinChunks?(): AsyncIterable<string>;
  wallMs(): number;
  randomSeed(): number;
  /**
   * Redraw the one-line progress display of a long command (sweep, fuzz) on
   * stderr; '' clears it. Optional: without it, progress goes to err() at milestones.
   */
  progress?(line: string): void;
  /**
   * Hear SIGINT and SIGTERM (instead of being stopped by them) until the
   * returned function is called. Optional: without it, signals are never heard.
   */
  onSignal?(handler: (signal: SignalName) => void): () => void;
}

/** What a command's action sets: the process exit code. */
export type SetExit = (code: number) => void;

/** Bad input or usage: one line, exit 2. */
export class UsageError extends Error {}

export const LOG_LEVELS = ['debug', 'verbose', 'notice', 'warning'];

export function parseSeed(v: string): number {
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`--seed: expected a non-negative integer, got "${v}"`);
  return Number(v);
}

export function parseCount(flag: string): (v: string) => number {
  return (v) => {
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`${flag}: expected a non-negative integer, got "${v}"`);
    return Number(v);
  };
}

/** A scenario (or --expect) file's text, read no further than a scenario may be long. */
export function readOrThrow(io: CliIO, file: string): string {
  try {
    return io.readFile(file, LIMITS.fileBytes.max);
  } catch {
    throw new UsageError(`${file}: cannot read file`);
  }
}

/** Read and load a scenario file; its errors are usage errors (one per line, exit 2). */
export async function loadOrThrow(io: CliIO, file: string): Promise<Scenario> {
  return (await loadFileOrThrow(io, file)).scenario;
}

/** The scenario and the text it was loaded from (sweeps hand the text to their workers). */
export async function loadFileOrThrow(io: CliIO, file: string): Promise<{ scenario: Scenario; text: string }> {
  const text = readOrThrow(io, file);
  const { loadScenario, formatScenarioError } = await import('../scenario/index.ts');
  const r = loadScenario(file, text);
  if (!r.ok) throw new UsageError(r.errors.map(formatScenarioError).join('\n'));
  return { scenario: r.scenario, text };
}

/** At most `maxBytes` + 1 bytes of a file (the +1 tells a file at the limit from one past it). */
function readPrefix(path: string, maxBytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(maxBytes + 1);
    let n = 0;
    for (let got = -1; got !== 0 && n < buf.length; n += got) got = readSync(fd, buf, n, buf.length - n, null);
    return buf.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Bad option values found past commander's parsing are usage errors too (exit 2). */
export async function asUsage<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw e instanceof CommandUsageError ? new UsageError(e.message) : e;
  }
}

/** Wall time since now, for progress lines and "took N s" (the only clock long commands see). */
export function stopwatch(io: CliIO): { elapsedMs(): number } {
  const t0 = io.wallMs();
  return { elapsedMs: () => io.wallMs() - t0 };
}

export function pickSeed(io: CliIO, flag: number | undefined, s: Scenario): number {
  return flag ?? s.seed ?? io.randomSeed();
}

/**
 * The package's version. package.json is two folders up both from
 * sim/cli/io.ts and from the compiled dist/cli/io.js.
 */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** node:fs as a FolderFs; with `base`, every path is taken relative to it (the catalogue snapshot writes under one folder). */
export function nodeFs(base?: string): FolderFs {
  const at = (p: string): string => (base === undefined ? p : join(base, p));
  return {
    kind(p) {
      try {
        const st = statSync(at(p));
        return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
        throw e;
      }
    },
    list: (p) => readdirSync(at(p)),
    mkdirp: (p) => void mkdirSync(at(p), { recursive: true }),
    mkdir: (p) => mkdirSync(at(p)),
    rmdir: (p) => rmdirSync(at(p)),
    writeFile: (p, t) => writeFileSync(at(p), t),
    appendFile: (p, t) => appendFileSync(at(p), t),
    rename: (a, b) => renameSync(at(a), at(b)),
    remove: (p) => rmSync(at(p), { recursive: true, force: true }),
  };
}

/** Whether a process runs: signal 0 tests for it (EPERM: it runs, as another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Real I/O: files, stdout/stderr, stdin, signals, the wall clock (display only) and an unseeded seed when none is given. */
export function nodeIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t + '\n'),
    err: (t) => process.stderr.write(t + '\n'),
    readFile: (p, maxBytes) => (maxBytes === undefined ? readFileSync(p, 'utf8') : readPrefix(p, maxBytes)),
    fs: nodeFs(),
    pid: process.pid,
    isRunning,
    onSignal(handler) {
      const on = (s: SignalName): void => handler(s);
      process.on('SIGINT', on);
      process.on('SIGTERM', on);
      return () => {
        process.off('SIGINT', on);
        process.off('SIGTERM', on);
      };
    },
    stdin: () => readFileSync(0, 'utf8'),
    stdinChunks: () => process.stdin.setEncoding('utf8'),
    wallMs: () => performance.now(),
    randomSeed: () => Math.floor(Math.random() * 1_000_000),
    progress: process.stderr.isTTY ? (line) => void process.stderr.write(`\r${line}\x1b[K`) : undefined,
  };
}
