// In-process CLI runs: files from a Map (falling back to the real repo for
// scenario files), captured stdout/stderr, a fixed wall clock and seed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../sim/cli/main.ts';
import type { CliIO } from '../../sim/cli/io.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
  written: Map<string, string>;
}

const repo = join(import.meta.dirname, '..', '..');

export async function runCli(args: string[], files: Record<string, string> = {}, stdin = ''): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, string>();
  const io: CliIO = {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    readFile: (p) => (p in files ? files[p]! : readFileSync(join(repo, p), 'utf8')),
    writeFile: (p, t) => void written.set(p, t),
    mkdirp: () => {},
    stdin: () => stdin,
    wallMs: () => 0,
    randomSeed: () => 4242,
  };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n'), written };
}
