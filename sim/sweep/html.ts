// sweep.html for a sweep's rows: which metrics are plotted and what each means.

import { sweepPage } from '../report/sweep-html/page.ts';
import type { SeedMetrics } from './metrics.ts';
import type { SweepSummary } from './stats.ts';

/** The plotted metrics, in page order. Times are ms after the first fault. */
export const PLOTTED: readonly { name: keyof SeedMetrics; meaning: string }[] = [
  { name: 'first_pfail_ms', meaning: 'first PFAIL flag, ms after the first fault' },
  { name: 'first_fail_ms', meaning: 'first FAIL (quorum reached), ms after the first fault' },
  { name: 'election_won_ms', meaning: 'first election won (or takeover), ms after the first fault' },
  { name: 'election_delay_ms', meaning: 'from the first FAIL to the first election won, ms' },
  { name: 'survivors_ok_ms', meaning: 'every survivor back to cluster_state ok, ms after the first fault' },
  { name: 'old_master_demoted_ms', meaning: "the first election's old master turned replica, ms after the first fault" },
  { name: 'elections', meaning: 'elections won after the first fault' },
  { name: 'lost_writes', meaning: 'acknowledged writes lost' },
  { name: 'events', meaning: 'events recorded after the first fault' },
];

export function sweepHtml(s: SweepSummary, rows: readonly SeedMetrics[]): string {
  return sweepPage({
    title: `sim sweep: ${s.scenario}`,
    metrics: PLOTTED,
    rows: [...rows].sort((a, b) => a.seed - b.seed) as unknown as Record<string, unknown>[],
    failing: s.failing,
    exitCodes: s.exit_codes,
  });
}
