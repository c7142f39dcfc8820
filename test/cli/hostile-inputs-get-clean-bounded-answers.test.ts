// Rule (issue 13's list, as one table): every input that used to hang, run
// out of memory, crash after the whole simulation or write outside reports/
// is now refused up front: exit 2, one line (with FILE:LINE:COL where the
// input has a position), no stack trace, nothing written, in seconds.

import { describe, expect, it } from 'vitest';
import { MemoryFs } from './memory-fs.ts';
import { runCli } from './fake-io.ts';

const laughs = (): string => {
  let doc = 'name: bomb\ntimeline:\n  - &e0 { after: 0, heal: all }\n';
  for (let i = 1; i <= 11; i++) doc += `  - &e${i} { repeat: { times: 1, do: [${Array(9).fill(`*e${i - 1}`).join(', ')}] } }\n`;
  return doc;
};

/** [what, argv, file text (as f.yaml), expected stderr pattern] */
const CASES: [string, string[], string | undefined, RegExp][] = [
  ['a 1 KB file of nested aliases', ['check', 'f.yaml'], laughs(), /^f\.yaml:8:56: alias \*e4 stands for 38,545 nodes/],
  ['30,000 plain aliases', ['check', 'f.yaml'], `name: x\nk: &k A\ntimeline:\n  - at: 1s\n    partition: [[${Array(30_000).fill('*k').join(',')}], ["*"]]\n`, /^f\.yaml:5:\d+: too many YAML aliases/],
  ['duration: 1e308', ['run', 'f.yaml'], 'duration: 1e308\n', /^f\.yaml:1:11: duration: 1e\+308 is longer than 24h/],
  ['a rate of 10^9/s', ['run', 'f.yaml'], 'workload:\n  - rate: 1000000000/s\n', /^f\.yaml:2:5: workload workload-1: 1,000,000,000 operations\/s/],
  ['100,000 clients × 100,000 in-flight', ['run', 'f.yaml'], 'workload:\n  - clients: 100000\n    in-flight: 100000\n', /^f\.yaml:2:14: clients: 100000 is more than 1000/],
  ['a nested repeat of 10^12 steps', ['run', 'f.yaml'], 'timeline:\n  - repeat: { times: 1000000, do: [ { repeat: { times: 1000000, do: [ { heal: all } ] } } ] }\n', /^f\.yaml:2:5: timeline: this repeat runs 1,000,000,000,000 steps/],
  ['sim nodes --at 1000000h', ['nodes', 'scenarios/master-crash.yaml', '--at', '1000000h', '--node', 'B'], undefined, /^--at: 1000000h is after the end of scenarios\/master-crash\.yaml/],
  ['a 2 MB file', ['check', 'f.yaml'], `name: x\n${'#'.repeat(2_000_000)}\n`, /^f\.yaml:2:262137: file too large; the limit is 256 KiB/],
  ['--workers 10000', ['sweep', 'scenarios/master-crash.yaml', '--seeds', '1..3', '--workers', '10000'], undefined, /^--workers: 10000 is more than \d+/],
  ['--out that is a file', ['run', 'scenarios/master-crash.yaml', '--out', 'taken'], undefined, /^--out taken: it is a file, not a folder$/],
  ['--out under a file', ['sweep', 'scenarios/master-crash.yaml', '--seeds', '1', '--out', 'taken/x'], undefined, /^--out taken\/x: cannot write there: a part of the path is a file$/],
  ['an empty --out', ['fuzz', '--seed', '1', '--out', ''], undefined, /^--out: expected a folder name, got nothing$/],
  ['a NUL in name:', ['run', 'f.yaml'], 'name: "a\\0b"\n', /^f\.yaml:1:7: name: "a\\x00b" has control characters/],
  ['keys: 1e308', ['run', 'f.yaml'], 'workload:\n  - keys: 1e308\n', /^f\.yaml:2:11: keys: 1e\+308 is more than 1,000,000/],
  ['escape bytes in a key', ['check', 'f.yaml'], 'name: x\n\x1b[2Jclustr: 1\n', /^f\.yaml:2:1: unknown key "\\x1b\[2Jclustr" in the scenario$/],
  ['a command to a dead node', ['check', 'f.yaml'], 'timeline:\n  - kill: A\n  - redis: { node: A, command: PING }\n', /^f\.yaml:3:5: redis: A is not running here/],
  ['a reshard of 99,999 slots', ['check', 'f.yaml'], 'timeline:\n  - redis-cli: "--cluster reshard @A --cluster-from @B --cluster-to @C --cluster-slots 99999 --cluster-yes"\n', /^f\.yaml:2:16: redis-cli: --cluster-slots: expected a number of slots from 1 to 16384/],
];

describe('hostile inputs', () => {
  for (const [what, argv, text, expected] of CASES) {
    it(what, async () => {
      const fs = new MemoryFs();
      fs.writeFile('taken', 'mine');
      const t0 = performance.now();
      const r = await runCli(argv, text === undefined ? {} : { 'f.yaml': text }, '', { fs });
      expect(r.code, r.err).toBe(2);
      expect(r.err.split('\n')).toHaveLength(1);
      expect(r.err).toMatch(expected);
      expect(r.err).not.toMatch(/\n\s+at |^\s+at /m);
      expect(r.out).toBe('');
      expect([...fs.files.keys()]).toEqual(['taken']);
      expect(fs.list('.')).toEqual(['taken']);
      expect(performance.now() - t0).toBeLessThan(5000);
    }, 20_000);
  }
});
