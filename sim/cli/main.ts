// The `sim` command line: the program, its commands (one file each, beside
// this one) and the exit codes. Thin: parse arguments (commander), call into
// the library, print, write report files. All I/O goes through CliIO (io.ts)
// so tests can run the CLI in-process.
//
// Startup matters for the quick commands (`sim keyslot`, `--help`), so this
// file and the command files load only commander and io.ts; each command's
// action imports the library it needs when it runs (hence parseAsync). The
// command files take commander's types only: the program is passed in.

import { Command, CommanderError, type Command as CommandType } from 'commander';
import { escapeControls, printableLine } from '../core/printable.ts';
import { packageVersion, UsageError, type CliIO, type SetExit } from './io.ts';
import { Interrupted, INTERRUPTED_EXIT } from './signals.ts';
import { registerRun } from './run.ts';
import { registerCheck } from './check.ts';
import { registerView } from './view.ts';
import { registerKeyslot } from './keyslot.ts';
import { registerSweep } from './sweep.ts';
import { registerFuzz } from './fuzz.ts';

// The build bundles commander into dist/cli/bin.js (scripts/build.mjs), where
// this import costs no module loading of its own.
export function buildProgram(io: CliIO, setExit: SetExit): CommandType {
  const program = new Command('sim');
  program
    .description('Deterministic discrete-event simulator of Redis 7.0 Cluster')
    .version(packageVersion())
    .exitOverride()
    // Commander quotes what it was given (an unknown option): escape what a terminal would act on.
    .configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(safeLines(s.replace(/\n$/, ''))) })
    .showHelpAfterError(false);
  for (const register of [registerRun, registerCheck, registerView, registerKeyslot, registerSweep, registerFuzz]) register(program, io, setExit);
  return program;
}

/** Each line of a multi-line text with control characters escaped. */
const safeLines = (s: string): string => s.split('\n').map(escapeControls).join('\n');

/** Run the CLI; resolves to the process exit code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version print and exit 0; every other commander error is usage,
      // `sim` with no command too (commander then prints the help on stderr, exitCode 1).
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      if (e.code === 'commander.help') return e.exitCode === 0 ? 0 : 2;
      return 2;
    }
    if (e instanceof Interrupted) {
      io.err(printableLine(`interrupted (${e.signal}): ${e.message}`));
      return INTERRUPTED_EXIT[e.signal];
    }
    if (e instanceof UsageError) {
      io.err(e.message.split('\n').map((l) => printableLine(l)).join('\n'));
      return 2;
    }
    const msg = e instanceof Error ? e.message : String(e);
    io.err(printableLine(`internal error: ${msg}`));
    if (process.env.SIM_DEBUG && e instanceof Error && e.stack) io.err(e.stack);
    return 4;
  }
}
