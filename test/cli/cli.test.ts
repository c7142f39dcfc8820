import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './fake-io.ts';

const repo = join(import.meta.dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
/** The sources' loader, by absolute URL so that a child started in any folder finds it. */
const tsx = import.meta.resolve('tsx');

const noStack = (s: string): void => expect(s).not.toMatch(/\n\s+at .+\(|^\s+at /m);

describe('sim --help', () => {
  it('lists every command of the contract', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['run', 'check', 'sweep', 'fuzz', 'keyslot', 'nodes', 'info']) expect(r.out).toMatch(new RegExp(`^\\s+${c}\\b`, 'm'));
  });

  it('--version prints the version in package.json', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(pkg.version);
  });

  it('no command: usage on stderr, exit 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^Usage: sim /);
  });

  it('the bin runs (npx sim resolves to dist/cli/bin.js, compiled from sim/cli/bin.ts)', () => {
    expect(pkg.bin).toEqual({ sim: 'dist/cli/bin.js' });
    const out = execFileSync(process.execPath, ['--import', tsx, join(repo, 'sim', 'cli', 'bin.ts'), '--help'], { encoding: 'utf8' });
    expect(out).toMatch(/Usage: sim/);
  });
});

const bad: [string, string, RegExp][] = [
  ['YAML syntax error', 'name: x\ncluster: { masters: 3\n', /^bad\.yaml:\d+:\d+: /m],
  ['unknown key', 'name: x\nclustr: { masters: 3 }\n', /^bad\.yaml:2:1: .*clustr.*did you mean "cluster"/m],
  ['unknown node name', 'timeline:\n  - at: 1s\n    kill: Z9\n', /^bad\.yaml:3:11: .*Z9/m],
  ['negative duration', 'duration: -5s\n', /^bad\.yaml:1:11: /m],
  ['replicas < 0', 'cluster:\n  replicas: -1\n', /^bad\.yaml:2:13: /m],
  ['a timeline entry with two actions', 'timeline:\n  - at: 1s\n    kill: A\n    restart: A\n', /^bad\.yaml:4:5: .*2 actions/m],
  ['at: not a time', 'timeline:\n  - at: soon\n    kill: A\n', /^bad\.yaml:2:9: .*soon/m],
  ['unknown action', 'timeline:\n  - at: 1s\n    kil: A\n', /^bad\.yaml:3:5: .*did you mean "kill"/m],
  ['unknown condition', 'expect:\n  - at: end\n    rol: { A: master }\n', /^bad\.yaml:3:5: .*did you mean "role"/m],
  ['wrong type', 'cluster:\n  masters: three\n', /^bad\.yaml:2:12: /m],
];

describe('sim check rejects bad scenario files with exit 2 and a position', () => {
  for (const [what, text, expected] of bad) {
    it(what, async () => {
      const r = await runCli(['check', 'bad.yaml'], { 'bad.yaml': text });
      expect(r.code).toBe(2);
      expect(r.err).toMatch(expected);
      noStack(r.err);
    });
  }

  it('accepts the scenarios shipped in scenarios/', async () => {
    const r = await runCli(['check', 'scenarios/master-crash.yaml']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  });

  it('an unreadable file is one line, exit 2', async () => {
    const r = await runCli(['check', 'nope.yaml'], {});
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
  });
});

describe('usage errors', () => {
  it('an unknown option is exit 2 with no stack trace', async () => {
    const r = await runCli(['run', 'scenarios/master-crash.yaml', '--sed', '3']);
    expect(r.code).toBe(2);
    noStack(r.err);
  });

  it('a bad --seed is exit 2', async () => {
    const r = await runCli(['run', 'scenarios/master-crash.yaml', '--seed', 'x']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--seed/);
  });

  it('sim run on a file with errors prints them and exits 2', async () => {
    const r = await runCli(['run', 'bad.yaml'], { 'bad.yaml': 'clustr: {}\n' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^bad\.yaml:1:1:/);
  });
});

describe('sim keyslot', () => {
  it('prints one slot per key, like CLUSTER KEYSLOT', async () => {
    expect((await runCli(['keyslot', 'foo', 'bar', 'hello'])).out).toBe('12182\n5061\n866');
  });
  it('reads keys from stdin when none are given', async () => {
    const lines = (await runCli(['keyslot'], {}, 'foo\n{user1000}.following\n{user1000}.followers\n')).out.split('\n');
    expect(lines[0]).toBe('12182');
    expect(lines[1]).toBe(lines[2]); // same hash tag, same slot
    expect(lines).toHaveLength(3);
  });
});

describe('sim run', () => {
  it('prints the seed first, narrates, and writes the report files', async () => {
    const r = await runCli(['run', 'scenarios/master-crash.yaml', '--seed', '3']);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('seed 3');
    expect(r.out).toMatch(/A is PFAIL: no PONG for .* > cluster-node-timeout 3000 ms/);
    expect(r.out).toMatch(/election in \d+ ms = 500 fixed \+ \d+ random \+ rank 0 × 1000/);
    expect(r.out).toMatch(/Repro:  npx sim run scenarios\/master-crash\.yaml --seed 3/);
    expect([...r.written.keys()].sort()).toEqual(
      ['events.csv', 'history.csv', 'log.txt', 'summary.json', 'timeline.html'].map((f) => `reports/master-crash-seed3/${f}`),
    );
  });

  it('narrates in time order, grouped FAIL broadcasts included (split-brain)', async () => {
    const r = await runCli(['run', 'scenarios/split-brain.yaml', '--seed', '1']);
    const times = [...r.out.matchAll(/^ {2,}(\d+\.\d{3})s  /gm)].map((m) => Number(m[1]));
    expect(times.length).toBeGreaterThan(10);
    expect(r.out).toMatch(/FAIL A reached \d+ more nodes? within/);
    for (let i = 1; i < times.length; i++) expect(times[i], `line ${i}`).toBeGreaterThanOrEqual(times[i - 1]!);
  });

  it('--json prints summary.json', async () => {
    const r = await runCli(['run', 'scenarios/master-crash.yaml', '--seed', '3', '--json']);
    const s = JSON.parse(r.out);
    expect(s.seed).toBe(3);
    expect(s.exit_code).toBe(0);
    expect(s.repro).toBe('npx sim run scenarios/master-crash.yaml --seed 3');
  });
});

describe('sim nodes', () => {
  it("prints B's CLUSTER NODES at 10 s in Redis's format", async () => {
    const r = await runCli(['nodes', 'scenarios/master-crash.yaml', '--at', '10s', '--node', 'B']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toHaveLength(6);
    const line = /^[0-9a-f]{40} 127\.0\.0\.1:70\d\d@170\d\d (myself,)?(master|slave)(,fail\??)? ([0-9a-f]{40}|-) \d+ \d+ \d+ (connected|disconnected)( \d+(-\d+)?)*$/;
    for (const l of lines) expect(l).toMatch(line);
    expect(lines.filter((l) => / myself,master /.test(l))).toHaveLength(1);
  });

  it('a seed drawn at random (neither --seed nor seed: in the file) is named on stderr, so the view can be seen again', async () => {
    const yaml = readFileSync('scenarios/master-crash.yaml', 'utf8').replace(/^seed: .*\n/m, '');
    const r = await runCli(['nodes', 'noseed.yaml', '--at', '10s', '--node', 'B'], { 'noseed.yaml': yaml });
    expect(r.code).toBe(0);
    expect(r.err).toBe('seed 4242 (drawn at random: --seed 4242 shows this view again)');
    const again = await runCli(['nodes', 'noseed.yaml', '--at', '10s', '--node', 'B', '--seed', '4242'], { 'noseed.yaml': yaml });
    expect(again.out).toBe(r.out);
    expect(again.err).toBe('');
  });

  it('an unknown --node is a usage error', async () => {
    const r = await runCli(['nodes', 'scenarios/master-crash.yaml', '--at', '10s', '--node', 'Q']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no node "Q"/);
  });
});
