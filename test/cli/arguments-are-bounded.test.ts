// Rule: command-line values are checked against the run before it starts:
// `--at` must fall within the scenario, `--workers` within the machine, and a
// scenario file is read no further than a scenario may be long (a 50 MB file,
// /dev/zero). Each is a usage error: one line, exit 2, in well under a second.

import { describe, expect, it } from 'vitest';
import { nodeIO } from '../../sim/cli/io.ts';
import { maxWorkers } from '../../sim/sweep/sweep.ts';
import { runCli } from './fake-io.ts';

describe('--at', () => {
  it('past the end of the scenario is a usage error, not a replay of a million hours', async () => {
    const t0 = performance.now();
    const r = await runCli(['nodes', 'scenarios/master-crash.yaml', '--at', '1000000h', '--node', 'B']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('--at: 1000000h is after the end of scenarios/master-crash.yaml (duration 40.0s); the run is replayed up to --at, so it must fall within it');
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('at the very end is fine', async () => {
    const r = await runCli(['info', 'scenarios/master-crash.yaml', '--at', '40s', '--node', 'B']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^cluster_state:ok/);
  });
});

describe('--workers', () => {
  it('more than twice the cores is a usage error', async () => {
    const r = await runCli(['sweep', 'scenarios/master-crash.yaml', '--seeds', '1..3', '--workers', '10000']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^--workers: 10000 is more than ${maxWorkers()}, twice this machine's \\d+ cores? \\(`));
  });
});

describe('reading a scenario file', () => {
  it('reads at most one byte past the limit, whatever the file is', () => {
    const io = nodeIO();
    expect(io.readFile('/dev/zero', 1000)).toHaveLength(1001);
    expect(io.readFile('package.json', 5)).toBe('{\n  "n');
  });

  it('sim check of /dev/zero is a position and the limit, not a hang', async () => {
    const r = await runCli(['check', '/dev/zero'], { '/dev/zero': '\0'.repeat(300_000) });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^\/dev\/zero:1:262145: file too large; the limit is 256 KiB \(/);
  });
});
