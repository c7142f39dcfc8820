// The `redis-cli:` timeline action: one tool per world, its output lines
// recorded as `redis-cli` events (node `redis-cli`, detail `line="…"`, and
// `exit=N` when it ends), its transcripts kept for a redis-cli.txt report.
// The world is seen through the structural interface below, so that tools/
// does not depend on run/.

import { NONE, type EventBody, type NodeIx } from '../../events/types.ts';
import type { WorkloadHost } from '../../workload/env.ts';
import { RedisCliTool } from './index.ts';

export interface RedisCliWorld extends WorkloadHost {
  readonly recorder: { emit(t: number, node: NodeIx, body: EventBody): unknown; readonly names: { withNames(text: string): string } };
  readonly processes: readonly { readonly name: string; readonly nodeId: string; readonly ip: string; readonly port: number }[];
}

const TOOLS = new WeakMap<object, RedisCliTool>();

function toolOf(world: RedisCliWorld): RedisCliTool {
  let tool = TOOLS.get(world);
  if (!tool) {
    const book = (name: string) => {
      const p = world.processes.find((q) => q.name === name);
      return p ? { id: p.nodeId, ip: p.ip, port: p.port } : undefined;
    };
    tool = new RedisCliTool(world, book);
    TOOLS.set(world, tool);
  }
  return tool;
}

/** ActionHooks.redisCli for this world: `done(exitCode, output, why)` when the tool exits (`why`: RedisCliResult.why). */
export function redisCliHook(world: RedisCliWorld): (args: readonly string[], stdin: string, done: (exitCode: number, output: string, why: string) => void) => void {
  return (args, stdin, done) => {
    const emit = (line: string | null, stderr: boolean, exitCode: number): void =>
      void world.recorder.emit(world.sched.now, NONE, { type: 'redis-cli', line: line === null ? null : world.recorder.names.withNames(line), stderr, exitCode });
    toolOf(world).run(
      args,
      { stdin, onLine: (l) => emit(l.text, l.stream === 'stderr', -1) },
      (r) => {
        emit(null, false, r.exitCode);
        done(r.exitCode, r.output, r.why);
      },
    );
  };
}

/** Every redis-cli invocation of the run with its full output (IDs as printed), or '' if none. */
export function redisCliTranscript(world: object): string {
  return TOOLS.get(world)?.transcriptText() ?? '';
}
