// Rule: no cell of events.csv, history.csv or metrics.csv is a formula to a
// spreadsheet. A cell starting with = + - @ (or a tab or CR) gets a leading
// ', as OWASP advises, unless it is a number (a negative time stays a
// number); a cell starting with ' gets one more, so dropping one leading '
// always gives the value back. Every other cell is written as it is.

import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { eventsCsv, neutralise, unneutralise } from '../../sim/report/files.ts';
import { NodeNames } from '../../sim/events/names.ts';
import type { SimEvent } from '../../sim/events/types.ts';
import { crashedSeed } from '../../sim/sweep/metrics.ts';
import { metricsCsv, parseMetricsCsv } from '../../sim/sweep/stats.ts';
import { runCli } from '../cli/fake-io.ts';

describe('one cell', () => {
  it('formulas get a quote; numbers, plain text and empty cells do not', () => {
    const cases: [string, string][] = [
      ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
      ['+1+cmd|/c calc', "'+1+cmd|/c calc"],
      ['-2+3', "'-2+3"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['\t=1', "'\t=1"],
      ['\r=1', "'\r=1"],
      ["'quoted", "''quoted"],
      ['-15000', '-15000'],
      ['-0.25', '-0.25'],
      ['1e-3', '1e-3'],
      ['key:1', 'key:1'],
      ['a=b', 'a=b'],
      ['', ''],
    ];
    for (const [value, written] of cases) {
      expect(neutralise(value), JSON.stringify(value)).toBe(written);
      expect(unneutralise(neutralise(value)), JSON.stringify(value)).toBe(value);
    }
  });
});

describe('the files', () => {
  it('history.csv: keys from a pattern that starts like a formula', async () => {
    const yaml = 'name: inj\nduration: 2s\nworkload:\n  - keys: { count: 5, pattern: "=HYPERLINK(%d)" }\n    rate: 10/s\n    mix: { set: 1 }\n';
    const r = await runCli(['run', 'inj.yaml', '--seed', '1'], { 'inj.yaml': yaml });
    const rows = csvParse(r.written.get('reports/inj-seed1/history.csv')!);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.key).toMatch(/^'=HYPERLINK\(\d\)$/);
  });

  it('events.csv: a name that starts like a formula; negative times stay numbers', () => {
    const names = new NodeNames();
    names.setName(0, '@evil');
    names.setName(1, 'B');
    const e = { t: -1500, node: 1, type: 'pfail', subject: 0, noPongMs: 1, silenceMs: 1, timeoutMs: 1 } as unknown as SimEvent;
    const [header, line] = eventsCsv([e], names).split('\n');
    expect(header).toBe('t_ms,node,event,subject,detail');
    expect(line).toMatch(/^-1500,B,pfail,'@evil,/);
  });

  it('metrics.csv: an error message, read back exactly by --resume', () => {
    const row = crashedSeed(7, '=1+1 went wrong');
    const csv = metricsCsv([row]);
    expect(csv.split('\n')[1]).toContain(",'=1+1 went wrong");
    expect(parseMetricsCsv(csv)).toEqual([row]);
  });
});
