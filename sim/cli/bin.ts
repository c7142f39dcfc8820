#!/usr/bin/env node
// `sim` entry point, compiled to dist/cli/bin.js (the package's bin): the CLI
// with real I/O. Plain JavaScript once built; from the sources, run it with
// `npx tsx sim/cli/bin.ts`.
import { main, nodeIO } from './main.ts';

process.exitCode = main(process.argv.slice(2), nodeIO());
