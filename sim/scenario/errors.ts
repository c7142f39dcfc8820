// Scenario errors are data, not exceptions: the loader collects them with
// their source position and the CLI prints each as one line. Nothing here
// throws, so a bad file can never surface as a stack trace.

import { cut, escapeControls, MAX_LINE } from '../core/printable.ts';

/** A place in a scenario file; line and col are 1-based, as editors show them. */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** Stable machine-readable error kinds (tests and tools match on these, not on wording). */
export type ScenarioErrorCode =
  | 'yaml-syntax'
  | 'unreadable-file'
  | 'unknown-key'
  | 'missing-key'
  | 'unknown-node'
  | 'unknown-workload'
  | 'unknown-action'
  | 'unknown-condition'
  | 'unknown-name'
  | 'wrong-type'
  | 'bad-value'
  | 'bad-time'
  | 'negative-duration'
  | 'impossible-time'
  | 'bad-range'
  | 'bad-probability'
  | 'two-actions'
  | 'no-action'
  | 'conflicting-keys'
  | 'duplicate-name'
  /** Past one of the limits of limits.ts (file size, aliases, duration, rates …). */
  | 'too-large'
  /** A step that talks to a node the timeline has certainly stopped (down-nodes.ts). */
  | 'not-running';

/** One problem in a scenario file, with the reason phrased for a user. */
export interface ScenarioError extends SourcePos {
  readonly code: ScenarioErrorCode;
  /** One line, no trailing period, e.g. `unknown key "masterz" in cluster`. */
  readonly reason: string;
  /** The nearest valid word, shown as `(did you mean "x"?)`. */
  readonly suggestion?: string;
}

/**
 * `FILE:LINE:COL: REASON (did you mean "x"?)`: one line, whatever the reason
 * contains. Multi-line text becomes one line; control characters (an ESC, a
 * NUL) are printed as escapes; a reason longer than MAX_LINE is cut with an
 * ellipsis (readers quote values short already: this is the safety net).
 */
export function formatScenarioError(e: ScenarioError): string {
  const reason = cut(escapeControls(e.reason.replace(/\s*\n\s*/g, ' ')), MAX_LINE);
  const hint = e.suggestion === undefined ? '' : ` (did you mean "${escapeControls(e.suggestion)}"?)`;
  return `${cut(escapeControls(e.file), MAX_LINE)}:${e.line}:${e.col}: ${reason}${hint}`;
}

/** How many errors a file reports at most; past that, the rest are mostly echoes of the first. */
export const MAX_ERRORS_PER_FILE = 20;

/** Order by position, then code and reason, so the output never depends on validation order. */
export function compareErrors(a: ScenarioError, b: ScenarioError): number {
  return (
    a.line - b.line ||
    a.col - b.col ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0)
  );
}

/**
 * Errors sorted by position with exact duplicates removed (the same node can
 * be reached twice, e.g. through a YAML alias), and the total before capping.
 */
export function sortErrors(errors: readonly ScenarioError[]): ScenarioError[] {
  const sorted = [...errors].sort(compareErrors);
  const out: ScenarioError[] = [];
  for (const e of sorted) {
    const prev = out[out.length - 1];
    if (prev && compareErrors(prev, e) === 0) continue;
    out.push(e);
  }
  return out;
}

/** The errors worth printing for one file: sorted, deduplicated, at most MAX_ERRORS_PER_FILE. */
export function capErrors(errors: readonly ScenarioError[]): { shown: ScenarioError[]; omitted: number } {
  const all = sortErrors(errors);
  return { shown: all.slice(0, MAX_ERRORS_PER_FILE), omitted: Math.max(0, all.length - MAX_ERRORS_PER_FILE) };
}
