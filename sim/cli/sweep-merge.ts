// `sim sweep --merge DIR… [--out DIR]`: the parts of one sweep (shards run on
// several machines, or a sweep run in pieces) put back together. The merged
// folder is what one sweep over all those seeds writes: metrics.csv byte for
// byte (rows in seed order), the same percentiles, exit codes, winners and
// failing seeds in summary.json (whose wall_ms is then the parts' sum), and
// sweep.html. Parts must be of the same scenario text (summary.json's
// fingerprint), complete, and must not share a seed.

import type { SeedMetrics } from '../sweep/metrics.ts';
import { escapeControls } from '../core/printable.ts';
import { isReportFile, writeFailed } from './present.ts';
import { CommandUsageError, type CommandIO } from './sweep.ts';
import { openReportFolder } from './report-folder.ts';
import type { CliIO } from './io.ts';

interface PartSummary {
  scenario: string;
  file: string;
  wall_ms: number | null;
  scenario_sha256?: string;
  complete: boolean;
}

interface Part {
  dir: string;
  summary: PartSummary;
  rows: SeedMetrics[];
}

const join = (dir: string, f: string): string => `${dir.replace(/\/$/, '')}/${f}`;

async function readPart(io: CommandIO, dir: string): Promise<Part> {
  const { parseMetricsCsv } = await import('../sweep/stats.ts');
  let summary: PartSummary;
  let rows: SeedMetrics[];
  try {
    summary = JSON.parse(io.readFile(join(dir, 'summary.json'))) as PartSummary;
    rows = parseMetricsCsv(io.readFile(join(dir, 'metrics.csv')));
  } catch (e) {
    throw new CommandUsageError(`--merge ${dir}: not a sweep report folder (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  }
  if (summary.complete === false) throw new CommandUsageError(`--merge ${dir}: that sweep was stopped before every seed ran; finish it with --resume first`);
  return { dir, summary, rows };
}

/** The parts' rows as one list; usage errors for parts that do not belong together. */
export function mergeParts(parts: readonly Part[]): { rows: SeedMetrics[]; first: PartSummary; wallMs: number | null } {
  const first = parts[0]!.summary;
  const seen = new Map<number, string>();
  const rows: SeedMetrics[] = [];
  for (const p of parts) {
    if (p.summary.scenario_sha256 !== first.scenario_sha256 || p.summary.scenario !== first.scenario) {
      throw new CommandUsageError(`--merge: ${p.dir} is a sweep of another scenario (or another version of it) than ${parts[0]!.dir}`);
    }
    for (const r of p.rows) {
      const other = seen.get(r.seed);
      if (other !== undefined) throw new CommandUsageError(`--merge: seed ${r.seed} is in both ${other} and ${p.dir}`);
      seen.set(r.seed, p.dir);
      rows.push(r);
    }
  }
  const walls = parts.map((p) => p.summary.wall_ms);
  const wallMs = walls.every((w): w is number => typeof w === 'number') ? walls.reduce((a, b) => a + b, 0) : null;
  return { rows, first, wallMs };
}

export async function mergeCommand(io: CommandIO & Pick<CliIO, 'fs'>, dirs: readonly string[], out: string | undefined): Promise<number> {
  if (dirs.length === 0) throw new CommandUsageError('--merge: give the report folders to merge');
  const parts: Part[] = [];
  for (const d of dirs) parts.push(await readPart(io, d));
  const { rows, first, wallMs } = mergeParts(parts);
  const { sweepFiles, sweepText } = await import('../sweep/present.ts');
  const dir = out ?? `${dirs[0]!.replace(/\/$/, '').replace(/-shard\d+of\d+$/, '')}-merged`;
  const { summary, files } = sweepFiles({ scenario: { name: first.scenario, file: first.file }, rows, shard: null, wallMs, ...(first.scenario_sha256 ? { scenarioHash: first.scenario_sha256 } : {}) });
  const folder = openReportFolder(io, dir, isReportFile);
  try {
    for (const f of files) folder.write(f.name, f.text);
    folder.commit();
  } catch (e) {
    folder.abort();
    throw writeFailed(dir, e);
  }
  io.out(`merged ${parts.length} sweep${parts.length === 1 ? '' : 's'} of ${first.scenario}: ${rows.length} seeds`);
  for (const l of sweepText(summary, dir)) io.out(escapeControls(l));
  return summary.exit_code;
}
