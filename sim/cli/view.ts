// `sim nodes FILE --at 30s --node B` and `sim info …`: CLUSTER NODES / CLUSTER
// INFO exactly as node B would print them at that simulated instant (the run
// is replayed up to it).

import type { Command } from 'commander';
import { formatDurationMs, parseDurationMs } from '../core/time.ts';
import { loadOrThrow, parseSeed, pickSeed, UsageError, type CliIO, type SetExit } from './io.ts';

interface ViewFlags {
  at: string;
  node: string;
  seed?: number;
}

export function registerView(program: Command, io: CliIO, setExit: SetExit): void {
  for (const [name, what] of [
    ['nodes', 'CLUSTER NODES'],
    ['info', 'CLUSTER INFO'],
  ] as const) {
    program
      .command(name)
      .description(`print ${what} exactly as a node would at a simulated instant`)
      .argument('<file>', 'scenario YAML file')
      .requiredOption('--at <time>', 'simulated time, e.g. 30s')
      .requiredOption('--node <name>', 'node whose view to print, e.g. B')
      .option('--seed <n>', 'seed', parseSeed)
      .action(async (file: string, o: ViewFlags) => {
        const at = parseDurationMs(o.at);
        if (at === undefined || at < 0) throw new UsageError(`--at: expected a time like 10s or 2500ms, got "${o.at}"`);
        const scenario = await loadOrThrow(io, file);
        if (at > scenario.durationMs) {
          throw new UsageError(`--at: ${o.at} is after the end of ${file} (duration ${formatDurationMs(scenario.durationMs)}); the run is replayed up to --at, so it must fall within it`);
        }
        if (!scenario.nodes.some((n) => n.name === o.node))
          throw new UsageError(`--node: no node "${o.node}" in ${file} (nodes: ${scenario.nodes.map((n) => n.name).join(', ')})`);
        const { viewAt } = await import('../run/view-at.ts');
        const seed = pickSeed(io, o.seed, scenario);
        // stdout is the node's text exactly as redis-cli prints it; a seed drawn at random goes to stderr so the view can be seen again.
        if (o.seed === undefined && scenario.seed === undefined) io.err(`seed ${seed} (drawn at random: --seed ${seed} shows this view again)`);
        const text = viewAt(scenario, seed, at, o.node, name);
        io.out(text.replace(/\r?\n$/, ''));
        setExit(0);
      });
  }
}
