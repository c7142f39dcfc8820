// Text → Scenario. Parses YAML with positions kept (LineCounter, node
// ranges) and its cost bounded (yaml-doc.ts), turns YAML's own syntax errors
// into positioned ScenarioErrors, and validates the document. Never throws on
// bad input: errors are returned.

import type { YAMLError } from 'yaml';
import type { ScenarioError } from './errors.ts';
import { sortErrors } from './errors.ts';
import { readScenario } from './schema.ts';
import type { Scenario } from './types.ts';
import { readYaml } from './yaml-doc.ts';
import { ReadContext } from './yaml-read.ts';

export type LoadResult =
  | { readonly ok: true; readonly scenario: Scenario }
  /** Sorted by position; not capped (formatting caps, see check-files.ts). */
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };

/** `scenarios/split-brain.yaml` → `split-brain`: the default scenario name. */
export function baseName(file: string): string {
  const last = file.split(/[\\/]/).pop() ?? file;
  return last.replace(/\.(ya?ml)$/i, '') || last;
}

/**
 * Load a scenario from its text. `file` is used in error positions and for
 * the default name; nothing is read from disk here.
 */
export function loadScenario(file: string, text: string): LoadResult {
  // A byte-order mark is not a column: editors do not show it, so positions count from after it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = readYaml(file, text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const { doc, lineCounter, targets } = parsed.yaml;
  const ctx = new ReadContext(file, text, lineCounter, targets);
  // A document with syntax errors has guessed structure; validating it would only add echoes.
  const syntax = [...doc.errors, ...doc.warnings];
  if (syntax.length > 0) {
    for (const e of syntax) ctx.errorAt(ctx.posAt(e.pos[0]), 'yaml-syntax', yamlReason(e));
    return { ok: false, errors: sortErrors(ctx.errors) };
  }
  const scenario = readScenario(ctx, doc.contents, baseName(file));
  if (!scenario || ctx.errors.length > 0) return { ok: false, errors: sortErrors(ctx.errors) };
  return { ok: true, scenario };
}

/** YAML's message without its own position suffix or source excerpt (we print positions ourselves). */
function yamlReason(e: YAMLError): string {
  const first = e.message.split('\n')[0] ?? e.message;
  const text = first.replace(/ at line \d+, column \d+:?\s*$/, '').trim();
  return `YAML syntax error: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}
