// redis-cli's questions answered from stdin, as a person at a terminal types
// them, compared with what the real redis-cli 7.0.15 printed for the same
// answers (fixtures/record-prompts.sh): interactive reshard (how many slots,
// the receiving node, the sources until `all` or `done`, the plan's yes/no;
// bad answers asked again or refused as the real tool does) and fix's
// coverage question, which --cluster-yes does not answer. Without an answer
// the real tool exits 1 after the prompt (fix) or asks forever (reshard);
// the simulated one exits 1 there in both cases.

import { beforeAll, describe, expect, it } from 'vitest';
import type { RedisCliResult } from '../../sim/tools/redis-cli/index.ts';
import { bareCluster, canonical, CliHarness, fixture } from './harness.ts';

const outputs = new Map<string, RedisCliResult>();
let h: CliHarness;

function realExit(name: string): number {
  const m = new RegExp(`^${name}: exit (\\d+)$`, 'm').exec(fixture('prompts-exit-codes'));
  if (!m) throw new Error(`no exit code recorded for ${name}`);
  return Number(m[1]);
}

/**
 * What follows a hash table's order is sorted: the covering lines of fix
 * (which also name a random master, masked) and reshard's source listing.
 */
function comparable(text: string): string {
  const lines = canonical(text.replace(/accept\): >>> Covering/g, 'accept): \n>>> Covering'))
    .replace(/((?:\n {4}M: [^\n]*(?:\n {7}[^\n]*)*)+)/g, (blocks) => blocks.split(/(?=\n {4}M: )/).sort().join(''))
    .split('\n');
  const covering = lines.filter((l) => l.startsWith('>>> Covering slot')).map((l) => l.replace(/ with \S+$/, ' with <random master>')).sort();
  return [...lines.filter((l) => !l.startsWith('>>> Covering slot')), ...covering].join('\n');
}

beforeAll(() => {
  h = new CliHarness(bareCluster(3, 1));
  h.cli('--cluster create @A @B @C @A1 @B1 @C1 --cluster-replicas 1 --cluster-yes');
  h.run(3000);
  const step = (name: string, stdin: string[], line: string): void => void outputs.set(name, h.cli(line, stdin.map((l) => `${l}\n`).join('')));
  step('prompts-reshard-all', ['100', h.id('A'), 'all', 'yes'], '--cluster reshard @A');
  h.run(2000);
  step('prompts-reshard-sources-no', ['10', h.id('B'), h.id('A'), 'done', 'no'], '--cluster reshard @A');
  step('prompts-reshard-bad-answers', ['0', 'abc', '20', h.id('C'), h.id('C'), '0123456789012345678901234567890123456789'], '--cluster reshard @A');
  for (const n of ['A', 'B', 'C', 'A1', 'B1', 'C1']) h.cmd(n, 'CLUSTER', 'DELSLOTS', '100', '101');
  h.run(1000);
  step('prompts-fix-unanswered', [], '--cluster fix @A --cluster-yes');
  step('prompts-fix-yes', ['yes'], '--cluster fix @A --cluster-yes');
  h.settle();
}, 600_000);

describe('prompts answered on stdin print what the real redis-cli 7.0.15 printed', () => {
  it.each(['prompts-reshard-all', 'prompts-reshard-sources-no', 'prompts-reshard-bad-answers', 'prompts-fix-yes'])('%s', (name) => {
    const r = outputs.get(name)!;
    const a = comparable(h.mask(r.output)).split("\n"), b = comparable(fixture(name)).split("\n");
    const diff = a.map((l, i) => (l === b[i] ? null : `${i}: sim ${JSON.stringify(l)} real ${JSON.stringify(b[i])}`)).filter(Boolean).slice(0, 6);
    expect(diff).toEqual([]);
    expect(r.exitCode).toBe(realExit(name));
  });

  it('fix with nothing on stdin prints the question and exits 1, covering nothing', () => {
    const r = outputs.get('prompts-fix-unanswered')!;
    expect(comparable(h.mask(r.output)).trimEnd()).toBe(comparable(fixture('prompts-fix-unanswered')).trimEnd());
    expect(r.exitCode).toBe(realExit('prompts-fix-unanswered'));
  });

  it('interactive reshard with stdin used up stops at the question (the real tool would ask forever)', () => {
    const r = h.cli('--cluster reshard @A', '5\n');
    expect(r.exitCode).toBe(1);
    expect(r.output).toContain('What is the receiving node ID? \n(simulated redis-cli: stdin has no more answers; pass --cluster-to or give stdin:)');
  });
});
