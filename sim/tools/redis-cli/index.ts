// The simulated `redis-cli --cluster` tool: one client process of the world
// (created on first use), its own seeded randomness (`rng.fork('redis-cli')`,
// shared by every invocation of a run so that two `create`s differ), and a
// transcript of every invocation. `run` returns at once; `done` is called
// when the tool exits, in simulated time, like the real synchronous tool.

import type { Prng } from '../../core/prng.ts';
import type { WorkloadHost } from '../../workload/env.ts';
import { validateClusterManagerCommand } from './commands.ts';
import { ClusterManager } from './manager.ts';
import { resolveBareNames, type NameBook } from './names.ts';
import { parseClusterArgs } from './options.ts';
import { Output, type LineListener, type OutputLine } from './output.ts';
import { Session } from './session.ts';

export type { LineListener, OutputLine } from './output.ts';
export type { NameBook, NamedNode } from './names.ts';

export interface RedisCliResult {
  exitCode: number;
  /** Everything printed, stdout and stderr in the order printed. */
  output: string;
  lines: readonly OutputLine[];
  /** Empty on success; else the exit code and the last line printed. */
  why: string;
}

export interface RedisCliRunOptions {
  /** What stdin holds (answers to prompts). A scenario has none: empty. */
  stdin?: string;
  /** Each line as it is completed (for events). */
  onLine?: LineListener;
}

export interface Transcript {
  startMs: number;
  endMs: number;
  args: string;
  exitCode: number;
  output: string;
}

export class RedisCliTool {
  private pid: number | undefined;
  private rng: Prng | undefined;
  readonly transcripts: Transcript[] = [];

  constructor(
    private readonly host: WorkloadHost,
    /** Scenario names written bare in arguments; none if absent. */
    private readonly names: NameBook = () => undefined,
  ) {}

  run(argsIn: readonly string[], opts: RedisCliRunOptions, done: (r: RedisCliResult) => void): void {
    this.pid ??= this.host.addClientProcess('redis-cli');
    this.rng ??= this.host.rng.fork('redis-cli');
    const host = this.host;
    const startMs = host.sched.now;
    const args = resolveBareNames(argsIn, this.names);
    const out = new Output(opts.onLine);
    const onExit = (code: number): void => {
      const output = out.text;
      this.transcripts.push({ startMs, endMs: host.sched.now, args: args.join(' '), exitCode: code, output });
      done({ exitCode: code, output, lines: out.lines, why: code === 0 ? '' : `redis-cli exited with code ${code}: ${out.lastLine}` });
    };
    const parsed = parseClusterArgs(args);
    if (!parsed.ok) {
      out.err(parsed.stderr);
      return Session.exitNow(host, out, 1, onExit);
    }
    const cmd = parsed.cmd;
    const valid = validateClusterManagerCommand(cmd.name, cmd.argv.length);
    if ('stderr' in valid) {
      out.err(valid.stderr);
      return Session.exitNow(host, out, 1, onExit);
    }
    const cm = new ClusterManager(cmd, out, this.rng, opts.stdin ?? '');
    new Session(host, this.pid, out, valid.proc(cm, cmd.argv), onExit).start();
  }

  /** Every invocation's output, as a `redis-cli.txt` report would list it. */
  transcriptText(): string {
    return this.transcripts
      .map((t) => `# t=${(t.startMs / 1000).toFixed(3)}s redis-cli ${t.args}\n${t.output}${t.output.endsWith('\n') || t.output === '' ? '' : '\n'}# exit ${t.exitCode} at t=${(t.endMs / 1000).toFixed(3)}s\n`)
      .join('\n');
  }
}
