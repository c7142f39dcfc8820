// In-process CLI runs: files read from a Map, then from the in-memory file
// system reports are written to, then from the real repo (scenario files);
// captured stdout/stderr, a fixed wall clock and seed, and signals a test
// can deliver at a chosen write.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../sim/cli/main.ts';
import type { CliIO } from '../../sim/cli/io.ts';
import type { SignalName } from '../../sim/cli/signals.ts';
import { MemoryFs } from './memory-fs.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** Every file in the in-memory file system when the command ended (reports, by path). */
  written: Map<string, string>;
  fs: MemoryFs;
}

export interface FakeOptions {
  /** The file system to use (to look at it, or to start with something in it). */
  fs?: MemoryFs;
  /** A signal that arrives while this path is being written (as if Ctrl-C came then); with `nth`, at its nth write. */
  signalAt?: { path: RegExp; signal: SignalName; nth?: number };
}

const repo = join(import.meta.dirname, '..', '..');

export async function runCli(args: string[], files: Record<string, string> = {}, stdin = '', opts: FakeOptions = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const fs = opts.fs ?? new MemoryFs();
  const handlers = new Set<(s: SignalName) => void>();
  if (opts.signalAt) {
    const { path, signal, nth = 1 } = opts.signalAt;
    let seen = 0;
    fs.beforeWrite = (p) => {
      if (path.test(p) && ++seen === nth) for (const h of handlers) h(signal);
    };
  }
  const io: CliIO = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: (p) => (p in files ? files[p]! : (fs.files.get(p) ?? readFileSync(join(repo, p), 'utf8'))),
    fs,
    pid: 4242,
    isRunning: () => false,
    onSignal(h) {
      handlers.add(h);
      return () => handlers.delete(h);
    },
    stdin: () => stdin,
    wallMs: () => 0,
    randomSeed: () => 4242,
  };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n'), written: fs.files, fs };
}
