#!/usr/bin/env node
// `sim` entry point, compiled to dist/cli/bin.js (the package's bin): the CLI
// with real I/O. Plain JavaScript once built; from the sources, run it with
// `npx tsx sim/cli/bin.ts`.
import { main } from './main.ts';
import { nodeIO } from './io.ts';

process.exitCode = await main(process.argv.slice(2), nodeIO());
