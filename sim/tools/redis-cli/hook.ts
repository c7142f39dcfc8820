// The `redis-cli:` timeline action: one tool per world, its output lines
// recorded as `redis-cli` events (node `redis-cli`, detail `line="…"`, and
// `exit=N` when it ends), its transcripts kept for a redis-cli.txt report.
// The world is seen through the structural interface below, so that tools/
// does not depend on run/.

import type { WorkloadHost } from '../../workload/env.ts';
import { RedisCliTool } from './index.ts';

export interface RedisCliWorld extends WorkloadHost {
  readonly recorder: { emit(t: number, node: string, event: string, subject: string, detail: string): void };
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

/** ActionHooks.redisCli for this world: `done(ok, why)` when the tool exits. */
export function redisCliHook(world: RedisCliWorld): (args: readonly string[], done: (ok: boolean, why: string) => void) => void {
  return (args, done) => {
    const emit = (detail: string): void => world.recorder.emit(world.sched.now, 'redis-cli', 'redis-cli', '', detail);
    toolOf(world).run(
      args,
      { onLine: (l) => emit(`line=${JSON.stringify(l.text)}${l.stream === 'stderr' ? ' stream=stderr' : ''}`) },
      (r) => {
        emit(`exit=${r.exitCode}`);
        done(r.exitCode === 0, r.why);
      },
    );
  };
}

/** Every redis-cli invocation of the run with its full output (IDs as printed), or '' if none. */
export function redisCliTranscript(world: object): string {
  return TOOLS.get(world)?.transcriptText() ?? '';
}
