// Rule (on a real file system): `--out` places a report cannot go are usage
// errors found before anything runs, and leave nothing behind; a committed
// folder replaces an earlier one whole; an aborted one removes the folders it
// created.

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeFs } from '../../sim/cli/io.ts';
import { openReportFolder, type FolderIO } from '../../sim/cli/report-folder.ts';
import { isReportFile } from '../../sim/cli/present.ts';

const root = mkdtempSync(join(tmpdir(), 'sim-folder-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const io: FolderIO = { fs: nodeFs(), pid: process.pid, isRunning: () => true };
const open = (dir: string) => openReportFolder(io, dir, isReportFile);

describe('--out on disk', () => {
  it('under /proc, under a file, or somewhere unwritable: a usage error naming why', () => {
    writeFileSync(join(root, 'file'), 'x');
    expect(() => open('/proc/sim-report')).toThrow(/^--out \/proc\/sim-report: cannot write there: /);
    expect(() => open(join(root, 'file', 'r'))).toThrow(/cannot write there: a part of the path is a file$/);
    expect(() => open(join(root, 'file'))).toThrow(/it is a file, not a folder$/);
    if (process.getuid?.() !== 0) {
      mkdirSync(join(root, 'ro'), { mode: 0o500 });
      expect(() => open(join(root, 'ro', 'r'))).toThrow(/cannot write there: permission denied$/);
    }
  });

  it('a failed check leaves the place as it was', () => {
    const before = readdirSync(root).sort();
    expect(() => open(join(root, 'file', 'a', 'b'))).toThrow(/a part of the path is a file$/);
    expect(readdirSync(root).sort()).toEqual(before);
  });

  it('commit replaces an earlier report whole; abort removes the folders it created', () => {
    const dir = join(root, 'reports', 'r-seed1');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'redis-cli.txt'), 'old');
    const f = open(dir);
    f.write('events.csv', 'a\n');
    f.append('metrics.csv', 'h\n');
    f.append('metrics.csv', '1\n');
    expect(readdirSync(dir)).toEqual(['redis-cli.txt']);
    f.commit();
    expect(readdirSync(dir).sort()).toEqual(['events.csv', 'metrics.csv']);
    expect(readFileSync(join(dir, 'metrics.csv'), 'utf8')).toBe('h\n1\n');
    expect(readdirSync(join(root, 'reports'))).toEqual(['r-seed1']);

    const g = open(join(root, 'deep', 'er', 'r'));
    g.write('events.csv', 'x');
    g.abort();
    expect(existsSync(join(root, 'deep'))).toBe(false);
  });
});
