// `sim check FILE…`: validate scenario files and report every problem as one
// line `FILE:LINE:COL: REASON (did you mean "x"?)`. File access is injected so
// the CLI passes fs and tests pass a map; this module does no I/O itself.

import { escapeControls } from '../core/printable.ts';
import { capErrors, formatScenarioError } from './errors.ts';
import { loadScenario } from './load.ts';

/** Returns a file's text, or throws (as fs.readFileSync does) when it cannot be read. */
export type ReadFileFn = (path: string) => string;

export interface FileCheck {
  readonly file: string;
  readonly ok: boolean;
  /** Errors found (before capping); 1 for an unreadable file. */
  readonly errorCount: number;
}

export interface CheckFilesResult {
  /** True when every file loaded without error (the CLI exits 0, else 2). */
  readonly ok: boolean;
  /** Error lines for all files, in argument order, each file's sorted by position. */
  readonly lines: readonly string[];
  readonly files: readonly FileCheck[];
}

/**
 * Check each file. An unreadable file is one line (`FILE: cannot read: no such
 * file`); a file with more than MAX_ERRORS_PER_FILE errors ends with a count of the rest.
 */
export function checkFiles(paths: readonly string[], readFile: ReadFileFn): CheckFilesResult {
  const lines: string[] = [];
  const files: FileCheck[] = [];
  for (const file of paths) {
    let text: string;
    try {
      text = readFile(file);
    } catch (e) {
      lines.push(`${escapeControls(file)}: cannot read: ${escapeControls(readFailure(e))}`);
      files.push({ file, ok: false, errorCount: 1 });
      continue;
    }
    const result = loadScenario(file, text);
    if (result.ok) {
      files.push({ file, ok: true, errorCount: 0 });
      continue;
    }
    const { shown, omitted } = capErrors(result.errors);
    for (const e of shown) lines.push(formatScenarioError(e));
    if (omitted > 0) lines.push(`${escapeControls(file)}: ${omitted} more error${omitted === 1 ? '' : 's'} not shown`);
    files.push({ file, ok: false, errorCount: result.errors.length });
  }
  return { ok: files.every((f) => f.ok), lines, files };
}

/** A short, stack-free reason for a failed read (Node's error codes in words). */
function readFailure(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
  const words: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'it is a directory',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
  };
  if (code !== undefined && words[code]) return words[code];
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0] ?? msg;
}
