#!/usr/bin/env node
// `sim` entry point, compiled to dist/cli/bin.js (the package's bin): the CLI
// with real I/O. Plain JavaScript once built; from the sources, run it with
// `npx tsx sim/cli/bin.ts`.
import { main } from './main.ts';
import { nodeIO } from './io.ts';

// A reader that stops early (`sim run … | head -3`) closes the pipe. The rest
// of the output has nowhere to go and that is what the reader asked for, so
// end quietly (exit 0) instead of dying on an unhandled EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

process.exitCode = await main(process.argv.slice(2), nodeIO());
