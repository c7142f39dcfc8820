// The real `sim` process (sim/cli/bin.ts, as the compiled dist/cli/bin.js runs
// it) for what the in-process runs cannot see: the exit status the shell gets,
// stderr, and a reader that closes the pipe early. scripts/pack-test.mjs runs
// the same commands against the packed package.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
/** The sources' loader, by absolute URL so that a child started in any folder finds it. */
const tsx = import.meta.resolve('tsx');
const cwd = mkdtempSync(join(tmpdir(), 'sim-bin-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** `sim` as a shell function: the bin under tsx; its stderr goes to sim.err and its exit status to sim.status. */
const SIM_FUNCTION = 'sim() { "$SIM_NODE" --import "$SIM_TSX" "$SIM_BIN" "$@" 2>>sim.err; echo $? >sim.status; }';
const env = { ...process.env, SIM_NODE: process.execPath, SIM_TSX: tsx, SIM_BIN: join(repo, 'sim', 'cli', 'bin.ts') };

/** Run a bash pipeline in a scratch folder; reports what reached the end of the pipe, and sim's own stderr and exit status. */
function pipeline(script: string): { out: string; err: string; simExit: number } {
  writeFileSync(join(cwd, 'sim.err'), '');
  const out = execFileSync('bash', ['-c', `${SIM_FUNCTION}\n${script}`], { cwd, env, encoding: 'utf8' });
  return { out, err: readFileSync(join(cwd, 'sim.err'), 'utf8'), simExit: Number(readFileSync(join(cwd, 'sim.status'), 'utf8')) };
}

describe('the sim process', () => {
  it('no command: usage on stderr, nothing on stdout, exit 2', () => {
    const r = pipeline('sim');
    expect(r.simExit).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^Usage: sim \[options\] \[command\]/);
  }, 30_000);

  it('a closed pipe ends it quietly: 200k keyslot lines into head -1 (the write certainly hits EPIPE)', () => {
    const r = pipeline('seq 1 200000 | sim keyslot | head -1');
    expect(r.out).toBe('9842\n');
    expect(r.err).toBe('');
    expect(r.simExit).toBe(0);
  }, 30_000);

  it('sim keyslot a b c … | head -1', () => {
    // 30k keys as arguments: enough output (~170 KB) to outgrow the pipe's buffer, so the write hits EPIPE.
    const r = pipeline("sim keyslot $(seq -f 'k%g' 1 30000) | head -1");
    expect(r.out.split('\n')).toHaveLength(2);
    expect(r.err).toBe('');
    expect(r.simExit).toBe(0);
  }, 30_000);

  it('keys from an endless stdin are answered as they come (a filter, bounded memory): yes abc | sim keyslot | head -2', () => {
    // CLUSTER KEYSLOT abc is 7638 on real Redis.
    const r = pipeline('yes abc | sim keyslot | head -2');
    expect(r.out).toBe('7638\n7638\n');
    expect(r.simExit).toBe(0);
  }, 30_000);

  it('a stdin "line" of more than 64 MB with no newline is refused, exit 2, instead of being held whole', () => {
    const r = pipeline("head -c 70000000 /dev/zero | tr '\\0' a | sim keyslot");
    expect(r.out).toBe('');
    expect(r.err).toBe('stdin: a line of more than 64 MB with no newline; keys are read one per line\n');
    expect(r.simExit).toBe(2);
  }, 60_000);

  // The narration is small enough that it may all be written before head exits; either way: 0, quiet.
  it('sim run scenarios/split-brain.yaml | head -3', () => {
    const r = pipeline(`sim run ${JSON.stringify(join(repo, 'scenarios', 'split-brain.yaml'))} | head -3`);
    expect(r.out.split('\n')[0]).toBe('seed 1');
    expect(r.out.split('\n')).toHaveLength(4); // three lines (the third is blank), each ending in a newline
    expect(r.err).toBe('');
    expect(r.simExit).toBe(0);
  }, 60_000);
});
