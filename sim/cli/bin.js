#!/usr/bin/env node
// `sim` entry point: registers tsx so the TypeScript sources run directly,
// then hands the arguments to the CLI with real I/O.
import { register } from 'tsx/esm/api';

register();
const { main, nodeIO } = await import('./main.ts');

process.exitCode = main(process.argv.slice(2), nodeIO());
